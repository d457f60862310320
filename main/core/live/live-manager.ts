import { VigilError, type StreamInfo } from '../../contract'
import type { CameraRegistry } from '../cameras/registry'
import type { LiveRequest, LiveSink, Logger } from '../host'
import type { FfmpegTools } from '../media/ffmpeg-locator'
import { QUICK_ANALYZE_US, type LiveSource } from '../media/live-args'
import { probeStream, type ProbeResult } from '../media/probe'
import { DEMO_SOURCE } from '../media/record-args'
import { DEMO_CAMERA_ID } from '../recorder/recording-manager'
import { LiveRelay, type LiveSettings, type LiveSourceResult } from './live-relay'

export interface LiveManagerDeps {
  registry: CameraRegistry
  tools: FfmpegTools
  /** Whether the demo camera exists right now (no real camera configured). */
  demoActive(): boolean
  probeTimeoutMs: number
  settings: () => LiveSettings
  logger: Logger
  /**
   * Recorders tap each camera's main stream for live view (attachTap): a main-stream view then waits for
   * that tap instead of opening a second camera connection. Why the camera is down, if it is, for new viewers.
   */
  recorderTaps?: { downReason(cameraId: string): string | null }
}

/** What the relay is for, after the sub stream fell back to main and the demo ignored transcode. */
interface Target {
  cameraId: string
  stream: 'main' | 'sub'
  transcode: boolean
}

/**
 * A probe is reused this long for a relay's first start (a camera's codecs rarely change, and a wrong guess
 * only costs one failed start); every restart after a failure probes again.
 */
const PROBE_CACHE_MS = 24 * 3600_000
/** The codec name a probe refused (MJPEG, MPEG-4): forces a transcode, since no browser plays it from MP4. */
const UNSUPPORTED_VIDEO = 'unsupported' as const

/**
 * One LiveRelay per (camera, stream, transcode), shared by all its viewers. Resolves cameras to stream URLs
 * with credentials (for ffmpeg only) and probes them, so a camera that is down gets its specific reason.
 */
export class LiveManager {
  private readonly relays = new Map<string, LiveRelay>()
  /** What probes found, by stream URL (with credentials: memory only, never logged). */
  private readonly probes = new Map<string, { at: number; info: StreamInfo | typeof UNSUPPORTED_VIDEO }>()
  private closed = false

  constructor(private readonly deps: LiveManagerDeps) {}

  openLive(request: LiveRequest, sink: LiveSink): () => void {
    const target = this.target(request)
    if (!target.ok) {
      sink.send({ kind: 'error', message: target.message })
      sink.end()
      return () => {}
    }
    const key = `${target.cameraId}/${target.stream}/${target.transcode ? 'h264' : 'copy'}`
    const fromTap = this.deps.recorderTaps !== undefined && target.cameraId !== DEMO_CAMERA_ID && target.stream === 'main' && !target.transcode
    let relay = this.relays.get(key)
    if (!relay || relay.stopped) {
      relay = this.createRelay(key, target, fromTap)
      this.relays.set(key, relay)
    }
    const leave = relay.add(sink)
    const down = fromTap && !relay.streaming ? this.deps.recorderTaps!.downReason(target.cameraId) : null
    if (down) sink.send({ kind: 'error', message: down })
    let left = false
    return () => {
      if (left) return
      left = true
      leave()
    }
  }

  /** Relays running now, by key (camera/stream/copy|h264), with their viewer count and ffmpeg pid. */
  running(): { key: string; viewers: number; pid: number | undefined }[] {
    return [...this.relays].map(([key, relay]) => ({ key, viewers: relay.viewerCount, pid: relay.pid }))
  }

  /** A probe made elsewhere (the recorder probes every camera it starts): live view need not ask again. */
  rememberProbe(url: string, result: ProbeResult): void {
    if (result.ok) this.probes.set(url, { at: Date.now(), info: result.info })
    else if (result.error.code === 'PROBE_UNSUPPORTED_CODEC') this.probes.set(url, { at: Date.now(), info: UNSUPPORTED_VIDEO })
    else this.probes.delete(url)
  }

  /**
   * A recorder started ffmpeg with a live tap: the camera's main stream is watched from it from now on. A
   * relay that had its own connection for this stream hands its viewers over (they reconnect at once).
   */
  attachTap(cameraId: string, bytes: NodeJS.ReadableStream): void {
    if (this.closed) {
      bytes.resume() // keep draining: an unread pipe would stall the recording
      return
    }
    const key = `${cameraId}/main/copy`
    let relay = this.relays.get(key)
    if (!relay || relay.stopped || !relay.isTapped) {
      const own = relay && !relay.stopped ? relay : null
      relay = this.createRelay(key, { cameraId, stream: 'main', transcode: false }, true)
      this.relays.set(key, relay)
      if (own) {
        own.handOver(relay)
        void own.stop()
      }
    }
    relay.attachTap(bytes)
  }

