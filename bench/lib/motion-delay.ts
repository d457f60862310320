// Event delay: pairs each appearance of the box (the reference reader's wall-clock time of its first frame)
// with the first event a detector raised for that camera after it. Pure bookkeeping on epoch-ms numbers.

/** An event this long after an appearance still belongs to it (the box is in view 4 s; detection comes well within). */
export const MATCH_MS = 5000
/**
 * An event may be stamped a little before the reference saw the box (the reader has a decoder of its own and
 * may lag): such an event still matches, with a negative delay, which then shows in the report.
 */
const EARLY_SLACK_MS = 500

export interface DelayResult {
  /** Appearances in the window (each one should become one event). */
  appearances: number
  /** Event time minus appearance time, ms, one per detected appearance. */
  delays: number[]
  /** Appearances with no event within MATCH_MS. */
  missed: number
  /** Events in the window that belong to no appearance (false alarms, or a second event for one appearance). */
  unmatched: number
}

/**
 * appearances and events are epoch ms of one camera, sorted. Appearances count from `from` until MATCH_MS
 * before `to` (so each has its full chance to be detected inside the window); events count in [from, to].
 */
export function matchEvents(appearances: number[], events: number[], from: number, to: number): DelayResult {
  // Every appearance of the run takes its event, so an event just inside the window that belongs to an
  // appearance just before it is not mistaken for a false alarm.
  const used = new Set<number>()
  const delays: number[] = []
  let counted = 0
  let missed = 0
  for (const a of appearances) {
    const index = events.findIndex((e, i) => !used.has(i) && e >= a - EARLY_SLACK_MS && e < a + MATCH_MS)
    if (index >= 0) used.add(index)
    if (a < from || a > to - MATCH_MS) continue
    counted++
    if (index < 0) missed++
    else delays.push(events[index]! - a)
  }
  const unmatched = events.filter((e, i) => e >= from && e <= to && !used.has(i)).length
  return { appearances: counted, delays, missed, unmatched }
}

/** Sums per-camera results of one run. */
export function mergeDelays(results: DelayResult[]): DelayResult {
  return {
    appearances: results.reduce((sum, r) => sum + r.appearances, 0),
    delays: results.flatMap((r) => r.delays),
    missed: results.reduce((sum, r) => sum + r.missed, 0),
    unmatched: results.reduce((sum, r) => sum + r.unmatched, 0)
  }
}
