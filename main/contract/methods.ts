// The one list of calls. Main registers a handler per entry; the preload and the HTTP client are built from
// the same names, so adding a method here is the only place a new call is declared.
import { z } from 'zod'
import type { ChainStatus, EvidenceHold, ExportDraft, ExportResult, LegalCatalog, LogEntryView } from './evidence'
import type { MethodName } from './method-names'
import type {
  AppInfo,
  Camera,
  CameraEvent,
  DetectionSettings,
  OnvifProbe,
  PrivacyState,
  WebhookInfo,
  CameraStatus,
  Gap,
  ProbeReport,
  Segment,
  Settings,
  Snapshot,
  StorageLimits,
  StorageSummary
} from './types'

const STREAM_SCHEMES = ['rtsp:', 'rtsps:']

/** A camera stream URL: rtsp(s)://host[:port]/path. Credentials in the URL are accepted and split off later. */
export const streamUrl = z
  .string()
  .trim()
  .min(1, 'Enter the stream URL, e.g. rtsp://192.168.1.20:554/stream1')
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value)
      return STREAM_SCHEMES.includes(url.protocol) && url.hostname.length > 0
    } catch {
      return false
    }
  }, 'Expected an rtsp:// or rtsps:// URL with a host, e.g. rtsp://192.168.1.20:554/stream1')

const id = z.string().min(1).max(64)
const epochMs = z.number().int().nonnegative()
const eventId = z.number().int().positive()
const eventKind = z.enum(['motion', 'doorbell', 'camera_motion'])
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected a time like 22:00')

const jurisdiction = z.enum(['eu-de', 'uk', 'us'])
const draftId = z.string().regex(/^[a-z0-9-]{8,64}$/, 'Unknown export')
const holdReason = z.string().trim().min(3, 'Say why (at least 3 characters)').max(500, 'At most 500 characters')
const manualRegion = z
  .object({
    cameraId: id,
    label: z.string().trim().max(60),
    box: z
      .object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1), w: z.number().gt(0).max(1), h: z.number().gt(0).max(1) })
      .strict(),
    from: epochMs.nullable(),
    to: epochMs.nullable()
  })
  .strict()

const normPoint = z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) }).strict()
const motionZone = z
  .object({
    id: z.string().min(1).max(40),
    name: z.string().trim().min(1, 'Give the zone a name').max(40, 'At most 40 characters'),
    kind: z.enum(['include', 'exclude']),
    points: z.array(normPoint).min(3, 'A zone needs at least 3 points').max(32, 'At most 32 points')
  })
  .strict()

const onvifDeviceUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol)
    } catch {
      return false
    }
  }, 'Expected the device service URL, e.g. http://192.168.1.20/onvif/device_service')

/** Each part of the detection settings may be sent alone; what is left out stays as it is. */
const detectionPatch = {
  motion: z
    .object({
      enabled: z.boolean(),
      sensitivity: z.number().int().min(1, 'From 1 to 100').max(100, 'From 1 to 100'),
      minObjectPercent: z.number().min(0.05, 'At least 0.05 %').max(50, 'At most 50 %'),
      zones: z.array(motionZone).max(16, 'At most 16 zones')
    })
    .strict()
    .partial(),
  recording: z
    .object({
      mode: z.enum(['continuous', 'events']),
      preRollSeconds: z.number().int().min(0).max(60, 'At most 60 seconds'),
      postRollSeconds: z.number().int().min(0).max(300, 'At most 300 seconds')
    })
    .strict()
    .partial(),
  alerts: z
    .object({
      enabled: z.boolean(),
      kinds: z.array(eventKind).max(3),
      cooldownSeconds: z.number().int().min(0).max(3600, 'At most one hour'),
      quietHours: z.object({ from: clockTime, to: clockTime }).strict().nullable()
    })
    .strict()
    .partial(),
  onvif: z
    .object({
      enabled: z.boolean(),
      deviceUrl: onvifDeviceUrl
        .nullable()
    })
    .strict()
    .partial(),
  webhook: z.object({ enabled: z.boolean(), kind: z.enum(['doorbell', 'camera_motion']) }).strict().partial()
}

const cameraShape = {
  name: z.string().trim().min(1, 'Give the camera a name').max(64, 'At most 64 characters'),
  location: z.string().trim().max(200),
  mainUrl: streamUrl,
  subUrl: streamUrl.nullable(),
  username: z.string().max(256).nullable(),
  /** On update: left out = keep the stored password; null = remove it. */
  password: z.string().max(1024).nullable().optional(),
  enabled: z.boolean(),
  retentionHours: z.number().int().min(1, 'At least 1 hour').max(24 * 365, 'At most one year')
}

