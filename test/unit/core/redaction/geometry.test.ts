import { describe, expect, it } from 'vitest'
import { bounding, clampBox, coverage, iou, lerpBox, padBox, roundBox, toPixelRect } from '../../../../main/core/redaction/geometry'

describe('box geometry', () => {
  it('IoU: 1 for the same box, 0 apart, 1/3 for half-shifted equal boxes', () => {
    const a = { x: 0, y: 0, w: 10, h: 10 }
    expect(iou(a, a)).toBe(1)
    expect(iou(a, { x: 20, y: 0, w: 10, h: 10 })).toBe(0)
    expect(iou(a, { x: 5, y: 0, w: 10, h: 10 })).toBeCloseTo(1 / 3)
    // Touching edges share no area.
    expect(iou(a, { x: 10, y: 0, w: 10, h: 10 })).toBe(0)
  })

  it('coverage is the share of the inner box inside the outer one', () => {
    expect(coverage({ x: 5, y: 0, w: 10, h: 10 }, { x: 0, y: 0, w: 10, h: 10 })).toBeCloseTo(0.5)
    expect(coverage({ x: 2, y: 2, w: 2, h: 2 }, { x: 0, y: 0, w: 10, h: 10 })).toBe(1)
  })

  it('pads by a share of the size, at least minPx, plus extra pixels', () => {
    expect(padBox({ x: 100, y: 100, w: 100, h: 200 }, { x: 0.1, y: 0.05, minPx: 4 })).toEqual({ x: 90, y: 90, w: 120, h: 220 })
    // A tiny box gets the minimum on every side.
    expect(padBox({ x: 10, y: 10, w: 10, h: 10 }, { x: 0.1, y: 0.1, minPx: 4 })).toEqual({ x: 6, y: 6, w: 18, h: 18 })
    expect(padBox({ x: 10, y: 10, w: 10, h: 10 }, { x: 0, y: 0, minPx: 0 }, 3)).toEqual({ x: 7, y: 7, w: 16, h: 16 })
  })

  it('clamps to the frame and drops boxes that are entirely outside', () => {
    expect(clampBox({ x: -10, y: 5, w: 30, h: 10 }, 100, 50)).toEqual({ x: 0, y: 5, w: 20, h: 10 })
    expect(clampBox({ x: 100, y: 0, w: 10, h: 10 }, 100, 50)).toBeNull()
  })

  it('pixel rects round outward to even coordinates and stay inside the frame', () => {
    expect(toPixelRect({ x: 3.2, y: 5, w: 10, h: 4.5 }, 100, 100)).toEqual({ x0: 2, y0: 4, x1: 14, y1: 10 })
    expect(toPixelRect({ x: -7, y: 95, w: 20, h: 20 }, 100, 100)).toEqual({ x0: 0, y0: 94, x1: 14, y1: 100 })
    expect(toPixelRect({ x: 120, y: 0, w: 5, h: 5 }, 100, 100)).toBeNull()
    for (const v of Object.values(toPixelRect({ x: 1.1, y: 2.9, w: 7.3, h: 3.3 }, 640, 360)!)) expect(v % 2).toBe(0)
  })

  it('interpolates and extrapolates linearly', () => {
    const a = { x: 0, y: 0, w: 10, h: 20 }
    const b = { x: 10, y: 4, w: 20, h: 20 }
    expect(lerpBox(a, b, 0.5)).toEqual({ x: 5, y: 2, w: 15, h: 20 })
    expect(lerpBox(a, b, 1.5)).toEqual({ x: 15, y: 6, w: 25, h: 20 })
  })

  it('bounding box of two, and rounding to 0.1 px', () => {
    expect(bounding({ x: 0, y: 0, w: 1, h: 1 }, { x: 5, y: -2, w: 1, h: 1 })).toEqual({ x: 0, y: -2, w: 6, h: 3 })
    expect(roundBox({ x: 1.234, y: 2.25, w: 3.96, h: 0.04 })).toEqual({ x: 1.2, y: 2.3, w: 4, h: 0 })
  })
})
