// Plays one camera's recorded segments in a <video> through Media Source Extensions. Every segment file is a
// fragmented MP4 whose timestamps start at 0; appending it with timestampOffset = (segment.start - origin)
// puts it at its wall-clock place on a media timeline shared by all cameras of the same origin, so the same
// currentTime is the same instant everywhere. The player keeps the next segments appended ahead of the
// playhead (boundaries do not stall) and drops what lies far behind it (memory stays bounded).
import type { Segment } from '../api/contract'
import { readMp4Info } from './mp4'

export interface SegmentSource {
  /** The segment containing `at`, else the first after it (recordings.locate). */
  locate(cameraId: string, at: number): Promise<Segment | null>
  fetch(segment: Segment, signal: AbortSignal): Promise<ArrayBuffer>
}

export type PlayerStatus = 'idle' | 'loading' | 'ready' | 'nodata' | 'unsupported' | 'error'

/** Keep this much media behind the playhead; more is removed. */
const KEEP_BEHIND_S = 60
/** Look ahead this much real time: at 16x that is several minutes of media. */
const LOOKAHEAD_REAL_S = 10
const MAX_LOOKAHEAD_S = 120
/** When no later segment exists yet (today's recording is still growing), ask again after this. */
const RETRY_NEXT_MS = 3000
/** A day and a margin: data past the media duration could not be reached by seeking. */
const DURATION_S = 3 * 86400

class UnsupportedCodec extends Error {}

export class SegmentPlayer {
  status: PlayerStatus = 'idle'
  /** Frame rate of the current recording; 15 until a segment says otherwise. */
  fps = 15
  codec: string | null = null
  /** Media time of the frame on screen (requestVideoFrameCallback), null before the first one. */
  shownTime: number | null = null

  private readonly mediaSource = new MediaSource()
  private readonly objectUrl: string
  private readonly opened: Promise<void>
  private sourceBuffer: SourceBuffer | null = null
  private mime: string | null = null
  private ops: Promise<unknown> = Promise.resolve()
  /** The last segment appended; prefetch continues after it. */
  private tail: Segment | null = null
  private generation = 0
  private abort = new AbortController()
  private prefetching = false
  private nextRetryAt = 0
  private frameRequest = 0
  private destroyed = false

  constructor(
    readonly cameraId: string,
    readonly video: HTMLVideoElement,
    readonly origin: number,
    private readonly source: SegmentSource,
    private readonly onChange: () => void
  ) {
    this.objectUrl = URL.createObjectURL(this.mediaSource)
    this.opened = new Promise((resolve) => {
      this.mediaSource.addEventListener(
        'sourceopen',
        () => {
          this.mediaSource.duration = DURATION_S
          resolve()
        },
        { once: true }
      )
    })
    video.muted = true
    video.src = this.objectUrl
    this.watchFrames()
  }

  /** Wall-clock ms of a media time, and back. */
  wallTime = (media: number) => this.origin + media * 1000
  mediaTime = (wall: number) => (wall - this.origin) / 1000

  locate(at: number): Promise<Segment | null> {
    return this.source.locate(this.cameraId, at)
  }

  /**
   * Shows the instant `wall` (or the start of the next recording after it): locate the segment unless it is
   * given, fetch and append it unless it is buffered already, and move the playhead there. A newer load
   * cancels an older one. Returns the segment, or null when nothing is recorded at or after `wall`.
   */
  async load(wall: number, located?: Segment | null): Promise<Segment | null> {
    const generation = ++this.generation
    this.abort.abort()
    this.abort = new AbortController()
    const signal = this.abort.signal
    this.setStatus('loading')
    try {
      const segment = located !== undefined ? located : await this.locate(wall)
      if (generation !== this.generation) return null
      if (!segment) {
        this.setStatus('nodata')
        return null
      }
      const target = this.mediaTime(Math.max(wall, segment.start))
      if (!this.isBuffered(target)) {
        const bytes = await this.source.fetch(segment, signal)
        if (generation !== this.generation) return null
        await this.clear()
        await this.append(segment, bytes)
        if (generation !== this.generation) return null
        this.tail = segment
        this.nextRetryAt = 0
      }
      this.video.currentTime = target
      this.setStatus('ready')
      return segment
    } catch (error) {
      if (generation === this.generation && !signal.aborted) {
        this.setStatus(error instanceof UnsupportedCodec ? 'unsupported' : 'error')
      }
      return null
    }
  }

  /** Keeps segments appended ahead of the playhead and drops old data behind it; called every tick. */
  maintain(): void {
    if (this.status !== 'ready' || !this.sourceBuffer || this.sourceBuffer.updating) return
    const now = this.video.currentTime
    const buffered = this.sourceBuffer.buffered
    if (buffered.length > 0 && now - buffered.start(0) > KEEP_BEHIND_S + 30) {
      void this.run((buffer) => buffer.remove(0, now - KEEP_BEHIND_S)).catch(() => undefined)
      return
    }
    const lookahead = Math.min(MAX_LOOKAHEAD_S, LOOKAHEAD_REAL_S * Math.max(1, this.video.playbackRate))
    if (this.tail && this.mediaTime(this.tail.end) - now < lookahead) void this.prefetch(this.tail)
  }

