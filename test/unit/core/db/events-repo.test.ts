import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EventsRepo, openDatabase, type Db } from '../../../../main/core/db'

const T0 = Date.UTC(2026, 10, 24, 12, 0, 0)
let db: Db
let events: EventsRepo

beforeEach(() => {
  db = openDatabase(':memory:')
  events = new EventsRepo(db)
})
afterEach(() => db.close())

const motion = (cameraId: string, start: number, end: number | null) =>
  events.insert({ cameraId, kind: 'motion', source: 'detector', start, end, zoneId: 'z1', zoneName: 'Door', peakScore: 0.02 })

describe('EventsRepo', () => {
  it('stores an event open, ends it (never before its start) and keeps the higher peak', () => {
    const event = motion('a', T0, null)
    expect(event).toMatchObject({ cameraId: 'a', kind: 'motion', start: T0, end: null, zoneName: 'Door', hasSnapshot: false })
    expect(events.openEvents().map((e) => e.id)).toEqual([event.id])
    events.raisePeak(event.id, 0.01)
    events.raisePeak(event.id, 0.05)
    expect(events.byId(event.id)?.peakScore).toBe(0.05)
    expect(events.end(event.id, T0 - 5)?.end).toBe(T0)
    expect(events.openEvents()).toEqual([])
  })

  it('filters by camera, kind and time, newest first, with a limit', () => {
    const a1 = motion('a', T0, T0 + 1000)
    const a2 = motion('a', T0 + 60_000, T0 + 61_000)
    const b1 = events.insert({ cameraId: 'b', kind: 'doorbell', source: 'webhook', start: T0 + 30_000, end: T0 + 30_000 })
    const open = motion('b', T0 + 90_000, null)
    const ids = (list: { id: number }[]) => list.map((e) => e.id)
    expect(ids(events.query({ limit: 10 }))).toEqual([open.id, a2.id, b1.id, a1.id])
    expect(ids(events.query({ cameraId: 'a', limit: 10 }))).toEqual([a2.id, a1.id])
    expect(ids(events.query({ kinds: ['doorbell'], limit: 10 }))).toEqual([b1.id])
    expect(ids(events.query({ from: T0 + 20_000, to: T0 + 70_000, limit: 10 }))).toEqual([a2.id, b1.id])
    // An open event overlaps every later window.
    expect(ids(events.query({ from: T0 + 200_000, limit: 10 }))).toEqual([open.id])
    expect(ids(events.query({ limit: 2 }))).toEqual([open.id, a2.id])
  })

  it('lists the spans overlapping a window, including one that began before it', () => {
    motion('a', T0, T0 + 10_000)
    motion('a', T0 + 50_000, null)
    motion('b', T0, T0 + 100_000)
    expect(events.spans('a', T0 + 5000, T0 + 60_000)).toEqual([
      { start: T0, end: T0 + 10_000 },
      { start: T0 + 50_000, end: null }
    ])
    expect(events.spans('a', T0 + 20_000, T0 + 40_000)).toEqual([])
    // Still open after two days: events-only recording must still see it.
    expect(events.spans('a', T0 + 2 * 86_400_000, T0 + 2 * 86_400_000 + 1000)).toEqual([{ start: T0 + 50_000, end: null }])
  })

  it('never reuses an id, so a notification about a deleted event cannot open another', () => {
    const newest = motion('a', T0, T0 + 1)
    events.remove([newest.id])
    expect(motion('a', T0 + 5, T0 + 6).id).toBeGreaterThan(newest.id)
  })

  it('finds ended events older than a cut-off and removes them or a whole camera', () => {
    const old = motion('a', T0, T0 + 1000)
    const recent = motion('a', T0 + 100_000, T0 + 101_000)
    const withSnapshot = events.setSnapshot(old.id, 'events/a/1.jpg')
    expect(withSnapshot).toMatchObject({ hasSnapshot: true, snapshotPath: 'events/a/1.jpg' })
    expect(events.endedBefore('a', T0 + 50_000).map((e) => e.id)).toEqual([old.id])
    events.remove([old.id])
    expect(events.byId(old.id)).toBeUndefined()
    expect(events.removeCamera('a').map((e) => e.id)).toEqual([recent.id])
    expect(events.cameraIds()).toEqual([])
  })
})
