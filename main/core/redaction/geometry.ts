// Box arithmetic for detection, tracking and rendering. Boxes are in pixels of the source video (floats,
// top-left origin); PixelRect is what the renderer paints: whole pixels, aligned to even coordinates.

export interface Box {
  x: number
  y: number
  w: number
  h: number
}

/** A paintable rectangle: x0/y0 inclusive, x1/y1 exclusive, all even (4:2:0 chroma covers 2x2 pixels). */
export interface PixelRect {
  x0: number
  y0: number
  x1: number
  y1: number
}

export const area = (b: Box): number => Math.max(0, b.w) * Math.max(0, b.h)

export const centerOf = (b: Box): { x: number; y: number } => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 })

export const diagonal = (b: Box): number => Math.hypot(b.w, b.h)

export function intersection(a: Box, b: Box): Box | null {
  const x = Math.max(a.x, b.x)
  const y = Math.max(a.y, b.y)
  const x1 = Math.min(a.x + a.w, b.x + b.w)
  const y1 = Math.min(a.y + a.h, b.y + b.h)
  return x1 > x && y1 > y ? { x, y, w: x1 - x, h: y1 - y } : null
}

export function iou(a: Box, b: Box): number {
  const overlap = intersection(a, b)
  if (!overlap) return 0
  const shared = area(overlap)
  return shared / (area(a) + area(b) - shared)
}

/** Share of `inner` that lies inside `outer` (1 = completely inside). */
export function coverage(inner: Box, outer: Box): number {
  const overlap = intersection(inner, outer)
  return overlap && area(inner) > 0 ? area(overlap) / area(inner) : 0
}

/** The smallest box holding both. */
export function bounding(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x)
  const y = Math.min(a.y, b.y)
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y }
}

export function centerDistance(a: Box, b: Box): number {
  const ca = centerOf(a)
  const cb = centerOf(b)
  return Math.hypot(ca.x - cb.x, ca.y - cb.y)
}

export function containsPoint(b: Box, x: number, y: number): boolean {
  return x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h
}

/** Linear blend: t = 0 gives a, t = 1 gives b (t outside 0..1 extrapolates). */
export function lerpBox(a: Box, b: Box, t: number): Box {
  return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t, w: a.w + (b.w - a.w) * t, h: a.h + (b.h - a.h) * t }
}

export interface Padding {
  /** Added on the left and on the right, as a share of the box width. */
  x: number
  /** Added above and below, as a share of the box height. */
  y: number
  /** At least this many pixels on every side (detector boxes at a reduced size are off by a pixel or two). */
  minPx: number
}

export function padBox(b: Box, pad: Padding, extraPx = 0): Box {
  const dx = Math.max(pad.minPx, b.w * pad.x) + extraPx
  const dy = Math.max(pad.minPx, b.h * pad.y) + extraPx
  return { x: b.x - dx, y: b.y - dy, w: b.w + 2 * dx, h: b.h + 2 * dy }
}

/** Cuts a box to the frame; null when nothing of it is left inside. */
export function clampBox(b: Box, width: number, height: number): Box | null {
  return intersection(b, { x: 0, y: 0, w: width, h: height })
}

/**
 * The even-aligned pixel rectangle that covers the box completely (rounded outward), cut to the frame;
 * null when it is empty. Rounding outward means a redaction never falls short of its box.
 */
export function toPixelRect(b: Box, width: number, height: number): PixelRect | null {
  const x0 = Math.max(0, Math.floor(b.x / 2) * 2)
  const y0 = Math.max(0, Math.floor(b.y / 2) * 2)
  const x1 = Math.min(width, Math.ceil((b.x + b.w) / 2) * 2)
  const y1 = Math.min(height, Math.ceil((b.y + b.h) / 2) * 2)
  return x1 > x0 && y1 > y0 ? { x0, y0, x1, y1 } : null
}

export const rectToBox = (r: PixelRect): Box => ({ x: r.x0, y: r.y0, w: r.x1 - r.x0, h: r.y1 - r.y0 })

export function scaleBox(b: Box, sx: number, sy: number): Box {
  return { x: b.x * sx, y: b.y * sy, w: b.w * sx, h: b.h * sy }
}

/** Rounds to 0.1 px: enough for any video, and keeps JSON small. */
export function roundBox(b: Box): Box {
  const r = (v: number) => Math.round(v * 10) / 10
  return { x: r(b.x), y: r(b.y), w: r(b.w), h: r(b.h) }
}
