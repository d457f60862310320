import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { CameraStatus, GapCause, Snapshot } from '../../contract'
import { VigilError } from '../../contract'
import type { CameraRegistry } from '../cameras/registry'
import type { CameraRow, GapsRepo, SegmentsRepo } from '../db'
import type { Logger } from '../host'
import type { FfmpegTools } from '../media/ffmpeg-locator'
import { runToCompletion } from '../media/process-runner'
import { probeStream, type ProbeResult } from '../media/probe'
import { DEMO_SOURCE, snapshotArgs } from '../media/record-args'
import { CameraRecorder, type RecorderSettings, type SourceResult } from './camera-recorder'
import type { SegmentIndexer } from './segment-indexer'

export const DEMO_CAMERA_ID = 'demo'

export interface RecordingManagerDeps {
  registry: CameraRegistry
  tools: FfmpegTools
  indexer: SegmentIndexer
  gaps: GapsRepo
  segments: SegmentsRepo
  recordingsDir: string
  settings: () => RecorderSettings
  probeTimeoutMs: number
  logger: Logger
  onStatus(status: CameraStatus): void
  /** Each probe of a camera's stream, so live view can start without probing the same stream again. */
  onProbed?(url: string, result: ProbeResult): void
  /** Each recorder's live tap, per ffmpeg run (see CameraRecorderDeps.onLiveTap). */
  onLiveTap?(cameraId: string, bytes: NodeJS.ReadableStream): void
}

/** One CameraRecorder per enabled camera (plus the demo camera while none is configured). */
export class RecordingManager {
  private readonly recorders = new Map<string, CameraRecorder>()
  private readonly paused = new Map<string, CameraStatus>()
  private readonly snapshots = new Map<string, { at: number; snapshot: Promise<Snapshot> }>()

  constructor(private readonly deps: RecordingManagerDeps) {}

  statuses(): CameraStatus[] {
    return [...[...this.recorders.values()].map((r) => r.currentStatus), ...this.paused.values()]
  }

  /**
   * Starts, stops and restarts recorders so that they match the configured cameras. privacyPause stops
   * every camera, the demo included, as if each were paused.
   */
  async sync(demoWanted: boolean, privacyPause = false): Promise<void> {
    const rows = this.deps.registry.rows()
    const records = (row: CameraRow) => row.enabled && !privacyPause
    const wanted = new Map<string, CameraRow | null>(rows.filter(records).map((row) => [row.id, row]))
    if (demoWanted && !privacyPause) wanted.set(DEMO_CAMERA_ID, null)
    for (const [id, recorder] of this.recorders) {
      if (wanted.has(id)) continue
      const row = rows.find((r) => r.id === id)
      await this.stopOne(id, recorder, privacyPause || (row && !row.enabled) ? 'paused' : 'app_stopped')
    }
    for (const row of rows.filter((r) => !records(r))) {
      if (!this.paused.has(row.id)) this.paused.set(row.id, this.pausedStatus(row.id))
    }
    const stillPaused = (id: string) => rows.some((r) => r.id === id && !records(r)) || (privacyPause && id === DEMO_CAMERA_ID)
    for (const id of this.paused.keys()) if (!stillPaused(id)) this.paused.delete(id)
    for (const id of wanted.keys()) if (!this.recorders.has(id)) this.startOne(id)
  }

  /** Restarts one camera's recorder (its URL or credentials changed). */
  async restart(id: string): Promise<void> {
    const recorder = this.recorders.get(id)
    if (recorder) await this.stopOne(id, recorder, 'app_stopped')
  }

  async stopAll(cause: GapCause = 'app_stopped'): Promise<void> {
    await Promise.all([...this.recorders].map(([id, recorder]) => this.stopOne(id, recorder, cause)))
  }

