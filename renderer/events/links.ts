// Links into the app for events: the timeline at an instant (#/timeline/<id>[,<id>...]/<epochMs>), an event by
// id (#/events/<id>, resolved to the timeline), a camera's detection settings (#/cameras/detection/<id>).
import type { CameraEvent } from '../api/contract'
import { decodePart, routeHref } from '../routes'

/** An event opens this long before its start, so the picture shows what led up to it. */
export const EVENT_LEAD_MS = 5000

export interface TimelineLink {
  cameraIds: string[]
  /** The instant to open at (epoch ms), or null for the default (today's latest, an earlier day's first). */
  at: number | null
}

export function timelineHref(cameraIds: readonly string[], at: number | null = null): string {
  const ids = cameraIds.map(encodeURIComponent).join(',')
  return `${routeHref('timeline')}/${ids}${at === null ? '' : `/${Math.max(0, Math.round(at))}`}`
}

/** Reads the parts after #/timeline; a missing or malformed time is no time. */
export function parseTimelineLink(parts: readonly string[]): TimelineLink {
  const cameraIds = (parts[0] ?? '')
    .split(',')
    .filter(Boolean)
    .map(decodePart)
  const raw = parts[1] ?? ''
  const at = /^\d{1,15}$/.test(raw) ? Number(raw) : null
  return { cameraIds, at }
}

/** Where "open this event" goes: its camera on the timeline, a few seconds before it started. */
export function eventHref(event: Pick<CameraEvent, 'cameraId' | 'start'>): string {
  return timelineHref([event.cameraId], event.start - EVENT_LEAD_MS)
}

/** An event by id; the events page looks it up and forwards to eventHref (for links made without the event). */
export function eventIdHref(id: number): string {
  return `${routeHref('events')}/${id}`
}

/** The event id in #/events/<id>, if the parts name one. */
export function parseEventId(parts: readonly string[]): number | null {
  const raw = parts[0] ?? ''
  return /^[1-9]\d{0,14}$/.test(raw) ? Number(raw) : null
}

export function detectionHref(cameraId: string): string {
  return `${routeHref('cameras')}/detection/${encodeURIComponent(cameraId)}`
}

/** The camera id in #/cameras/detection/<id>, if that is the address. */
export function parseDetectionLink(parts: readonly string[]): string | null {
  return parts[0] === 'detection' && parts[1] ? decodePart(parts[1]) : null
}
