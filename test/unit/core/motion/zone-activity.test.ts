import { describe, expect, it } from 'vitest'
import { ZoneActivity } from '../../../../main/core/motion/zone-activity'
import type { MotionTransition } from '../../../../main/core/motion/types'

const MIN = 0.005
const rule = { startFrames: 2, endAfterMs: 2000 }

/** Feeds scores at 5 fps from t = 0 and returns the transitions. */
function feed(activity: ZoneActivity, scores: (number | null)[], from = 0): MotionTransition[] {
  const out: MotionTransition[] = []
  scores.forEach((score, n) => {
    const transition = activity.observe(from + n * 200, score, MIN)
    if (transition) out.push(transition)
  })
  return out
}

describe('ZoneActivity', () => {
  it('starts at the first of two moving frames and ends at the last moving frame, 2 s later', () => {
    const activity = new ZoneActivity('door', rule)
    const quiet = Array<number>(15).fill(0)
    const transitions = feed(activity, [0, 0, 0.01, 0.02, 0.03, 0.01, ...quiet])
    expect(transitions).toEqual([
      { type: 'start', zoneId: 'door', t: 400, score: 0.02 },
      { type: 'end', zoneId: 'door', t: 1000, peakScore: 0.03 }
    ])
  })

  it('reports the end only once 2 s have passed without motion', () => {
    const activity = new ZoneActivity('door', rule)
    expect(feed(activity, [0.01, 0.01])).toHaveLength(1)
    expect(activity.observe(2100, 0, MIN)).toBeNull()
    expect(activity.observe(2200, 0, MIN)).toEqual({ type: 'end', zoneId: 'door', t: 200, peakScore: 0.01 })
    expect(activity.isActive).toBe(false)
  })

  it('ignores a single moving frame and scores below the minimum', () => {
    const activity = new ZoneActivity('door', rule)
    expect(feed(activity, [0, 0.05, 0, 0.004, 0.0049, 0, 0.05, 0, 0])).toEqual([])
  })

  it('keeps one event through short pauses', () => {
    const activity = new ZoneActivity('door', rule)
    const transitions = feed(activity, [0.01, 0.01, 0, 0, 0, 0, 0, 0.01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    expect(transitions.map((t) => [t.type, t.t])).toEqual([
      ['start', 0],
      ['end', 1400]
    ])
  })

  it('a frame that tells nothing breaks a run but does not stop the clock', () => {
    const activity = new ZoneActivity('door', rule)
    expect(feed(activity, [0.01, null, 0.01, null])).toEqual([])
    const open = new ZoneActivity('door', rule)
    feed(open, [0.01, 0.01])
    expect(open.observe(2200, null, MIN)).toMatchObject({ type: 'end', t: 200 })
  })

  it('finish ends an open event at its last motion, never after the given time, and only once', () => {
    const activity = new ZoneActivity('door', rule)
    feed(activity, [0.01, 0.01, 0.01])
    expect(activity.finish(10_000)).toEqual({ type: 'end', zoneId: 'door', t: 400, peakScore: 0.01 })
    expect(activity.finish(10_000)).toBeNull()
    const early = new ZoneActivity('door', rule)
    feed(early, [0.01, 0.01, 0.01])
    expect(early.finish(300)?.t).toBe(300)
  })

  it('never counts a zero score, even with a minimum of zero', () => {
    const activity = new ZoneActivity('door', rule)
    expect([0, 0, 0].map((s, n) => activity.observe(n * 200, s, 0))).toEqual([null, null, null])
  })
})
