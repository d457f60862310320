import type { ErrorPayload, LiveHello } from '../../contract'
import type { LiveMessage, LiveSink, Logger } from '../host'
import { liveArgs, needsTranscode, QUICK_ANALYZE_US, type LiveSource } from '../media/live-args'
import { runProcess, type RunningProcess } from '../media/process-runner'
import { scrubSecrets } from '../media/redact'
import { DEFAULT_SOCKET_TIMEOUT_MS } from '../media/rtsp-input'
import { classifyStreamError } from '../media/stream-errors'
import { backoffDelay, InterruptibleSleep, type BackoffPolicy } from '../recorder/backoff'
import { decodeTimes, mimeType, Mp4Splitter, shiftDecodeTimes, type TrackInfo } from './mp4-boxes'

export interface LiveSettings {
  /** A relay without viewers keeps running this long, so switching back to a camera is instant. */
  idleMs: number
  /** A viewer whose transport holds more than this many unsent bytes is dropped rather than buffered for. */
  maxBufferedBytes: number
  /** The current GOP is kept for late viewers up to this size; beyond it they wait for the next keyframe. */
  maxGopBytes: number
  /** No bytes from ffmpeg for this long (including its start) = stalled: it is restarted. */
  stallMs: number
  socketTimeoutMs: number
  backoff: BackoffPolicy
}

export const DEFAULT_LIVE_SETTINGS: LiveSettings = {
  idleMs: 10_000,
  maxBufferedBytes: 8 * 1024 * 1024,
  maxGopBytes: 4 * 1024 * 1024,
  stallMs: 10_000,
  socketTimeoutMs: DEFAULT_SOCKET_TIMEOUT_MS,
  backoff: { baseMs: 1000, capMs: 10_000 }
}

/** What to run for a relay: the probed source, or why there is none (the probe's specific error). */
export type LiveSourceResult = { ok: true; source: LiveSource } | { ok: false; error: ErrorPayload }

export interface LiveRelayDeps {
  /** For log lines only: camera id and stream, never a URL. */
  name: string
  transcode: boolean
  /** `fresh`: after a failure, ask the camera again rather than reuse what an earlier probe found. */
  resolveSource(fresh: boolean): Promise<LiveSourceResult>
  /** Secrets to scrub from ffmpeg's stderr. */
  secrets(): (string | null)[]
  ffmpeg: string
  settings: LiveSettings
  logger: Logger
  /** The relay has stopped for good (idle, or stopped by its owner); it will not serve again. */
  onStopped(): void
  /** Fed by a recorder's tap (attachTap) instead of its own ffmpeg: no loop of its own, no idle stop. */
  tapped?: boolean
  now?: () => number
}

type ViewerState = 'waiting' | 'needKeyframe' | 'live'

interface Viewer {
  sink: LiveSink
  /** The relay serving it now: a viewer can be handed over from a relay to a tapped one. */
  owner: LiveRelay
  state: ViewerState
  /** The last error this viewer was told, so a camera that keeps failing the same way is not repeated every retry. */
  lastError: string | null
}

interface Stream {
  hello: LiveHello
  init: Buffer
  tracks: readonly TrackInfo[]
  /** The newest keyframe fragment and the fragments after it: what a late viewer starts with. */
  gop: Buffer[]
  gopBytes: number
}

/**
 * One upstream ffmpeg for one camera stream, shared by every viewer of it. Started by the first viewer,
 * stopped `idleMs` after the last one leaves, restarted with capped backoff while viewers remain. It keeps
 * the init segment and the current GOP, so a viewer who joins later gets a picture at once.
 */
export class LiveRelay {
  private readonly viewers = new Set<Viewer>()
  private readonly now: () => number
  private stopping = false
  private loop: Promise<void> | null = null
  private process: RunningProcess | null = null
  private stream: Stream | null = null
  private idleTimer: NodeJS.Timeout | null = null
  private readonly backoff = new InterruptibleSleep()
  private failures = 0
  /** A quick start failed before the init segment: from now on ffmpeg analyses the stream for as long as it likes. */
  private thoroughStart = false
  private stoppedNotified = false
  /** Wall time at which the shared timeline's zero was, and each track's latest shifted decode time. */
  private timelineZero: number | null = null
  private readonly lastDecodeTime = new Map<number, number>()

