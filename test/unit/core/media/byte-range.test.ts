import { describe, expect, it } from 'vitest'
import { parseRange, planRange } from '../../../../main/core/media/byte-range'

const SIZE = 1000

describe('parseRange', () => {
  it('reads first-last, open-ended and suffix ranges (end inclusive, clamped to the file)', () => {
    expect(parseRange('bytes=0-99', SIZE)).toEqual({ kind: 'range', start: 0, end: 99 })
    expect(parseRange('bytes=100-', SIZE)).toEqual({ kind: 'range', start: 100, end: 999 })
    expect(parseRange('bytes=-100', SIZE)).toEqual({ kind: 'range', start: 900, end: 999 })
    expect(parseRange('bytes=-5000', SIZE)).toEqual({ kind: 'range', start: 0, end: 999 })
    expect(parseRange('bytes=990-5000', SIZE)).toEqual({ kind: 'range', start: 990, end: 999 })
    expect(parseRange('bytes=999-999', SIZE)).toEqual({ kind: 'range', start: 999, end: 999 })
    expect(parseRange(' bytes = 5 - 9 ', SIZE)).toEqual({ kind: 'range', start: 5, end: 9 })
  })

  it('ignores what it does not serve as one slice: no header, other units, several ranges, malformed, reversed', () => {
    for (const header of [undefined, null, '', 'items=0-5', 'bytes=0-5,10-20', 'bytes=abc', 'bytes=-', 'bytes=5-1', 'bytes=1.5-2', 'bytes=0x10-']) {
      expect(parseRange(header, SIZE)).toEqual({ kind: 'none' })
    }
    expect(parseRange('bytes=99999999999999999999-', SIZE)).toEqual({ kind: 'none' })
  })

  it('finds ranges that start past the end, and empty suffixes, unsatisfiable', () => {
    expect(parseRange('bytes=1000-', SIZE)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=5000-6000', SIZE)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=-0', SIZE)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=-10', 0)).toEqual({ kind: 'unsatisfiable' })
  })
})

describe('planRange', () => {
  it('sends the whole file with 200 and says ranges are accepted', () => {
    expect(planRange(undefined, SIZE, 'video/mp4')).toEqual({
      status: 200,
      start: 0,
      end: 999,
      headers: { 'Accept-Ranges': 'bytes', 'Content-Type': 'video/mp4', 'Cache-Control': 'no-store', 'Content-Length': '1000' }
    })
  })

  it('sends a slice with 206, its length and Content-Range', () => {
    expect(planRange('bytes=100-199', SIZE, 'video/mp4')).toEqual({
      status: 206,
      start: 100,
      end: 199,
      headers: {
        'Accept-Ranges': 'bytes',
        'Content-Type': 'video/mp4',
        'Cache-Control': 'no-store',
        'Content-Length': '100',
        'Content-Range': 'bytes 100-199/1000'
      }
    })
  })

  it('answers 416 with the size for an unsatisfiable range', () => {
    const plan = planRange('bytes=2000-', SIZE, 'video/mp4')
    expect(plan.status).toBe(416)
    expect(plan.headers['Content-Range']).toBe('bytes */1000')
  })
})
