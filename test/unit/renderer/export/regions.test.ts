import { describe, expect, it } from 'vitest'
import { boxAt, boxContains, boxFromCorners, DEFAULT_BOX, fitBox, isUsable, MIN_SIDE, moveBox, nextRegionNumber, resizeBox } from '../../../../renderer/export/regions'

describe('rectangles to cover', () => {
  it('spans a box from two corners in any order, kept on the picture', () => {
    expect(boxFromCorners({ x: 0.5, y: 0.6 }, { x: 0.2, y: 0.1 })).toEqual({ x: 0.2, y: 0.1, w: 0.3, h: 0.5 })
    expect(boxFromCorners({ x: -0.2, y: 0.9 }, { x: 0.3, y: 1.4 })).toEqual({ x: 0, y: 0.9, w: 0.3, h: 0.1 })
  })

  it('takes a tiny drag for a click, not a region', () => {
    expect(isUsable(boxFromCorners({ x: 0.5, y: 0.5 }, { x: 0.502, y: 0.6 }))).toBe(false)
    expect(isUsable(boxFromCorners({ x: 0.5, y: 0.5 }, { x: 0.5 + MIN_SIDE, y: 0.5 + MIN_SIDE }))).toBe(true)
  })

  it('moves a box and stops it at the edges without shrinking it', () => {
    expect(moveBox(DEFAULT_BOX, 0.1, -0.1)).toEqual({ x: 0.5, y: 0.3, w: 0.2, h: 0.2 })
    expect(moveBox(DEFAULT_BOX, 0.9, 0.9)).toEqual({ x: 0.8, y: 0.8, w: 0.2, h: 0.2 })
    expect(moveBox(DEFAULT_BOX, -1, -1)).toEqual({ x: 0, y: 0, w: 0.2, h: 0.2 })
  })

  it('resizes from the top-left corner, not below the minimum nor past the edge', () => {
    expect(resizeBox(DEFAULT_BOX, 0.05, -0.05)).toEqual({ x: 0.4, y: 0.4, w: 0.25, h: 0.15 })
    expect(resizeBox(DEFAULT_BOX, -1, -1)).toEqual({ x: 0.4, y: 0.4, w: MIN_SIDE, h: MIN_SIDE })
    expect(resizeBox(DEFAULT_BOX, 1, 1)).toEqual({ x: 0.4, y: 0.4, w: 0.6, h: 0.6 })
    expect(fitBox({ x: 0.9, y: 0.95, w: 0.3, h: 2 })).toEqual({ x: 0.7, y: 0, w: 0.3, h: 1 })
  })

  it('finds the box under a point, the top one first', () => {
    const boxes = [{ x: 0, y: 0, w: 0.5, h: 0.5 }, { x: 0.25, y: 0.25, w: 0.5, h: 0.5 }]
    expect(boxAt(boxes, { x: 0.3, y: 0.3 })).toBe(1)
    expect(boxAt(boxes, { x: 0.1, y: 0.1 })).toBe(0)
    expect(boxAt(boxes, { x: 0.9, y: 0.9 })).toBeNull()
    expect(boxContains(boxes[0], { x: 0.5, y: 0.5 })).toBe(true)
  })

  it('numbers new regions per camera', () => {
    expect(nextRegionNumber([], 'a')).toBe(1)
    expect(nextRegionNumber([{ cameraId: 'a' }, { cameraId: 'b' }, { cameraId: 'a' }], 'a')).toBe(3)
  })
})
