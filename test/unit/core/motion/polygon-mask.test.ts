import { describe, expect, it } from 'vitest'
import { fillPolygon, pointInPolygon, polygonMask, zoneMasks } from '../../../../main/core/motion/polygon-mask'
import type { MotionZoneSpec, NormPoint } from '../../../../main/core/motion/types'

const count = (mask: Uint8Array) => mask.reduce((sum, v) => sum + (v ? 1 : 0), 0)
const at = (mask: Uint8Array, width: number, x: number, y: number) => mask[y * width + x]

/** Every pixel centre tested one by one: the reference the scanline fill must agree with. */
function bruteForce(points: NormPoint[], width: number, height: number): Uint8Array {
  const mask = new Uint8Array(width * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) mask[y * width + x] = pointInPolygon((x + 0.5) / width, (y + 0.5) / height, points) ? 1 : 0
  }
  return mask
}

describe('polygonMask', () => {
  it('fills exactly the pixels of an axis-aligned rectangle', () => {
    // x 0.25..0.75 of 16 = columns 4..11, y 0.5..1 of 8 = rows 4..7
    const mask = polygonMask([{ x: 0.25, y: 0.5 }, { x: 0.75, y: 0.5 }, { x: 0.75, y: 1 }, { x: 0.25, y: 1 }], 16, 8)
    expect(count(mask)).toBe(8 * 4)
    expect(at(mask, 16, 4, 4)).toBe(1)
    expect(at(mask, 16, 11, 7)).toBe(1)
    expect(at(mask, 16, 3, 4)).toBe(0)
    expect(at(mask, 16, 12, 4)).toBe(0)
    expect(at(mask, 16, 4, 3)).toBe(0)
  })

  it('covers the whole frame for the unit square, in either winding', () => {
    const square = [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 1 }, { x: 0, y: 1 }]
    expect(count(polygonMask(square, 20, 10))).toBe(200)
    expect(count(polygonMask([...square].reverse(), 20, 10))).toBe(200)
  })

  it('leaves the notch of a concave (U-shaped) polygon empty', () => {
    const u = [
      { x: 0.1, y: 0.1 }, { x: 0.3, y: 0.1 }, { x: 0.3, y: 0.7 }, { x: 0.7, y: 0.7 },
      { x: 0.7, y: 0.1 }, { x: 0.9, y: 0.1 }, { x: 0.9, y: 0.9 }, { x: 0.1, y: 0.9 }
    ]
    const mask = polygonMask(u, 100, 100)
    expect(at(mask, 100, 50, 30)).toBe(0) // inside the notch
    expect(at(mask, 100, 20, 30)).toBe(1) // left arm
    expect(at(mask, 100, 80, 30)).toBe(1) // right arm
    expect(at(mask, 100, 50, 80)).toBe(1) // base
    expect(mask).toEqual(bruteForce(u, 100, 100))
  })

  it('agrees with point-in-polygon on concave, star and self-crossing shapes at odd sizes', () => {
    const star: NormPoint[] = Array.from({ length: 10 }, (_, k) => {
      const r = k % 2 === 0 ? 0.45 : 0.18
      const a = (k * Math.PI) / 5 + 0.1
      return { x: 0.5 + r * Math.cos(a), y: 0.5 + r * Math.sin(a) }
    })
    const bowTie = [{ x: 0.1, y: 0.1 }, { x: 0.9, y: 0.9 }, { x: 0.9, y: 0.1 }, { x: 0.1, y: 0.9 }]
    const arrow = [{ x: 0.05, y: 0.4 }, { x: 0.6, y: 0.4 }, { x: 0.6, y: 0.1 }, { x: 0.97, y: 0.5 }, { x: 0.6, y: 0.93 }, { x: 0.6, y: 0.6 }, { x: 0.05, y: 0.6 }]
    for (const shape of [star, bowTie, arrow]) {
      for (const [w, h] of [[160, 90], [138, 104], [7, 5]] as const) {
        expect(polygonMask(shape, w, h)).toEqual(bruteForce(shape, w, h))
      }
    }
    // The bow tie's two lobes (left and right, between the diagonals) are filled; above and below its knot not.
    const tie = polygonMask(bowTie, 100, 100)
    expect(at(tie, 100, 20, 50)).toBe(1)
    expect(at(tie, 100, 80, 50)).toBe(1)
    expect(at(tie, 100, 50, 20)).toBe(0)
    expect(at(tie, 100, 50, 80)).toBe(0)
  })

  it('ignores degenerate polygons and clips points outside the frame', () => {
    expect(count(polygonMask([{ x: 0.1, y: 0.1 }, { x: 0.9, y: 0.9 }], 10, 10))).toBe(0)
    const big = polygonMask([{ x: -1, y: -1 }, { x: 2, y: -1 }, { x: 2, y: 0.5 }, { x: -1, y: 0.5 }], 10, 10)
    expect(count(big)).toBe(50)
  })

  it('fillPolygon can clear (value 0) as well as set', () => {
    const mask = new Uint8Array(100).fill(1)
    fillPolygon(mask, 10, 10, [{ x: 0, y: 0 }, { x: 0.5, y: 0 }, { x: 0.5, y: 1 }, { x: 0, y: 1 }], 0)
    expect(count(mask)).toBe(50)
  })
})

describe('zoneMasks', () => {
  const include = (id: string, points: NormPoint[]): MotionZoneSpec => ({ id, name: id, kind: 'include', points })
  const exclude = (id: string, points: NormPoint[]): MotionZoneSpec => ({ id, name: id, kind: 'exclude', points })
  const leftHalf = [{ x: 0, y: 0 }, { x: 0.5, y: 0 }, { x: 0.5, y: 1 }, { x: 0, y: 1 }]
  const topHalf = [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 0.5 }, { x: 0, y: 0.5 }]

  it('without include zones makes one frame zone, minus exclusions', () => {
    const { zones, analysed } = zoneMasks([exclude('road', topHalf)], 20, 10)
    expect(zones.map((z) => z.id)).toEqual(['frame'])
    expect(zones[0]!.pixels).toBe(100)
    expect(count(analysed)).toBe(100)
    expect(zones[0]!.box).toEqual({ x0: 0, y0: 5, x1: 20, y1: 10 })
  })

  it('cuts exclusions out of every include zone and keeps zones in order', () => {
    const { zones } = zoneMasks([include('a', leftHalf), exclude('road', topHalf), include('b', topHalf)], 20, 10)
    expect(zones.map((z) => z.id)).toEqual(['a', 'b'])
    expect(zones[0]!.pixels).toBe(50) // bottom-left quarter
    expect(zones[0]!.box).toEqual({ x0: 0, y0: 5, x1: 10, y1: 10 })
    expect(zones[1]!.pixels).toBe(0) // wholly excluded
  })
})