  /** The recorder behind a tap is down: its viewers learn why while they wait. */
  tapDown(cameraId: string, reason: string): void {
    const relay = this.relays.get(`${cameraId}/main/copy`)
    if (relay?.isTapped) relay.sourceDown(reason)
  }

  /** A camera's URL, credentials or state changed (or it is gone): its viewers are closed and may reconnect. */
  async cameraChanged(cameraId: string, reason = "The camera's settings changed"): Promise<void> {
    // Probes are kept by URL; a change is rare enough to forget them all.
    this.probes.clear()
    await this.closeCamera(cameraId, reason)
  }

  /** Ends every live stream of a camera, telling its viewers why. */
  async closeCamera(cameraId: string, reason: string): Promise<void> {
    const stopping = [...this.relays].filter(([key]) => key.startsWith(`${cameraId}/`)).map(([, relay]) => relay.stop(reason))
    await Promise.all(stopping)
  }

  async stopAll(): Promise<void> {
    this.closed = true
    await Promise.all([...this.relays.values()].map((relay) => relay.stop('Vigil is shutting down')))
  }

  private target(request: LiveRequest): ({ ok: true } & Target) | { ok: false; message: string } {
    if (this.closed) return { ok: false, message: 'Vigil is shutting down' }
    const { cameraId, stream, transcode } = request
    if (cameraId === DEMO_CAMERA_ID) {
      if (!this.deps.demoActive()) return { ok: false, message: 'The demo camera is off' }
      // The demo scene is encoded to H.264 anyway and has no substream.
      return { ok: true, cameraId, stream: 'main', transcode: false }
    }
    try {
      const row = this.deps.registry.get(cameraId)
      if (!row.enabled) return { ok: false, message: `Camera "${row.name}" is paused; resume it to watch it live` }
      return { ok: true, cameraId, stream: stream === 'sub' && row.subUrl ? 'sub' : 'main', transcode }
    } catch (error) {
      return { ok: false, message: error instanceof VigilError ? error.message : `No camera with id "${cameraId}"` }
    }
  }

  private createRelay(key: string, target: Target, tapped = false): LiveRelay {
    const logger = this.deps.logger.child(key)
    const relay: LiveRelay = new LiveRelay({
      name: key,
      tapped,
      transcode: target.transcode,
      resolveSource: (fresh) => this.resolveSource(target, fresh),
      secrets: () => this.deps.registry.secretsOf(target.cameraId),
      ffmpeg: this.deps.tools.ffmpeg,
      settings: this.deps.settings(),
      logger,
      onStopped: () => {
        if (this.relays.get(key) === relay) this.relays.delete(key)
      }
    })
    return relay
  }

  private async resolveSource(target: Target, fresh: boolean): Promise<LiveSourceResult> {
    if (target.cameraId === DEMO_CAMERA_ID) return { ok: true, source: DEMO_SOURCE as LiveSource }
    let url: string
    try {
      url = this.deps.registry.streamUrl(this.deps.registry.get(target.cameraId), target.stream)
    } catch (error) {
      const payload = error instanceof VigilError ? error.toPayload() : { code: 'INTERNAL' as const, message: String(error) }
      return { ok: false, error: payload }
    }
    const cached = this.probes.get(url)
    let info = !fresh && cached && Date.now() - cached.at < PROBE_CACHE_MS ? cached.info : null
    if (!info) {
      // Codec names are all live view needs, and a short look finds them when the camera describes its stream up front.
      const probe = await probeStream(this.deps.tools.ffprobe, url, this.deps.probeTimeoutMs, QUICK_ANALYZE_US)
      this.rememberProbe(url, probe)
      if (!probe.ok && probe.error.code !== 'PROBE_UNSUPPORTED_CODEC') return probe
      info = probe.ok ? probe.info : UNSUPPORTED_VIDEO
    }
    if (info === UNSUPPORTED_VIDEO) {
      return { ok: true, source: { kind: 'rtsp', url, videoCodec: UNSUPPORTED_VIDEO, audioCodec: null, fps: null, quickAnalysis: false } }
    }
    const { video, audio } = info
    return {
      ok: true,
      source: { kind: 'rtsp', url, videoCodec: video.codec, audioCodec: audio?.codec ?? null, fps: video.fps, quickAnalysis: video.width > 0 }
    }
  }

}
