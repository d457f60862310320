// Plain data that crosses the contract. Times are epoch milliseconds (UTC).
import type { ErrorPayload } from './errors'

export type Language = 'en' | 'de'

export interface Camera {
  id: string
  name: string
  location: string
  /** Main stream URL without credentials. */
  mainUrl: string
  subUrl: string | null
  username: string | null
  hasPassword: boolean
  enabled: boolean
  retentionHours: number
  createdAt: number
  /** The built-in demo camera (only while no real camera is configured). */
  demo: boolean
}

export type CameraState = 'starting' | 'recording' | 'offline' | 'paused'

export interface CameraStatus {
  cameraId: string
  state: CameraState
  /** Why the camera is offline (or why the last attempt failed). */
  reason: ErrorPayload | null
  since: number
  lastSegmentEnd: number | null
  restarts: number
  /** When the next reconnect attempt is due, while offline. */
  retryAt: number | null
}

export interface StreamInfo {
  video: { codec: string; width: number; height: number; fps: number | null }
  audio: { codec: string; sampleRate: number | null; channels: number | null } | null
}

export type ProbeOutcome = { ok: true; info: StreamInfo } | { ok: false; error: ErrorPayload }

export interface ProbeReport {
  main: ProbeOutcome
  sub: ProbeOutcome | null
}

export interface CameraStorage {
  cameraId: string
  name: string
  usedBytes: number
  segments: number
  oldestStart: number | null
  newestEnd: number | null
}

export interface StorageSummary {
  dataDir: string
  recordingsBytes: number
  diskFreeBytes: number
  diskTotalBytes: number
  limits: StorageLimits
  cameras: CameraStorage[]
}

export interface StorageLimits {
  /** Upper bound for all recordings together; null = only the free-space floor applies. */
  maxBytes: number | null
  /** Oldest recordings are deleted while free disk space is below this. */
  minFreeBytes: number
}

export interface Segment {
  id: number
  cameraId: string
  start: number
  end: number
  durationMs: number
  bytes: number
  codec: string
  sha256: string
  missing: boolean
}

export type GapCause = 'camera_offline' | 'ffmpeg_exit' | 'stalled' | 'disk_full' | 'app_stopped' | 'paused'

export interface Gap {
  id: number
  cameraId: string
  start: number
  end: number | null
  cause: GapCause
  detail: string | null
}

export interface AppInfo {
  version: string
  headless: boolean
  dataDir: string
  timeZone: string
  ffmpeg: { path: string; version: string; source: 'setting' | 'ffmpeg-static' | 'system' } | null
  demoActive: boolean
  /** The webhook port (Settings); null where this Vigil cannot open one (a CLI run). */
  webhookListener: WebhookListenerState | null
}

export interface Settings {
  language: Language
  segmentSeconds: number
  /** Which legal-basis catalog the export wizard offers. */
  jurisdiction: 'eu-de' | 'uk' | 'us'
  /**
   * A port on every network interface that accepts camera webhooks and nothing else, for cameras that call
   * out; null = off. The headless server answers webhooks on its own port too.
   */
  webhookPort: number | null
}

export interface Snapshot {
  cameraId: string
  takenAt: number
  /** JPEG bytes, base64: the same over IPC and HTTP, no media route needed for a still. */
  jpegBase64: string
}

/** What raised an event: Vigil's own motion detection, a doorbell press, or the camera's own motion alarm. */
export type EventKind = 'motion' | 'doorbell' | 'camera_motion'
export type EventSource = 'detector' | 'onvif' | 'webhook'
export const EVENT_KINDS: readonly EventKind[] = ['motion', 'doorbell', 'camera_motion']

export interface CameraEvent {
  id: number
  cameraId: string
  kind: EventKind
  source: EventSource
  start: number
  /** null while the event is still going on. */
  end: number | null
  /** The motion zone that saw it (detector events). */
  zoneId: string | null
  zoneName: string | null
  /** Largest moving area seen, as a share of the frame (0..1); detector events only. */
  peakScore: number | null
  hasSnapshot: boolean
}

/** A point on a frame, as a share of its width and height (0..1), so zones survive a resolution change. */
export interface NormPoint {
  x: number
  y: number
}

/** Include zones raise events; exclusion areas (a tree, a street) never count. */
export interface MotionZone {
  id: string
  name: string
  kind: 'include' | 'exclude'
  points: NormPoint[]
}

export type RecordingMode = 'continuous' | 'events'

/** Per camera: how it is watched, what is kept and who is told. */
export interface DetectionSettings {
  cameraId: string
  motion: {
    enabled: boolean
    /** 1..100: higher reacts to smaller changes. */
    sensitivity: number
    /** Smallest moving object that counts, percent of the frame. */
    minObjectPercent: number
    zones: MotionZone[]
  }
  recording: { mode: RecordingMode; preRollSeconds: number; postRollSeconds: number }
  alerts: {
    enabled: boolean
    kinds: EventKind[]
    /** One visitor is one alert: further events of the camera within this time stay silent. */
    cooldownSeconds: number
    /** Local time "HH:MM"; no alerts in between (events are still recorded). from > to spans midnight. */
    quietHours: { from: string; to: string } | null
  }
  /** ONVIF PullPoint events (doorbell, camera motion) with the camera's own credentials. */
  onvif: { enabled: boolean; deviceUrl: string | null }
  /** A local URL the camera calls (POST) with a token, for cameras that call out. */
  webhook: { enabled: boolean; kind: 'doorbell' | 'camera_motion' }
}

export interface WebhookInfo {
  /** Path on this Vigil's HTTP server, token included; prefix it with the address cameras reach Vigil at. */
  path: string
  token: string
  /** The webhook port (Settings); null where this Vigil cannot open one (a CLI run). */
  listener: WebhookListenerState | null
  /** This computer's network addresses (IPv4, not loopback): what a camera on the same network calls. */
  addresses: string[]
}

export interface WebhookListenerState {
  port: number | null
  state: 'off' | 'listening' | 'failed'
  /** Why it failed (the port is taken, not allowed). */
  message: string | null
}

export interface OnvifProbe {
  supported: boolean
  topics: string[]
  error: string | null
}

/** Privacy mode: all recording and detection paused until a time; and the global alert switch. */
export interface PrivacyState {
  pausedUntil: number | null
  alertsEnabled: boolean
}

/** An event that passed the camera's alert rules (enabled, kind, quiet hours, cool-down). */
export interface Alert {
  event: CameraEvent
  cameraName: string
}
