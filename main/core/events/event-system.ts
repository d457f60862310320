// The event side of the core, wired together: the event store and its alerts, motion watchers, ONVIF
// subscriptions, events-only retention and the pruning of old events. app.ts builds it once and syncs it
// with the cameras; the parts never reach each other except through here.
import type { Alert, CameraEvent, DetectionSettings, EventName, VigilEvents } from '../../contract'
import type { CameraRegistry } from '../cameras/registry'
import type { EventsRepo, HoldsRepo, SegmentsRepo } from '../db'
import type { LiveSink, Logger, Notifier } from '../host'
import type { FfmpegTools } from '../media/ffmpeg-locator'
import { MotionManager, type ANALYSIS } from '../motion/motion-manager'
import type { SegmentIndexer } from '../recorder/segment-indexer'
import { EventRetention } from '../storage/event-retention'
import { CameraEventsManager } from './camera-events-manager'
import type { DetectionSettingsStore } from './detection-settings'
import { EventService } from './event-service'

export interface EventSystemDeps {
  events: EventsRepo
  segments: SegmentsRepo
  holds: HoldsRepo
  indexer: SegmentIndexer
  registry: CameraRegistry
  detection: DetectionSettingsStore
  tools: FfmpegTools
  dataDir: string
  recordingsDir: string
  cameraName(cameraId: string): string
  /** The camera's main stream from the recorder's own connection, for motion on cameras without a substream. */
  openLive?(cameraId: string, sink: LiveSink): () => void
  /** A JPEG of the camera's newest picture. */
  snapshot(cameraId: string): Promise<Buffer>
  alertsEnabled(): boolean
  /** Per camera, how long events are kept (the camera's retention); a camera not listed gets the default. */
  retentionHours(): Map<string, number>
  defaultRetentionHours: number
  notifier?: Notifier
  logger: Logger
  emit<E extends EventName>(event: E, payload: VigilEvents[E]): void
  tuning?: { motion?: Partial<typeof ANALYSIS>; snapshotDelayMs?: number; eventSettleMs?: number; intervalMs?: number }
}

export interface EventSystem {
  service: EventService
  retention: EventRetention
  /** Matches watchers and subscriptions to the cameras; active=false (privacy mode) stops them all. */
  sync(active: boolean): Promise<void>
  stop(): Promise<void>
}

export function createEventSystem(deps: EventSystemDeps): EventSystem {
  const { logger, emit, detection } = deps
  const settingsOf = (cameraId: string): DetectionSettings => detection.get(cameraId)
  const intervalMs = deps.tuning?.intervalMs ?? 60_000
  const service = new EventService({
    events: deps.events,
    dataDir: deps.dataDir,
    detection: settingsOf,
    cameraName: deps.cameraName,
    snapshot: deps.snapshot,
    alertsEnabled: deps.alertsEnabled,
    logger: logger.child('events'),
    snapshotDelayMs: deps.tuning?.snapshotDelayMs,
    onChanged: (event: CameraEvent) => emit('eventChanged', event),
    onAlert: (alert: Alert, jpeg) => {
      emit('alert', alert)
      deps.notifier?.notify(alert, jpeg)
    }
  })
  const leftovers = service.closeLeftovers()
  if (leftovers) logger.info(`closed ${leftovers} event(s) left open by an unclean shutdown`)
  const motion = new MotionManager({
    registry: deps.registry,
    ffmpeg: deps.tools.ffmpeg,
    detection: settingsOf,
    logger: logger.child('motion'),
    analysis: deps.tuning?.motion,
    openLive: deps.openLive,
    onTransition: (cameraId, transition, zoneName) => {
      if (transition.type === 'start') {
        service.begin({ cameraId, kind: 'motion', source: 'detector', at: transition.t, zoneId: transition.zoneId, zoneName, score: transition.score })
      } else {
        service.finish(cameraId, 'detector', transition.zoneId, transition.t, transition.peakScore)
      }
    }
  })
  const cameraEvents = new CameraEventsManager({
    registry: deps.registry,
    detection: settingsOf,
    logger: logger.child('onvif'),
    onSignal: (cameraId, signal) => {
      // When it happened, on this machine's clock (the recordings' clock): the subscription already moved the
      // camera's own time by its measured clock offset, or took the arrival time where that was implausible.
      const { at } = signal
      if (signal.kind === 'doorbell') {
        if (signal.active) service.instant({ cameraId, kind: 'doorbell', source: 'onvif', at })
      } else if (signal.active) service.begin({ cameraId, kind: 'camera_motion', source: 'onvif', at })
      else service.finish(cameraId, 'onvif', 'camera_motion', at)
    }
  })
  const retention = new EventRetention({
    segments: deps.segments,
    holds: deps.holds,
    indexer: deps.indexer,
    recordingsDir: deps.recordingsDir,
    ffmpeg: deps.tools.ffmpeg,
    ffprobe: deps.tools.ffprobe,
    logger: logger.child('events-only'),
    modes: () => {
      const modes = new Map<string, { preRollMs: number; postRollMs: number; since: number }>()
      for (const row of deps.registry.rows()) {
        const { recording } = settingsOf(row.id)
        if (recording.mode !== 'events') continue
        modes.set(row.id, {
          preRollMs: recording.preRollSeconds * 1000,
          postRollMs: recording.postRollSeconds * 1000,
          since: detection.eventsOnlySince(row.id)
        })
      }
      return modes
    },
    eventsIn: (cameraId, from, to) => deps.events.spans(cameraId, from, to),
    settleMs: deps.tuning?.eventSettleMs,
    onChanged: (summary) => {
      if (summary.deleted + summary.trimmed > 0) emit('storageChanged', { deletedSegments: summary.deleted })
    }
  })
  retention.start(intervalMs)
  const pruning = setInterval(() => {
    const hours = deps.retentionHours()
    void service.prune((cameraId) => hours.get(cameraId) ?? deps.defaultRetentionHours)
  }, intervalMs)

  return {
    service,
    retention,
    async sync(active) {
      await motion.sync(active)
      await cameraEvents.sync(active)
      if (!active) service.closeAll()
    },
    async stop() {
      clearInterval(pruning)
      await motion.stopAll()
      await cameraEvents.stopAll()
      service.closeAll()
      await service.settle()
      await retention.stop()
    }
  }
}