  constructor(private readonly deps: LiveRelayDeps) {
    this.now = deps.now ?? Date.now
  }

  get stopped(): boolean {
    return this.stopping
  }

  /** Whether a stream is flowing now (a viewer joining gets a picture at once). */
  get streaming(): boolean {
    return this.stream !== null
  }

  get isTapped(): boolean {
    return this.deps.tapped === true
  }

  get viewerCount(): number {
    return this.viewers.size
  }

  /** The running ffmpeg's pid, for tests and measurements. */
  get pid(): number | undefined {
    return this.process?.pid
  }

  /** Adds a viewer: it gets hello + init + the current GOP now if the stream runs, else when it starts. */
  add(sink: LiveSink): () => void {
    if (this.stopping) throw new Error('LiveRelay.add after stop')
    const viewer: Viewer = { sink, owner: this, state: 'waiting', lastError: null }
    this.adopt(viewer)
    return () => viewer.owner.remove(viewer)
  }

  /**
   * Moves every viewer to `to` without closing their connections: they get its hello and init next, as
   * after a camera comes back. Used when a recorder's tap takes over from this relay's own ffmpeg.
   */
  handOver(to: LiveRelay): void {
    for (const viewer of [...this.viewers]) {
      this.viewers.delete(viewer)
      viewer.state = 'waiting'
      to.adopt(viewer)
    }
  }

  private adopt(viewer: Viewer): void {
    viewer.owner = this
    this.viewers.add(viewer)
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    if (this.stream) this.welcome(viewer, this.stream)
    if (this.deps.tapped) return
    this.loop ??= this.run().catch((error: unknown) => this.deps.logger.error(`relay crashed: ${String(error)}`))
  }

