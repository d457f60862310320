// Watches one camera stream for motion: a small ffmpeg decodes it to gray frames, a MotionDetector turns
// them into events. Restarts ffmpeg with capped backoff when it exits or goes silent.
import type { Logger } from '../host'
import { runProcess, type RunningProcess } from '../media/process-runner'
import { scrubSecrets } from '../media/redact'
import { backoffDelay, InterruptibleSleep, type BackoffPolicy } from '../recorder/backoff'
import { FrameSplitter } from './frame-splitter'
import { LIVE_PIPE_INPUT, pipeLiveRun, type OpenLive } from './live-input'
import { buildMotionArgs, isRtspUrl } from './motion-args'
import { MotionDetector } from './motion-detector'
import type { DetectorConfig, MotionTransition, ZoneScores } from './types'

/**
 * Where the frames come from: a stream URL or file ffmpeg opens itself (a substream; `file` for tests and
 * demos: read at its own pace, and loop), or the camera's live stream from the recorder's connection.
 */
export type MotionInput = { kind: 'url'; url: string; file?: { realtime?: boolean; loop?: boolean } } | { kind: 'live'; open: OpenLive }

export interface MotionWatcherDeps {
  ffmpeg: string
  input: MotionInput
  config: DetectorConfig
  logger: Logger
  onTransition(transition: MotionTransition): void
  /** Every analysed frame's zone scores (the map is reused: copy it to keep it). */
  onScore?(scores: ZoneScores, t: number): void
  now?: () => number
  /** No frame for this long = stalled: ffmpeg is restarted (a silent camera can hang ffmpeg forever). */
  stallMs?: number
  backoff?: BackoffPolicy
  /** Secrets to scrub from ffmpeg's stderr before it is logged (the camera password). */
  secrets?: () => readonly (string | null)[]
}

export const DEFAULT_MOTION_STALL_MS = 10_000
export const DEFAULT_MOTION_BACKOFF: BackoffPolicy = { baseMs: 1000, capMs: 30_000 }

export class MotionWatcher {
  private config: DetectorConfig
  private detector: MotionDetector
  private readonly now: () => number
  private readonly sleep = new InterruptibleSleep()
  private loop: Promise<void> | null = null
  private process: RunningProcess | null = null
  private stopping = false
  /** Set when a new frame size or rate needs a new ffmpeg: the restart is immediate, not a failure. */
  private reconfiguring = false
  private failures = 0
  private runs = 0

  constructor(private readonly deps: MotionWatcherDeps) {
    this.config = deps.config
    this.detector = new MotionDetector(deps.config)
    this.now = deps.now ?? Date.now
  }

  /** Process id of the running ffmpeg, if any. */
  get pid(): number | undefined {
    return this.process?.pid
  }

  /** ffmpeg runs started so far (1 after a clean start; more after restarts). */
  get startedRuns(): number {
    return this.runs
  }

  start(): void {
    if (this.loop) return
    this.stopping = false
    this.loop = this.run().catch((error: unknown) => this.deps.logger.error(`motion supervisor crashed: ${String(error)}`))
  }

  /** Stops ffmpeg; an open event ends at its last moving frame. */
  async stop(): Promise<void> {
    this.stopping = true
    this.sleep.wake()
    await this.process?.stop(1000)
    await this.loop
    this.loop = null
  }

