import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, SegmentsRepo, type Db, type NewSegment } from '../../../../main/core/db'

const T0 = Date.UTC(2026, 10, 24, 12, 0, 0)
let dir: string
let db: Db
let segments: SegmentsRepo

/** A 10-second segment of camera `cameraId` starting `index` segments after T0. */
function seg(cameraId: string, index: number, bytes = 1000): NewSegment {
  const start = T0 + index * 10_000
  return {
    cameraId,
    path: `${cameraId}/2026-11-24/${new Date(start).toISOString().replace(/:/g, '-')}.mp4`,
    start,
    end: start + 10_000,
    durationMs: 10_000,
    tz: 'Europe/Berlin',
    utcOffsetMin: 60,
    bytes,
    videoCodec: 'h264',
    audioCodec: null,
    sha256: 'ab'.repeat(32)
  }
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-segments-'))
  db = openDatabase(join(dir, 'vigil.db'))
  segments = new SegmentsRepo(db)
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('SegmentsRepo', () => {
  it('never reuses the id of a deleted segment, so a held id cannot come to mean other footage', () => {
    const first = segments.insert(seg('a', 0))
    const newest = segments.insert(seg('a', 1))
    segments.remove([newest.id])
    const next = segments.insert(seg('a', 2))
    expect(next.id).toBeGreaterThan(newest.id)
    expect(first.id).toBeLessThan(newest.id)
  })

  it('inserts a segment and returns it as stored', () => {
    const stored = segments.insert(seg('a', 0, 4096), T0 + 20_000)
    expect(stored).toEqual({
      id: expect.any(Number),
      cameraId: 'a',
      path: seg('a', 0).path,
      start: T0,
      end: T0 + 10_000,
      durationMs: 10_000,
      bytes: 4096,
      codec: 'h264',
      sha256: 'ab'.repeat(32),
      missing: false
    })
    expect(segments.byId(stored.id)).toEqual(stored)
    expect(segments.byPath(stored.path)).toEqual(stored)
  })

  it('treats indexing the same file twice as a no-op', () => {
    const first = segments.insert(seg('a', 0))
    const second = segments.insert({ ...seg('a', 0), bytes: 999_999, sha256: 'ff'.repeat(32) })
    expect(second).toEqual(first)
    expect(segments.allPaths()).toHaveLength(1)
  })

  it('names an unknown video codec "unknown"', () => {
    expect(segments.insert({ ...seg('a', 0), videoCodec: null }).codec).toBe('unknown')
  })

  it('finds segments overlapping a half-open range, for one camera, oldest first', () => {
    const s0 = segments.insert(seg('a', 0))
    const s1 = segments.insert(seg('a', 1))
    const s2 = segments.insert(seg('a', 2))
    segments.insert(seg('b', 1))
    const idsIn = (from: number, to: number) => segments.inRange('a', from, to).map((s) => s.id)
    expect(idsIn(T0, T0 + 30_000)).toEqual([s0.id, s1.id, s2.id])
    expect(idsIn(T0 + 15_000, T0 + 16_000)).toEqual([s1.id])
    // A segment that ends where the range starts, or starts where it ends, is outside.
    expect(idsIn(T0 + 10_000, T0 + 20_000)).toEqual([s1.id])
    expect(idsIn(T0 + 30_000, T0 + 40_000)).toEqual([])
    expect(segments.inRange('c', 0, Number.MAX_SAFE_INTEGER)).toEqual([])
  })

  it('sums usage per camera, leaving out missing files', () => {
    segments.insert(seg('a', 0, 100))
    const gone = segments.insert(seg('a', 1, 200))
    segments.insert(seg('a', 2, 300))
    segments.insert(seg('b', 5, 50))
    segments.markMissing([gone.id])
    const usage = segments.usage().sort((x, y) => x.cameraId.localeCompare(y.cameraId))
    expect(usage).toEqual([
      { cameraId: 'a', bytes: 400, segments: 2, oldestStart: T0, newestEnd: T0 + 30_000 },
      { cameraId: 'b', bytes: 50, segments: 1, oldestStart: T0 + 50_000, newestEnd: T0 + 60_000 }
    ])
  })

  it('marks files missing, leaves them out of present(), and clears the mark when the file is indexed again', () => {
    const a = segments.insert(seg('a', 0))
    const b = segments.insert(seg('a', 1))
    segments.markMissing([a.id])
    expect(segments.byId(a.id)?.missing).toBe(true)
    expect(segments.present().map((s) => s.id)).toEqual([b.id])
    expect(segments.allPaths()).toEqual(expect.arrayContaining([{ id: a.id, path: a.path, missing: true }]))
    expect(segments.insert(seg('a', 0)).missing).toBe(false)
    expect(segments.present().map((s) => s.id)).toEqual([a.id, b.id])
  })

  it('lists present segments of all cameras oldest first', () => {
    const late = segments.insert(seg('a', 3))
    const early = segments.insert(seg('b', 1))
    expect(segments.present().map((s) => s.id)).toEqual([early.id, late.id])
  })

  it('removes segments by id and by camera, and knows where each camera ends', () => {
    const a0 = segments.insert(seg('a', 0))
    segments.insert(seg('a', 1))
    segments.insert(seg('b', 0))
    expect(segments.latestEnd('a')).toBe(T0 + 20_000)
    expect(segments.latestEnd('nope')).toBeNull()
    segments.remove([a0.id])
    expect(segments.byId(a0.id)).toBeUndefined()
    segments.removeCamera('b')
    expect(segments.present().map((s) => s.cameraId)).toEqual(['a'])
  })
})

describe('SegmentsRepo.locate and days', () => {
  it('finds the segment containing an instant, else the next one, and skips missing files', () => {
    segments.insert(seg('cam', 0))
    segments.insert(seg('cam', 1))
    segments.insert(seg('cam', 5)) // a gap between 20 s and 50 s
    expect(segments.locate('cam', T0 + 15_000)?.start).toBe(T0 + 10_000)
    expect(segments.locate('cam', T0 + 10_000)?.start).toBe(T0 + 10_000)
    expect(segments.locate('cam', T0 + 30_000)?.start).toBe(T0 + 50_000)
    expect(segments.locate('cam', T0 + 60_000)).toBeNull()
    expect(segments.locate('other', T0)).toBeNull()
    const second = segments.byPath(seg('cam', 1).path)!
    segments.markMissing([second.id])
    expect(segments.locate('cam', T0 + 15_000)?.start).toBe(T0 + 50_000)
  })

  it('lists local recording days from each segment’s own UTC offset', () => {
    // 23:30 UTC at +60 min is already the next day locally.
    const lateUtc = { ...seg('cam', 0), start: Date.UTC(2026, 10, 24, 23, 30), end: Date.UTC(2026, 10, 24, 23, 31), path: 'cam/late.mp4' }
    segments.insert(seg('cam', 0))
    segments.insert(lateUtc)
    expect(segments.days('cam')).toEqual(['2026-11-24', '2026-11-25'])
  })
})
