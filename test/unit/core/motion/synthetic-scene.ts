// Synthetic gray frames for detector tests: a static textured background, objects drawn on it, and the
// distractors a real camera sees (exposure steps, light ramps, sensor noise, rain), all reproducible.
import { MotionDetector } from '../../../../main/core/motion/motion-detector'
import type { DetectorConfig, MotionTransition } from '../../../../main/core/motion/types'

export const WIDTH = 160
export const HEIGHT = 90
export const FPS = 5

/** Small seeded PRNG (mulberry32): the same "random" noise on every run. */
export function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A static background with structure at several scales, mostly between 40 and 200, a few bright spots near
 * 230. `grain` is the fine detail (gravel, grass, brick): +-grain/2 per pixel.
 */
export function texture(width = WIDTH, height = HEIGHT, seed = 1, grain = 16): Float32Array {
  const next = random(seed)
  const out = new Float32Array(width * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const smooth = 120 + 45 * Math.sin(x / 9) * Math.cos(y / 7) + 25 * Math.sin((x + 2 * y) / 23)
      out[y * width + x] = smooth + grain * (next() - 0.5)
    }
  }
  // Bright fixtures (lamps, a white sign) so brightening clips some pixels at 255, as a real picture does.
  for (let y = 5; y < 12; y++) for (let x = 140; x < 152; x++) out[y * width + x] = 232
  return out
}

export interface Square {
  x: number
  y: number
  size: number
  /** Absolute gray value, or { add } for an object only a little brighter than what is behind it. */
  value: number | { add: number }
}

export interface Look {
  gain?: number
  offset?: number
  /** Uniform noise of +-noise gray levels on every pixel, new each frame. */
  noise?: number
  squares?: Square[]
  /** Thin bright streaks (rain lit by an IR lamp): count per frame, 1 px wide, `length` px long. */
  rain?: { count: number; length: number }
  /** Sparkle: this share of the pixels, new ones each frame, jumps by +-`size` levels (snow, dust in an IR beam). */
  sparkle?: { share: number; size: number }
  /** Light on part of the scene only (a lamp, a shadow): pixels x0..x1-1, y0..y1-1 times gain plus offset. */
  lamp?: { x0: number; y0: number; x1: number; y1: number; gain: number; offset?: number }
}

/** Renders one frame: background, objects, then camera effects (gain, offset, noise), clipped to 0..255. */
export function render(background: Float32Array, look: Look, next: () => number, out = new Uint8Array(background.length)): Uint8Array {
  const scene = Float32Array.from(background)
  for (const square of look.squares ?? []) {
    for (let y = Math.max(0, Math.round(square.y)); y < Math.min(HEIGHT, Math.round(square.y) + square.size); y++) {
      for (let x = Math.max(0, Math.round(square.x)); x < Math.min(WIDTH, Math.round(square.x) + square.size); x++) {
        const i = y * WIDTH + x
        scene[i] = typeof square.value === 'number' ? square.value : scene[i]! + square.value.add
      }
    }
  }
  if (look.lamp) {
    const { x0, y0, x1, y1, gain, offset = 0 } = look.lamp
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) scene[y * WIDTH + x] = gain * scene[y * WIDTH + x]! + offset
  }
  if (look.rain) {
    for (let k = 0; k < look.rain.count; k++) {
      const x = Math.floor(next() * WIDTH)
      const y0 = Math.floor(next() * (HEIGHT - look.rain.length))
      for (let y = y0; y < y0 + look.rain.length; y++) scene[y * WIDTH + x] = scene[y * WIDTH + x]! + 60
    }
  }
  if (look.sparkle) {
    for (let i = 0; i < scene.length; i++) if (next() < look.sparkle.share) scene[i] = scene[i]! + (next() < 0.5 ? -1 : 1) * look.sparkle.size
  }
  const gain = look.gain ?? 1
  const offset = look.offset ?? 0
  for (let i = 0; i < scene.length; i++) {
    const noise = look.noise ? (next() * 2 - 1) * look.noise : 0
    out[i] = Math.max(0, Math.min(255, Math.round(gain * scene[i]! + offset + noise)))
  }
  return out
}

export function config(overrides: Partial<DetectorConfig> = {}): DetectorConfig {
  return { width: WIDTH, height: HEIGHT, fps: FPS, zones: [], sensitivity: 50, minObjectPercent: 0.5, ...overrides }
}

export interface Run {
  transitions: MotionTransition[]
  /** Highest score seen per zone, to show a test's motion was there to be seen (or not). */
  peak: Map<string, number>
  globalChanges: number
}

/** Feeds `seconds` of frames (t in ms from 0) described by lookAt(t seconds) through a detector, then finishes it. */
export function runScene(cfg: DetectorConfig, seconds: number, lookAt: (t: number) => Look, background = texture(), seed = 7): Run {
  const detector = new MotionDetector(cfg)
  const next = random(seed)
  const frame = new Uint8Array(WIDTH * HEIGHT)
  const run: Run = { transitions: [], peak: new Map(), globalChanges: 0 }
  const frames = Math.round(seconds * cfg.fps)
  for (let n = 0; n < frames; n++) {
    const t = (n * 1000) / cfg.fps
    const result = detector.push(render(background, lookAt(t / 1000), next, frame), t)
    run.transitions.push(...result.transitions)
    if (result.globalChange) run.globalChanges++
    for (const [zone, score] of result.scores) run.peak.set(zone, Math.max(run.peak.get(zone) ?? 0, score))
  }
  run.transitions.push(...detector.finish((frames * 1000) / cfg.fps))
  return run
}

/** A square that is there from `from` to `to` seconds, moving at constant speed from one point to another. */
export function movingSquare(t: number, from: number, to: number, start: [number, number], end: [number, number], size: number, value: Square['value'] = 250): Square[] {
  if (t < from || t >= to) return []
  const f = (t - from) / (to - from)
  return [{ x: start[0] + f * (end[0] - start[0]), y: start[1] + f * (end[1] - start[1]), size, value }]
}
