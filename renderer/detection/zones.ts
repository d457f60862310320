// Geometry of motion zones on a camera picture. Points are shares of the frame (0..1, NormPoint); hit tests
// take the picture's drawn size in pixels, so "near" means the same on a wide and on a tall picture. Pure.
import type { MotionZone, NormPoint } from '../api/contract'

export const MIN_POINTS = 3
export const MAX_POINTS = 32
export const MAX_ZONES = 16
/** How close (px) a click must be to a point to grab it, or to the first point to close the shape. */
export const HIT_RADIUS_PX = 12

export interface Size {
  width: number
  height: number
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0))
/** Four decimals: a tenth of a pixel on a 4K frame, and short JSON. */
const round = (value: number) => Math.round(value * 10_000) / 10_000

/** Keeps a point on the picture (a drag past the edge stops at the edge). */
export function clampPoint(point: NormPoint): NormPoint {
  return { x: round(clamp01(point.x)), y: round(clamp01(point.y)) }
}

/** A pointer position inside a box (its client rect) as a point on the picture. */
export function pointFromClient(clientX: number, clientY: number, box: { left: number; top: number; width: number; height: number }): NormPoint {
  return clampPoint({ x: (clientX - box.left) / Math.max(1, box.width), y: (clientY - box.top) / Math.max(1, box.height) })
}

export function distancePx(a: NormPoint, b: NormPoint, size: Size): number {
  return Math.hypot((a.x - b.x) * size.width, (a.y - b.y) * size.height)
}

/** The index of the point nearest to `at` within `radiusPx`, else null. */
export function hitPoint(points: readonly NormPoint[], at: NormPoint, size: Size, radiusPx = HIT_RADIUS_PX): number | null {
  let best: number | null = null
  let bestDistance = radiusPx
  for (let index = 0; index < points.length; index++) {
    const distance = distancePx(points[index], at, size)
    if (distance <= bestDistance) {
      best = index
      bestDistance = distance
    }
  }
  return best
}

/** The middle of each edge of the closed shape; edge i runs from point i to point i + 1 (the last to the first). */
export function edgeMidpoints(points: readonly NormPoint[]): NormPoint[] {
  return points.map((point, index) => {
    const next = points[(index + 1) % points.length]
    return { x: round((point.x + next.x) / 2), y: round((point.y + next.y) / 2) }
  })
}

export function movePoint(points: readonly NormPoint[], index: number, to: NormPoint): NormPoint[] {
  return points.map((point, i) => (i === index ? clampPoint(to) : point))
}

/** A new point on edge `edge` (after point `edge`); the shape keeps its limit of points. */
export function insertPoint(points: readonly NormPoint[], edge: number, at: NormPoint): NormPoint[] {
  if (points.length >= MAX_POINTS) return [...points]
  return [...points.slice(0, edge + 1), clampPoint(at), ...points.slice(edge + 1)]
}

/** Removes a point unless the shape would have fewer than three. */
export function removePoint(points: readonly NormPoint[], index: number): NormPoint[] {
  if (points.length <= MIN_POINTS) return [...points]
  return points.filter((_, i) => i !== index)
}

/** Moves a point by a step (arrow keys), staying on the picture. */
export function nudgePoint(points: readonly NormPoint[], index: number, dx: number, dy: number): NormPoint[] {
  const point = points[index]
  return point ? movePoint(points, index, { x: point.x + dx, y: point.y + dy }) : [...points]
}

/** Even-odd ray casting; points on the border may count either way. */
export function pointInPolygon(at: NormPoint, points: readonly NormPoint[]): boolean {
  let inside = false
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const a = points[i]
    const b = points[j]
    if (a.y > at.y !== b.y > at.y && at.x < ((b.x - a.x) * (at.y - a.y)) / (b.y - a.y) + a.x) inside = !inside
  }
  return inside
}

/** The zone under a point: the one drawn last (on top) wins. */
export function zoneAt(zones: readonly Pick<MotionZone, 'points'>[], at: NormPoint): number | null {
  for (let i = zones.length - 1; i >= 0; i--) if (pointInPolygon(at, zones[i].points)) return i
  return null
}

// ---- Drawing a new shape: click adds a point; clicking the first point (or "Finish") closes it.

export const canClose = (draft: readonly NormPoint[]) => draft.length >= MIN_POINTS

/** A click while drawing: close the shape (on its first point) or add a point. */
export function drawClick(draft: readonly NormPoint[], at: NormPoint, size: Size, radiusPx = HIT_RADIUS_PX): { points: NormPoint[]; closed: boolean } {
  if (draft.length > 0 && canClose(draft) && distancePx(draft[0], at, size) <= radiusPx) return { points: [...draft], closed: true }
  // A second click on the last point (a double click) adds nothing.
  const last = draft[draft.length - 1]
  if (last && distancePx(last, at, size) < 3) return { points: [...draft], closed: false }
  const points = [...draft, clampPoint(at)]
  return { points, closed: points.length >= MAX_POINTS }
}

/** Shoelace area as a share of the frame (0..1); a bow-tie shape counts its halves against each other. */
export function polygonArea(points: readonly NormPoint[]): number {
  let sum = 0
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) sum += (points[j].x + points[i].x) * (points[j].y - points[i].y)
  return Math.abs(sum) / 2
}

/** Where to write the zone's name: the average of its points (inside for the usual convex shapes). */
export function labelPoint(points: readonly NormPoint[]): NormPoint {
  if (points.length === 0) return { x: 0.5, y: 0.5 }
  const sum = points.reduce((acc, point) => ({ x: acc.x + point.x, y: acc.y + point.y }), { x: 0, y: 0 })
  return { x: round(sum.x / points.length), y: round(sum.y / points.length) }
}

/** "zone-1", "zone-2", ...: the first id not taken (ids are ASCII and short; the name is what users see). */
export function newZoneId(zones: readonly Pick<MotionZone, 'id'>[]): string {
  const taken = new Set(zones.map((zone) => zone.id))
  let n = 1
  while (taken.has(`zone-${n}`)) n++
  return `zone-${n}`
}

/** The points as an SVG `points` attribute in a viewBox of `size`. */
export function svgPoints(points: readonly NormPoint[], size: Size): string {
  return points.map((point) => `${round(point.x * size.width)},${round(point.y * size.height)}`).join(' ')
}
