// Links into the export wizard with a scope filled in: from an event, from the timeline, by hand.
//   #/export/new?camera=<id>[&camera=<id>...]&from=<epochMs>&to=<epochMs>   (camera may also be "a,b")
//   #/export/new/<id>[,<id>...]/<from>/<to>                                   (the same as a path)
// Pure.
import type { CameraEvent } from '../api/contract'
import { decodePart, routeHref } from '../routes'
import { LONG_RANGE_MS } from './time'

export interface ExportLink {
  cameraIds: string[]
  from: number | null
  to: number | null
}

/** An event's export starts a little before it and ends a little after it. */
export const EVENT_MARGIN_MS = 5000
/** Around the playhead: this much either side of it. */
export const AROUND_PLAYHEAD_MS = 5 * 60_000

const epoch = (value: number) => String(Math.max(0, Math.round(value)))

export function exportHref(scope: { cameraIds: readonly string[]; from: number; to: number }): string {
  const query = new URLSearchParams()
  for (const id of scope.cameraIds) query.append('camera', id)
  query.set('from', epoch(scope.from))
  query.set('to', epoch(scope.to))
  return `${routeHref('export')}/new?${query.toString()}`
}

const parseEpoch = (raw: string | null | undefined) => (raw && /^\d{1,15}$/.test(raw) ? Number(raw) : null)

/** The scope in #/export/new... (the parts after #/export); null when the address is not a "new" link. */
export function parseExportLink(parts: readonly string[]): ExportLink | null {
  const raw = parts.join('/')
  if (raw === 'new' || raw.startsWith('new?') || raw.startsWith('?')) {
    const at = raw.indexOf('?')
    const query = new URLSearchParams(at < 0 ? '' : raw.slice(at + 1))
    const cameraIds = query
      .getAll('camera')
      .flatMap((value) => value.split(','))
      .map((value) => value.trim())
      .filter(Boolean)
    return { cameraIds: [...new Set(cameraIds)], from: parseEpoch(query.get('from')), to: parseEpoch(query.get('to')) }
  }
  if (parts[0] !== 'new') return null
  const cameraIds = (parts[1] ?? '').split(',').filter(Boolean).map(decodePart)
  return { cameraIds: [...new Set(cameraIds)], from: parseEpoch(parts[2]), to: parseEpoch(parts[3]) }
}

/** The range an event's export covers: from a few seconds before it to a few after (an ongoing one: until now). */
export function eventExportRange(event: Pick<CameraEvent, 'start' | 'end'>, now: number): { from: number; to: number } {
  const from = Math.max(0, event.start - EVENT_MARGIN_MS)
  const end = event.end ?? Math.max(event.start, now)
  return { from, to: Math.max(from + 1000, end + EVENT_MARGIN_MS) }
}

/**
 * What "Export…" on the timeline takes: the visible part of the day when it is short enough to be a request's
 * scope (up to LONG_RANGE_MS), else AROUND_PLAYHEAD_MS either side of the playhead (or the view's middle).
 * Never reaches past `now`.
 */
export function timelineExportRange(view: { start: number; span: number }, playhead: number | null, now: number): { from: number; to: number; around: 'view' | 'playhead' } {
  if (view.span <= LONG_RANGE_MS) {
    const to = Math.min(view.start + view.span, now)
    return { from: Math.min(view.start, to - 1000), to, around: 'view' }
  }
  const centre = playhead ?? view.start + view.span / 2
  const to = Math.min(centre + AROUND_PLAYHEAD_MS, now)
  return { from: Math.max(0, Math.min(centre - AROUND_PLAYHEAD_MS, to - 1000)), to, around: 'playhead' }
}
