import { describe, expect, it } from 'vitest'
import { RelightingFilter } from '../../../../main/core/motion/relighting'
import { HEIGHT, WIDTH, texture } from './synthetic-scene'

const STRIDE = WIDTH + 2
type Box = { x0: number; y0: number; x1: number; y1: number }
const inBox = (x: number, y: number, b: Box) => x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1

/** The padded change mask the background model hands over: 1 inside the boxes. */
function changedIn(...boxes: Box[]): Uint8Array {
  const changed = new Uint8Array(STRIDE * (HEIGHT + 2))
  for (let y = 0; y < HEIGHT; y++) for (let x = 0; x < WIDTH; x++) if (boxes.some((b) => inBox(x, y, b))) changed[(y + 1) * STRIDE + x + 1] = 1
  return changed
}

const countIn = (changed: Uint8Array, box: Box) => {
  let n = 0
  for (let y = box.y0; y < box.y1; y++) for (let x = box.x0; x < box.x1; x++) n += changed[(y + 1) * STRIDE + x + 1]!
  return n
}

function frameOf(background: Float32Array, paint: (x: number, y: number, value: number) => number): Uint8Array {
  return Uint8Array.from(background, (value, i) => Math.max(0, Math.min(255, Math.round(paint(i % WIDTH, Math.floor(i / WIDTH), value)))))
}

describe('RelightingFilter', () => {
  const textured = texture()
  const pool: Box = { x0: 21, y0: 13, x1: 77, y1: 61 }
  const object: Box = { x0: 110, y0: 30, x1: 134, y1: 54 }

  it('clears a textured area that only got brighter or darker, and marks it relit', () => {
    for (const [gain, offset] of [[1.35, 0], [0.7, 0], [1, 30], [1, -30]] as const) {
      const frame = frameOf(textured, (x, y, v) => (inBox(x, y, pool) ? gain * v + offset : v))
      const changed = changedIn(pool)
      const filter = new RelightingFilter(WIDTH, HEIGHT)
      const cleared = filter.apply(frame, textured, changed)
      expect(cleared, `gain ${gain} offset ${offset}`).toBe((pool.x1 - pool.x0) * (pool.y1 - pool.y0))
      expect(countIn(changed, pool)).toBe(0)
      expect(filter.relit[30 * WIDTH + 40]).toBe(1)
    }
  })

  it('keeps an object that hides the texture, next to a lit area', () => {
    const frame = frameOf(textured, (x, y, v) => (inBox(x, y, object) ? 240 : inBox(x, y, pool) ? v * 1.3 : v))
    const changed = changedIn(pool, object)
    const filter = new RelightingFilter(WIDTH, HEIGHT)
    filter.apply(frame, textured, changed)
    expect(countIn(changed, object)).toBe((object.x1 - object.x0) * (object.y1 - object.y0))
    expect(countIn(changed, pool)).toBe(0)
    expect(filter.relit[40 * WIDTH + 120]).toBe(0)
  })

  it('does not take an object shaded like a plain background for light (smooth gradients are not texture)', () => {
    const plain = texture(WIDTH, HEIGHT, 1, 0)
    // An object with the same top-to-bottom shading as the wall behind it, just brighter.
    const frame = frameOf(plain, (x, y, v) => (inBox(x, y, object) ? 1.4 * v + 10 : v))
    const changed = changedIn(object)
    expect(new RelightingFilter(WIDTH, HEIGHT).apply(frame, plain, changed)).toBe(0)
    expect(countIn(changed, object)).toBe((object.x1 - object.x0) * (object.y1 - object.y0))
  })

  it('does nothing when nothing changed', () => {
    const filter = new RelightingFilter(WIDTH, HEIGHT)
    expect(filter.apply(frameOf(textured, (_x, _y, v) => v), textured, changedIn())).toBe(0)
    expect(filter.relit.every((v) => v === 0)).toBe(true)
  })
})
