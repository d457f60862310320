import { describe, expect, it } from 'vitest'
import {
  MAX_POINTS,
  clampPoint,
  drawClick,
  edgeMidpoints,
  hitPoint,
  insertPoint,
  labelPoint,
  movePoint,
  newZoneId,
  nudgePoint,
  pointFromClient,
  pointInPolygon,
  polygonArea,
  removePoint,
  svgPoints,
  zoneAt
} from '../../../../renderer/detection/zones'

const square = [
  { x: 0.2, y: 0.2 },
  { x: 0.6, y: 0.2 },
  { x: 0.6, y: 0.6 },
  { x: 0.2, y: 0.6 }
]
const WIDE = { width: 1600, height: 900 }

describe('zone geometry', () => {
  it('keeps points on the picture', () => {
    expect(clampPoint({ x: -0.2, y: 1.4 })).toEqual({ x: 0, y: 1 })
    expect(clampPoint({ x: 0.123456, y: Number.NaN })).toEqual({ x: 0.1235, y: 0 })
    expect(pointFromClient(150, 80, { left: 100, top: 30, width: 200, height: 100 })).toEqual({ x: 0.25, y: 0.5 })
    expect(pointFromClient(0, 500, { left: 100, top: 30, width: 200, height: 100 })).toEqual({ x: 0, y: 1 })
  })

  it('hits points within a radius in pixels, the nearest first', () => {
    // 0.005 of the width is 8 px on a 1600 px wide picture, 0.01 of the height 9 px.
    expect(hitPoint(square, { x: 0.205, y: 0.2 }, WIDE)).toBe(0)
    expect(hitPoint(square, { x: 0.2, y: 0.21 }, WIDE)).toBe(0)
    expect(hitPoint(square, { x: 0.21, y: 0.2 }, WIDE)).toBeNull()
    expect(hitPoint(square, { x: 0.4, y: 0.4 }, WIDE)).toBeNull()
    const close = [{ x: 0.5, y: 0.5 }, { x: 0.504, y: 0.5 }]
    expect(hitPoint(close, { x: 0.503, y: 0.5 }, WIDE)).toBe(1)
  })

  it('moves, inserts, removes and nudges points', () => {
    expect(movePoint(square, 1, { x: 1.5, y: 0.1 })[1]).toEqual({ x: 1, y: 0.1 })
    expect(edgeMidpoints(square)[3]).toEqual({ x: 0.2, y: 0.4 })
    const five = insertPoint(square, 3, { x: 0.1, y: 0.4 })
    expect(five).toHaveLength(5)
    expect(five[4]).toEqual({ x: 0.1, y: 0.4 })
    expect(insertPoint(square, 0, { x: 0.4, y: 0.1 })[1]).toEqual({ x: 0.4, y: 0.1 })
    expect(removePoint(five, 4)).toEqual(square)
    expect(removePoint(square.slice(0, 3), 0)).toHaveLength(3)
    expect(nudgePoint(square, 0, -0.5, 0.01)[0]).toEqual({ x: 0, y: 0.21 })
    const full = Array.from({ length: MAX_POINTS }, (_, i) => ({ x: i / MAX_POINTS, y: 0.5 }))
    expect(insertPoint(full, 0, { x: 0.5, y: 0.9 })).toHaveLength(MAX_POINTS)
  })

  it('tests points inside shapes and picks the zone on top', () => {
    expect(pointInPolygon({ x: 0.4, y: 0.4 }, square)).toBe(true)
    expect(pointInPolygon({ x: 0.7, y: 0.4 }, square)).toBe(false)
    const triangle = [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 0, y: 1 }]
    expect(pointInPolygon({ x: 0.6, y: 0.6 }, triangle)).toBe(false)
    expect(zoneAt([{ points: triangle }, { points: square }], { x: 0.3, y: 0.3 })).toBe(1)
    expect(zoneAt([{ points: triangle }, { points: square }], { x: 0.1, y: 0.1 })).toBe(0)
    expect(zoneAt([{ points: square }], { x: 0.9, y: 0.9 })).toBeNull()
    expect(polygonArea(square)).toBeCloseTo(0.16)
    expect(labelPoint(square)).toEqual({ x: 0.4, y: 0.4 })
  })

  it('draws: clicks add points, the first point closes from three points on', () => {
    let draft = drawClick([], { x: 0.1, y: 0.1 }, WIDE)
    expect(draft).toEqual({ points: [{ x: 0.1, y: 0.1 }], closed: false })
    // Clicking the first point too early adds no point and does not close.
    draft = drawClick(draft.points, { x: 0.5, y: 0.1 }, WIDE)
    expect(drawClick(draft.points, { x: 0.101, y: 0.1 }, WIDE).closed).toBe(false)
    // A double click on the last point adds nothing.
    expect(drawClick(draft.points, { x: 0.5, y: 0.1 }, WIDE).points).toHaveLength(2)
    draft = drawClick(draft.points, { x: 0.5, y: 0.5 }, WIDE)
    const closed = drawClick(draft.points, { x: 0.103, y: 0.102 }, WIDE)
    expect(closed).toEqual({ points: draft.points, closed: true })
    // The limit of points closes the shape by itself.
    const almost = Array.from({ length: MAX_POINTS - 1 }, (_, i) => ({ x: i / 40, y: (i % 2) / 2 }))
    expect(drawClick(almost, { x: 0.9, y: 0.9 }, WIDE).closed).toBe(true)
  })

  it('names new zones by the first free number and writes SVG points', () => {
    expect(newZoneId([])).toBe('zone-1')
    expect(newZoneId([{ id: 'zone-1' }, { id: 'zone-3' }])).toBe('zone-2')
    expect(svgPoints(square.slice(0, 2), { width: 1000, height: 500 })).toBe('200,100 600,100')
  })
})