  /** Ends the relay now: every viewer is told why and closed. */
  async stop(reason: string | null = null): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    if (!this.stopping) {
      this.stopping = true
      for (const viewer of [...this.viewers]) this.drop(viewer, reason)
      this.backoff.wake()
    }
    await this.process?.stop(1000)
    await this.loop
    this.notifyStopped()
  }

  private notifyStopped(): void {
    if (this.stoppedNotified) return
    this.stoppedNotified = true
    this.deps.onStopped()
  }

  /** Forgets a viewer; the last one to go starts the idle countdown (a tapped relay has none). */
  private remove(viewer: Viewer): void {
    if (!this.viewers.delete(viewer) || this.viewers.size > 0 || this.stopping || this.deps.tapped) return
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null
      if (this.viewers.size === 0) void this.stop()
    }, this.deps.settings.idleMs)
    this.idleTimer.unref?.()
  }

  private drop(viewer: Viewer, message: string | null): void {
    this.remove(viewer)
    try {
      if (message) viewer.sink.send({ kind: 'error', message })
      viewer.sink.end()
    } catch (error) {
      this.deps.logger.warn(`closing a viewer failed: ${String(error)}`)
    }
  }

  /** Sends to one viewer; a transport that throws loses its viewer, not the relay. */
  private deliver(viewer: Viewer, message: LiveMessage): boolean {
    try {
      viewer.sink.send(message)
      return true
    } catch (error) {
      this.deps.logger.warn(`a viewer's transport failed: ${String(error)}`)
      this.remove(viewer)
      try {
        viewer.sink.end()
      } catch {
        // already gone
      }
      return false
    }
  }

  private async run(): Promise<void> {
    try {
      while (!this.stopping) {
        const resolved = await this.deps.resolveSource(this.failures > 0)
        if (this.stopping) break
        let error: ErrorPayload
        if (resolved.ok) {
          const outcome = await this.relay(resolved.source)
          if (this.stopping) break
          error = outcome.error
          this.failures = outcome.streamed ? 1 : this.failures + 1
        } else {
          error = resolved.error
          this.failures++
        }
        this.stream = null
        const delay = backoffDelay(this.failures, this.deps.settings.backoff)
        this.deps.logger.warn(`${error.message}; retrying in ${delay} ms`)
        this.tellViewers(error.message)
        await this.backoff.sleep(delay)
      }
    } finally {
      this.stream = null
      this.stopping = true
      this.notifyStopped()
    }
  }

  /** One ffmpeg run: spawn, split its output into units, hand them out, until it exits. */
  private async relay(source: LiveSource): Promise<{ streamed: boolean; error: ErrorPayload }> {
    const { settings } = this.deps
    const transcoded = needsTranscode(source, this.deps.transcode)
    const quick = source.kind === 'rtsp' && source.quickAnalysis && !this.thoroughStart
    const args = liveArgs(source, {
      transcode: this.deps.transcode,
      socketTimeoutMs: settings.socketTimeoutMs,
      ...(quick ? { analyzeDurationUs: QUICK_ANALYZE_US } : {})
    })
    const proc = runProcess(this.deps.ffmpeg, args, { logger: this.deps.logger })
    this.process = proc
    let stalled = false
    let stderrTail = ''
    proc.child.stderr?.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-8192)
    })
    const output = this.consume(proc.child.stdout!, transcoded, () => void proc.stop(500))

    const watchdog = setInterval(() => {
      if (!this.stopping && this.now() - output.lastBytesAt > settings.stallMs) {
        stalled = true
        this.deps.logger.warn(`no bytes from ffmpeg for ${settings.stallMs} ms: restarting it`)
        void proc.stop(500)
      }
    }, 1000)
    watchdog.unref?.()

    const exit = await proc.exited
    clearInterval(watchdog)
    this.process = null
    if (quick && !this.stream && !this.stopping) this.thoroughStart = true
    const { streamed, broken } = output
    const stderr = scrubSecrets(stderrTail, this.deps.secrets())
    if (stalled) return { streamed, error: { code: 'RECORDING_STALLED', message: `The camera sent nothing for ${settings.stallMs / 1000} s` } }
    if (broken) return { streamed, error: { code: 'FFMPEG_EXITED', message: `ffmpeg's live output could not be read: ${broken}` } }
    const classified = classifyStreamError(stderr, 'The camera', false)
    if (classified.code !== 'PROBE_FAILED') return { streamed, error: classified }
    if (exit.code === 0) return { streamed, error: { code: 'PROBE_FAILED', message: 'The camera ended the stream' } }
    const lastLine = stderr.trim().split('\n').pop()?.trim()
    const how = exit.signal ? `was killed (${exit.signal})` : `exited with code ${exit.code}`
    return { streamed, error: { code: 'FFMPEG_EXITED', message: `ffmpeg ${how}${lastLine ? `: ${lastLine}` : ''}` } }
  }

  /**
   * Splits an fMP4 byte stream into init segment and fragments and hands them out. Used for the relay's
   * own ffmpeg and for a recorder's live tap alike.
   */
  private consume(bytes: NodeJS.ReadableStream, transcoded: boolean, onBroken: () => void) {
    const splitter = new Mp4Splitter()
    const state = { lastBytesAt: this.now(), streamed: false, broken: null as string | null }
    let offsets = new Map<number, number>()
    bytes.on('data', (chunk: Buffer) => {
      state.lastBytesAt = this.now()
      if (state.broken || this.stopping) return
      let units
      try {
        units = splitter.push(chunk)
      } catch (error) {
        state.broken = error instanceof Error ? error.message : String(error)
        onBroken()
        return
      }
      for (const unit of units) {
        if (unit.kind === 'init') {
          offsets = this.timelineOffsets(splitter.trackInfo)
          const hello: LiveHello = { mime: mimeType(unit.bytes), transcoded }
          this.stream = { hello, init: unit.bytes, tracks: splitter.trackInfo, gop: [], gopBytes: 0 }
          this.deps.logger.info(`streaming ${hello.mime}${transcoded ? ' (transcoded)' : ''}`)
          for (const viewer of this.viewers) this.welcome(viewer, this.stream)
        } else if (this.stream) {
          state.streamed = true
          this.failures = 0
          if (offsets.size > 0) shiftDecodeTimes(unit.bytes, offsets)
          for (const [track, time] of decodeTimes(unit.bytes)) this.lastDecodeTime.set(track, time)
          this.fragment(this.stream, unit.bytes, unit.keyframe)
        }
      }
    })
    return state
  }

  /**
   * Feeds the relay from a recorder's ffmpeg (its second output, a live fMP4 on a pipe): no second camera
   * connection, and a viewer gets the current GOP at once because the tap is read from its first byte.
   * When the recorder's ffmpeg ends, viewers wait for the next tap; `reason` says why in the meantime.
   */
  attachTap(bytes: NodeJS.ReadableStream): void {
    if (this.stopping) return
    const output = this.consume(bytes, false, () => bytes.removeAllListeners('data'))
    bytes.once('end', () => {
      if (this.stopping) return
      this.stream = null
      if (output.broken) this.deps.logger.warn(`live tap unreadable: ${output.broken}`)
    })
  }

  /** A tapped relay's source is down: viewers are told why and wait. */
  sourceDown(reason: string): void {
    this.stream = null
    this.tellViewers(reason)
  }

  /**
   * Where a new ffmpeg run's zero goes on the relay's timeline: after the wall time that has passed, and
   * never before what viewers were already sent. The first run defines the timeline and is not shifted.
   */
  private timelineOffsets(tracks: readonly TrackInfo[]): Map<number, number> {
    const now = this.now()
    if (this.timelineZero === null) {
      this.timelineZero = now
      return new Map()
    }
    const elapsedSec = (now - this.timelineZero) / 1000
    const offsets = new Map<number, number>()
    for (const track of tracks) {
      const byClock = Math.round(elapsedSec * track.timescale)
      const afterSent = (this.lastDecodeTime.get(track.id) ?? 0) + track.timescale
      offsets.set(track.id, Math.max(byClock, afterSent))
    }
    return offsets
  }

  /** A viewer starts: hello, init, and the current GOP when there is one (else it waits for a keyframe). */
  private welcome(viewer: Viewer, stream: Stream): void {
    viewer.lastError = null
    if (!this.deliver(viewer, { kind: 'hello', hello: stream.hello })) return
    if (!this.deliver(viewer, { kind: 'data', bytes: stream.init })) return
    viewer.state = 'needKeyframe'
    if (stream.gop.length === 0) return
    for (const fragment of stream.gop) if (!this.deliver(viewer, { kind: 'data', bytes: fragment })) return
    viewer.state = 'live'
  }

  private fragment(stream: Stream, bytes: Buffer, keyframe: boolean): void {
    if (keyframe) {
      stream.gop = [bytes]
      stream.gopBytes = bytes.length
    } else if (stream.gop.length > 0) {
      stream.gop.push(bytes)
      stream.gopBytes += bytes.length
      if (stream.gopBytes > this.deps.settings.maxGopBytes) {
        // A very long GOP: stop keeping it; a late viewer waits for the next keyframe instead.
        stream.gop = []
        stream.gopBytes = 0
      }
    }
    for (const viewer of [...this.viewers]) {
      if (viewer.state === 'needKeyframe' && keyframe) viewer.state = 'live'
      if (viewer.state !== 'live') continue
      if (viewer.sink.bufferedBytes() > this.deps.settings.maxBufferedBytes) {
        this.deps.logger.warn('dropping a viewer that cannot keep up')
        this.drop(viewer, 'The connection is too slow for this stream')
        continue
      }
      this.deliver(viewer, { kind: 'data', bytes })
    }
  }

  private tellViewers(message: string): void {
    for (const viewer of this.viewers) {
      // The picture stops here; whoever stays gets a new hello and init when the camera is back.
      viewer.state = 'waiting'
      if (viewer.lastError === message) continue
      viewer.lastError = message
      this.deliver(viewer, { kind: 'error', message })
    }
  }
}
