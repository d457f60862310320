// What the day bar draws and where jumps go: recorded spans (contiguous segments merged), gaps, and the
// boundaries between them. Pure, on plain data from the index.
import type { Gap, Segment } from '../api/contract'

export interface Span {
  start: number
  end: number
}

/** Segments closer than this are one span: the index's clock estimate may leave a hair between files. */
export const CONTIGUOUS_MS = 1000

/** Merges contiguous segments (sorted or not) into spans, oldest first. */
export function mergeSpans(segments: readonly Pick<Segment, 'start' | 'end' | 'missing'>[]): Span[] {
  const sorted = segments.filter((segment) => !segment.missing).sort((a, b) => a.start - b.start)
  const spans: Span[] = []
  for (const segment of sorted) {
    const last = spans[spans.length - 1]
    if (last && segment.start - last.end <= CONTIGUOUS_MS) last.end = Math.max(last.end, segment.end)
    else spans.push({ start: segment.start, end: segment.end })
  }
  return spans
}

/** The span containing `at`, if any. */
export function spanAt(spans: readonly Span[], at: number): Span | null {
  return spans.find((span) => span.start <= at && at < span.end) ?? null
}

/** The start of the first span that begins after `at`. */
export function nextSpanStart(spans: readonly Span[], at: number): number | null {
  return spans.find((span) => span.start > at)?.start ?? null
}

/** Anything the prev/next buttons can jump to. Events (a later issue) will arrive as more of these. */
export interface Mark {
  at: number
}

/** Jump targets: where recordings start and where gaps begin, plus any marks (events), sorted, unique. */
export function boundaries(spans: readonly Span[], gaps: readonly Pick<Gap, 'start'>[], marks: readonly Mark[] = []): number[] {
  const all = [...spans.map((span) => span.start), ...gaps.map((gap) => gap.start), ...marks.map((mark) => mark.at)]
  return [...new Set(all)].sort((a, b) => a - b)
}

/**
 * The boundary to jump to from `at`. Going back skips boundaries within `slackMs` behind the playhead, so
 * pressing "previous" just after a boundary (playback moved on a little) still goes one further back.
 */
export function jumpTarget(sorted: readonly number[], at: number, direction: 1 | -1, slackMs = 1500): number | null {
  if (direction > 0) return sorted.find((value) => value > at + 1) ?? null
  for (let i = sorted.length - 1; i >= 0; i--) if (sorted[i] < at - slackMs) return sorted[i]
  return null
}

/**
 * Where playback starts when a day opens: on the day that is still being recorded, the last minute
 * recorded (the newest picture); on an earlier day, its first recording.
 */
export function startingPoint(spansPerCamera: readonly (readonly Span[])[], stillRecording: boolean): number | null {
  const all = spansPerCamera.flat()
  if (all.length === 0) return null
  if (!stillRecording) return Math.min(...all.map((span) => span.start))
  const latest = all.reduce((a, b) => (b.end > a.end ? b : a))
  return Math.max(latest.start, latest.end - 60_000)
}