  /** New zones or thresholds apply from the next frame; a new frame size or rate restarts ffmpeg. */
  updateConfig(config: DetectorConfig): void {
    const old = this.config
    // Every sync (privacy switch, any camera edit) hands every watcher its config again; an unchanged one
    // must not rebuild the detector's zones and background model.
    if (JSON.stringify(config) === JSON.stringify(old)) return
    this.config = config
    const sameSize = config.width === old.width && config.height === old.height
    if (sameSize) {
      for (const transition of this.detector.updateConfig(config)) this.emit(transition)
      if (config.fps === old.fps) return
    } else {
      for (const transition of this.detector.finish(this.now())) this.emit(transition)
      this.detector = new MotionDetector(config)
    }
    // Frames of the old size or rate still in the pipe are dropped until the new ffmpeg runs.
    this.reconfiguring = true
    this.sleep.wake()
    void this.process?.stop(1000)
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      this.reconfiguring = false
      const outcome = await this.watchOnce()
      // Frames stopped: an open event ends at its last moving frame, and the next run learns afresh.
      for (const transition of this.detector.finish(this.now())) this.emit(transition)
      if (this.stopping) break
      if (this.reconfiguring) continue
      this.failures = outcome.framesSeen ? 1 : this.failures + 1
      const delay = backoffDelay(this.failures, this.deps.backoff ?? DEFAULT_MOTION_BACKOFF)
      this.deps.logger.warn(`motion ffmpeg ended (${outcome.reason}); retrying in ${delay} ms`)
      await this.sleep.sleep(delay)
    }
  }

  /** One ffmpeg run, from spawn to exit. */
  private async watchOnce(): Promise<{ framesSeen: boolean; reason: string }> {
    const { width, height, fps } = this.config
    const { input } = this.deps
    const source = input.kind === 'url' ? { input: input.url, rtsp: isRtspUrl(input.url), ...input.file } : LIVE_PIPE_INPUT
    const proc = runProcess(this.deps.ffmpeg, buildMotionArgs({ ...source, width, height, fps }), { logger: this.deps.logger })
    this.process = proc
    this.runs++
    let liveEnded: string | null = null
    const leaveLive =
      input.kind === 'live'
        ? pipeLiveRun(input.open, proc.child.stdin!, (reason) => {
            liveEnded = reason
            void proc.stop(1000)
          })
        : () => {}
    let framesSeen = false
    let lastFrameAt = this.now()
    let stalled = false
    let stderrTail = ''
    let analysisFailed = false
    const splitter = new FrameSplitter(width * height, (frame) => {
      if (this.reconfiguring) return
      framesSeen = true
      lastFrameAt = this.now()
      try {
        this.analyse(frame, lastFrameAt)
      } catch (error) {
        // A bug in analysis must not take the app down from inside a stream handler; once per run is enough.
        if (!analysisFailed) this.deps.logger.error(`motion analysis failed: ${String(error)}`)
        analysisFailed = true
      }
    })
    proc.child.stdout?.on('data', (chunk: Buffer) => splitter.push(chunk))
    proc.child.stderr?.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-4096)
    })
    const stallMs = this.deps.stallMs ?? DEFAULT_MOTION_STALL_MS
    const watchdog = setInterval(() => {
      if (!stalled && !this.stopping && this.now() - lastFrameAt > stallMs) {
        stalled = true
        this.deps.logger.warn(`no motion frame for ${stallMs} ms: restarting ffmpeg`)
        void proc.stop(1000)
      }
    }, Math.min(1000, stallMs / 2))
    const exit = await proc.exited
    leaveLive()
    clearInterval(watchdog)
    this.process = null
    const lastLine = scrubSecrets(stderrTail, this.deps.secrets?.() ?? []).trim().split('\n').pop() ?? ''
    const reason = stalled
      ? `no frame for ${stallMs} ms`
      : liveEnded
        ? liveEnded
        : exit.signal
        ? `killed by ${exit.signal}`
        : `exit code ${exit.code}${lastLine ? `: ${lastLine}` : ''}`
    return { framesSeen, reason }
  }

  private analyse(frame: Uint8Array, t: number): void {
    const result = this.detector.push(frame, t)
    for (const transition of result.transitions) this.emit(transition)
    try {
      this.deps.onScore?.(result.scores, t)
    } catch (error) {
      this.deps.logger.error(`motion score listener failed: ${String(error)}`)
    }
  }

  private emit(transition: MotionTransition): void {
    try {
      this.deps.onTransition(transition)
    } catch (error) {
      // A failing listener must not stop motion detection for the camera.
      this.deps.logger.error(`motion transition listener failed: ${String(error)}`)
    }
  }
}
