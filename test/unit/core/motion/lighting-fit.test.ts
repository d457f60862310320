import { describe, expect, it } from 'vitest'
import { LightingFit } from '../../../../main/core/motion/lighting-fit'
import { HEIGHT, WIDTH, random, texture } from './synthetic-scene'

const all = new Uint8Array(WIDTH * HEIGHT).fill(1)

/** The background under other light, with a little sensor noise, clipped like a camera's 8 bits. */
function relit(background: Float32Array, gain: number, offset: number, seed = 3): Uint8Array {
  const next = random(seed)
  return Uint8Array.from(background, (b) => Math.max(0, Math.min(255, Math.round(gain * b + offset + (next() - 0.5) * 4))))
}

describe('LightingFit', () => {
  const background = texture()

  it('finds no change in an unchanged picture', () => {
    const fit = new LightingFit()
    expect(fit.fit(relit(background, 1, 0), WIDTH, background, all, null)).toBe(true)
    expect(fit.gain).toBeCloseTo(1, 2)
    expect(fit.offset).toBeCloseTo(0, 0)
  })

  it.each([
    [1, 40],
    [1, -35],
    [0.7, 0],
    [1.3, -10],
    [0.5, 20]
  ])('recovers gain %f and offset %f (exposure steps, dusk)', (gain, offset) => {
    const fit = new LightingFit()
    expect(fit.fit(relit(background, gain, offset), WIDTH, background, all, null)).toBe(true)
    expect(fit.gain).toBeCloseTo(gain, 1)
    // Compare the predictions, not the raw offset: across the picture's levels they must be within a level or two.
    for (const level of [40, 120, 200]) expect(Math.abs(fit.gain * level + fit.offset - (gain * level + offset))).toBeLessThan(2.5)
  })

  it('is not pulled by a large moving object covering a third of the picture', () => {
    const frame = relit(background, 1.2, 5)
    for (let y = 0; y < HEIGHT; y++) for (let x = 0; x < WIDTH / 3; x++) frame[y * WIDTH + x] = 250
    const fit = new LightingFit()
    expect(fit.fit(frame, WIDTH, background, all, null)).toBe(true)
    expect(fit.gain).toBeCloseTo(1.2, 1)
    expect(Math.abs(fit.gain * 120 + fit.offset - (1.2 * 120 + 5))).toBeLessThan(2.5)
  })

  it('follows the larger part of a picture lit in two ways, not a compromise between them', () => {
    // A lamp brightens 45 % of the picture by 30 %; the other 55 % keep the old light.
    const frame = relit(background, 1, 0)
    for (let i = 0; i < frame.length; i++) if (i % WIDTH < WIDTH * 0.45) frame[i] = Math.min(255, Math.round(frame[i]! * 1.3))
    const fit = new LightingFit()
    expect(fit.fit(frame, WIDTH, background, all, null)).toBe(true)
    expect(fit.gain).toBeCloseTo(1, 1)
    expect(Math.abs(fit.offset)).toBeLessThan(3)
  })

  it('uses only usable pixels that were not moving in the last frame', () => {
    const frame = relit(background, 1, 30)
    const usable = new Uint8Array(WIDTH * HEIGHT)
    const skip = new Uint8Array(WIDTH * HEIGHT)
    // Only the top half counts; its left half is skipped and holds garbage that must not matter.
    for (let i = 0; i < (WIDTH * HEIGHT) / 2; i++) {
      usable[i] = 1
      if (i % WIDTH < WIDTH / 2) {
        skip[i] = 1
        frame[i] = 3
      }
    }
    for (let i = (WIDTH * HEIGHT) / 2; i < frame.length; i++) frame[i] = 250
    const fit = new LightingFit()
    expect(fit.fit(frame, WIDTH, background, usable, skip)).toBe(true)
    expect(fit.gain).toBeCloseTo(1, 1)
    expect(fit.offset).toBeGreaterThan(27)
    expect(fit.offset).toBeLessThan(33)
  })

  it('gives up on a frame that is not the background under any light', () => {
    const next = random(9)
    const unrelated = Uint8Array.from(background, () => Math.floor(next() * 256))
    const fit = new LightingFit()
    expect(fit.fit(unrelated, WIDTH, background, all, null)).toBe(false)
    expect(fit.gain).toBe(1)
    expect(fit.offset).toBe(0)
    expect(fit.fit(new Uint8Array(WIDTH * HEIGHT).fill(255), WIDTH, background, all, null)).toBe(false)
  })
})
