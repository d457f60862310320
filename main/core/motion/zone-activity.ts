// When a zone's motion becomes an event and when the event is over: pure bookkeeping on scores and times.
import type { MotionTransition } from './types'

export interface ActivityRule {
  /** Consecutive frames with a large enough object before an event starts (one frame may be a glitch). */
  startFrames: number
  /** An event ends after this long without a large enough object. */
  endAfterMs: number
}

/**
 * One zone's state. An event starts at the first of `startFrames` consecutive moving frames and ends at
 * the last moving frame, reported once `endAfterMs` has passed without motion (or on finish()).
 */
export class ZoneActivity {
  private run = 0
  private runStart = 0
  private runPeak = 0
  private active = false
  private lastMotion = 0
  private peak = 0

  constructor(
    readonly zoneId: string,
    /** Replaceable: new settings apply to an open event too. */
    public rule: ActivityRule
  ) {}

  get isActive(): boolean {
    return this.active
  }

  /**
   * One frame at time t. `score` is the zone's largest object as a share of the frame; null means the frame
   * tells nothing about motion (warm-up, a global light change): it breaks a run but does not stop the clock.
   */
  observe(t: number, score: number | null, minScore: number): MotionTransition | null {
    const moving = score !== null && score > 0 && score >= minScore
    if (moving) {
      if (this.active) {
        this.lastMotion = t
        if (score > this.peak) this.peak = score
        return null
      }
      if (this.run === 0) {
        this.runStart = t
        this.runPeak = 0
      }
      this.run++
      if (score > this.runPeak) this.runPeak = score
      if (this.run < this.rule.startFrames) return null
      this.run = 0
      this.active = true
      this.lastMotion = t
      this.peak = this.runPeak
      return { type: 'start', zoneId: this.zoneId, t: this.runStart, score: this.runPeak }
    }
    this.run = 0
    if (this.active && t - this.lastMotion >= this.rule.endAfterMs) return this.end(this.lastMotion)
    return null
  }

  /** Ends an open event now (the stream stopped): at its last moving frame, never after t. */
  finish(t: number): MotionTransition | null {
    this.run = 0
    return this.active ? this.end(Math.min(this.lastMotion, t)) : null
  }

  private end(t: number): MotionTransition {
    this.active = false
    return { type: 'end', zoneId: this.zoneId, t, peakScore: this.peak }
  }
}
