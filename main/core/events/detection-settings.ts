import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { DetectionSettings, WebhookInfo } from '../../contract'
import type { SettingsRepo } from '../db'
import type { SecretBox } from '../host'

export type DetectionPatch = { [K in keyof Omit<DetectionSettings, 'cameraId'>]?: Partial<DetectionSettings[K]> }

/** What a new camera starts with: motion on over the whole frame, continuous recording, alerts on. */
export function defaultDetection(cameraId: string): DetectionSettings {
  return {
    cameraId,
    motion: { enabled: true, sensitivity: 60, minObjectPercent: 0.3, zones: [] },
    recording: { mode: 'continuous', preRollSeconds: 5, postRollSeconds: 10 },
    alerts: { enabled: true, kinds: ['motion', 'doorbell', 'camera_motion'], cooldownSeconds: 60, quietHours: null },
    onvif: { enabled: false, deviceUrl: null },
    webhook: { enabled: false, kind: 'doorbell' }
  }
}

const settingsKey = (cameraId: string) => `detection:${cameraId}`
const tokenKey = (cameraId: string) => `webhookToken:${cameraId}`
const modeSinceKey = (cameraId: string) => `recordingModeSince:${cameraId}`

/** Per-camera detection, recording-mode and alert settings, stored as JSON beside the app settings. */
export class DetectionSettingsStore {
  constructor(
    private readonly settings: SettingsRepo,
    private readonly secrets: SecretBox
  ) {}

  get(cameraId: string): DetectionSettings {
    const stored = this.settings.get<DetectionPatch>(settingsKey(cameraId), {})
    return merge(defaultDetection(cameraId), stored)
  }

  set(cameraId: string, patch: DetectionPatch, now = Date.now()): DetectionSettings {
    const before = this.get(cameraId)
    const next = merge(before, patch)
    const { cameraId: _id, ...stored } = next
    this.settings.set(settingsKey(cameraId), stored)
    if (next.recording.mode !== before.recording.mode) this.settings.set(modeSinceKey(cameraId), now)
    return next
  }

  /**
   * When the camera switched to events-only recording: only footage from then on is thinned out, so
   * switching does not delete what was recorded continuously before.
   */
  eventsOnlySince(cameraId: string): number {
    return this.settings.get<number>(modeSinceKey(cameraId), 0)
  }

  remove(cameraId: string): void {
    for (const key of [settingsKey(cameraId), tokenKey(cameraId), modeSinceKey(cameraId)]) this.settings.remove(key)
  }

  /** The webhook token is a credential: sealed at rest like camera passwords, made on first use. */
  webhook(cameraId: string, regenerate = false): Pick<WebhookInfo, 'token' | 'path'> {
    let token = regenerate ? null : this.token(cameraId)
    if (!token) {
      token = randomBytes(24).toString('base64url')
      this.settings.set(tokenKey(cameraId), this.secrets.seal(token))
    }
    return { token, path: webhookPath(cameraId, token) }
  }

  /** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
  verifyWebhook(cameraId: string, token: string): boolean {
    const expected = this.token(cameraId)
    if (!expected) return false
    const a = Buffer.from(expected)
    const b = Buffer.from(token)
    return a.length === b.length && timingSafeEqual(a, b)
  }

  private token(cameraId: string): string | null {
    const sealed = this.settings.get<string | null>(tokenKey(cameraId), null)
    if (!sealed) return null
    try {
      return this.secrets.open(sealed)
    } catch {
      return null
    }
  }
}

export function webhookPath(cameraId: string, token: string): string {
  return `/hooks/${encodeURIComponent(cameraId)}/${token}`
}

function merge(base: DetectionSettings, patch: DetectionPatch): DetectionSettings {
  return {
    cameraId: base.cameraId,
    motion: { ...base.motion, ...patch.motion },
    recording: { ...base.recording, ...patch.recording },
    alerts: { ...base.alerts, ...patch.alerts },
    onvif: { ...base.onvif, ...patch.onvif },
    webhook: { ...base.webhook, ...patch.webhook }
  }
}
