import type { DetectionSettings } from '../../contract'
import type { CameraRegistry } from '../cameras/registry'
import type { CameraRow } from '../db'
import type { LiveSink, Logger } from '../host'
import { analysisSize, DEFAULT_MOTION_FPS } from './motion-args'
import type { DetectorConfig, MotionTransition } from './types'
import { MotionWatcher, type MotionInput } from './motion-watcher'

/**
 * Small gray frames at a few per second are enough to see a person move and cost little CPU: 160x90 at 5 fps
 * (the stream's aspect ratio is not known here, so 16:9).
 */
export const ANALYSIS = { ...analysisSize(16, 9), fps: DEFAULT_MOTION_FPS }

export interface MotionManagerDeps {
  registry: CameraRegistry
  ffmpeg: string
  detection(cameraId: string): DetectionSettings
  logger: Logger
  /**
   * The camera's main stream from the recorder's own connection (its live tap). Without it, a camera that
   * has no substream is watched over a connection of its own.
   */
  openLive?(cameraId: string, sink: LiveSink): () => void
  /** Tuning for tests (faster fps); users get ANALYSIS. */
  analysis?: Partial<typeof ANALYSIS>
  onTransition(cameraId: string, transition: MotionTransition, zoneName: string | null): void
}

/**
 * One MotionWatcher per enabled camera with motion detection on. It reads the substream where there is one
 * (a second, small decode), else the main stream from the recorder's connection, scaled down.
 */
export class MotionManager {
  /** `source` tells when a watcher must start over: a new substream URL, or a switch between URL and tap. */
  private readonly watchers = new Map<string, { watcher: MotionWatcher; source: string }>()

  constructor(private readonly deps: MotionManagerDeps) {}

  /** Matches watchers to the cameras; active=false (privacy mode, stopping) stops them all. */
  async sync(active: boolean): Promise<void> {
    const wanted = new Map<string, { input: MotionInput; source: string; config: DetectorConfig }>()
    if (active) {
      for (const row of this.deps.registry.rows()) {
        if (!row.enabled) continue
        const settings = this.deps.detection(row.id)
        if (!settings.motion.enabled) continue
        const input = this.inputOf(row)
        if (!input) continue
        wanted.set(row.id, { input, source: input.kind === 'url' ? input.url : 'live', config: this.configFor(settings) })
      }
    }
    // Stopped together: privacy mode or shutdown should not wait up to a second per camera in turn.
    const stopping: Promise<void>[] = []
    for (const [id, running] of this.watchers) {
      const want = wanted.get(id)
      if (want && want.source === running.source) continue
      this.watchers.delete(id)
      stopping.push(running.watcher.stop())
    }
    await Promise.all(stopping)
    for (const [id, want] of wanted) {
      const running = this.watchers.get(id)
      if (running) {
        running.watcher.updateConfig(want.config)
        continue
      }
      const watcher = new MotionWatcher({
        ffmpeg: this.deps.ffmpeg,
        input: want.input,
        config: want.config,
        logger: this.deps.logger.child(id),
        onTransition: (transition) => {
          const zone = this.deps.detection(id).motion.zones.find((z) => z.id === transition.zoneId)
          this.deps.onTransition(id, transition, zone?.name ?? null)
        }
      })
      this.watchers.set(id, { watcher, source: want.source })
      watcher.start()
    }
  }

  async stopAll(): Promise<void> {
    await this.sync(false)
  }

  watching(): string[] {
    return [...this.watchers.keys()]
  }

  private inputOf(row: CameraRow): MotionInput | null {
    const { openLive } = this.deps
    if (!row.subUrl && openLive) return { kind: 'live', open: (sink) => openLive(row.id, sink) }
    try {
      return { kind: 'url', url: this.deps.registry.streamUrl(row, row.subUrl ? 'sub' : 'main') }
    } catch (error) {
      this.deps.logger.warn(`motion detection for ${row.id} not started: ${error instanceof Error ? error.message : String(error)}`)
      return null
    }
  }

  private configFor(settings: DetectionSettings): DetectorConfig {
    const analysis = { ...ANALYSIS, ...this.deps.analysis }
    return {
      width: analysis.width,
      height: analysis.height,
      fps: analysis.fps,
      zones: settings.motion.zones.map((zone) => ({ id: zone.id, name: zone.name, kind: zone.kind, points: zone.points })),
      sensitivity: settings.motion.sensitivity,
      minObjectPercent: settings.motion.minObjectPercent
    }
  }
}
