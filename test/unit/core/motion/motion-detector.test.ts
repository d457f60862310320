import { describe, expect, it } from 'vitest'
import { changeThreshold, DEFAULT_TUNING, MotionDetector } from '../../../../main/core/motion/motion-detector'
import type { MotionZoneSpec, NormPoint } from '../../../../main/core/motion/types'
import { config, FPS, HEIGHT, movingSquare, render, random, runScene, texture, WIDTH, type Look } from './synthetic-scene'

const rect = (x0: number, y0: number, x1: number, y1: number): NormPoint[] => [
  { x: x0, y: y0 },
  { x: x1, y: y0 },
  { x: x1, y: y1 },
  { x: x0, y: y1 }
]
const RIGHT_HALF: MotionZoneSpec = { id: 'right', name: 'Right', kind: 'include', points: rect(0.5, 0, 1, 1) }
const FRAME_MS = 1000 / FPS
const summary = (run: { transitions: { type: string; zoneId: string; t: number }[] }) => run.transitions.map((t) => `${t.type} ${t.zoneId} ${t.t}`)

/** A 12x12 white square crossing the frame left to right between 2 s and 8 s, at y 40. */
const crossing = (t: number): Look => ({ squares: movingSquare(t, 2, 8, [10, 40], [130, 40], 12) })

describe('MotionDetector: events per zone', () => {
  it('raises exactly one start and one end for a square crossing into an include zone, at the right times', () => {
    const run = runScene(config({ zones: [RIGHT_HALF] }), 12, crossing)
    // The truth from geometry: frames where at least 0.5 % of the frame (72 px = 6 columns of the square) is
    // inside the zone (x >= 80).
    const inside: number[] = []
    for (let n = 0; n < 12 * FPS; n++) {
      const t = n * FRAME_MS
      const square = crossing(t / 1000).squares![0]
      if (square && Math.min(12, Math.round(square.x) + 12 - 80) * 12 >= 72) inside.push(t)
    }
    expect(run.transitions).toHaveLength(2)
    const [start, end] = run.transitions
    expect(start).toMatchObject({ type: 'start', zoneId: 'right' })
    expect(end).toMatchObject({ type: 'end', zoneId: 'right' })
    expect(Math.abs(start!.t - inside[0]!)).toBeLessThanOrEqual(FRAME_MS)
    expect(Math.abs(end!.t - inside[inside.length - 1]!)).toBeLessThanOrEqual(FRAME_MS)
    // Score: the largest object as a share of the frame; the whole square is 144 / 14400.
    expect(run.peak.get('right')).toBeCloseTo(144 / (WIDTH * HEIGHT), 4)
    if (end!.type === 'end') expect(end!.peakScore).toBeCloseTo(0.01, 4)
  })

  it('raises nothing for the same square moving only outside the zone, which it does see', () => {
    const outside = (t: number): Look => ({ squares: movingSquare(t, 2, 8, [10, 40], [60, 40], 12) })
    const zoned = runScene(config({ zones: [RIGHT_HALF] }), 12, outside)
    expect(summary(zoned)).toEqual([])
    expect(zoned.peak.get('right')).toBe(0)
    // Control: without zones the whole frame counts, and the same motion is an event.
    expect(summary(runScene(config(), 12, outside))).toEqual(['start frame 2000', 'end frame 7800'])
  })

  it('never counts motion inside an exclusion zone', () => {
    const road: MotionZoneSpec = { id: 'road', name: 'Road', kind: 'exclude', points: rect(0, 0.3, 1, 0.75) }
    expect(summary(runScene(config({ zones: [road] }), 12, crossing))).toEqual([])
    expect(summary(runScene(config({ zones: [RIGHT_HALF, road] }), 12, crossing))).toEqual([])
  })

  it('reports each include zone on its own', () => {
    const left: MotionZoneSpec = { id: 'left', name: 'Left', kind: 'include', points: rect(0, 0, 0.5, 1) }
    const sky: MotionZoneSpec = { id: 'sky', name: 'Sky', kind: 'include', points: rect(0, 0, 1, 0.2) }
    const run = runScene(config({ zones: [left, RIGHT_HALF, sky] }), 12, crossing)
    const zones = run.transitions.filter((t) => t.type === 'start').map((t) => t.zoneId)
    expect(zones.sort()).toEqual(['left', 'right'])
    expect(run.transitions.filter((t) => t.type === 'end')).toHaveLength(2)
    expect(run.peak.get('sky')).toBe(0)
  })
})

