import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GapsRepo, openDatabase, type Db } from '../../../../main/core/db'

const T0 = Date.UTC(2026, 10, 24, 12, 0, 0)
let db: Db
let gaps: GapsRepo

beforeEach(() => {
  db = openDatabase(':memory:')
  gaps = new GapsRepo(db)
})
afterEach(() => db.close())

describe('GapsRepo', () => {
  it('opens one gap per camera and keeps its start while it stays open', () => {
    gaps.open('a', T0, 'camera_offline', 'refused')
    gaps.open('a', T0 + 5000, 'camera_offline', 'refused')
    expect(gaps.allOpen()).toEqual([{ id: expect.any(Number), cameraId: 'a', start: T0, end: null, cause: 'camera_offline', detail: 'refused' }])
  })

  it('lets the latest cause replace the earlier one while retrying', () => {
    gaps.open('a', T0, 'ffmpeg_exit', 'exit code 1')
    gaps.open('a', T0 + 5000, 'camera_offline', 'RTSP 401')
    expect(gaps.openGap('a')).toMatchObject({ start: T0, cause: 'camera_offline', detail: 'RTSP 401' })
  })

  it('keeps the real cause when stopping or pausing passes replaceCause=false', () => {
    gaps.open('a', T0, 'camera_offline', 'no route to host')
    gaps.open('a', T0 + 60_000, 'app_stopped', null, false)
    expect(gaps.openGap('a')).toMatchObject({ start: T0, cause: 'camera_offline', detail: 'no route to host' })
    expect(gaps.allOpen()).toHaveLength(1)
  })

  it('still opens a gap with replaceCause=false when none is open', () => {
    gaps.open('a', T0, 'paused', null, false)
    expect(gaps.openGap('a')).toMatchObject({ start: T0, cause: 'paused', end: null })
  })

  it('closes the open gap at the given instant and returns it', () => {
    gaps.open('a', T0, 'stalled', null)
    const closed = gaps.close('a', T0 + 30_000)
    expect(closed).toMatchObject({ cameraId: 'a', start: T0, end: T0 + 30_000, cause: 'stalled' })
    expect(gaps.openGap('a')).toBeNull()
    expect(gaps.inRange('a', T0, T0 + 60_000)).toEqual([closed])
    expect(gaps.close('a', T0 + 40_000)).toBeNull()
  })

  it('never closes a gap before it started (clock stepped back)', () => {
    gaps.open('a', T0, 'camera_offline', null)
    expect(gaps.close('a', T0 - 5000)?.end).toBe(T0)
    expect(gaps.inRange('a', 0, T0 + 1)[0].end).toBe(T0)
  })

  it('opens a new gap after the previous one closed', () => {
    gaps.open('a', T0, 'camera_offline', null)
    gaps.close('a', T0 + 1000)
    gaps.open('a', T0 + 5000, 'disk_full', null)
    expect(gaps.inRange('a', 0, T0 + 10_000).map((g) => [g.start, g.end, g.cause])).toEqual([
      [T0, T0 + 1000, 'camera_offline'],
      [T0 + 5000, null, 'disk_full']
    ])
  })

  it('keeps cameras apart', () => {
    gaps.open('a', T0, 'camera_offline', null)
    gaps.open('b', T0 + 10, 'stalled', null)
    gaps.close('a', T0 + 1000)
    expect(gaps.openGap('a')).toBeNull()
    expect(gaps.openGap('b')).toMatchObject({ cause: 'stalled' })
    gaps.removeCamera('b')
    expect(gaps.allOpen()).toEqual([])
    expect(gaps.inRange('a', 0, T0 + 2000)).toHaveLength(1)
  })

  it('finds gaps overlapping a range, an open gap reaching to now', () => {
    gaps.open('a', T0, 'camera_offline', null)
    gaps.close('a', T0 + 1000)
    gaps.open('a', T0 + 10_000, 'stalled', null)
    const starts = (from: number, to: number) => gaps.inRange('a', from, to).map((g) => g.start)
    expect(starts(T0 + 1000, T0 + 10_000)).toEqual([])
    expect(starts(T0 + 999, T0 + 10_001)).toEqual([T0, T0 + 10_000])
    expect(starts(T0 + 1_000_000, T0 + 2_000_000)).toEqual([T0 + 10_000])
  })
})
