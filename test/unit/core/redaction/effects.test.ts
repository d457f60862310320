import { describe, expect, it } from 'vitest'
import { blockSizeFor, fill, pixelate, rgbToYuv, type YuvFrame } from '../../../../main/core/redaction/effects'

const W = 64
const H = 48

/** A frame with a different value in every pixel of every plane (a worst case for "nothing survives"). */
function noisyFrame(seed = 1): YuvFrame {
  const data = new Uint8Array((W * H * 3) / 2)
  let s = seed
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0
    data[i] = s >>> 24
  }
  return { data, width: W, height: H }
}

const luma = (f: YuvFrame, x: number, y: number) => f.data[y * W + x]
const chromaU = (f: YuvFrame, x: number, y: number) => f.data[W * H + y * (W / 2) + x]

describe('pixelate', () => {
  it('makes every block one value, inside the rect only', () => {
    const frame = noisyFrame()
    const before = frame.data.slice()
    pixelate(frame, { x0: 8, y0: 8, x1: 40, y1: 40 }, 16)
    for (const [bx, by] of [[8, 8], [24, 8], [8, 24], [24, 24]]) {
      const value = luma(frame, bx, by)
      for (let y = by; y < by + 16; y++) for (let x = bx; x < bx + 16; x++) expect(luma(frame, x, y)).toBe(value)
    }
    // The last partial blocks (40 is not a multiple of 16 from 8) are uniform too.
    for (let y = 8; y < 40; y++) expect(luma(frame, 39, y)).toBe(luma(frame, 38, y))
    // Outside the rect nothing changed.
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) if (x < 8 || x >= 40 || y < 8 || y >= 40) expect(luma(frame, x, y)).toBe(before[y * W + x])
    }
    // Chroma blocks are half the size, at half the coordinates.
    const u = chromaU(frame, 4, 4)
    for (let y = 4; y < 12; y++) for (let x = 4; x < 12; x++) expect(chromaU(frame, x, y)).toBe(u)
  })

  it('block value is the mean of the block', () => {
    const frame = noisyFrame(7)
    let sum = 0
    for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) sum += luma(frame, x, y)
    pixelate(frame, { x0: 0, y0: 0, x1: 16, y1: 16 }, 16)
    expect(luma(frame, 5, 5)).toBe(Math.round(sum / 256))
  })

  it('is irreversible: two different pictures with the same block means give the same output', () => {
    const a = noisyFrame(3)
    const b = { ...a, data: a.data.slice() }
    // Swap two luma pixels inside one block: a different picture, same block mean.
    const i = 2 * W + 3
    const j = 9 * W + 11
    ;[b.data[i], b.data[j]] = [b.data[j], b.data[i]]
    expect(b.data).not.toEqual(a.data)
    pixelate(a, { x0: 0, y0: 0, x1: 16, y1: 16 }, 16)
    pixelate(b, { x0: 0, y0: 0, x1: 16, y1: 16 }, 16)
    expect(b.data).toEqual(a.data)
  })

  it('leaves excluded rectangles (kept people) untouched', () => {
    const frame = noisyFrame(5)
    const before = frame.data.slice()
    const kept = { x0: 16, y0: 16, x1: 32, y1: 32 }
    pixelate(frame, { x0: 0, y0: 0, x1: 48, y1: 48 }, 16, [kept])
    for (let y = 16; y < 32; y++) for (let x = 16; x < 32; x++) expect(luma(frame, x, y)).toBe(before[y * W + x])
    for (let y = 8; y < 16; y++) for (let x = 8; x < 16; x++) expect(chromaU(frame, x, y)).toBe(before[W * H + y * (W / 2) + x])
    expect(luma(frame, 0, 0)).toBe(luma(frame, 15, 15))
  })
})

describe('fill and block size', () => {
  it('fills with the colour in YUV (black is 16/128/128 in limited range)', () => {
    expect(rgbToYuv([0, 0, 0])).toEqual([16, 128, 128])
    expect(rgbToYuv([255, 255, 255])).toEqual([235, 128, 128])
    const frame = noisyFrame()
    fill(frame, { x0: 10, y0: 10, x1: 20, y1: 20 }, [16, 128, 128])
    expect(luma(frame, 10, 10)).toBe(16)
    expect(luma(frame, 19, 19)).toBe(16)
    expect(chromaU(frame, 5, 5)).toBe(128)
  })

  it('blocks are at least 16 px, a person is at most 8 blocks across, and always even', () => {
    expect(blockSizeFor({ x0: 0, y0: 0, x1: 40, y1: 80 }, 8)).toBe(16)
    expect(blockSizeFor({ x0: 0, y0: 0, x1: 100, y1: 400 }, 8)).toBe(50)
    expect(blockSizeFor({ x0: 0, y0: 0, x1: 100, y1: 402 }, 8) % 2).toBe(0)
    expect(blockSizeFor({ x0: 0, y0: 0, x1: 200, y1: 200 }, 5)).toBe(40)
  })
})
