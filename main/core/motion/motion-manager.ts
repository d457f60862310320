import type { DetectionSettings } from '../../contract'
import type { CameraRegistry } from '../cameras/registry'
import type { Logger } from '../host'
import type { DetectorConfig, MotionTransition } from './types'
import { MotionWatcher } from './motion-watcher'

/** Small gray frames at a few per second are enough to see a person move and cost little CPU. */
export const ANALYSIS = { width: 160, height: 90, fps: 5 }

export interface MotionManagerDeps {
  registry: CameraRegistry
  ffmpeg: string
  detection(cameraId: string): DetectionSettings
  logger: Logger
  /** Tuning for tests (faster fps); users get ANALYSIS. */
  analysis?: Partial<typeof ANALYSIS>
  onTransition(cameraId: string, transition: MotionTransition, zoneName: string | null): void
}

/**
 * One MotionWatcher per enabled camera with motion detection on. It reads the substream where there is one
 * (a second, small decode), else the main stream scaled down.
 */
export class MotionManager {
  private readonly watchers = new Map<string, { watcher: MotionWatcher; source: string }>()

  constructor(private readonly deps: MotionManagerDeps) {}

  /** Matches watchers to the cameras; active=false (privacy mode, stopping) stops them all. */
  async sync(active: boolean): Promise<void> {
    const wanted = new Map<string, { url: string; config: DetectorConfig }>()
    if (active) {
      for (const row of this.deps.registry.rows()) {
        if (!row.enabled) continue
        const settings = this.deps.detection(row.id)
        if (!settings.motion.enabled) continue
        let url: string
        try {
          url = this.deps.registry.streamUrl(row, row.subUrl ? 'sub' : 'main')
        } catch (error) {
          this.deps.logger.warn(`motion detection for ${row.id} not started: ${error instanceof Error ? error.message : String(error)}`)
          continue
        }
        wanted.set(row.id, { url, config: this.configFor(settings) })
      }
    }
    for (const [id, running] of this.watchers) {
      const want = wanted.get(id)
      if (want && want.url === running.source) continue
      this.watchers.delete(id)
      await running.watcher.stop()
    }
    for (const [id, want] of wanted) {
      const running = this.watchers.get(id)
      if (running) {
        running.watcher.updateConfig(want.config)
        continue
      }
      const watcher = new MotionWatcher({
        ffmpeg: this.deps.ffmpeg,
        url: want.url,
        config: want.config,
        logger: this.deps.logger.child(id),
        onTransition: (transition) => {
          const zone = this.deps.detection(id).motion.zones.find((z) => z.id === transition.zoneId)
          this.deps.onTransition(id, transition, zone?.name ?? null)
        }
      })
      this.watchers.set(id, { watcher, source: want.url })
      watcher.start()
    }
  }

  async stopAll(): Promise<void> {
    await this.sync(false)
  }

  watching(): string[] {
    return [...this.watchers.keys()]
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
