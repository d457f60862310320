import { describe, expect, it } from 'vitest'
import {
  MIN_TRIM_GAP_MS,
  keepWindows,
  planEventRetention,
  type EventRetentionInput,
  type WindowSegment
} from '../../../../main/core/storage/event-windows'

const S = 1000
const MIN = 60 * S
const T0 = Date.UTC(2026, 10, 24, 12, 0, 0)
const PRE = 10 * S
const POST = 20 * S
const SETTLE = 60 * S

/** Minute-long segments from T0: segment id i + 1 covers [T0 + i min, T0 + (i + 1) min). */
const minutes = (count: number): WindowSegment[] =>
  Array.from({ length: count }, (_, i) => ({ id: i + 1, start: T0 + i * MIN, end: T0 + (i + 1) * MIN }))

/** Seconds after T0. */
const at = (seconds: number) => T0 + seconds * S

/** Long after every segment ended: all of them are decided unless a test moves `now`. */
const LATER = at(3600)

function plan(overrides: Partial<EventRetentionInput>) {
  return planEventRetention({
    segments: minutes(5),
    events: [],
    holds: [],
    now: LATER,
    preRollMs: PRE,
    postRollMs: POST,
    settleMs: SETTLE,
    ...overrides
  })
}

describe('keepWindows', () => {
  it('merges events whose windows overlap or touch, and keeps the others apart', () => {
    const windows = keepWindows(
      [
        { start: at(200), end: at(210) }, // [190, 230]
        { start: at(30), end: at(40) }, // [20, 60]
        { start: at(60), end: at(70) }, // [50, 90]: overlaps the one before
        { start: at(100), end: at(110) } // [90, 130]: touches it
      ],
      PRE,
      POST
    )
    expect(windows).toEqual([
      { from: at(20), to: at(130) },
      { from: at(190), to: at(230) }
    ])
  })

  it('gives an open event a window without end', () => {
    expect(keepWindows([{ start: at(100), end: null }], PRE, POST)).toEqual([{ from: at(90), to: Infinity }])
  })
})

describe('planEventRetention', () => {
  it('deletes every decided segment when there is no event', () => {
    expect(plan({})).toMatchObject({ delete: [1, 2, 3, 4, 5], trim: [], keep: [], undecided: [] })
  })

  it('keeps segments inside a window whole, trims the partly covered ones, deletes the rest', () => {
    // Window [80 s, 170 s]: segment 2 [60, 120] from 80 s on, segment 3 [120, 180] up to 170 s.
    const result = plan({ events: [{ start: at(90), end: at(150) }] })
    expect(result.delete).toEqual([1, 4, 5])
    expect(result.trim).toEqual([
      { segmentId: 2, keep: [{ from: at(80), to: at(120) }] },
      { segmentId: 3, keep: [{ from: at(120), to: at(170) }] }
    ])
    expect(result.keep).toEqual([])
  })

  it('merges overlapping events into one window before cutting', () => {
    const result = plan({
      segments: minutes(1),
      events: [
        { start: at(20), end: at(25) }, // [10, 45]
        { start: at(40), end: at(42) } // [30, 62]
      ]
    })
    expect(result.trim).toEqual([{ segmentId: 1, keep: [{ from: at(10), to: at(60) }] }])
  })

  it('keeps two windows in one segment as two spans when the gap between them is worth cutting', () => {
    const result = plan({
      segments: minutes(1),
      events: [
        { start: at(12), end: at(13) }, // [2, 33]
        { start: at(50), end: at(51) } // [40, 71]
      ]
    })
    expect(result.trim).toEqual([
      {
        segmentId: 1,
        keep: [
          { from: at(2), to: at(33) },
          { from: at(40), to: at(60) }
        ]
      }
    ])
  })

  it('keeps a segment whole when what the windows leave out is shorter than the trim threshold', () => {
    const almost = MIN_TRIM_GAP_MS - 1
    // Window [0 + almost, 60 s - almost]: both uncovered ends are too short to cut.
    const result = plan({ segments: minutes(1), events: [{ start: T0 + almost + PRE, end: at(60) - almost - POST }] })
    expect(result).toMatchObject({ keep: [1], trim: [], delete: [] })

    // Exactly the threshold at the start is cut; the short end stays.
    const worth = plan({ segments: minutes(1), events: [{ start: T0 + MIN_TRIM_GAP_MS + PRE, end: at(60) - almost - POST }] })
    expect(worth.trim).toEqual([{ segmentId: 1, keep: [{ from: T0 + MIN_TRIM_GAP_MS, to: at(60) }] }])
  })

  it('bridges a short gap between two windows instead of cutting it out', () => {
    const result = plan({
      segments: minutes(1),
      events: [
        { start: at(20), end: at(21) }, // [10, 41]
        { start: at(52), end: at(53) } // [42, 73]: 1 s after the first window ends
      ]
    })
    expect(result.trim).toEqual([{ segmentId: 1, keep: [{ from: at(10), to: at(60) }] }])
  })

  it('keeps everything from an open event\'s pre-roll on', () => {
    const result = plan({ events: [{ start: at(150), end: null }] })
    expect(result.delete).toEqual([1, 2])
    expect(result.trim).toEqual([{ segmentId: 3, keep: [{ from: at(140), to: at(180) }] }])
    expect(result.keep).toEqual([4, 5])
  })

  it('leaves a segment undecided while a future event\'s pre-roll could still reach it', () => {
    // Segments end at 60..300 s. Decided: ended at or before now - pre-roll - settle = 400 - 10 - 60 = 330 s.
    expect(plan({ now: at(400) })).toMatchObject({ decidedBefore: at(330), delete: [1, 2, 3, 4, 5], undecided: [] })
    // At now = 369 s the horizon is 299 s: the segment ending at 300 s waits, even without any event.
    expect(plan({ now: at(369) })).toMatchObject({ delete: [1, 2, 3, 4], undecided: [5] })
    // An event known now does not decide it early either: a later event might still widen what it keeps.
    const withEvent = plan({ now: at(369), events: [{ start: at(235), end: at(240) }] }) // [225, 260]
    expect(withEvent.undecided).toEqual([5])
    expect(withEvent.trim).toEqual([{ segmentId: 4, keep: [{ from: at(225), to: at(240) }] }])
  })

  it('keeps a segment overlapping an evidence hold whole, wherever the events are', () => {
    const result = plan({
      events: [{ start: at(90), end: at(100) }], // [80, 120]: would trim segment 2
      holds: [{ from: at(70), to: at(75) }] // inside segment 2
    })
    expect(result.keep).toEqual([2])
    expect(result.trim).toEqual([])
    expect(result.delete).toEqual([1, 3, 4, 5])
  })
})