describe('MotionDetector: what must not raise events', () => {
  // Plain surfaces too: there only the global lighting fit can tell an exposure change from an object
  // (on texture the relighting filter would catch it as well).
  const backgrounds = { textured: texture(), plain: texture(WIDTH, HEIGHT, 1, 0) }

  it.each(Object.keys(backgrounds))('ignores a global brightness step of +40 levels (auto-exposure) on a %s scene, without rebuilding the background', (kind) => {
    const run = runScene(config(), 12, (t) => ({ offset: t >= 5 ? 40 : 0 }), backgrounds[kind as keyof typeof backgrounds])
    expect(summary(run)).toEqual([])
    expect(run.peak.get('frame')).toBe(0)
    expect(run.globalChanges).toBe(0)
  })

  it.each(Object.keys(backgrounds))('ignores an exposure step to 0.7x and back on a %s scene', (kind) => {
    const run = runScene(config(), 12, (t) => ({ gain: t >= 4 && t < 8 ? 0.7 : 1 }), backgrounds[kind as keyof typeof backgrounds])
    expect(summary(run)).toEqual([])
    expect(run.globalChanges).toBe(0)
  })

  it('keeps one event, with the right end, when the exposure jumps while something moves', () => {
    const run = runScene(config({ zones: [RIGHT_HALF] }), 12, (t) => ({ ...crossing(t), offset: t >= 6 ? 40 : 0 }), backgrounds.plain)
    expect(run.transitions.map((t) => t.type)).toEqual(['start', 'end'])
    expect(run.transitions[1]!.t).toBe(7800)
    expect(run.globalChanges).toBe(0)
  })

  it('ignores per-pixel random noise of +-12 levels on every frame, also at high sensitivity', () => {
    for (const sensitivity of [50, 90, 100]) {
      const run = runScene(config({ sensitivity }), 20, () => ({ noise: 12 }))
      expect(summary(run), `sensitivity ${sensitivity}`).toEqual([])
    }
  })

  it('still sees the square through that noise', () => {
    const run = runScene(config({ zones: [RIGHT_HALF] }), 12, (t) => ({ ...crossing(t), noise: 12 }))
    expect(run.transitions.map((t) => t.type)).toEqual(['start', 'end'])
  })

  it('ignores a slow brightness ramp over 20 s (dusk), in gain and offset', () => {
    const dusk = (t: number): Look => ({ gain: 1 - 0.02 * Math.min(t, 20), offset: -Math.min(t, 20) })
    const dawn = (t: number): Look => ({ offset: 3 * Math.min(t, 20) })
    for (const background of Object.values(backgrounds)) {
      expect(summary(runScene(config(), 25, dusk, background))).toEqual([])
      expect(summary(runScene(config(), 25, dawn, background))).toEqual([])
    }
  })

  it('ignores rain: thin bright streaks all over the frame', () => {
    expect(summary(runScene(config(), 20, () => ({ rain: { count: 150, length: 6 } })))).toEqual([])
  })

  it('drops sparkle: a tenth of the pixels jumping by 100 levels never makes an object, even a small one', () => {
    // Without the neighbour rule the random pixels clump into objects of 22-26 px (measured).
    const run = runScene(config({ minObjectPercent: 0.12 }), 20, () => ({ sparkle: { share: 0.1, size: 100 } }))
    expect(summary(run)).toEqual([])
    expect(run.peak.get('frame')! * WIDTH * HEIGHT).toBeLessThan(17)
  })

  it('ignores light that changes on part of a textured scene (a lamp, a shadow)', () => {
    const lamps = [
      { x0: 0, y0: 0, x1: 64, y1: HEIGHT, gain: 1.3 },
      { x0: 30, y0: 20, x1: 110, y1: 70, gain: 1, offset: 30 },
      { x0: 0, y0: 0, x1: 100, y1: HEIGHT, gain: 0.7 },
      { x0: 60, y0: 10, x1: 160, y1: 80, gain: 1, offset: -30 }
    ]
    for (const lamp of lamps) {
      const run = runScene(config(), 12, (t) => (t >= 5 ? { lamp } : {}))
      expect(summary(run), JSON.stringify(lamp)).toEqual([])
    }
  })

  it('rebuilds the background, raising nothing, when the whole picture changes at once', () => {
    // Night mode: the same place, but nothing looks as it did (here: the picture mirrored).
    const first = texture()
    const other = first.map((_, i) => first[Math.floor(i / WIDTH) * WIDTH + (WIDTH - 1 - (i % WIDTH))]!)
    const detector = new MotionDetector(config({ zones: [RIGHT_HALF] }))
    const next = random(1)
    const seen: string[] = []
    let globalChanges = 0
    for (let n = 0; n < 15 * FPS; n++) {
      const t = n * FRAME_MS
      const seconds = t / 1000
      // The switch at 5 s; a square crosses the zone later.
      const look: Look = { squares: movingSquare(seconds, 9, 12, [90, 40], [140, 40], 12) }
      const result = detector.push(render(seconds < 5 ? first : other, look, next), t)
      if (result.globalChange) globalChanges++
      seen.push(...result.transitions.map((tr) => `${tr.type} ${tr.t}`))
    }
    expect(globalChanges).toBe(1)
    expect(seen).toEqual(['start 9000', 'end 11800'])
  })
})