  private async prefetch(after: Segment): Promise<void> {
    if (this.prefetching || Date.now() < this.nextRetryAt) return
    this.prefetching = true
    const generation = this.generation
    const signal = this.abort.signal
    try {
      const next = await this.locate(after.end)
      if (generation !== this.generation) return
      if (!next || next.id === after.id || next.start < after.start) {
        this.nextRetryAt = Date.now() + RETRY_NEXT_MS
        return
      }
      const bytes = await this.source.fetch(next, signal)
      if (generation !== this.generation) return
      await this.append(next, bytes)
      if (generation === this.generation) this.tail = next
    } catch (error) {
      // A full buffer: drop more of what lies behind and try again on a later tick.
      if (error instanceof DOMException && error.name === 'QuotaExceededError') {
        const keep = Math.max(0, this.video.currentTime - 5)
        if (keep > 0) await this.run((buffer) => buffer.remove(0, keep)).catch(() => undefined)
      }
      this.nextRetryAt = Date.now() + RETRY_NEXT_MS
    } finally {
      this.prefetching = false
    }
  }

  /** Whether media time `t` is buffered with at least a little data after it. */
  isBuffered(t: number, slack = 0.01): boolean {
    const range = this.rangeAt(t)
    return range !== null && t < range[1] - slack
  }

  /** The buffered range containing `t` (a hair of tolerance at its start). */
  rangeAt(t: number): [number, number] | null {
    const buffered = this.sourceBuffer?.buffered
    if (!buffered) return null
    for (let i = 0; i < buffered.length; i++) {
      if (buffered.start(i) - 0.002 <= t && t < buffered.end(i)) return [buffered.start(i), buffered.end(i)]
    }
    return null
  }

  /** Start of the first buffered range after `t`. */
  nextRangeStart(t: number): number | null {
    const buffered = this.sourceBuffer?.buffered
    if (!buffered) return null
    for (let i = 0; i < buffered.length; i++) if (buffered.start(i) > t) return buffered.start(i)
    return null
  }

  /** Playback has run to (or is sitting at) the end of the data it has. */
  atEnd(t = this.video.currentTime): boolean {
    const range = this.rangeAt(t)
    return range === null || t >= range[1] - 0.15
  }

  destroy(): void {
    this.destroyed = true
    this.generation++
    this.abort.abort()
    if (typeof this.video.cancelVideoFrameCallback === 'function') this.video.cancelVideoFrameCallback(this.frameRequest)
    this.video.removeAttribute('src')
    this.video.load()
    URL.revokeObjectURL(this.objectUrl)
  }

  private async append(segment: Segment, bytes: ArrayBuffer): Promise<void> {
    const info = readMp4Info(bytes)
    if (!info) throw new Error(`segment ${segment.id} is not a fragmented MP4 with video`)
    this.codec = info.videoCodec
    if (!MediaSource.isTypeSupported(info.mime)) throw new UnsupportedCodec(info.mime)
    if (info.fps) this.fps = info.fps
    await this.opened
    if (!this.sourceBuffer) {
      this.sourceBuffer = this.mediaSource.addSourceBuffer(info.mime)
      this.mime = info.mime
    }
    await this.run((buffer) => {
      // A new codec (the camera was reconfigured) needs changeType; a new init segment of the same one does not.
      if (info.mime !== this.mime) {
        buffer.changeType(info.mime)
        this.mime = info.mime
      }
      buffer.timestampOffset = this.mediaTime(segment.start)
      buffer.appendBuffer(bytes)
    })
  }

  private async clear(): Promise<void> {
    const buffered = this.sourceBuffer?.buffered
    if (!buffered || buffered.length === 0) return
    await this.run((buffer) => buffer.remove(0, Infinity))
    this.tail = null
  }

  /** Runs one SourceBuffer operation after the previous ones and waits for its updateend. */
  private run(operation: (buffer: SourceBuffer) => void): Promise<void> {
    const next = this.ops.then(
      () =>
        new Promise<void>((resolve, reject) => {
          const buffer = this.sourceBuffer
          if (!buffer || this.destroyed) return resolve()
          const finish = (error?: Error) => {
            buffer.removeEventListener('updateend', onEnd)
            buffer.removeEventListener('error', onError)
            if (error) reject(error)
            else resolve()
          }
          const onEnd = () => finish()
          const onError = () => finish(new Error('the browser could not decode the segment'))
          buffer.addEventListener('updateend', onEnd)
          buffer.addEventListener('error', onError)
          try {
            operation(buffer)
          } catch (error) {
            finish(error instanceof Error ? error : new Error(String(error)))
          }
        })
    )
    this.ops = next.catch(() => undefined)
    return next
  }

  /** Tracks the frame on screen: data-epoch-ms on the <video> is the wall time of exactly that frame. */
  private watchFrames(): void {
    const show = (media: number) => {
      this.shownTime = media
      this.video.dataset.epochMs = String(Math.round(this.wallTime(media)))
    }
    if (typeof this.video.requestVideoFrameCallback !== 'function') {
      this.video.addEventListener('timeupdate', () => show(this.video.currentTime))
      return
    }
    const onFrame = (_now: number, metadata: VideoFrameCallbackMetadata) => {
      show(metadata.mediaTime)
      if (!this.destroyed) this.frameRequest = this.video.requestVideoFrameCallback(onFrame)
    }
    this.frameRequest = this.video.requestVideoFrameCallback(onFrame)
  }

  private setStatus(status: PlayerStatus): void {
    if (this.status === status) return
    this.status = status
    this.onChange()
  }
}
