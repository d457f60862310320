// The Media Source Extensions engine behind a live <video>: openLive() -> MediaSource -> one SourceBuffer.
// It starts at the newest buffered frame, stays near the live edge and keeps the buffer short.
// Two lifetimes: the stream (one openLive) and the media (one MediaSource per hello). The server's error keeps
// the stream (a new hello follows when the camera is back: new media); a stream that ends, stalls or cannot be
// decoded is opened again with backoff. No React in here (useLiveStream wraps it).
import { isLiveEnd, openLive, type LiveMessage, type LiveRequest } from '../api/media'
import { TUNING, followLiveEdge, hasAudio, trimPoint } from './liveEdge'

export type LiveState = 'connecting' | 'playing' | 'error'

export interface LiveStatus {
  state: LiveState
  /** The server sends a transcoded stream (the camera's codec does not play here). */
  transcoded: boolean
  hasAudio: boolean
  /** Neither the camera's stream nor the transcoded one plays in this browser: no retries. */
  unsupported: boolean
  /** What went wrong, in the words of the server or the media stack (a tooltip, not a UI text). */
  detail: string | null
}

export const INITIAL_STATUS: LiveStatus = { state: 'connecting', transcoded: false, hasAudio: false, unsupported: false, detail: null }

type Request = Omit<LiveRequest, 'transcode'>

/** Streams this page found it cannot decode: opened transcoded from the start next time (until a reload). */
const transcodeNeeded = new Set<string>()
const streamKey = (request: Request) => `${request.cameraId}/${request.stream}`

