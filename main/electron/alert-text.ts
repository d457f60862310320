// The words of a desktop notification, in the user's language. Pure, so it is tested without Electron.
import type { Alert, EventKind, Language } from '../contract'

const KIND: Record<Language, Record<EventKind, string>> = {
  en: { motion: 'Motion', doorbell: 'Doorbell', camera_motion: 'Camera motion alarm' },
  de: { motion: 'Bewegung', doorbell: 'Türklingel', camera_motion: 'Bewegungsalarm der Kamera' }
}

export function alertTitle(alert: Alert, language: Language): string {
  return `${alert.cameraName}: ${KIND[language][alert.event.kind]}`
}

export function alertBody(alert: Alert, language: Language): string {
  const time = new Date(alert.event.start).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
  const zone = alert.event.zoneName ? ` — ${alert.event.zoneName}` : ''
  return `${time}${zone}`
}

/** Where clicking the notification leads: the event on the timeline (the renderer's deep link). */
export function eventRoute(alert: Alert): string {
  return `#/events/${alert.event.id}`
}
