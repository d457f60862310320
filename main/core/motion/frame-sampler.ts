// Which of a camera's frames the detector looks at. ffmpeg's fps filter would choose, but it holds every
// frame back until the next one arrives (200-330 ms at 5 fps, measured), so the watcher takes every frame
// and keeps one in k, k from the camera's own frame rate. Counting frames rather than comparing arrival
// times keeps the rate steady when the network delivers frames in bursts.

/** Arrivals the frame rate is estimated over: about two seconds of a 15 fps camera. */
const WINDOW = 30
/** Until this many frames have arrived, every frame is analysed (the detector is warming up anyway). */
const MIN_FOR_ESTIMATE = 10

export class FrameSampler {
  private readonly arrivals: number[] = []
  private sinceTaken = 0

  constructor(private readonly targetFps: number) {}

  /** Call once per arriving frame; true when this one should be analysed. */
  take(arrivedAt: number): boolean {
    this.arrivals.push(arrivedAt)
    if (this.arrivals.length > WINDOW) this.arrivals.shift()
    this.sinceTaken++
    if (this.sinceTaken < this.every()) return false
    this.sinceTaken = 0
    return true
  }

  /** The camera's frame rate as seen here, or null while there are too few frames to tell. */
  sourceFps(): number | null {
    if (this.arrivals.length < MIN_FOR_ESTIMATE) return null
    const span = this.arrivals[this.arrivals.length - 1] - this.arrivals[0]
    return span > 0 ? ((this.arrivals.length - 1) * 1000) / span : null
  }

  private every(): number {
    const fps = this.sourceFps()
    return fps === null ? 1 : Math.max(1, Math.round(fps / this.targetFps))
  }

  reset(): void {
    this.arrivals.length = 0
    this.sinceTaken = 0
  }
}
