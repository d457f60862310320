import { mkdirSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { CameraStatus, ErrorPayload, GapCause } from '../../contract'
import type { GapsRepo } from '../db'
import type { Logger } from '../host'
import { runProcess, type RunningProcess } from '../media/process-runner'
import { recordArgs, recordedCodecs, type RecordSource } from '../media/record-args'
import { scrubSecrets } from '../media/redact'
import { classifyStreamError } from '../media/stream-errors'
import { backoffDelay, InterruptibleSleep, type BackoffPolicy } from './backoff'
import { ClockAnchor } from './clock-anchor'
import { ProgressParser, parseSegmentListLine } from './ffmpeg-progress'
import type { SegmentIndexer, SegmentTiming } from './segment-indexer'
import { INCOMING_DIR } from './segment-paths'

export interface RecorderSettings {
  segmentSeconds: number
  fragmentMs: number
  /** No new bytes for this long = stalled: ffmpeg is restarted (a silent camera can hang ffmpeg forever). */
  stallMs: number
  socketTimeoutMs: number
  backoff: BackoffPolicy
  /** Recording this long without failure resets the backoff. */
  healthyAfterMs: number
}

export type SourceResult = { ok: true; source: RecordSource } | { ok: false; error: ErrorPayload }

export interface CameraRecorderDeps {
  cameraId: string
  /** Resolves what to record (probes an RTSP camera first, so an offline camera gets a specific reason). */
  resolveSource(): Promise<SourceResult>
  /** Secrets to scrub from ffmpeg's stderr before it is logged or shown. */
  secrets(): (string | null)[]
  ffmpeg: string
  recordingsDir: string
  indexer: SegmentIndexer
  gaps: GapsRepo
  settings: () => RecorderSettings
  logger: Logger
  onStatus(status: CameraStatus): void
  /** Receives the live tap (fd 4) of each ffmpeg run; it must be read continuously, or recording stalls. */
  onLiveTap?(bytes: NodeJS.ReadableStream): void
  now?: () => number
}

type RunEnd = { cause: GapCause; error: ErrorPayload | null; detail: string }

/**
 * Supervises one camera's ffmpeg: probe, record, watch progress, index closed segments, restart with
 * capped backoff, and write every gap with its cause. stop() ends the current segment cleanly.
 */
export class CameraRecorder {
  private status: CameraStatus
  private stopping: GapCause | null = null
  private loop: Promise<void> | null = null
  private readonly backoff = new InterruptibleSleep()
  private process: RunningProcess | null = null
  private failures = 0
  private readonly now: () => number
  private readonly incomingDir: string
  /** Files whose indexing is under way; waited for on stop so the index is complete when stop() returns. */
  private indexing: Promise<unknown> = Promise.resolve()

  constructor(private readonly deps: CameraRecorderDeps) {
    this.now = deps.now ?? Date.now
    this.incomingDir = join(deps.recordingsDir, deps.cameraId, INCOMING_DIR)
    this.status = {
      cameraId: deps.cameraId,
      state: 'starting',
      reason: null,
      since: this.now(),
      lastSegmentEnd: null,
      restarts: 0,
      retryAt: null
    }
  }

  get currentStatus(): CameraStatus {
    return this.status
  }

  /** The file being written now (for stills), if any. */
  get openFile(): string | null {
    return this.process ? this.newestIncoming() : null
  }

  start(): void {
    if (this.loop) return
    this.stopping = null
    mkdirSync(this.incomingDir, { recursive: true })
    this.loop = this.run().catch((error: unknown) => {
      this.deps.logger.error(`supervisor crashed: ${String(error)}`)
    })
  }

  /** Stops recording; the gap that follows is recorded with `cause` (app stopped, paused, removed). */
  async stop(cause: GapCause = 'app_stopped'): Promise<void> {
    this.stopping = cause
    this.backoff.wake()
    await this.process?.stop()
    await this.loop
    this.loop = null
    await this.indexing
    if (cause === 'paused') this.setStatus({ state: 'paused', reason: null, retryAt: null })
  }

  private async run(): Promise<void> {
    await this.finalizeLeftovers()
    while (!this.stopping) {
      this.setStatus({ state: 'starting', retryAt: null })
      const resolved = await this.deps.resolveSource()
      if (this.stopping) break
      let end: RunEnd
      let recorded = false
      let mediaEnd: number | null = null
      if (!resolved.ok) {
        end = { cause: 'camera_offline', error: resolved.error, detail: resolved.error.message }
      } else {
        const outcome = await this.record(resolved.source)
        end = outcome.end
        recorded = outcome.recorded
        mediaEnd = outcome.mediaEnd
      }
      if (this.stopping) break
      this.failures = recorded ? 1 : this.failures + 1
      // The gap starts where the pictures stop, and keeps the cause that stopped recording; later failed
      // retries only update the status.
      const gapStart = mediaEnd ?? this.status.lastSegmentEnd ?? this.now()
      this.deps.gaps.open(this.deps.cameraId, gapStart, end.cause, end.detail, false)
      const delay = backoffDelay(this.failures, this.deps.settings().backoff)
      this.deps.logger.warn(`${end.cause}: ${end.detail}; retrying in ${delay} ms`)
      this.setStatus({ state: 'offline', reason: end.error, retryAt: this.now() + delay, restarts: this.status.restarts + 1 })
      await this.backoff.sleep(delay)
    }
    const lastEnd = this.status.lastSegmentEnd
    this.deps.gaps.open(this.deps.cameraId, lastEnd ?? this.now(), this.stopping ?? 'app_stopped', null, false)
  }

  /** One ffmpeg run, from spawn to exit. */
  private async record(source: RecordSource): Promise<{ recorded: boolean; mediaEnd: number | null; end: RunEnd }> {
    const settings = this.deps.settings()
    const runId = `${this.now().toString(36)}-${randomBytes(2).toString('hex')}`
    const args = recordArgs(source, {
      incomingDir: this.incomingDir,
      runId,
      segmentSeconds: settings.segmentSeconds,
      fragmentMs: settings.fragmentMs,
      socketTimeoutMs: settings.socketTimeoutMs,
      liveTap: this.deps.onLiveTap !== undefined && source.kind === 'rtsp'
    })
    const tapped = args.includes('pipe:4')
    const proc = runProcess(this.deps.ffmpeg, args, { extraPipes: tapped ? 2 : 1, logger: this.deps.logger })
    this.process = proc
    const tap = proc.child.stdio[4] as NodeJS.ReadableStream | null | undefined
    if (tapped && tap) this.deps.onLiveTap?.(tap)
    const anchor = new ClockAnchor()
    const codecs = recordedCodecs(source)
    /** Stream-time end of each closed segment by sequence number: where the next (maybe partial) one starts. */
    let lastListedEndSec = 0
    let lastWallEnd: number | null = null
    // The segment muxer reports no byte count, so progress is media time advancing (out_time).
    let lastOutTimeUs = 0
    let lastProgressAt = this.now()
    const submitted = new Set<string>()
    let recordingSince: number | null = null
    let stalled = false
    let stderrTail = ''

    const wallStart = (streamStartSec: number): number => {
      const estimate = anchor.wallTime(streamStartSec) ?? this.now()
      // Consecutive segments of one run are contiguous by construction: the next starts where the last
      // ended. The clock estimate only wins when it is clearly later (the camera's clock drifted, or the
      // stream really jumped); an earlier estimate is the anchor settling under load, never a reason to overlap.
      if (lastWallEnd === null) return estimate
      return estimate > lastWallEnd + 2000 ? estimate : lastWallEnd
    }

    const indexFile = (fileName: string, startSec: number, endSec: number | null) => {
      submitted.add(fileName)
      const file = join(this.incomingDir, fileName)
      let timing: SegmentTiming
      if (lastWallEnd === null && endSec !== null) {
        // A run's first segment: the list says it starts at 0, but stream copy starts at the camera's first
        // keyframe, up to a GOP later. Its end is right, so it is timed back from the end by its real length.
        const endMs = anchor.wallTime(endSec) ?? this.now()
        timing = { startMs: null, durationMs: null, endMs, codecs }
        lastWallEnd = endMs
      } else {
        const startMs = wallStart(startSec)
        const durationMs = endSec === null ? null : Math.round((endSec - startSec) * 1000)
        if (durationMs !== null) lastWallEnd = startMs + durationMs
        timing = { startMs, durationMs, codecs }
      }
      const job = this.indexing.then(async () => {
        const segment = await this.deps.indexer.finalize(this.deps.cameraId, file, timing)
        if (segment) {
          lastWallEnd = segment.end
          this.setStatus({ lastSegmentEnd: segment.end })
        }
      })
      this.indexing = job.catch((error: unknown) => this.deps.logger.error(`indexing ${fileName} failed: ${String(error)}`))
      return job
    }

    let stdoutBuffer = ''
    proc.child.stdout?.on('data', (chunk: Buffer) => {
      stdoutBuffer += chunk.toString('utf8')
      let newline: number
      while ((newline = stdoutBuffer.indexOf('\n')) >= 0) {
        const listed = parseSegmentListLine(stdoutBuffer.slice(0, newline))
        stdoutBuffer = stdoutBuffer.slice(newline + 1)
        if (!listed) continue
        lastListedEndSec = listed.endSec
        void indexFile(listed.fileName, listed.startSec, listed.endSec)
      }
    })
    proc.child.stderr?.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-8192)
    })
    const progress = new ProgressParser((report) => {
      const now = this.now()
      anchor.observe(now, report.outTimeUs / 1000)
      if (report.outTimeUs > lastOutTimeUs) {
        lastOutTimeUs = report.outTimeUs
        lastProgressAt = now
        if (recordingSince === null) {
          recordingSince = now
          this.deps.gaps.close(this.deps.cameraId, anchor.originMs ?? now)
          this.setStatus({ state: 'recording', reason: null, retryAt: null })
        }
      }
      if (recordingSince !== null && now - recordingSince > this.deps.settings().healthyAfterMs) this.failures = 0
    })
    const progressPipe = proc.child.stdio[3] as NodeJS.ReadableStream | undefined
    progressPipe?.on('data', (chunk: Buffer) => progress.push(chunk.toString('utf8')))

    const watchdog = setInterval(() => {
      if (!stalled && !this.stopping && this.now() - lastProgressAt > settings.stallMs) {
        stalled = true
        this.deps.logger.warn(`no new bytes for ${settings.stallMs} ms: restarting ffmpeg`)
        void proc.stop(1000)
      }
    }, 1000)

    const exit = await proc.exited
    clearInterval(watchdog)
    this.process = null
    // Whatever ffmpeg did not report as closed (killed, crashed, or the camera vanished) is a partial
    // segment: fragmented MP4 keeps all but the last fragment, so it is indexed, not thrown away.
    await this.indexing
    for (const fileName of this.incomingFiles()) {
      if (fileName.startsWith(runId) && !submitted.has(fileName)) {
        await indexFile(fileName, lastListedEndSec, null).catch(() => undefined)
      }
    }
    await this.indexing
    const stderr = scrubSecrets(stderrTail, this.deps.secrets())
    // Media the camera sent but no segment kept (killed before its first fragment) still ends the recording.
    const lastMedia = lastOutTimeUs > 0 ? anchor.wallTime(lastOutTimeUs / 1_000_000) : null
    const mediaEnd = lastWallEnd ?? lastMedia
    return { recorded: recordingSince !== null, mediaEnd, end: this.describeExit(exit, stderr, stalled, settings.stallMs) }
  }

  private describeExit(
    exit: { code: number | null; signal: NodeJS.Signals | null },
    stderr: string,
    stalled: boolean,
    stallMs: number
  ): RunEnd {
    if (stalled) {
      return { cause: 'stalled', error: { code: 'RECORDING_STALLED', message: `The camera sent nothing for ${stallMs / 1000} s` }, detail: 'no new data' }
    }
    const classified = classifyStreamError(stderr, 'The camera', false)
    if (classified.code === 'DISK_FULL') return { cause: 'disk_full', error: classified, detail: classified.message }
    if (classified.code !== 'PROBE_FAILED') return { cause: 'camera_offline', error: classified, detail: classified.message }
    if (exit.signal) {
      return {
        cause: 'ffmpeg_exit',
        error: { code: 'FFMPEG_EXITED', message: `ffmpeg was killed (${exit.signal})` },
        detail: `killed by ${exit.signal}`
      }
    }
    const { code } = exit
    if (code === 0) {
      // ffmpeg ends with 0 when the camera closes the stream: the camera went away, ffmpeg did not fail.
      return { cause: 'camera_offline', error: { code: 'PROBE_FAILED', message: 'The camera ended the stream' }, detail: 'stream ended' }
    }
    const lastLine = stderr.trim().split('\n').pop() ?? ''
    return {
      cause: 'ffmpeg_exit',
      error: { code: 'FFMPEG_EXITED', message: `ffmpeg exited with code ${code}${lastLine ? `: ${lastLine}` : ''}` },
      detail: `exit code ${code}`
    }
  }

  /** Files left in .incoming by an earlier run that did not end cleanly (a crash, a power cut). */
  private async finalizeLeftovers(): Promise<void> {
    for (const fileName of this.incomingFiles()) {
      await this.deps.indexer
        .finalize(this.deps.cameraId, join(this.incomingDir, fileName), { startMs: null, durationMs: null })
        .catch((error: unknown) => this.deps.logger.error(`recovering ${fileName} failed: ${String(error)}`))
    }
  }

  private incomingFiles(): string[] {
    try {
      return readdirSync(this.incomingDir).filter((name) => name.endsWith('.mp4')).sort()
    } catch {
      return []
    }
  }

  private newestIncoming(): string | null {
    const files = this.incomingFiles()
    const newest = files[files.length - 1]
    if (!newest) return null
    const file = join(this.incomingDir, newest)
    try {
      return statSync(file).size > 0 ? file : null
    } catch {
      return null
    }
  }


  private setStatus(patch: Partial<CameraStatus>): void {
    const stateChanged = patch.state !== undefined && patch.state !== this.status.state
    this.status = { ...this.status, ...patch, ...(stateChanged ? { since: this.now() } : {}) }
    this.deps.onStatus(this.status)
  }
}