/** Adding: what is left out gets its default. */
export const cameraFields = z.object({
  ...cameraShape,
  location: cameraShape.location.default(''),
  subUrl: cameraShape.subUrl.default(null),
  username: cameraShape.username.default(null),
  enabled: cameraShape.enabled.default(true),
  retentionHours: cameraShape.retentionHours.default(72)
})
/** Updating: what is left out stays as it is (no defaults, or a partial update would reset fields). */
const cameraPatch = z.object(cameraShape).partial()
export type CameraInput = z.input<typeof cameraFields>

export const methodSchemas = {
  'app.info': z.object({}).strict(),
  'settings.get': z.object({}).strict(),
  'settings.set': z
    .object({
      language: z.enum(['en', 'de']).optional(),
      segmentSeconds: z.number().int().min(2).max(600).optional(),
      jurisdiction: jurisdiction.optional(),
      webhookPort: z.number().int().min(1024, 'Use a port from 1024 to 65535').max(65535, 'Use a port from 1024 to 65535').nullable().optional()
    })
    .strict(),
  'cameras.list': z.object({}).strict(),
  'cameras.status': z.object({}).strict(),
  'cameras.probe': z
    .object({
      mainUrl: streamUrl,
      subUrl: streamUrl.nullable().optional(),
      username: z.string().max(256).nullable().optional(),
      password: z.string().max(1024).nullable().optional(),
      /** Probe with this camera's stored password when no password is typed. */
      cameraId: id.optional()
    })
    .strict(),
  'cameras.add': cameraFields.strict(),
  'cameras.update': cameraPatch.extend({ id }).strict(),
  'cameras.remove': z.object({ id, deleteRecordings: z.boolean().default(false) }).strict(),
  'cameras.setEnabled': z.object({ id, enabled: z.boolean() }).strict(),
  'live.snapshot': z.object({ cameraId: id }).strict(),
  'recordings.segments': z.object({ cameraId: id, from: epochMs, to: epochMs }).strict(),
  'recordings.gaps': z.object({ cameraId: id, from: epochMs, to: epochMs }).strict(),
  /** Local calendar days (machine time zone) that still have recordings, for the date picker. */
  'recordings.days': z.object({ cameraId: id }).strict(),
  /** The segment that contains `at`, else the first one after it (seek). */
  'recordings.locate': z.object({ cameraId: id, at: epochMs }).strict(),
  /** The recorded frame at `at` as a JPEG (export regions are drawn on the footage being exported). */
  'recordings.frame': z.object({ cameraId: id, at: epochMs }).strict(),
  'storage.summary': z.object({}).strict(),
  'storage.setLimits': z
    .object({
      maxBytes: z.number().int().positive().nullable(),
      minFreeBytes: z.number().int().nonnegative()
    })
    .strict(),
  /** Newest first. */
  'events.list': z
    .object({
      cameraId: id.optional(),
      kinds: z.array(eventKind).max(3).optional(),
      from: epochMs.optional(),
      to: epochMs.optional(),
      limit: z.number().int().min(1).max(1000).default(200)
    })
    .strict(),
  'events.get': z.object({ id: eventId }).strict(),
  'events.snapshot': z.object({ id: eventId }).strict(),
  'detection.get': z.object({ cameraId: id }).strict(),
  'detection.set': z
    .object({
      cameraId: id,
      motion: detectionPatch.motion.optional(),
      recording: detectionPatch.recording.optional(),
      alerts: detectionPatch.alerts.optional(),
      onvif: detectionPatch.onvif.optional(),
      webhook: detectionPatch.webhook.optional()
    })
    .strict(),
  /** The camera's webhook path and token; regenerate = the old token stops working. */
  'detection.webhook': z.object({ cameraId: id, regenerate: z.boolean().default(false) }).strict(),
  /** Does the camera offer ONVIF events? Asks with the camera's stored credentials. */
  'detection.probeOnvif': z.object({ cameraId: id, deviceUrl: onvifDeviceUrl.optional() }).strict(),
  'privacy.get': z.object({}).strict(),
  'legal.catalog': z.object({ jurisdiction: jurisdiction.optional() }).strict(),
  'holds.list': z.object({ includeReleased: z.boolean().default(false) }).strict(),
  'holds.place': z
    .object({ cameraId: id, from: epochMs, to: epochMs, reason: holdReason })
    .strict()
    .refine((hold) => hold.to > hold.from, { message: 'The end must be after the start', path: ['to'] }),
  'holds.release': z.object({ id: z.number().int().positive(), reason: holdReason }).strict(),
  /** Step 2 of the wizard: the scope. Places an evidence hold per camera at once. */
  'exports.create': z
    .object({
      cameraIds: z.array(id).min(1, 'Choose at least one camera').max(16),
      from: epochMs,
      to: epochMs,
      reason: holdReason.optional()
    })
    .strict()
    .refine((scope) => scope.to > scope.from, { message: 'The end must be after the start', path: ['to'] })
    .refine((scope) => scope.to - scope.from <= 24 * 3_600_000, { message: 'At most 24 hours per export', path: ['to'] }),
  'exports.get': z.object({ id: draftId }).strict(),
  /** Step 3: find the people in the clips (runs in the background; exportProgress / exportChanged report). */
  'exports.analyze': z.object({ id: draftId }).strict(),
  /** Step 3: render the redacted working copies with the chosen people kept. */
  'exports.render': z
    .object({
      id: draftId,
      keep: z.array(z.string().max(80)).max(100),
      effect: z.enum(['pixelate', 'fill']),
      regions: z.array(manualRegion).max(50),
      redactMoving: z.boolean().default(false)
    })
    .strict(),
  /** Step 5: writes the log entry and builds the package. */
  'exports.confirm': z
    .object({
      id: draftId,
      jurisdiction,
      basis: z.string().min(1).max(60),
      request: z.record(z.string().max(60), z.string().max(4000)),
      includeOriginals: z.boolean(),
      includeSnapshots: z.boolean(),
      zipPassphrase: z.string().min(12, 'At least 12 characters').max(256).nullable(),
      language: z.enum(['en', 'de'])
    })
    .strict(),
  /** Leaves no package and no log entry; the holds stay until released. */
  'exports.cancel': z.object({ id: draftId }).strict(),
  'log.list': z
    .object({
      year: z.number().int().min(2000).max(2100).optional(),
      recipient: z.string().max(200).optional(),
      basis: z.string().max(60).optional()
    })
    .strict(),
  'log.verify': z.object({}).strict(),
  'log.export': z.object({ format: z.enum(['csv', 'pdf']), language: z.enum(['en', 'de']) }).strict(),
  /** pauseMinutes: pause all recording and detection for that long; null resumes now. */
  'privacy.set': z
    .object({
      pauseMinutes: z.number().int().min(1).max(24 * 60, 'At most 24 hours').nullable().optional(),
      alertsEnabled: z.boolean().optional()
    })
    .strict()
} as const satisfies Record<MethodName, z.ZodType>

