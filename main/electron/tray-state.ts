// What the tray shows, decided from plain data so it can be tested without Electron.
import type { CameraStatus, Language, PrivacyState } from '../contract'

export type TrayState = 'recording' | 'alert' | 'problem' | 'paused'

export interface TrayInput {
  statuses: CameraStatus[]
  privacy: PrivacyState
  /** An alert that was not looked at yet (cleared when the window is shown). */
  unseenAlert: boolean
}

/** Alert beats problem beats paused: an unseen visitor matters more than an offline camera. */
export function trayState(input: TrayInput): TrayState {
  if (input.unseenAlert) return 'alert'
  if (input.privacy.pausedUntil !== null) return 'paused'
  if (input.statuses.some((status) => status.state === 'offline')) return 'problem'
  if (input.statuses.length > 0 && input.statuses.every((status) => status.state === 'paused')) return 'paused'
  return 'recording'
}

const TEXTS = {
  en: {
    recording: 'Vigil — recording',
    alert: 'Vigil — new alert',
    problem: 'Vigil — a camera is offline',
    paused: 'Vigil — recording paused',
    pausedUntil: 'Vigil — privacy mode until {time}',
    open: 'Open Vigil',
    pause: 'Pause all recording',
    minutes: '{n} minutes',
    resume: 'Resume recording',
    alerts: 'Alerts',
    quit: 'Quit Vigil'
  },
  de: {
    recording: 'Vigil — nimmt auf',
    alert: 'Vigil — neue Meldung',
    problem: 'Vigil — eine Kamera ist offline',
    paused: 'Vigil — Aufnahme pausiert',
    pausedUntil: 'Vigil — Privatsphäre-Modus bis {time}',
    open: 'Vigil öffnen',
    pause: 'Alle Aufnahmen pausieren',
    minutes: '{n} Minuten',
    resume: 'Aufnahme fortsetzen',
    alerts: 'Meldungen',
    quit: 'Vigil beenden'
  }
} satisfies Record<Language, Record<string, string>>

export const PAUSE_CHOICES_MIN = [15, 30, 60, 120] as const

export function trayTooltip(state: TrayState, privacy: PrivacyState, language: Language): string {
  const texts = TEXTS[language]
  if (state === 'paused' && privacy.pausedUntil !== null) {
    const time = new Date(privacy.pausedUntil).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' })
    return texts.pausedUntil.replace('{time}', time)
  }
  return texts[state]
}

/** A menu item as plain data; tray.ts hands these to Menu.buildFromTemplate. */
export interface TrayMenuItem {
  label?: string
  type?: 'separator' | 'checkbox'
  checked?: boolean
  submenu?: TrayMenuItem[]
  click?: () => void
}

export interface TrayActions {
  open(): void
  pause(minutes: number | null): void
  setAlerts(enabled: boolean): void
  quit(): void
}

export function trayMenu(privacy: PrivacyState, language: Language, actions: TrayActions): TrayMenuItem[] {
  const texts = TEXTS[language]
  const pauseItem: TrayMenuItem =
    privacy.pausedUntil !== null
      ? { label: texts.resume, click: () => actions.pause(null) }
      : {
          label: texts.pause,
          submenu: PAUSE_CHOICES_MIN.map((n) => ({ label: texts.minutes.replace('{n}', String(n)), click: () => actions.pause(n) }))
        }
  return [
    { label: texts.open, click: actions.open },
    { type: 'separator' },
    pauseItem,
    { label: texts.alerts, type: 'checkbox', checked: privacy.alertsEnabled, click: () => actions.setAlerts(!privacy.alertsEnabled) },
    { type: 'separator' },
    { label: texts.quit, click: actions.quit }
  ]
}