describe('MotionDetector: settings', () => {
  it('respects the minimum object size', () => {
    const square = (size: number) => (t: number): Look => ({ squares: movingSquare(t, 2, 8, [10, 40], [130, 40], size) })
    // 8x8 = 64 px = 0.44 % of the frame; 10x10 = 100 px = 0.69 %.
    expect(summary(runScene(config({ minObjectPercent: 0.5 }), 12, square(8)))).toEqual([])
    expect(summary(runScene(config({ minObjectPercent: 0.5 }), 12, square(10)))).toHaveLength(2)
    expect(summary(runScene(config({ minObjectPercent: 0.4 }), 12, square(8)))).toHaveLength(2)
  })

  it('respects the sensitivity: a faint object counts only when sensitive', () => {
    // 12 levels brighter than what is behind it, over a smooth surface.
    const smooth = texture(WIDTH, HEIGHT, 1, 0)
    const faint = (t: number): Look => ({ squares: movingSquare(t, 2, 8, [10, 40], [130, 40], 14, { add: 12 }) })
    expect(changeThreshold(50)).toBeGreaterThan(12)
    expect(changeThreshold(90)).toBeLessThan(12)
    expect(summary(runScene(config({ sensitivity: 50 }), 12, faint, smooth))).toEqual([])
    expect(summary(runScene(config({ sensitivity: 90 }), 12, faint, smooth))).toEqual(['start frame 2000', 'end frame 7800'])
  })

  it('maps sensitivity 1..100 to thresholds from 60 down to 4 levels', () => {
    expect(changeThreshold(1)).toBeCloseTo(60)
    expect(changeThreshold(100)).toBeCloseTo(4)
    expect(changeThreshold(0)).toBeCloseTo(60)
    expect(changeThreshold(250)).toBeCloseTo(4)
    for (let s = 1; s < 100; s++) expect(changeThreshold(s + 1)).toBeLessThan(changeThreshold(s))
  })
})

