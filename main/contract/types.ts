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
}

export interface Settings {
  language: Language
  segmentSeconds: number
}

export interface Snapshot {
  cameraId: string
  takenAt: number
  /** JPEG bytes, base64: the same over IPC and HTTP, no media route needed for a still. */
  jpegBase64: string
}
