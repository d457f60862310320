// Events-only recording: which recorded segments to keep, cut or delete, as a pure function of plain data.
// The camera records continuously; only [event start - pre-roll, event end + post-roll] is kept. Segments
// not decided yet are the "ring": a future event's pre-roll may still reach back into them.

export interface Span {
  from: number
  to: number
}

export interface WindowSegment {
  id: number
  start: number
  end: number
}

export interface WindowEvent {
  start: number
  /** null while the event is still going on: everything from its pre-roll onwards is kept. */
  end: number | null
}

export interface EventRetentionInput {
  /** One camera's segments, any order. */
  segments: WindowSegment[]
  /** The camera's events whose keep window may overlap any of the segments. */
  events: WindowEvent[]
  /** The camera's active evidence holds. */
  holds: Span[]
  now: number
  preRollMs: number
  postRollMs: number
  /** How late an event may become known after it started (detection delay, segment clock slack). */
  settleMs: number
}

export interface EventRetentionPlan {
  /** Segments ending at or before this were decided; later ones stay in the ring. */
  decidedBefore: number
  undecided: number[]
  delete: number[]
  /** Segments partly inside keep windows: the spans to keep (absolute ms, within the segment, merged). */
  trim: { segmentId: number; keep: Span[] }[]
  /** Segments kept whole: inside keep windows, held as evidence, or not worth cutting. */
  keep: number[]
}

/**
 * Stretches outside every keep window shorter than this stay in the file. A cut lands on the keyframe at or
 * before a window's start, so with the usual camera GOPs of 1-2 s a shorter stretch saves next to nothing,
 * while every cut costs a remux and splits the timeline into one more file.
 */
export const MIN_TRIM_GAP_MS = 2_000

const overlaps = (a: Span, b: Span) => a.from < b.to && a.to > b.from

/** Sorted, with overlapping or touching spans joined into one. */
export function mergeSpans(spans: Span[]): Span[] {
  const merged: Span[] = []
  for (const span of [...spans].sort((a, b) => a.from - b.from)) {
    const last = merged.at(-1)
    if (last && span.from <= last.to) last.to = Math.max(last.to, span.to)
    else merged.push({ ...span })
  }
  return merged
}

/** Every event's keep window, merged. An open event's window has no end yet. */
export function keepWindows(events: WindowEvent[], preRollMs: number, postRollMs: number): Span[] {
  return mergeSpans(
    events.map((event) => ({ from: event.start - preRollMs, to: event.end === null ? Infinity : event.end + postRollMs }))
  )
}

/** The parts of `segment` to keep, or 'all'/'none'; gaps shorter than MIN_TRIM_GAP_MS count as kept. */
function coverage(segment: Span, windows: Span[]): Span[] | 'all' | 'none' {
  const covered = windows
    .filter((window) => overlaps(window, segment))
    .map((window) => ({ from: Math.max(window.from, segment.from), to: Math.min(window.to, segment.to) }))
  if (covered.length === 0) return 'none'
  const kept: Span[] = []
  let cursor = segment.from
  for (const span of covered) {
    // A short stretch before this span is not worth a cut: extend the span (or the previous one) over it.
    const from = span.from - cursor < MIN_TRIM_GAP_MS ? cursor : span.from
    const last = kept.at(-1)
    if (last && from <= last.to) last.to = span.to
    else kept.push({ from, to: span.to })
    cursor = span.to
  }
  if (segment.to - cursor < MIN_TRIM_GAP_MS) kept[kept.length - 1].to = segment.to
  return kept.length === 1 && kept[0].from === segment.from && kept[0].to === segment.to ? 'all' : kept
}

/**
 * A future event starts at or after now - settleMs and keeps from its start - preRollMs, so a segment that ended
 * before now - preRollMs - settleMs can no longer gain footage to keep: it is decided from the known events.
 * Decided segments are deleted when no window touches them, kept whole when windows cover them, and trimmed to
 * the covered parts otherwise. A segment overlapping an evidence hold is kept whole.
 * Every pass plans all segments again, so what an open event kept is cut to its window once it has ended, and
 * a held segment is planned like any other once the hold is released. Windows only ever narrow after the
 * horizon: nothing deleted could have been wanted later.
 */
export function planEventRetention(input: EventRetentionInput): EventRetentionPlan {
  const decidedBefore = input.now - input.preRollMs - input.settleMs
  const windows = keepWindows(input.events, input.preRollMs, input.postRollMs)
  const plan: EventRetentionPlan = { decidedBefore, undecided: [], delete: [], trim: [], keep: [] }
  for (const segment of [...input.segments].sort((a, b) => a.start - b.start)) {
    const span = { from: segment.start, to: segment.end }
    if (segment.end > decidedBefore) plan.undecided.push(segment.id)
    else if (input.holds.some((hold) => overlaps(hold, span))) plan.keep.push(segment.id)
    else {
      const kept = coverage(span, windows)
      if (kept === 'none') plan.delete.push(segment.id)
      else if (kept === 'all') plan.keep.push(segment.id)
      else plan.trim.push({ segmentId: segment.id, keep: kept })
    }
  }
  return plan
}