describe('MotionDetector: lifecycle', () => {
  it('only learns during the first second', () => {
    const run = runScene(config(), 6, (t) => ({ squares: movingSquare(t, 0, 5, [10, 40], [130, 40], 12) }))
    expect(run.transitions[0]?.type).toBe('start')
    expect(run.transitions[0]!.t).toBeGreaterThanOrEqual(1000)
  })

  it('lets an object that stays become background once nothing moves there, ending its event', () => {
    // Appears at 3 s and stays: stationary for 3 s, then background; the event ends 2 s after its last motion.
    const run = runScene(config(), 30, (t) => ({ squares: t > 3 ? [{ x: 60, y: 30, size: 16, value: 250 }] : [] }))
    expect(run.transitions.map((t) => t.type)).toEqual(['start', 'end'])
    const [start, end] = [run.transitions[0]!.t, run.transitions[1]!.t]
    expect(start).toBeGreaterThan(3000)
    expect(start).toBeLessThan(3600)
    expect(end - start).toBeGreaterThanOrEqual(DEFAULT_TUNING.stationaryMs - 250)
    expect(end - start).toBeLessThan(DEFAULT_TUNING.stationaryMs + 1000)
  })

  it('keeps one event for an object that pauses for less than the stationary time', () => {
    // Walks for 3 s, stands for 2 s, walks on for 3 s: one event, not two.
    const run = runScene(config(), 20, (t) => {
      const walked = Math.min(t - 2, 3) + Math.max(0, t - 7)
      return { squares: t > 2 && t < 10 ? [{ x: 20 + 8 * walked, y: 30, size: 16, value: 250 }] : [] }
    })
    expect(run.transitions.map((t) => t.type)).toEqual(['start', 'end'])
    expect(run.transitions[1]!.t).toBeGreaterThan(9500)
  })

  it('clears the ghost of an object that stood in view while the background was learned', () => {
    // In view from the start (learned as background), gone at 5 s: its old place differs, but nothing moves there.
    const run = runScene(config(), 30, (t) => ({ squares: t < 5 ? [{ x: 60, y: 30, size: 16, value: 250 }] : [] }))
    expect(run.transitions.map((t) => t.type)).toEqual(['start', 'end'])
    expect(run.transitions[1]!.t - run.transitions[0]!.t).toBeLessThan(DEFAULT_TUNING.stationaryMs + 1000)
  })

  it('finish() ends an open event at its last moving frame', () => {
    const detector = new MotionDetector(config())
    const background = texture()
    const next = random(1)
    const started: string[] = []
    for (let n = 0; n < 5 * FPS; n++) {
      const t = n * FRAME_MS
      const look: Look = { squares: t >= 2000 ? [{ x: 20 + n, y: 40, size: 12, value: 250 }] : [] }
      started.push(...detector.push(render(background, look, next), t).transitions.map((tr) => tr.type))
    }
    expect(started).toEqual(['start'])
    expect(detector.finish(10_000)).toEqual([{ type: 'end', zoneId: 'frame', t: 4800, peakScore: 0.01 }])
    expect(detector.finish(10_000)).toEqual([])
  })

  it('updateConfig keeps the background, applies new zones at once, and ends events of removed zones', () => {
    const left: MotionZoneSpec = { id: 'left', name: 'Left', kind: 'include', points: rect(0, 0, 0.5, 1) }
    const detector = new MotionDetector(config({ zones: [left, RIGHT_HALF] }))
    const background = texture()
    const next = random(1)
    const push = (t: number, look: Look) => detector.push(render(background, look, next), t).transitions
    for (let n = 0; n < 10; n++) push(n * FRAME_MS, {})
    const square = { squares: [{ x: 20, y: 40, size: 12, value: 250 }] }
    expect(push(2000, square)).toEqual([])
    expect(push(2200, square)).toMatchObject([{ type: 'start', zoneId: 'left', t: 2000 }])
    expect(detector.updateConfig(config({ zones: [RIGHT_HALF] }))).toEqual([{ type: 'end', zoneId: 'left', t: 2200, peakScore: 0.01 }])
    // No new warm-up: a square in the right half two frames later is an event straight away.
    const right = { squares: [{ x: 120, y: 40, size: 12, value: 250 }] }
    expect(push(2400, right)).toEqual([])
    expect(push(2600, right)).toMatchObject([{ type: 'start', zoneId: 'right', t: 2400 }])
    expect([...detector.push(render(background, right, next), 2800).scores.keys()]).toEqual(['right'])
    expect(() => detector.updateConfig(config({ width: 320, height: 180 }))).toThrow(/create a new detector/)
  })

  it('refuses frames of the wrong size and configs it cannot work with', () => {
    const detector = new MotionDetector(config())
    expect(() => detector.push(new Uint8Array(100), 0)).toThrow(/expected 14400/)
    expect(() => new MotionDetector(config({ width: 0 }))).toThrow(RangeError)
    expect(() => new MotionDetector(config({ fps: 0 }))).toThrow(RangeError)
  })

  it('reports a score for every zone on every frame, 0 while nothing moves', () => {
    const detector = new MotionDetector(config({ zones: [RIGHT_HALF] }))
    const result = detector.push(render(texture(), {}, random(1)), 0)
    expect([...result.scores]).toEqual([['right', 0]])
  })
})
