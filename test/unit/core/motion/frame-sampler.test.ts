import { describe, expect, it } from 'vitest'
import { FrameSampler } from '../../../../main/core/motion/frame-sampler'

/** Feeds `count` frames arriving by `at(i)` and returns the indices taken. */
function taken(sampler: FrameSampler, count: number, at: (i: number) => number): number[] {
  const indices: number[] = []
  for (let i = 0; i < count; i++) if (sampler.take(at(i))) indices.push(i)
  return indices
}

describe('FrameSampler', () => {
  it('keeps one frame in three of a 15 fps camera for 5 fps analysis, once the rate is known', () => {
    const sampler = new FrameSampler(5)
    const indices = taken(sampler, 60, (i) => (i * 1000) / 15)
    const steady = indices.filter((i) => i >= 15)
    expect(steady.length).toBeGreaterThan(0)
    for (let k = 1; k < steady.length; k++) expect(steady[k] - steady[k - 1]).toBe(3)
    expect(sampler.sourceFps()).toBeCloseTo(15, 5)
  })

  it('keeps the rate when frames arrive in bursts', () => {
    const sampler = new FrameSampler(5)
    // 15 fps on average, delivered five at a time every third of a second.
    const indices = taken(sampler, 150, (i) => Math.floor(i / 5) * 333)
    const steady = indices.filter((i) => i >= 30)
    const gaps = steady.slice(1).map((value, k) => value - steady[k])
    expect(new Set(gaps)).toEqual(new Set([3]))
  })

  it('analyses every frame of a camera slower than the analysis rate', () => {
    const sampler = new FrameSampler(5)
    expect(taken(sampler, 30, (i) => i * 500)).toHaveLength(30)
  })
})
