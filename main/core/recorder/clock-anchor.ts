/**
 * Maps ffmpeg's stream time to wall-clock time. Each progress report says "at wall time `now`, media up to
 * `outTime` was written"; now - outTime over-estimates the wall time of stream time 0 by the pipeline delay,
 * so the smallest value seen is the best estimate. A sliding window lets it follow a camera clock that
 * drifts against the machine's over a long run.
 */
export class ClockAnchor {
  private readonly samples: number[] = []

  constructor(private readonly window = 300) {}

  observe(nowMs: number, outTimeMs: number): void {
    if (outTimeMs <= 0) return
    this.samples.push(nowMs - outTimeMs)
    if (this.samples.length > this.window) this.samples.shift()
  }

  /** Wall time (epoch ms) of stream time 0, or null before the first observation. */
  get originMs(): number | null {
    return this.samples.length ? Math.round(Math.min(...this.samples)) : null
  }

  wallTime(streamSec: number): number | null {
    const origin = this.originMs
    return origin === null ? null : Math.round(origin + streamSec * 1000)
  }
}
