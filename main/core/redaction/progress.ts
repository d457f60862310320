// Frames done / total and time left, reported at most every intervalMs (a UI over IPC does not want 60
// messages a second), plus always the first and the last update of a phase.
import type { Progress, ProgressListener } from './types'

export type Clock = () => number

export class ProgressMeter {
  private readonly startedAt: number
  private lastSentAt = -Infinity

  constructor(
    private readonly listener: ProgressListener | undefined,
    private readonly phase: Progress['phase'],
    public total: number,
    private readonly now: Clock = Date.now,
    private readonly intervalMs = 250
  ) {
    this.startedAt = now()
    this.send(0, true)
  }

  /** ETA from the average pace so far; null until half a second of work shows a pace. */
  eta(done: number): number | null {
    const elapsed = this.now() - this.startedAt
    if (done <= 0 || elapsed < 500) return null
    return Math.max(0, Math.round((elapsed / done) * (this.total - done)))
  }

  send(done: number, force = false): void {
    if (!this.listener) return
    const now = this.now()
    if (!force && now - this.lastSentAt < this.intervalMs) return
    this.lastSentAt = now
    // The decoder's count can exceed an estimate from the container duration.
    this.total = Math.max(this.total, done)
    this.listener({ phase: this.phase, framesDone: done, framesTotal: this.total, etaMs: this.eta(done) })
  }

  finish(done: number): void {
    this.total = done
    this.send(done, true)
  }
}
