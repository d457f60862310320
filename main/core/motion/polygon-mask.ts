// Zone polygons (normalized points) to pixel masks at analysis size. Built when the zones change, never per frame.
import type { PixelBox } from './blobs'
import { FRAME_ZONE_ID, type MotionZoneSpec, type NormPoint } from './types'

/** Even-odd rule: a point is inside when a ray from it crosses the outline an odd number of times. */
export function pointInPolygon(x: number, y: number, points: readonly NormPoint[]): boolean {
  let inside = false
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const a = points[i]!
    const b = points[j]!
    if (a.y > y !== b.y > y && x < a.x + ((y - a.y) * (b.x - a.x)) / (b.y - a.y)) inside = !inside
  }
  return inside
}

/**
 * Sets `value` in `mask` (width*height, row by row) for every pixel whose centre lies inside the polygon
 * (even-odd rule, the same as pointInPolygon). Works row by row on the outline's crossings, so a concave
 * or self-crossing polygon is filled the way a browser's canvas fills it with 'evenodd'.
 */
export function fillPolygon(mask: Uint8Array, width: number, height: number, points: readonly NormPoint[], value = 1): void {
  if (points.length < 3) return
  const crossings: number[] = []
  for (let row = 0; row < height; row++) {
    const y = (row + 0.5) / height
    crossings.length = 0
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const a = points[i]!
      const b = points[j]!
      // Half-open on y, so a vertex on the scanline is counted once and horizontal edges not at all.
      if (a.y > y !== b.y > y) crossings.push(a.x + ((y - a.y) * (b.x - a.x)) / (b.y - a.y))
    }
    crossings.sort((p, q) => p - q)
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      // Pixel centres (col + 0.5) / width in [left, right): what pointInPolygon's strict test amounts to.
      const first = Math.max(0, Math.ceil(crossings[k]! * width - 0.5))
      const last = Math.min(width - 1, Math.ceil(crossings[k + 1]! * width - 0.5) - 1)
      if (last >= first) mask.fill(value, row * width + first, row * width + last + 1)
    }
  }
}

/** A new mask with 1 inside the polygon and 0 elsewhere. */
export function polygonMask(points: readonly NormPoint[], width: number, height: number): Uint8Array {
  const mask = new Uint8Array(width * height)
  fillPolygon(mask, width, height, points)
  return mask
}

/** One include zone at analysis size: its pixels (exclusions cut out) and the box around them. */
export interface ZoneMask {
  id: string
  mask: Uint8Array
  box: PixelBox
  pixels: number
}

export interface ZoneMasks {
  /** 1 where motion may count at all: everywhere but the exclusion zones. */
  analysed: Uint8Array
  zones: ZoneMask[]
}

/**
 * Rasterizes a camera's zones. Exclusions win over inclusions wherever they overlap; with no include zone
 * the whole frame (minus exclusions) is one zone, FRAME_ZONE_ID.
 */
export function zoneMasks(specs: readonly MotionZoneSpec[], width: number, height: number): ZoneMasks {
  const analysed = new Uint8Array(width * height).fill(1)
  for (const spec of specs) if (spec.kind === 'exclude') fillPolygon(analysed, width, height, spec.points, 0)
  const includes = specs.filter((spec) => spec.kind === 'include')
  const zones = includes.length === 0 ? [withBox(FRAME_ZONE_ID, analysed.slice(), width, height)] : []
  for (const spec of includes) {
    const mask = polygonMask(spec.points, width, height)
    for (let i = 0; i < mask.length; i++) mask[i]! &= analysed[i]!
    zones.push(withBox(spec.id, mask, width, height))
  }
  return { analysed, zones }
}

function withBox(id: string, mask: Uint8Array, width: number, height: number): ZoneMask {
  let x0 = width
  let y0 = height
  let x1 = 0
  let y1 = 0
  let pixels = 0
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (mask[y * width + x] === 0) continue
      pixels++
      if (x < x0) x0 = x
      if (x >= x1) x1 = x + 1
      if (y < y0) y0 = y
      y1 = y + 1
    }
  }
  return { id, mask, box: pixels === 0 ? { x0: 0, y0: 0, x1: 0, y1: 0 } : { x0, y0, x1, y1 }, pixels }
}