export class LivePlayer {
  private status: LiveStatus = INITIAL_STATUS
  /** Bumped when the stream (or the media) is replaced, so late callbacks of the old one are ignored. */
  private streamGeneration = 0
  private mediaGeneration = 0
  private transcode = false
  private closeStream: (() => void) | null = null
  private source: MediaSource | null = null
  private objectUrl: string | null = null
  private buffer: SourceBuffer | null = null
  private mime: string | null = null
  private queue: Uint8Array[] = []
  private queued = 0
  private started = false
  private stopped = false
  private failures = 0
  /** When the stream last showed a sign of life (opened, any message), and when media bytes last came. */
  private lastMessageAt = 0
  private connectingSince = 0
  private lastDataAt = 0
  private playingSince = 0
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private tickTimer: ReturnType<typeof setInterval> | undefined

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly request: Request,
    private readonly onStatus: (status: LiveStatus) => void
  ) {
    this.transcode = transcodeNeeded.has(streamKey(request))
  }

  start(): void {
    this.video.addEventListener('playing', this.onPlaying)
    this.video.addEventListener('error', this.onVideoError)
    this.tickTimer = setInterval(this.tick, TUNING.tickMs)
    this.open()
  }

  /** Closes the stream and frees the MediaSource; the player cannot be started again. */
  stop(): void {
    this.stopped = true
    clearTimeout(this.retryTimer)
    clearInterval(this.tickTimer)
    this.video.removeEventListener('playing', this.onPlaying)
    this.video.removeEventListener('error', this.onVideoError)
    this.closeAll()
  }

  /** A new stream. After a failure the error stays shown until the server says hello again. */
  private open(): void {
    this.closeAll()
    const generation = this.streamGeneration
    this.lastMessageAt = this.connectingSince = performance.now()
    if (this.status.state !== 'error') this.update({ state: 'connecting' })
    this.closeStream = openLive({ ...this.request, transcode: this.transcode }, (message) => {
      if (generation === this.streamGeneration) this.onMessage(message)
    })
  }

  private onMessage(message: LiveMessage): void {
    this.lastMessageAt = performance.now()
    if (message.kind === 'data') {
      if (!this.source) return
      this.lastDataAt = this.lastMessageAt
      this.queue.push(message.bytes)
      this.queued += message.bytes.byteLength
      if (this.queued > TUNING.maxQueued) return this.fail('The live stream backed up')
      return this.pump()
    }
    if (message.kind === 'error') {
      if (isLiveEnd(message)) return this.fail(message.message)
      // The server keeps the stream and retries the camera; its next hello brings new media.
      this.closeMedia()
      this.update({ state: 'error', detail: message.message, unsupported: false })
      return
    }
    const { mime, transcoded } = message.hello
    if (!MediaSource.isTypeSupported(mime)) {
      if (!transcoded && !this.transcode) {
        // The camera's codec does not play here (H.265, MJPEG): ask the server for a transcoded stream.
        this.transcode = true
        transcodeNeeded.add(streamKey(this.request))
        return this.open()
      }
      return this.fail(`This browser cannot play ${mime}`, true)
    }
    this.openMedia(mime)
    this.connectingSince = performance.now()
    this.update({ state: 'connecting', transcoded, hasAudio: hasAudio(mime), unsupported: false, detail: null })
  }

  /** A fresh MediaSource for the init segment and fragments that follow a hello. */
  private openMedia(mime: string): void {
    this.closeMedia()
    const generation = this.mediaGeneration
    const source = new MediaSource()
    this.source = source
    this.mime = mime
    this.objectUrl = URL.createObjectURL(source)
    this.lastDataAt = performance.now()
    source.addEventListener('sourceopen', () => generation === this.mediaGeneration && this.createBuffer(), { once: true })
    this.video.src = this.objectUrl
  }

  private createBuffer(): void {
    const source = this.source
    if (!source || source.readyState !== 'open' || !this.mime || this.buffer) return
    try {
      const buffer = source.addSourceBuffer(this.mime)
      buffer.mode = 'segments'
      buffer.addEventListener('updateend', this.onUpdateEnd)
      buffer.addEventListener('error', this.onBufferError)
      this.buffer = buffer
    } catch (error) {
      return this.fail(describe(error))
    }
    this.pump()
  }

  /** One SourceBuffer operation at a time: trim old media first, then append everything that has arrived. */
  private pump(): void {
    const buffer = this.buffer
    if (!buffer || buffer.updating || this.source?.readyState !== 'open') return
    const cut = this.started ? trimPoint(this.video.currentTime, buffer.buffered) : null
    if (cut !== null) return buffer.remove(0, cut)
    if (this.queue.length === 0) return
    const chunk = this.queue.length === 1 ? this.queue[0] : concat(this.queue, this.queued)
    try {
      buffer.appendBuffer(chunk as Uint8Array<ArrayBuffer>)
      this.queue = []
      this.queued = 0
    } catch (error) {
      if (error instanceof DOMException && error.name === 'QuotaExceededError') return this.trimHard(chunk)
      this.fail(describe(error))
    }
  }

  /** The buffer is full: keep the chunk, drop nearly everything already played, and append again after. */
  private trimHard(chunk: Uint8Array): void {
    this.queue = [chunk]
    this.queued = chunk.byteLength
    const buffer = this.buffer!
    const cut = this.video.currentTime - TUNING.quotaKeep
    if (buffer.buffered.length === 0 || cut <= buffer.buffered.start(0)) return this.fail('The media buffer is full')
    buffer.remove(0, cut)
  }

  private readonly onUpdateEnd = () => {
    const buffered = this.buffer?.buffered
    if (!this.started && buffered && buffered.length > 0) {
      // Start near the newest data: the server begins with a keyframe, the decoder rolls forward from it.
      this.started = true
      const end = buffered.end(buffered.length - 1)
      this.video.currentTime = Math.max(buffered.start(0), end - TUNING.behindEdge - 0.1)
      this.video.play().catch(() => undefined)
    }
    this.pump()
  }

  private readonly tick = () => {
    if (this.stopped || !this.closeStream) return
    const now = performance.now()
    const { state } = this.status
    if (state === 'connecting' && now - this.connectingSince > TUNING.connectTimeoutMs) return this.fail('No picture from the live stream')
    if (state === 'playing' && now - this.lastDataAt > TUNING.stallMs) return this.fail('The live stream stalled')
    if (state === 'error' && now - this.lastMessageAt > TUNING.silentAfterErrorMs) return this.fail('The live stream went silent')
    if (state === 'playing' && now - this.playingSince > TUNING.healthyMs) this.failures = 0
    const buffer = this.buffer
    if (!buffer || !this.started) return
    const { seekTo, rate } = followLiveEdge(this.video.currentTime, buffer.buffered)
    if (seekTo !== null) this.video.currentTime = seekTo
    if (this.video.playbackRate !== rate) this.video.playbackRate = rate
    if (this.video.paused) this.video.play().catch(() => undefined)
    this.pump()
  }

  private readonly onPlaying = () => {
    if (!this.started || this.status.state === 'playing') return
    this.playingSince = performance.now()
    this.update({ state: 'playing', detail: null })
  }

  private readonly onVideoError = () => {
    // Only an error of the current MediaSource counts; closeMedia() detaches old ones.
    if (this.objectUrl && this.video.src === this.objectUrl) this.fail(this.video.error?.message || 'The video could not be decoded')
  }

  private readonly onBufferError = () => this.fail('The video could not be decoded')

  /** Gives up on this stream: shows the error and opens a new one after a backoff (unless it cannot play here). */
  private fail(detail: string, permanent = false): void {
    if (this.stopped) return
    this.closeAll()
    clearTimeout(this.retryTimer)
    this.update({ state: 'error', detail, unsupported: permanent })
    if (permanent) return
    const delay = TUNING.backoffMs[Math.min(this.failures, TUNING.backoffMs.length - 1)]
    this.failures++
    this.retryTimer = setTimeout(() => this.open(), delay)
  }

  private closeAll(): void {
    this.closeMedia()
    this.streamGeneration++
    this.closeStream?.()
    this.closeStream = null
  }

  /** Detaches the MediaSource from the video and frees it. */
  private closeMedia(): void {
    this.mediaGeneration++
    const { buffer, source } = this
    if (buffer) {
      buffer.removeEventListener('updateend', this.onUpdateEnd)
      buffer.removeEventListener('error', this.onBufferError)
    }
    if (source?.readyState === 'open') {
      try {
        if (buffer?.updating) buffer.abort()
        source.endOfStream()
      } catch {
        // the source is going away either way
      }
    }
    if (this.objectUrl) {
      this.video.removeAttribute('src')
      this.video.load()
      URL.revokeObjectURL(this.objectUrl)
    }
    this.source = null
    this.objectUrl = null
    this.buffer = null
    this.mime = null
    this.queue = []
    this.queued = 0
    this.started = false
  }

  private update(change: Partial<LiveStatus>): void {
    const next = { ...this.status, ...change }
    if ((Object.keys(next) as (keyof LiveStatus)[]).every((key) => next[key] === this.status[key])) return
    this.status = next
    if (!this.stopped) this.onStatus(next)
  }
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}
