// Whether an event becomes an alert. Pure: the event service passes in the clock and what it remembers.
import type { CameraEvent, DetectionSettings } from '../../contract'

export type AlertDecision = { alert: true } | { alert: false; why: 'alerts_off' | 'camera_off' | 'kind_off' | 'quiet_hours' | 'cooldown' }

export interface AlertInput {
  event: Pick<CameraEvent, 'kind' | 'start'>
  rules: DetectionSettings['alerts']
  /** The global switch (tray menu / header). */
  alertsEnabled: boolean
  /** When this camera last alerted for this kind, if ever. */
  lastAlertAt: number | null
  /** Minutes since local midnight at the event's start (the caller knows the time zone). */
  localMinutes: number
}

export function decideAlert(input: AlertInput): AlertDecision {
  const { event, rules } = input
  if (!input.alertsEnabled) return { alert: false, why: 'alerts_off' }
  if (!rules.enabled) return { alert: false, why: 'camera_off' }
  if (!rules.kinds.includes(event.kind)) return { alert: false, why: 'kind_off' }
  if (rules.quietHours && inQuietHours(input.localMinutes, rules.quietHours)) return { alert: false, why: 'quiet_hours' }
  // One visitor is one alert: a camera that alerted for this kind a moment ago stays silent for a while.
  if (input.lastAlertAt !== null && event.start - input.lastAlertAt < rules.cooldownSeconds * 1000) {
    return { alert: false, why: 'cooldown' }
  }
  return { alert: true }
}

export function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return h * 60 + m
}

/** from > to spans midnight (22:00-07:00); from == to means no quiet time at all. */
export function inQuietHours(minutes: number, quiet: { from: string; to: string }): boolean {
  const from = clockMinutes(quiet.from)
  const to = clockMinutes(quiet.to)
  if (from === to) return false
  return from < to ? minutes >= from && minutes < to : minutes >= from || minutes < to
}

export function localMinutesOf(epochMs: number): number {
  const date = new Date(epochMs)
  return date.getHours() * 60 + date.getMinutes()
}