  /** A still of the newest recorded keyframe, cached briefly so several viewers cost one decode. */
  snapshot(cameraId: string): Promise<Snapshot> {
    const cached = this.snapshots.get(cameraId)
    if (cached && Date.now() - cached.at < 1500) return cached.snapshot
    const snapshot = this.takeSnapshot(cameraId)
    this.snapshots.set(cameraId, { at: Date.now(), snapshot })
    snapshot.catch(() => this.snapshots.delete(cameraId))
    return snapshot
  }

  private async takeSnapshot(cameraId: string): Promise<Snapshot> {
    // The open segment has the newest picture; right after a cut it may hold no keyframe yet, so the
    // last closed segment is the fallback.
    const latest = this.deps.segments.inRange(cameraId, 0, Number.MAX_SAFE_INTEGER).at(-1)
    const candidates = [
      this.recorders.get(cameraId)?.openFile,
      latest && !latest.missing ? join(this.deps.recordingsDir, latest.path) : null
    ].filter((file): file is string => !!file && existsSync(file))
    for (const file of candidates) {
      const result = await runToCompletion(this.deps.tools.ffmpeg, snapshotArgs(file), 10_000)
      if (result.code === 0 && result.stdout.length > 0) {
        return { cameraId, takenAt: Date.now(), jpegBase64: result.stdout.toString('base64') }
      }
    }
    // Say why there is no picture: for a camera that never connected, its connection error is the answer.
    const status = this.recorders.get(cameraId)?.currentStatus ?? this.paused.get(cameraId)
    if (status?.state === 'offline' && status.reason) {
      throw new VigilError(status.reason.code, `The camera is offline, so there is no picture yet: ${status.reason.message}`)
    }
    if (status?.state === 'paused') throw new VigilError('NOT_FOUND', 'The camera is paused and nothing was recorded before')
    throw new VigilError('NOT_FOUND', 'Nothing recorded yet for this camera')
  }

  private startOne(id: string): void {
    this.paused.delete(id)
    const recorder = new CameraRecorder({
      cameraId: id,
      resolveSource: () => this.resolveSource(id),
      secrets: () => this.deps.registry.secretsOf(id),
      ffmpeg: this.deps.tools.ffmpeg,
      recordingsDir: this.deps.recordingsDir,
      indexer: this.deps.indexer,
      gaps: this.deps.gaps,
      settings: this.deps.settings,
      logger: this.deps.logger.child(id),
      onStatus: (status) => this.deps.onStatus(status),
      ...(this.deps.onLiveTap && id !== DEMO_CAMERA_ID
        ? { onLiveTap: (bytes: NodeJS.ReadableStream) => this.deps.onLiveTap!(id, bytes) }
        : {})
    })
    this.recorders.set(id, recorder)
    recorder.start()
  }

  private async stopOne(id: string, recorder: CameraRecorder, cause: GapCause): Promise<void> {
    this.recorders.delete(id)
    await recorder.stop(cause)
    if (cause === 'paused') {
      this.paused.set(id, recorder.currentStatus)
    }
  }

  private pausedStatus(cameraId: string): CameraStatus {
    const status: CameraStatus = {
      cameraId,
      state: 'paused',
      reason: null,
      since: Date.now(),
      lastSegmentEnd: this.deps.segments.latestEnd(cameraId),
      restarts: 0,
      retryAt: null
    }
    this.deps.onStatus(status)
    return status
  }


  private async resolveSource(id: string): Promise<SourceResult> {
    if (id === DEMO_CAMERA_ID) return { ok: true, source: DEMO_SOURCE }
    let url: string
    try {
      url = this.deps.registry.streamUrl(this.deps.registry.get(id), 'main')
    } catch (error) {
      const payload = error instanceof VigilError ? error.toPayload() : { code: 'INTERNAL' as const, message: String(error) }
      return { ok: false, error: payload }
    }
    const probe = await probeStream(this.deps.tools.ffprobe, url, this.deps.probeTimeoutMs)
    this.deps.onProbed?.(url, probe)
    if (!probe.ok) return probe
    return {
      ok: true,
      source: { kind: 'rtsp', url, videoCodec: probe.info.video.codec, audioCodec: probe.info.audio?.codec ?? null }
    }
  }
}
