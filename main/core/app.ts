// Composition root: the only place where services are constructed and wired together.
import { mkdirSync, rmSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { isAbsolute, join, relative } from 'node:path'
import {
  VigilError,
  isMethodName,
  parseArgs,
  type Envelope,
  type EventName,
  type MethodName,
  type MethodParams,
  type MethodResults,
  type Settings,
  type StorageLimits,
  type VigilEvents,
  type WebhookListenerState
} from '../contract'
import packageJson from '../../package.json'
import { CameraManifests } from './cameras/manifests'
import { CameraRegistry } from './cameras/registry'
import { CamerasRepo, EventsRepo, GapsRepo, HoldsRepo, openDatabase, SegmentsRepo, SettingsRepo, type Db } from './db'
import { DetectionSettingsStore } from './events/detection-settings'
import { publicEvent } from './events/event-service'
import { createEventSystem, type EventSystem } from './events/event-system'
import { probeOnvifEvents } from './events/onvif/pullpoint-client'
import { PrivacyMode } from './events/privacy-mode'
import type { ANALYSIS } from './motion/motion-manager'
import { createEvidence, EVIDENCE_METHODS, type Evidence } from './evidence/evidence-service'
import type { AppOptions, EventListener, MediaService, VigilApp, WebhookOutcome } from './host'
import { LiveManager } from './live/live-manager'
import { DEFAULT_LIVE_SETTINGS, type LiveSettings } from './live/live-relay'
import { createLogger } from './logger'
import { locateFfmpeg, type FfmpegTools } from './media/ffmpeg-locator'
import { probeStream } from './media/probe'
import { recordedFrame } from './media/recorded-frame'
import { lanAddresses } from './network-addresses'
import { withCredentials } from './cameras/stream-url'
import { KeyFileSecretBox } from './secrets/key-file-box'
import type { RecorderSettings } from './recorder/camera-recorder'
import { DEMO_CAMERA_ID, RecordingManager } from './recorder/recording-manager'
import { SegmentIndexer, toSegment } from './recorder/segment-indexer'
import { diskSpace } from './storage/disk'
import { reconcileIndex } from './storage/reconcile'
import { StorageGuard } from './storage/storage-guard'

const GiB = 1024 ** 3
const DEFAULT_SETTINGS: Settings = { language: 'en', segmentSeconds: 60, jurisdiction: 'eu-de', webhookPort: null }
const DEFAULT_LIMITS: StorageLimits = { maxBytes: null, minFreeBytes: 2 * GiB }
/** The demo camera is for seeing the loop work, not for keeping: an hour of it is plenty. */
const DEMO_RETENTION_HOURS = 1
const DEFAULT_RETENTION_HOURS = 72

/** Knobs tests turn to keep runs short; users get the defaults. */
export interface Tuning {
  recorder?: Partial<RecorderSettings>
  probeTimeoutMs?: number
  retentionIntervalMs?: number
  live?: Partial<LiveSettings>
  motion?: Partial<typeof ANALYSIS>
  snapshotDelayMs?: number
  /** How long after its end a segment of an events-only camera waits before it is kept, trimmed or deleted. */
  eventSettleMs?: number
  redaction?: { workers?: number; detectFps?: number }
}

type Handlers = { [M in MethodName]: (params: MethodParams<M>) => Promise<MethodResults[M]> | MethodResults[M] }

export function createApp(options: AppOptions & { tuning?: Tuning }): VigilApp {
  const logger = options.logger ?? createLogger()
  const recordingsDir = join(options.dataDir, 'recordings')
  mkdirSync(recordingsDir, { recursive: true })
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone

  let db: Db | null = null
  let tools: FfmpegTools | null = null
  let manager: RecordingManager | null = null
  let guard: StorageGuard | null = null
  let registry: CameraRegistry | null = null
  let live: LiveManager | null = null
  let repos: { settings: SettingsRepo; segments: SegmentsRepo; gaps: GapsRepo; holds: HoldsRepo; events: EventsRepo } | null = null
  let detection: DetectionSettingsStore | null = null
  let privacy: PrivacyMode | null = null
  let eventSystem: EventSystem | null = null
  let webhookListener: WebhookListenerState = { port: null, state: 'off', message: null }
  let evidence: Evidence | null = null
  const listeners = new Set<EventListener>()

  const emit = <E extends EventName>(event: E, payload: VigilEvents[E]) => {
    for (const listener of listeners) listener(event, payload)
  }

  const need = <T>(value: T | null): T => {
    if (value === null) throw new VigilError('INTERNAL', 'Vigil is not started yet')
    return value
  }

  const settings = (): Settings => ({ ...DEFAULT_SETTINGS, ...need(repos).settings.get<Partial<Settings>>('settings', {}) })
  const limits = (): StorageLimits => need(repos).settings.get<StorageLimits>('storageLimits', DEFAULT_LIMITS)
  const recorderSettings = (): RecorderSettings => ({
    segmentSeconds: settings().segmentSeconds,
    fragmentMs: 1000,
    stallMs: 12_000,
    socketTimeoutMs: 5000,
    backoff: { baseMs: 1000, capMs: 5000 },
    healthyAfterMs: 30_000,
    ...options.tuning?.recorder
  })
  const demoWanted = () => options.demo === 'on' || (options.demo === 'auto' && need(registry).rows().length === 0)
  let recording = false
  let configWatcher: NodeJS.Timeout | null = null
  let indexer: SegmentIndexer | null = null
  const sync = async () => {
    if (!recording) return
    const paused = need(privacy).paused()
    await need(manager).sync(demoWanted(), paused)
    await need(eventSystem).sync(!paused)
    if (!demoWanted()) await live?.closeCamera(DEMO_CAMERA_ID, 'The demo camera stepped aside for a real camera')
  }
  /** Per camera, how long its recordings (and events) are kept. */
  const retentionHours = () => {
    const hours = new Map(need(registry).rows().map((row) => [row.id, row.retentionHours]))
    hours.set(DEMO_CAMERA_ID, DEMO_RETENTION_HOURS)
    return hours
  }
  const cameraName = (cameraId: string) =>
    cameraId === DEMO_CAMERA_ID ? 'Demo' : (need(registry).rows().find((row) => row.id === cameraId)?.name ?? cameraId)
  const eventById = (id: number) => {
    const record = need(repos).events.byId(id)
    if (!record) throw new VigilError('NOT_FOUND', `There is no event ${id} (it may have been deleted by retention)`)
    return record
  }

  const handlers: Handlers = {
    'app.info': () => ({
      version: packageJson.version,
      headless: options.headless,
      dataDir: options.dataDir,
      timeZone,
      ffmpeg: tools ? { path: tools.ffmpeg, version: tools.version, source: tools.source } : null,
      demoActive: demoWanted(),
      webhookListener: options.listenForWebhooks ? webhookListener : null
    }),
    'settings.get': () => settings(),
    'settings.set': async (params) => {
      const before = settings()
      const next = { ...before, ...params }
      if (next.webhookPort !== before.webhookPort && recording) {
        // Saved only once open: a port another program holds is refused, and the old one keeps serving.
        const state = await listenForWebhooks(next.webhookPort)
        if (state?.state === 'failed') {
          const message = state.message ?? `Port ${next.webhookPort} could not be opened`
          throw new VigilError('VALIDATION', message, { webhookPort: message })
        }
        if (state) webhookListener = state
      }
      need(repos).settings.set('settings', next)
      // A new segment length takes effect when each recorder starts its next ffmpeg.
      if (next.segmentSeconds !== before.segmentSeconds && manager) {
        await manager.stopAll('app_stopped')
        await sync()
      }
      return next
    },
    'cameras.list': () => {
      const cameras = need(registry).list()
      if (!demoWanted()) return cameras
      return [
        {
          id: DEMO_CAMERA_ID,
          name: 'Demo',
          location: '',
          mainUrl: 'demo://generated',
          subUrl: null,
          username: null,
          hasPassword: false,
          enabled: true,
          retentionHours: DEMO_RETENTION_HOURS,
          createdAt: 0,
          demo: true
        },
        ...cameras
      ]
    },
    'cameras.status': () => manager?.statuses() ?? [],
    'cameras.probe': async (params) => {
      let password = params.password ?? null
      if (!password && params.cameraId) password = need(registry).password(need(registry).get(params.cameraId))
      const probe = (url: string) =>
        probeStream(need(tools).ffprobe, withCredentials(url, params.username ?? null, password), options.tuning?.probeTimeoutMs)
      const [main, sub] = await Promise.all([probe(params.mainUrl), params.subUrl ? probe(params.subUrl) : null])
      return { main, sub }
    },
    'cameras.add': async (params) => {
      const camera = need(registry).add(params)
      await sync()
      emit('camerasChanged', { reason: 'added' })
      return camera
    },
    'cameras.update': async (params) => {
      const camera = need(registry).update(params)
      await manager?.restart(camera.id)
      await live?.cameraChanged(camera.id)
      await sync()
      emit('camerasChanged', { reason: 'updated' })
      return camera
    },
    'cameras.setEnabled': async (params) => {
      const camera = need(registry).setEnabled(params.id, params.enabled)
      if (!params.enabled) await live?.cameraChanged(camera.id, `Camera "${camera.name}" was paused`)
      await sync()
      emit('camerasChanged', { reason: 'updated' })
      return camera
    },
    'cameras.remove': async (params) => {
      need(registry).remove(params.id)
      await live?.cameraChanged(params.id, 'The camera was removed')
      await sync()
      need(detection).remove(params.id)
      if (params.deleteRecordings) {
        need(repos).segments.removeCamera(params.id)
        need(repos).gaps.removeCamera(params.id)
        await need(eventSystem).service.removeCamera(params.id)
        rmSync(join(recordingsDir, params.id), { recursive: true, force: true })
      }
      emit('camerasChanged', { reason: 'removed' })
      return { removed: true as const }
    },
    'live.snapshot': (params) => need(manager).snapshot(params.cameraId),
    'recordings.segments': (params) =>
      need(repos).segments.inRange(params.cameraId, params.from, params.to).map(toSegment),
    'recordings.gaps': (params) => need(repos).gaps.inRange(params.cameraId, params.from, params.to),
    'recordings.days': (params) => ({ days: need(repos).segments.days(params.cameraId) }),
    'recordings.locate': (params) => {
      const found = need(repos).segments.locate(params.cameraId, params.at)
      return { segment: found && toSegment(found) }
    },
    'recordings.frame': (params) => recordedFrame({ segments: need(repos).segments, recordingsDir, ffmpeg: need(tools).ffmpeg }, params.cameraId, params.at),
    'storage.summary': async () => {
      const disk = await diskSpace(recordingsDir)
      const names = new Map(need(registry).rows().map((row) => [row.id, row.name]))
      names.set(DEMO_CAMERA_ID, 'Demo')
      const usage = need(repos).segments.usage()
      return {
        dataDir: options.dataDir,
        recordingsBytes: usage.reduce((sum, camera) => sum + camera.bytes, 0),
        diskFreeBytes: disk.freeBytes,
        diskTotalBytes: disk.totalBytes,
        limits: limits(),
        cameras: usage.map((camera) => ({
          cameraId: camera.cameraId,
          name: names.get(camera.cameraId) ?? camera.cameraId,
          usedBytes: camera.bytes,
          segments: camera.segments,
          oldestStart: camera.oldestStart,
          newestEnd: camera.newestEnd
        }))
      }
    },
    'storage.setLimits': async (params) => {
      need(repos).settings.set('storageLimits', params)
      await guard?.enforce()
      return params
    },
    'events.list': (params) => need(repos).events.query(params).map(publicEvent),
    'events.get': (params) => publicEvent(eventById(params.id)),
    'events.snapshot': async (params) => {
      const event = eventById(params.id)
      const file = need(eventSystem).service.snapshotFile(event.id)
      if (!file) throw new VigilError('NOT_FOUND', 'This event has no snapshot')
      try {
        return { cameraId: event.cameraId, takenAt: event.start, jpegBase64: (await readFile(file)).toString('base64') }
      } catch {
        throw new VigilError('NOT_FOUND', 'The snapshot of this event is gone')
      }
    },
    'detection.get': (params) => need(detection).get(knownCamera(params.cameraId)),
    'detection.set': async ({ cameraId, ...patch }) => {
      const next = need(detection).set(knownCamera(cameraId), patch)
      await sync()
      void eventSystem?.retention.enforce()
      return next
    },
    'detection.webhook': (params) => ({
      ...need(detection).webhook(knownCamera(params.cameraId), params.regenerate),
      listener: options.listenForWebhooks ? webhookListener : null,
      addresses: lanAddresses()
    }),
    'detection.probeOnvif': async (params) => {
      const row = need(registry).get(params.cameraId)
      const deviceUrl = params.deviceUrl ?? need(detection).get(row.id).onvif.deviceUrl
      if (!deviceUrl) throw new VigilError('VALIDATION', 'Enter the camera\'s ONVIF device service URL first', { deviceUrl: 'Enter the device service URL' })
      const [username = null, password = null] = need(registry).secretsOf(row.id)
      return probeOnvifEvents({ deviceUrl, username, password, logger: logger.child('onvif') })
    },
    'privacy.get': () => need(privacy).state(),
    'privacy.set': (params) => need(privacy).set(params),
    ...evidenceHandlers()
  }

  /** Each evidence call goes to the evidence service, which exists once the app has started. */
  function evidenceHandlers() {
    const entries = EVIDENCE_METHODS.map((method) => [method, (params: never) => (need(evidence).handlers[method] as (p: never) => unknown)(params)])
    return Object.fromEntries(entries) as unknown as Evidence['handlers']
  }

  /** Detection settings exist for configured cameras only (the demo camera has none). */
  function knownCamera(cameraId: string): string {
    return need(registry).get(cameraId).id
  }

  async function start(mode: 'record' | 'configure' = 'record'): Promise<void> {
    db = openDatabase(join(options.dataDir, 'vigil.db'), options.sqliteNativeBinding)
    repos = {
      settings: new SettingsRepo(db),
      segments: new SegmentsRepo(db),
      gaps: new GapsRepo(db),
      holds: new HoldsRepo(db),
      events: new EventsRepo(db)
    }
    const secretBox = options.secretBox ?? new KeyFileSecretBox(join(options.dataDir, 'secret.key'))
    detection = new DetectionSettingsStore(repos.settings, secretBox)
    privacy = new PrivacyMode({
      settings: repos.settings,
      onChange: (state) => {
        emit('privacyChanged', state)
        void sync()
      }
    })
    registry = new CameraRegistry(new CamerasRepo(db), secretBox, new CameraManifests(recordingsDir))
    const restored = registry.restoreFromManifests()
    if (restored) logger.info(`restored ${restored} camera(s) from camera.json files`)
    tools = locateFfmpeg(options.ffmpegPath ?? process.env.VIGIL_FFMPEG)
    // Exports work in configure mode too: `vigil export` builds a package while another instance records.
    evidence = createEvidence({
      db,
      dataDir: options.dataDir,
      recordingsDir,
      segments: repos.segments,
      holds: repos.holds,
      settings: repos.settings,
      secretBox,
      tools,
      timeZone,
      softwareVersion: packageJson.version,
      headless: options.headless,
      knownCamera,
      camera: (cameraId) => {
        const row = need(registry).rows().find((r) => r.id === cameraId)
        return { name: row?.name ?? cameraName(cameraId), location: row?.location ?? '' }
      },
      jurisdiction: () => settings().jurisdiction,
      logger: logger.child('evidence'),
      emit,
      analyze: options.tuning?.redaction
    })
    if (mode === 'configure') return
    logger.info(`ffmpeg ${tools.version} (${tools.source}) at ${tools.ffmpeg}`)
    indexer = new SegmentIndexer({
      segments: repos.segments,
      recordingsDir,
      ffprobe: tools.ffprobe,
      logger: logger.child('index'),
      timeZone,
      onIndexed: (segment) => {
        emit('segmentIndexed', segment)
        if (need(detection).get(segment.cameraId).recording.mode === 'events') void eventSystem?.retention.enforce()
      }
    })
    await reconcileIndex(recordingsDir, repos.segments, indexer, logger.child('reconcile'))
    markUncleanShutdown()
    manager = new RecordingManager({
      registry,
      tools,
      indexer,
      gaps: repos.gaps,
      segments: repos.segments,
      recordingsDir,
      settings: recorderSettings,
      probeTimeoutMs: options.tuning?.probeTimeoutMs ?? 10_000,
      logger: logger.child('rec'),
      onStatus: (status) => {
        if (status.state === 'offline' && status.reason) live?.tapDown(status.cameraId, status.reason.message)
        emit('cameraStatus', status)
      },
      onProbed: (url, result) => live?.rememberProbe(url, result),
      onLiveTap: (cameraId, bytes) => {
        if (live) live.attachTap(cameraId, bytes)
        else bytes.resume() // nobody watches yet; an unread pipe would stall recording
      }
    })
    guard = new StorageGuard({
      segments: repos.segments,
      holds: repos.holds,
      recordingsDir,
      limits,
      retentionHours,
      defaultRetentionHours: DEFAULT_RETENTION_HOURS,
      logger: logger.child('storage'),
      onDeleted: (count) => emit('storageChanged', { deletedSegments: count })
    })
    guard.start(options.tuning?.retentionIntervalMs)
    live = new LiveManager({
      registry,
      tools,
      demoActive: demoWanted,
      probeTimeoutMs: options.tuning?.probeTimeoutMs ?? 10_000,
      settings: () => ({ ...DEFAULT_LIVE_SETTINGS, ...options.tuning?.live }),
      logger: logger.child('live'),
      recorderTaps: {
        downReason: (cameraId) => {
          const status = manager?.statuses().find((s) => s.cameraId === cameraId)
          return status?.state === 'offline' ? (status.reason?.message ?? 'The camera is offline') : null
        }
      }
    })
    eventSystem = createEventSystem({
      events: repos.events,
      segments: repos.segments,
      holds: repos.holds,
      indexer,
      registry,
      detection,
      tools,
      dataDir: options.dataDir,
      recordingsDir,
      cameraName,
      openLive: (cameraId, sink) => need(live).openLive({ cameraId, stream: 'main', transcode: false }, sink),
      snapshot: async (cameraId) => Buffer.from((await need(manager).snapshot(cameraId)).jpegBase64, 'base64'),
      alertsEnabled: () => {
        const state = need(privacy).state()
        return state.alertsEnabled && state.pausedUntil === null
      },
      retentionHours,
      defaultRetentionHours: DEFAULT_RETENTION_HOURS,
      notifier: options.notifier,
      logger,
      emit,
      tuning: { ...options.tuning, intervalMs: options.tuning?.retentionIntervalMs }
    })
    recording = true
    privacy.start()
    await sync()
    // A saved port another program took meanwhile is reported (log, Settings, Detection), not fatal.
    webhookListener = (await listenForWebhooks(settings().webhookPort)) ?? webhookListener
    if (webhookListener.state === 'failed') logger.warn(`webhook port: ${webhookListener.message}`)
    watchForOutsideChanges(db)
  }

  /** Opens, moves or closes the webhook port; a port that cannot be opened leaves the listener as it was. */
  async function listenForWebhooks(port: number | null): Promise<WebhookListenerState | null> {
    return options.listenForWebhooks ? options.listenForWebhooks(port) : null
  }

  /**
   * `vigil cameras add` may run while this instance records: SQLite's data_version changes when another
   * connection commits, so a cheap poll notices and the recorders follow.
   */
  function watchForOutsideChanges(database: Db): void {
    let version = database.pragma('data_version', { simple: true })
    configWatcher = setInterval(() => {
      const now = database.pragma('data_version', { simple: true })
      if (now === version) return
      version = now
      void sync().then(() => emit('camerasChanged', { reason: 'updated' }))
    }, 2000)
  }

  /** A camera with recordings but no open gap was cut off by a crash or power loss: record that gap. */
  function markUncleanShutdown(): void {
    const { segments, gaps } = need(repos)
    const cameraIds = new Set([...need(registry).rows().map((row) => row.id), DEMO_CAMERA_ID])
    for (const id of cameraIds) {
      const lastEnd = segments.latestEnd(id)
      if (lastEnd !== null && !gaps.openGap(id)) gaps.open(id, lastEnd, 'app_stopped', 'Vigil was not running (unclean shutdown)')
    }
  }

  async function stop(): Promise<void> {
    if (configWatcher) clearInterval(configWatcher)
    if (recording) await listenForWebhooks(null)
    recording = false
    privacy?.stop()
    await eventSystem?.stop()
    await evidence?.stop()
    evidence = null
    await live?.stopAll()
    live = null
    await guard?.stop()
    await manager?.stopAll('app_stopped')
    db?.close()
    db = null
  }

  async function dispatch(method: string, args: unknown): Promise<Envelope> {
    try {
      if (!isMethodName(method)) throw new VigilError('NOT_FOUND', `Unknown method "${method}"`)
      const params = parseArgs(method, args)
      const handler = handlers[method] as (params: unknown) => unknown
      return { ok: true, value: await handler(params) }
    } catch (error) {
      if (error instanceof VigilError) return { ok: false, error: error.toPayload() }
      logger.error(`${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
      return { ok: false, error: { code: 'INTERNAL', message: 'Internal error; see the log for details' } }
    }
  }

  const fileInfo = (file: string | null | undefined) => {
    if (!file) return null
    try {
      const info = statSync(file)
      return info.isFile() ? { path: file, bytes: info.size } : null
    } catch {
      return null
    }
  }

  const media: MediaService = {
    exportPreview: (draftId, cameraId) => fileInfo(evidence?.previewFile(draftId, cameraId)),
    packageZip: (packageId) => fileInfo(evidence?.packageZip(packageId)),
    openLive(request, sink) {
      if (!live) {
        sink.send({ kind: 'error', message: 'Vigil is not recording yet' })
        sink.end()
        return () => {}
      }
      return live.openLive(request, sink)
    },
    segmentFile(id) {
      if (!db || !repos || !Number.isSafeInteger(id) || id <= 0) return null
      const segment = repos.segments.byId(id)
      if (!segment || segment.missing) return null
      const file = join(recordingsDir, segment.path)
      // The index holds relative paths under the recordings folder; anything else is not served.
      const inside = relative(recordingsDir, file)
      if (!inside || inside.startsWith('..') || isAbsolute(inside)) return null
      return fileInfo(file)
    }
  }

  async function webhook(cameraId: string, token: string): Promise<WebhookOutcome> {
    if (!recording || !registry || !detection || !eventSystem || !privacy) return 'unknown'
    const row = registry.rows().find((r) => r.id === cameraId)
    if (!row || !detection.verifyWebhook(row.id, token)) return 'unknown'
    const settings = detection.get(row.id).webhook
    if (!settings.enabled || !row.enabled) return 'disabled'
    if (privacy.paused()) return 'paused'
    eventSystem.service.instant({ cameraId: row.id, kind: settings.kind, source: 'webhook', at: Date.now() })
    return 'accepted'
  }

  return {
    media,
    dispatch,
    webhook,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    start,
    stop
  }
}