// Compile-time check that the zod-free name list and the schemas name the same methods.
type SchemaNames = keyof typeof methodSchemas
const namesMatch: [SchemaNames] extends [MethodName] ? ([MethodName] extends [SchemaNames] ? true : never) : never = true
void namesMatch

export { METHOD_NAMES, isMethodName, type MethodName } from './method-names'

/** What each call returns. */
export interface MethodResults {
  'app.info': AppInfo
  'settings.get': Settings
  'settings.set': Settings
  'cameras.list': Camera[]
  'cameras.status': CameraStatus[]
  'cameras.probe': ProbeReport
  'cameras.add': Camera
  'cameras.update': Camera
  'cameras.remove': { removed: true }
  'cameras.setEnabled': Camera
  'live.snapshot': Snapshot
  'recordings.segments': Segment[]
  'recordings.gaps': Gap[]
  'recordings.days': { days: string[] }
  'recordings.locate': { segment: Segment | null }
  'recordings.frame': Snapshot
  'storage.summary': StorageSummary
  'storage.setLimits': StorageLimits
  'events.list': CameraEvent[]
  'events.get': CameraEvent
  'events.snapshot': Snapshot
  'detection.get': DetectionSettings
  'detection.set': DetectionSettings
  'detection.webhook': WebhookInfo
  'detection.probeOnvif': OnvifProbe
  'privacy.get': PrivacyState
  'privacy.set': PrivacyState
  'legal.catalog': LegalCatalog
  'holds.list': EvidenceHold[]
  'holds.place': EvidenceHold
  'holds.release': EvidenceHold
  'exports.create': ExportDraft
  'exports.get': ExportDraft
  'exports.analyze': ExportDraft
  'exports.render': ExportDraft
  'exports.confirm': ExportResult
  'exports.cancel': { cancelled: true }
  'log.list': LogEntryView[]
  'log.verify': ChainStatus
  /** The file's bytes as base64, for a download in the UI. */
  'log.export': { fileName: string; mime: string; base64: string }
}

/** What a caller passes (defaults may be left out). */
export type MethodArgs<M extends MethodName> = z.input<(typeof methodSchemas)[M]>
/** What a handler receives after validation (defaults filled in). */
export type MethodParams<M extends MethodName> = z.output<(typeof methodSchemas)[M]>

export type VigilApi = {
  [M in MethodName]: (args: MethodArgs<M>) => Promise<MethodResults[M]>
}
