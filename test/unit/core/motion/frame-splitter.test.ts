import { describe, expect, it } from 'vitest'
import { FrameSplitter } from '../../../../main/core/motion/frame-splitter'
import { random } from './synthetic-scene'

const FRAME = 12

/** Numbered frames: every byte of frame k is k (mod 256), so a torn or shifted frame shows at once. */
function stream(frames: number): Uint8Array {
  return Uint8Array.from({ length: frames * FRAME }, (_, i) => Math.floor(i / FRAME) % 256)
}

function collect(chunks: Uint8Array[]): { frames: number[][]; views: Uint8Array[] } {
  const frames: number[][] = []
  const views: Uint8Array[] = []
  const splitter = new FrameSplitter(FRAME, (frame) => {
    frames.push([...frame])
    views.push(frame)
  })
  for (const chunk of chunks) splitter.push(chunk)
  return { frames, views }
}

describe('FrameSplitter', () => {
  it('hands on whole frames of chunks of any size, in order, none torn', () => {
    const bytes = stream(50)
    const next = random(11)
    const chunks: Uint8Array[] = []
    for (let at = 0; at < bytes.length; ) {
      const size = 1 + Math.floor(next() * 40)
      chunks.push(bytes.subarray(at, at + size))
      at += size
    }
    const { frames } = collect(chunks)
    expect(frames).toHaveLength(50)
    frames.forEach((frame, k) => expect(frame).toEqual(Array(FRAME).fill(k)))
  })

  it('passes whole frames in a chunk as views of it, without copying', () => {
    const chunk = stream(3)
    const { views } = collect([chunk])
    expect(views).toHaveLength(3)
    for (const view of views) expect(view.buffer).toBe(chunk.buffer)
    expect(views[1]!.byteOffset).toBe(chunk.byteOffset + FRAME)
  })

  it('keeps a trailing partial frame until the rest arrives, and reset() drops it', () => {
    const bytes = stream(2)
    const frames: number[][] = []
    const splitter = new FrameSplitter(FRAME, (frame) => frames.push([...frame]))
    splitter.push(bytes.subarray(0, FRAME + 5))
    expect(frames).toHaveLength(1)
    splitter.reset()
    splitter.push(stream(1))
    expect(frames).toEqual([Array(FRAME).fill(0), Array(FRAME).fill(0)])
  })

  it('refuses a frame size of zero', () => {
    expect(() => new FrameSplitter(0, () => {})).toThrow(RangeError)
  })
})
