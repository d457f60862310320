import { describe, expect, it } from 'vitest'
import type { CameraEvent } from '../../../../renderer/api/contract'
import {
  EMPTY_LIST,
  NO_FILTER,
  appendPage,
  applyEventChange,
  eventDuration,
  filterBounds,
  groupByDay,
  listArgs,
  matchesFilter,
  upsertMark
} from '../../../../renderer/events/event-list'

const event = (id: number, start: number, patch: Partial<CameraEvent> = {}): CameraEvent => ({
  id,
  cameraId: 'cam1',
  kind: 'motion',
  source: 'detector',
  start,
  end: start + 10_000,
  zoneId: null,
  zoneName: null,
  peakScore: null,
  hasSnapshot: true,
  ...patch
})
const ids = (events: readonly CameraEvent[]) => events.map((e) => e.id)
const NONE = { from: null, to: null }

describe('event list', () => {
  it('asks for the filtered day, camera and type, and pages back from the oldest shown', () => {
    const filter = { cameraId: 'cam1', day: '2025-03-14', kind: 'doorbell' as const }
    const bounds = filterBounds(filter, 'UTC')
    expect(bounds).toEqual({ from: Date.UTC(2025, 2, 14), to: Date.UTC(2025, 2, 15) })
    expect(listArgs(filter, bounds, null, 50)).toEqual({ cameraId: 'cam1', kinds: ['doorbell'], from: bounds.from, to: bounds.to, limit: 50 })
    expect(listArgs(filter, bounds, Date.UTC(2025, 2, 14, 12), 50).to).toBe(Date.UTC(2025, 2, 14, 12) + 1)
    expect(listArgs(NO_FILTER, NONE, null, 20)).toEqual({ limit: 20 })
    expect(listArgs(NO_FILTER, NONE, 5000, 20)).toEqual({ to: 5001, limit: 20 })
  })

  it('takes pages newest first, each event once, and knows when more may exist', () => {
    let list = appendPage(EMPTY_LIST, [event(3, 300), event(2, 200)], 2)
    expect(list.hasMore).toBe(true)
    list = appendPage(list, [event(2, 200), event(1, 100)], 2)
    expect(ids(list.events)).toEqual([3, 2, 1])
    list = appendPage(list, [], 2)
    expect(list.hasMore).toBe(false)
  })

  it('puts a pushed new event on top and replaces a changed one', () => {
    const list = appendPage(EMPTY_LIST, [event(2, 200, { end: null }), event(1, 100)], 50)
    const added = applyEventChange(list, event(3, 300), NO_FILTER, NONE)
    expect(ids(added.events)).toEqual([3, 2, 1])
    const ended = applyEventChange(added, event(2, 200, { end: 260 }), NO_FILTER, NONE)
    expect(ended.events[1].end).toBe(260)
    expect(ended.events).toHaveLength(3)
  })

  it('leaves out pushed events the filters do not take, or older than the loaded part', () => {
    const list = appendPage(EMPTY_LIST, [event(5, 500), event(4, 400)], 2)
    expect(applyEventChange(list, event(9, 900, { cameraId: 'cam2' }), { ...NO_FILTER, cameraId: 'cam1' }, NONE)).toBe(list)
    expect(applyEventChange(list, event(9, 900, { kind: 'doorbell' }), { ...NO_FILTER, kind: 'motion' }, NONE)).toBe(list)
    expect(applyEventChange(list, event(9, 900), NO_FILTER, { from: 0, to: 800 })).toBe(list)
    // Older than the oldest shown while more pages exist: "load more" brings it.
    expect(applyEventChange(list, event(3, 300), NO_FILTER, NONE)).toBe(list)
    expect(ids(applyEventChange({ ...list, hasMore: false }, event(3, 300), NO_FILTER, NONE).events)).toEqual([5, 4, 3])
  })

  it('takes events that overlap the day, like events.list (`to` excluded)', () => {
    expect(matchesFilter(event(1, 100), NO_FILTER, { from: 100, to: 200 })).toBe(true)
    expect(matchesFilter(event(1, 200), NO_FILTER, { from: 100, to: 200 })).toBe(false)
    // Started the evening before, ended after midnight; or still going on.
    expect(matchesFilter(event(1, 50, { end: 120 }), NO_FILTER, { from: 100, to: 200 })).toBe(true)
    expect(matchesFilter(event(1, 50, { end: 99 }), NO_FILTER, { from: 100, to: 200 })).toBe(false)
    expect(matchesFilter(event(1, 50, { end: null }), NO_FILTER, { from: 100, to: 200 })).toBe(true)
  })

  it('groups by local day and measures ongoing events up to now', () => {
    const late = Date.UTC(2025, 2, 14, 23, 30)
    const days = groupByDay([event(3, late + 3600_000), event(2, late), event(1, late - 3600_000)], 'Europe/Berlin')
    expect(days.map((d) => [d.day, ids(d.events)])).toEqual([
      ['2025-03-15', [3, 2]],
      ['2025-03-14', [1]]
    ])
    expect(eventDuration({ start: 1000, end: 4000 }, 9999)).toBe(3000)
    expect(eventDuration({ start: 1000, end: null }, 9000)).toBe(8000)
  })

  it('keeps timeline marks oldest first, each once', () => {
    const marks = upsertMark([event(1, 100), event(2, 200)], event(3, 150))
    expect(ids(marks)).toEqual([1, 3, 2])
    expect(upsertMark(marks, event(3, 150, { end: null })).find((e) => e.id === 3)?.end).toBeNull()
  })
})
