// The events page's list as plain data: which events the filters ask for, how pages and pushes merge into it
// (newest first, each event once) and how it falls into days. Pure, so it is tested without a server.
import type { CameraEvent, EventKind, MethodArgs } from '../api/contract'
import { dayOf, dayRange } from '../timeline/days'

export const PAGE_SIZE = 50

export interface EventFilter {
  cameraId: string | null
  /** A local day (YYYY-MM-DD, the recorder's time zone), or null for every day. */
  day: string | null
  kind: EventKind | null
}

export const NO_FILTER: EventFilter = { cameraId: null, day: null, kind: null }

/** Like events.list: an event counts when it overlaps [from, to) (ongoing events reach up to now). */
export interface TimeBounds {
  from: number | null
  /** Exclusive. */
  to: number | null
}

export function filterBounds(filter: EventFilter, timeZone: string | undefined): TimeBounds {
  if (!filter.day) return { from: null, to: null }
  const range = dayRange(filter.day, timeZone)
  return { from: range.start, to: range.end }
}

/**
 * The events.list arguments for a page. `olderThan` is the start of the oldest event shown: the next page
 * asks up to just after it (the server may count `to` in or out; duplicates are dropped when merging).
 */
export function listArgs(filter: EventFilter, bounds: TimeBounds, olderThan: number | null, limit = PAGE_SIZE): MethodArgs<'events.list'> {
  const to = olderThan === null ? bounds.to : Math.min(olderThan + 1, bounds.to ?? Infinity)
  return {
    ...(filter.cameraId ? { cameraId: filter.cameraId } : {}),
    ...(filter.kind ? { kinds: [filter.kind] } : {}),
    ...(bounds.from !== null ? { from: bounds.from } : {}),
    ...(to !== null ? { to } : {}),
    limit
  }
}

export function matchesFilter(event: CameraEvent, filter: EventFilter, bounds: TimeBounds): boolean {
  if (filter.cameraId && event.cameraId !== filter.cameraId) return false
  if (filter.kind && event.kind !== filter.kind) return false
  if (bounds.from !== null && event.end !== null && event.end < bounds.from) return false
  if (bounds.to !== null && event.start >= bounds.to) return false
  return true
}

/** Newest first; equal starts by id (newer id first), so the order is stable. */
export function newestFirst(a: CameraEvent, b: CameraEvent): number {
  return b.start - a.start || b.id - a.id
}

export interface EventList {
  events: CameraEvent[]
  /** The last page was full: older events may exist. */
  hasMore: boolean
}

export const EMPTY_LIST: EventList = { events: [], hasMore: false }

/** Adds a page (older events) to the list. */
export function appendPage(list: EventList, page: readonly CameraEvent[], limit = PAGE_SIZE): EventList {
  const byId = new Map(list.events.map((event) => [event.id, event]))
  for (const event of page) if (!byId.has(event.id)) byId.set(event.id, event)
  return { events: [...byId.values()].sort(newestFirst), hasMore: page.length >= limit }
}

/**
 * A pushed event (new, changed or ended): replaces its old version, or joins the list when the filters take
 * it and it is not older than the loaded part (older ones come with "load more").
 */
export function applyEventChange(list: EventList, event: CameraEvent, filter: EventFilter, bounds: TimeBounds): EventList {
  const index = list.events.findIndex((shown) => shown.id === event.id)
  if (index >= 0) {
    if (!matchesFilter(event, filter, bounds)) return { ...list, events: list.events.filter((shown) => shown.id !== event.id) }
    const events = [...list.events]
    events[index] = event
    return { ...list, events: events.sort(newestFirst) }
  }
  if (!matchesFilter(event, filter, bounds)) return list
  const oldest = list.events[list.events.length - 1]
  if (list.hasMore && oldest && event.start < oldest.start) return list
  return { ...list, events: [...list.events, event].sort(newestFirst) }
}

export interface EventDay {
  day: string
  events: CameraEvent[]
}

/** Consecutive events of the same local day, in list order. */
export function groupByDay(events: readonly CameraEvent[], timeZone: string | undefined): EventDay[] {
  const days: EventDay[] = []
  for (const event of events) {
    const day = dayOf(event.start, timeZone)
    const last = days[days.length - 1]
    if (last && last.day === day) last.events.push(event)
    else days.push({ day, events: [event] })
  }
  return days
}

/** How long an event lasted, or has lasted so far while it goes on. */
export function eventDuration(event: Pick<CameraEvent, 'start' | 'end'>, now: number): number {
  return Math.max(0, (event.end ?? now) - event.start)
}

/** Upserts pushed events into one camera's day of marks (timeline), oldest first. */
export function upsertMark(events: readonly CameraEvent[], event: CameraEvent): CameraEvent[] {
  const others = events.filter((shown) => shown.id !== event.id)
  return [...others, event].sort((a, b) => a.start - b.start || a.id - b.id)
}
