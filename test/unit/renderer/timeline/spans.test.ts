import { describe, expect, it } from 'vitest'
import { boundaries, jumpTarget, mergeSpans, nextSpanStart, spanAt, startingPoint } from '../../../../renderer/timeline/spans'

const seg = (start: number, end: number, missing = false) => ({ start, end, missing })

describe('spans', () => {
  it('merges contiguous segments, also with a hair between them, and keeps real gaps', () => {
    const spans = mergeSpans([seg(8000, 12_000), seg(0, 4000), seg(4000, 8000), seg(12_400, 16_000), seg(30_000, 34_000)])
    expect(spans).toEqual([
      { start: 0, end: 16_000 },
      { start: 30_000, end: 34_000 }
    ])
  })

  it('leaves out segments whose file is missing', () => {
    expect(mergeSpans([seg(0, 4000), seg(4000, 8000, true), seg(8000, 12_000)])).toEqual([
      { start: 0, end: 4000 },
      { start: 8000, end: 12_000 }
    ])
  })

  it('finds the span at an instant and the next one after it', () => {
    const spans = [
      { start: 0, end: 10 },
      { start: 20, end: 30 }
    ]
    expect(spanAt(spans, 5)).toEqual({ start: 0, end: 10 })
    expect(spanAt(spans, 10)).toBeNull()
    expect(nextSpanStart(spans, 5)).toBe(20)
    expect(nextSpanStart(spans, 20)).toBeNull()
  })

  it('jumps between recording starts, gap starts and (later) events', () => {
    const spans = [
      { start: 1000, end: 5000 },
      { start: 9000, end: 20_000 }
    ]
    const marks = boundaries(spans, [{ start: 5000 }], [{ at: 12_000 }])
    expect(marks).toEqual([1000, 5000, 9000, 12_000])
    expect(jumpTarget(marks, 9500, 1)).toBe(12_000)
    expect(jumpTarget(marks, 12_000, 1)).toBeNull()
    // Just after a boundary, "previous" goes one further back.
    expect(jumpTarget(marks, 9500, -1)).toBe(5000)
    expect(jumpTarget(marks, 11_000, -1)).toBe(9000)
    expect(jumpTarget(marks, 1200, -1)).toBeNull()
  })

  it('starts today at the last recorded minute and an earlier day at its first recording', () => {
    const a = [{ start: 0, end: 600_000 }]
    const b = [{ start: 100_000, end: 200_000 }, { start: 700_000, end: 730_000 }]
    expect(startingPoint([a, b], true)).toBe(700_000)
    expect(startingPoint([a], true)).toBe(540_000)
    expect(startingPoint([b, a], false)).toBe(0)
    expect(startingPoint([[], []], true)).toBeNull()
  })
})
