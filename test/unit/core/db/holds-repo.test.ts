import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HoldsRepo, openDatabase, type Db } from '../../../../main/core/db'

const T0 = Date.UTC(2026, 10, 24, 12, 0, 0)
let db: Db
let holds: HoldsRepo

beforeEach(() => {
  db = openDatabase(':memory:')
  holds = new HoldsRepo(db)
})
afterEach(() => db.close())

describe('HoldsRepo', () => {
  it('places holds and lists the active ones by start', () => {
    const late = holds.place('a', T0 + 60_000, T0 + 120_000, 'break-in', T0 + 1)
    const early = holds.place('b', T0, T0 + 30_000, 'police request', T0 + 2)
    expect(holds.active()).toEqual([
      { id: early, cameraId: 'b', start: T0, end: T0 + 30_000, reason: 'police request', createdAt: T0 + 2 },
      { id: late, cameraId: 'a', start: T0 + 60_000, end: T0 + 120_000, reason: 'break-in', createdAt: T0 + 1 }
    ])
  })

  it('releases a hold once; a released hold is no longer active', () => {
    const id = holds.place('a', T0, T0 + 1000, 'incident')
    const other = holds.place('a', T0 + 5000, T0 + 6000, 'incident 2')
    expect(holds.release(id, 'case closed', T0 + 10)).toBe(true)
    expect(holds.release(id, 'again', T0 + 20)).toBe(false)
    expect(holds.release(9999, 'unknown')).toBe(false)
    expect(holds.active().map((h) => h.id)).toEqual([other])
    const released = db.prepare<[number], { released_at: number; release_reason: string }>(
      'SELECT released_at, release_reason FROM holds WHERE id = ?'
    ).get(id)
    expect(released).toEqual({ released_at: T0 + 10, release_reason: 'case closed' })
  })
})
