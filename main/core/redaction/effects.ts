// The irreversible effects, painted in place on planar yuv420p frames (the decoder's native format, so
// kept pixels pass through bit for bit and nothing is converted twice). Pixelation replaces every block
// by its mean: the detail inside a block is gone, not hidden, unlike a blur that a deconvolution can
// partly undo. Blocks are large (at least 16 px, and at most 8 across a person), so a face inside a
// person box becomes one or two blocks. Fill paints a solid colour.
import type { PixelRect } from './geometry'

export interface YuvFrame {
  /** Y plane (width x height), then U and V (width/2 x height/2 each). */
  data: Uint8Array
  width: number
  height: number
}

export type Rgb = [number, number, number]

/** Smallest block edge in pixels. */
export const MIN_BLOCK = 16
/** At most this many blocks across the longer side of a person box ... */
export const PERSON_BLOCKS_ACROSS = 8
/** ... and of a face box (stricter: a face is what identifies someone). */
export const FACE_BLOCKS_ACROSS = 5

/** Block edge for a rectangle: max(16, longer side / blocksAcross), rounded up to even (chroma is half size). */
export function blockSizeFor(rect: PixelRect, blocksAcross: number): number {
  const longer = Math.max(rect.x1 - rect.x0, rect.y1 - rect.y0)
  const block = Math.max(MIN_BLOCK, Math.ceil(longer / blocksAcross))
  return block + (block % 2)
}

/** BT.601 limited range, which is what H.264 from cameras and libx264's yuv420p default use. */
export function rgbToYuv([r, g, b]: Rgb): Rgb {
  const y = 16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255
  const u = 128 + (-37.797 * r - 74.203 * g + 112 * b) / 255
  const v = 128 + (112 * r - 93.786 * g - 18.214 * b) / 255
  return [Math.round(y), Math.round(u), Math.round(v)]
}

interface Plane {
  data: Uint8Array
  offset: number
  stride: number
}

function planes(frame: YuvFrame): [Plane, Plane, Plane] {
  const lumaSize = frame.width * frame.height
  const chromaStride = frame.width / 2
  const chromaSize = chromaStride * (frame.height / 2)
  return [
    { data: frame.data, offset: 0, stride: frame.width },
    { data: frame.data, offset: lumaSize, stride: chromaStride },
    { data: frame.data, offset: lumaSize + chromaSize, stride: chromaStride }
  ]
}

/** Scales an even-aligned rect to a plane: 1 for luma, 2 for chroma. */
const scaled = (r: PixelRect, div: number): PixelRect => ({ x0: r.x0 / div, y0: r.y0 / div, x1: r.x1 / div, y1: r.y1 / div })

/**
 * Calls write(x0, x1) for the parts of row y in [x0, x1) that no excluded rect covers.
 * Exclusions are few (the kept people of one frame), so a sort per row is cheap.
 */
function forOpenSpans(y: number, x0: number, x1: number, exclude: PixelRect[], write: (from: number, to: number) => void): void {
  // Most paint jobs exclude nothing: skip the per-row filter and sort.
  if (exclude.length === 0) return write(x0, x1)
  const blocked = exclude.filter((e) => y >= e.y0 && y < e.y1 && e.x1 > x0 && e.x0 < x1).sort((a, b) => a.x0 - b.x0)
  let x = x0
  for (const e of blocked) {
    if (e.x0 > x) write(x, Math.min(e.x0, x1))
    x = Math.max(x, e.x1)
    if (x >= x1) return
  }
  if (x < x1) write(x, x1)
}

function pixelatePlane(p: Plane, rect: PixelRect, block: number, exclude: PixelRect[]): void {
  const { data, offset, stride } = p
  for (let by = rect.y0; by < rect.y1; by += block) {
    const ey = Math.min(by + block, rect.y1)
    for (let bx = rect.x0; bx < rect.x1; bx += block) {
      const ex = Math.min(bx + block, rect.x1)
      let sum = 0
      for (let y = by; y < ey; y++) {
        const row = offset + y * stride
        for (let x = bx; x < ex; x++) sum += data[row + x]
      }
      const mean = Math.round(sum / ((ey - by) * (ex - bx)))
      for (let y = by; y < ey; y++) {
        const row = offset + y * stride
        forOpenSpans(y, bx, ex, exclude, (from, to) => data.fill(mean, row + from, row + to))
      }
    }
  }
}

/** Replaces each block of the rect by its mean, except pixels inside `exclude`. Rects must be even-aligned. */
export function pixelate(frame: YuvFrame, rect: PixelRect, block: number, exclude: PixelRect[] = []): void {
  const [y, u, v] = planes(frame)
  pixelatePlane(y, rect, block, exclude)
  const half = exclude.map((e) => scaled(e, 2))
  pixelatePlane(u, scaled(rect, 2), block / 2, half)
  pixelatePlane(v, scaled(rect, 2), block / 2, half)
}

function fillPlane(p: Plane, rect: PixelRect, value: number, exclude: PixelRect[]): void {
  for (let y = rect.y0; y < rect.y1; y++) {
    const row = p.offset + y * p.stride
    forOpenSpans(y, rect.x0, rect.x1, exclude, (from, to) => p.data.fill(value, row + from, row + to))
  }
}

/** Paints the rect in one colour (given as YUV), except pixels inside `exclude`. */
export function fill(frame: YuvFrame, rect: PixelRect, yuv: Rgb, exclude: PixelRect[] = []): void {
  const [y, u, v] = planes(frame)
  fillPlane(y, rect, yuv[0], exclude)
  const half = exclude.map((e) => scaled(e, 2))
  fillPlane(u, scaled(rect, 2), yuv[1], half)
  fillPlane(v, scaled(rect, 2), yuv[2], half)
}
