// Rectangles to cover on a camera's picture (a licence plate, a house number) in shares of the frame (0..1),
// as exports.render takes them. Drawing: drag from one corner to the other; the selected one moves with a
// drag or the arrow keys, Shift + arrows resize it. Pure.
import type { ManualRegion, NormPoint } from '../api/contract'

export type Box = ManualRegion['box']

/** Smaller than this (a share of the frame's side) is a slip of the mouse, not a region. */
export const MIN_SIDE = 0.01
export const MAX_REGIONS = 50
/** Where "Add rectangle" puts a new region: the middle of the picture. */
export const DEFAULT_BOX: Box = { x: 0.4, y: 0.4, w: 0.2, h: 0.2 }

const round = (value: number) => Math.round(value * 10_000) / 10_000
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, Number.isFinite(value) ? value : min))

/** The rectangle spanned by two corners, in any order, kept on the picture. */
export function boxFromCorners(a: NormPoint, b: NormPoint): Box {
  const x1 = clamp(Math.min(a.x, b.x), 0, 1)
  const y1 = clamp(Math.min(a.y, b.y), 0, 1)
  const x2 = clamp(Math.max(a.x, b.x), 0, 1)
  const y2 = clamp(Math.max(a.y, b.y), 0, 1)
  return { x: round(x1), y: round(y1), w: round(x2 - x1), h: round(y2 - y1) }
}

export const isUsable = (box: Box) => box.w >= MIN_SIDE && box.h >= MIN_SIDE

/** Keeps a box whole on the picture: at least MIN_SIDE wide and high, not past any edge. */
export function fitBox(box: Box): Box {
  const w = clamp(box.w, MIN_SIDE, 1)
  const h = clamp(box.h, MIN_SIDE, 1)
  return { x: round(clamp(box.x, 0, 1 - w)), y: round(clamp(box.y, 0, 1 - h)), w: round(w), h: round(h) }
}

/** Moves a box; at an edge it stops there (keeping its size). */
export const moveBox = (box: Box, dx: number, dy: number): Box => fitBox({ ...box, x: box.x + dx, y: box.y + dy })

/** Grows or shrinks a box from its top-left corner, up to the picture's edge. */
export function resizeBox(box: Box, dw: number, dh: number): Box {
  return fitBox({ ...box, w: Math.min(box.w + dw, 1 - box.x), h: Math.min(box.h + dh, 1 - box.y) })
}

export function boxContains(box: Box, at: NormPoint): boolean {
  return at.x >= box.x && at.x <= box.x + box.w && at.y >= box.y && at.y <= box.y + box.h
}

/** The box under a point: the one drawn last (on top) wins. */
export function boxAt(boxes: readonly Box[], at: NormPoint): number | null {
  for (let i = boxes.length - 1; i >= 0; i--) if (boxContains(boxes[i], at)) return i
  return null
}

/** A new region's name: "Region 3" for the first number not taken on that camera. */
export function nextRegionNumber(regions: readonly Pick<ManualRegion, 'cameraId'>[], cameraId: string): number {
  return regions.filter((region) => region.cameraId === cameraId).length + 1
}
