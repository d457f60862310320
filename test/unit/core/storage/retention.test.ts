import { describe, expect, it } from 'vitest'
import { planRetention, type RetentionInput, type RetentionSegment } from '../../../../main/core/storage/retention'

const HOUR = 3_600_000
const NOW = Date.UTC(2026, 10, 24, 12, 0, 0)
const MB = 1024 * 1024

let nextId = 1
/** A 10-minute segment of `bytes` for camera `cameraId` that ended `hoursAgo` hours before NOW. */
function segment(cameraId: string, hoursAgo: number, bytes = MB): RetentionSegment {
  const end = NOW - hoursAgo * HOUR
  return { id: nextId++, cameraId, start: end - 10 * 60_000, end, bytes }
}

function input(overrides: Partial<RetentionInput>): RetentionInput {
  return {
    segments: [],
    holds: [],
    retentionHours: new Map(),
    defaultRetentionHours: 72,
    now: NOW,
    maxBytes: null,
    minFreeBytes: 0,
    diskFreeBytes: 100 * 1024 * MB,
    ...overrides
  }
}

const ids = (plan: ReturnType<typeof planRetention>) => plan.delete.map((entry) => entry.id).sort((a, b) => a - b)

describe('planRetention', () => {
  it('deletes nothing when every segment is young and no limit is hit', () => {
    const plan = planRetention(input({ segments: [segment('a', 1), segment('b', 2)] }))
    expect(plan).toEqual({ delete: [], shortfallBytes: 0 })
  })

  it('deletes by age with each camera its own retention', () => {
    const a30 = segment('a', 30)
    const a10 = segment('a', 10)
    const b30 = segment('b', 30)
    const b50 = segment('b', 50)
    const plan = planRetention(
      input({
        segments: [a30, a10, b30, b50],
        retentionHours: new Map([
          ['a', 24],
          ['b', 48]
        ])
      })
    )
    expect(plan.delete).toEqual(expect.arrayContaining([
      { id: a30.id, reason: 'age' },
      { id: b50.id, reason: 'age' }
    ]))
    expect(ids(plan)).toEqual([a30.id, b50.id].sort((x, y) => x - y))
  })

  it('keeps a segment that ends exactly at the retention limit and deletes one a millisecond older', () => {
    const atLimit: RetentionSegment = { id: 1, cameraId: 'a', start: NOW - 25 * HOUR, end: NOW - 24 * HOUR, bytes: MB }
    const older: RetentionSegment = { ...atLimit, id: 2, start: atLimit.start - 1, end: atLimit.end - 1 }
    const plan = planRetention(input({ segments: [atLimit, older], retentionHours: new Map([['a', 24]]) }))
    expect(ids(plan)).toEqual([2])
  })

  it('applies the default retention to cameras that are no longer configured', () => {
    const removed70 = segment('removed', 70)
    const removed80 = segment('removed', 80)
    const plan = planRetention(input({ segments: [removed70, removed80], retentionHours: new Map([['a', 1]]) }))
    expect(plan.delete).toEqual([{ id: removed80.id, reason: 'age' }])
  })

  it('deletes the oldest segments of any camera while all recordings exceed maxBytes', () => {
    const a3 = segment('a', 3)
    const b5 = segment('b', 5)
    const a1 = segment('a', 1)
    const b2 = segment('b', 2)
    // 4 MB recorded, 2.5 MB allowed: the two oldest (b5, a3) go, across cameras, oldest first.
    const plan = planRetention(input({ segments: [a1, b2, a3, b5], maxBytes: 2.5 * MB }))
    expect(plan.delete).toEqual([
      { id: b5.id, reason: 'size' },
      { id: a3.id, reason: 'size' }
    ])
    expect(plan.shortfallBytes).toBe(0)
  })

  it('counts bytes freed by age before deleting anything for size', () => {
    const old = segment('a', 100, 3 * MB)
    const young = segment('a', 1, MB)
    const plan = planRetention(input({ segments: [young, old], maxBytes: 2 * MB }))
    expect(plan.delete).toEqual([{ id: old.id, reason: 'age' }])
  })

  it('deletes the oldest segments while free disk space is below minFreeBytes', () => {
    const s1 = segment('a', 6, 2 * MB)
    const s2 = segment('b', 4, 2 * MB)
    const s3 = segment('a', 2, 2 * MB)
    // 1 MB free, 4 MB wanted: s1 brings it to 3 MB, s2 to 5 MB.
    const plan = planRetention(input({ segments: [s3, s2, s1], minFreeBytes: 4 * MB, diskFreeBytes: MB }))
    expect(plan.delete).toEqual([
      { id: s1.id, reason: 'free_space' },
      { id: s2.id, reason: 'free_space' }
    ])
    expect(plan.shortfallBytes).toBe(0)
  })

  it('never deletes a segment that overlaps an evidence hold, not even for age', () => {
    const held = segment('a', 100)
    const free = segment('a', 90)
    const plan = planRetention(
      input({ segments: [held, free], holds: [{ cameraId: 'a', start: held.start + 60_000, end: held.start + 120_000 }] })
    )
    expect(ids(plan)).toEqual([free.id])
  })

  it('treats a hold as overlapping only when the spans share time: touching edges do not hold', () => {
    const s: RetentionSegment = { id: 1, cameraId: 'a', start: NOW - 200 * HOUR, end: NOW - 199 * HOUR, bytes: MB }
    const plan = (hold: { start: number; end: number }) =>
      ids(planRetention(input({ segments: [s], holds: [{ cameraId: 'a', ...hold }] })))
    // Hold ends where the segment starts / starts where it ends: no overlap, the segment may go.
    expect(plan({ start: s.start - HOUR, end: s.start })).toEqual([1])
    expect(plan({ start: s.end, end: s.end + HOUR })).toEqual([1])
    // One millisecond of shared time is enough to keep it.
    expect(plan({ start: s.start - HOUR, end: s.start + 1 })).toEqual([])
    expect(plan({ start: s.end - 1, end: s.end + HOUR })).toEqual([])
    // A hold inside the segment, and one around it.
    expect(plan({ start: s.start + 10, end: s.start + 20 })).toEqual([])
    expect(plan({ start: s.start - HOUR, end: s.end + HOUR })).toEqual([])
  })

  it("does not let one camera's hold protect another camera's segment", () => {
    const s = segment('a', 100)
    const plan = planRetention(input({ segments: [s], holds: [{ cameraId: 'b', start: s.start, end: s.end }] }))
    expect(ids(plan)).toEqual([s.id])
  })

  it('skips held segments when freeing space and takes the next oldest instead', () => {
    const held = segment('a', 5)
    const next = segment('b', 4)
    const newest = segment('a', 1)
    const plan = planRetention(
      input({ segments: [held, next, newest], holds: [{ cameraId: 'a', start: held.start, end: held.end }], maxBytes: 2 * MB })
    )
    expect(plan.delete).toEqual([{ id: next.id, reason: 'size' }])
    expect(plan.shortfallBytes).toBe(0)
  })

  it('reports the shortfall when only held segments remain over the size limit', () => {
    const held1 = segment('a', 5, 3 * MB)
    const held2 = segment('a', 4, 3 * MB)
    const free = segment('b', 3, MB)
    const plan = planRetention(
      input({
        segments: [held1, held2, free],
        holds: [{ cameraId: 'a', start: held1.start, end: held2.end }],
        maxBytes: 4 * MB
      })
    )
    expect(plan.delete).toEqual([{ id: free.id, reason: 'size' }])
    expect(plan.shortfallBytes).toBe(2 * MB)
  })

  it('reports the shortfall of free space when only held segments remain', () => {
    const held = segment('a', 5, 2 * MB)
    const plan = planRetention(
      input({ segments: [held], holds: [{ cameraId: 'a', start: held.start, end: held.end }], minFreeBytes: 10 * MB, diskFreeBytes: 3 * MB })
    )
    expect(plan).toEqual({ delete: [], shortfallBytes: 7 * MB })
  })

  it('reports free space missing even with no recordings at all', () => {
    expect(planRetention(input({ minFreeBytes: 5 * MB, diskFreeBytes: 2 * MB }))).toEqual({ delete: [], shortfallBytes: 3 * MB })
  })
})
