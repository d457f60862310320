// The picture as it looks when nothing moves, and how much each pixel jitters on its own. A frame is
// compared with it after the lighting fit, so exposure and light changes cancel out and only things that
// are really there and not before remain.
import { LightingFit } from './lighting-fit'
import { RelightingFilter } from './relighting'

/** Below this, noise estimates are rounding error: the noise term then never undercuts the base threshold. */
const NOISE_FLOOR = 1
/**
 * A pixel's noise estimate never exceeds this (mean absolute deviation, gray levels), so a pixel that
 * flickers for a while (rain, a blinking light) stays able to see a person rather than going blind.
 */
const NOISE_CAP = 12
/** The background may run past the 8-bit range (a bright wall under a brighter light); within reason. */
const BACKGROUND_MIN = -128
const BACKGROUND_MAX = 384

export interface CompareSettings {
  /** Gray levels a pixel must change by (after the lighting fit) to count; from the sensitivity. */
  baseThreshold: number
  /** ... or this many times its own noise, whichever is larger. */
  noiseFactor: number
  /** A changed pixel with fewer changed neighbours (of 8) is noise, not an object. */
  minNeighbours: number
}

export interface UpdateRates {
  /** Per-frame blend toward the frame where nothing moves. */
  still: number
  /** ... and under moving objects (much smaller: an object must stay long before it becomes background). */
  moving: number
  /** Per-frame blend of the noise estimate. */
  noise: number
  /** A foreground pixel unchanged from frame to frame for this many frames becomes background at once. */
  stationaryFrames: number
}

export class BackgroundModel {
  readonly background: Float32Array
  /** Mean absolute deviation of each pixel from the background, in gray levels. */
  readonly noise: Float32Array
  /** 1 where the last compared frame showed a moving object (after the noise clean-up). */
  readonly foreground: Uint8Array
  foregroundPixels = 0
  /** Frames averaged into the background since the last (re)start. */
  learnedFrames = 0
  readonly lighting = new LightingFit()
  private readonly relighting: RelightingFilter

  /** Changed pixels before the clean-up, with a one-pixel empty border so neighbours need no bounds checks. */
  private readonly changed: Uint8Array
  /** The last compared frame, and for how many frames in a row each pixel has stayed as it was. */
  private readonly previous: Uint8Array
  private readonly unchangedFrames: Uint16Array
  private readonly analysedPixels: number

  constructor(
    readonly width: number,
    readonly height: number,
    /** 1 for pixels that may count (not in an exclusion zone). */
    private readonly analysed: Uint8Array
  ) {
    const pixels = width * height
    this.background = new Float32Array(pixels)
    this.noise = new Float32Array(pixels)
    this.foreground = new Uint8Array(pixels)
    this.changed = new Uint8Array((width + 2) * (height + 2))
    this.previous = new Uint8Array(pixels)
    this.unchangedFrames = new Uint16Array(pixels)
    this.relighting = new RelightingFilter(width, height)
    let count = 0
    for (let i = 0; i < pixels; i++) if (analysed[i] !== 0) count++
    this.analysedPixels = count
  }

  /** Forgets the background: the next frames are learned from scratch (a new run, a new scene). */
  restart(): void {
    this.learnedFrames = 0
    this.foreground.fill(0)
    this.foregroundPixels = 0
    this.unchangedFrames.fill(0)
  }

  /** Warm-up: the background is the plain average of the frames so far, the noise their average deviation. */
  learn(frame: Uint8Array): void {
    const n = ++this.learnedFrames
    const { background, noise } = this
    this.previous.set(frame)
    if (n === 1) {
      // The noise is measured from the second frame on (which replaces any earlier estimate).
      for (let i = 0; i < frame.length; i++) background[i] = frame[i]!
      return
    }
    for (let i = 0; i < frame.length; i++) {
      const d = frame[i]! - background[i]!
      background[i]! += d / n
      noise[i]! += (Math.min(Math.abs(d), NOISE_CAP) - noise[i]!) / (n - 1)
    }
  }

  /**
   * Marks the pixels of `frame` that differ from the background under the current light; fills foreground
   * and returns the changed share of the analysed pixels (0..1). Returns 1 when the frame does not look like
   * the background under any light (the lighting fit failed).
   */
  compare(frame: Uint8Array, settings: CompareSettings): number {
    if (!this.lighting.fit(frame, this.width, this.background, this.analysed, this.foreground)) return 1
    this.markChanged(frame, settings.baseThreshold, settings.noiseFactor)
    this.relighting.apply(frame, this.background, this.changed)
    this.foregroundPixels = this.keepSolid(settings.minNeighbours)
    return this.analysedPixels === 0 ? 0 : this.foregroundPixels / this.analysedPixels
  }

  // Per-pixel loops live in methods of their own: V8 then optimizes each as a whole instead of compiling
  // the loop alone mid-call, which for a loop followed by more code deoptimized on every frame. Inside them
  // Math.min/max/abs rather than ?: on noisy data: branch-free, measured 2-3x faster.

  /** Also counts, per pixel, the frames in a row it stayed within its threshold of the previous frame. */
  private markChanged(frame: Uint8Array, baseThreshold: number, noiseFactor: number): void {
    const { width, height, background, noise, analysed, changed, previous, unchangedFrames } = this
    const { gain, offset } = this.lighting
    const stride = width + 2
    for (let y = 0; y < height; y++) {
      let p = (y + 1) * stride + 1
      for (let i = y * width, end = i + width; i < end; i++, p++) {
        if (analysed[i] === 0) {
          changed[p] = 0
          continue
        }
        const expected = Math.min(255, Math.max(0, gain * background[i]! + offset))
        const threshold = Math.max(baseThreshold, noiseFactor * Math.max(noise[i]!, NOISE_FLOOR))
        changed[p] = Math.abs(frame[i]! - expected) > threshold ? 1 : 0
        unchangedFrames[i] = Math.abs(frame[i]! - previous[i]!) > threshold ? 0 : Math.min(0xffff, unchangedFrames[i]! + 1)
      }
    }
    previous.set(frame)
  }

  /**
   * Blends the frame into the background (after compare): quickly where nothing moves, slowly under
   * objects. The background stays in its own light; the lighting fit maps it to each frame's. Renormalizing
   * the background to every frame instead would carry each frame's fit error into all later frames.
   */
  update(frame: Uint8Array, rates: UpdateRates): void {
    const { background, noise, foreground, unchangedFrames } = this
    const { relit } = this.relighting
    const { gain, offset } = this.lighting
    const toBackground = 1 / gain
    for (let i = 0; i < frame.length; i++) {
      const expected = gain * background[i]! + offset
      // Against the clipped value: a pixel stuck at 255 must not drag a brighter-than-255 background down.
      const d = frame[i]! - Math.min(255, Math.max(0, expected))
      let step: number
      if (foreground[i] !== 0) {
        // Different from the background, yet nothing has moved there for a while: it is the scene now.
        step = unchangedFrames[i]! >= rates.stationaryFrames ? d : rates.moving * d
      } else if (relit[i] !== 0) {
        // New light on old texture: take it at once. Learned slowly, the lit area would fade out unevenly
        // and leave ragged remnants too small to recognise as light again. No sign of noise either.
        const value = frame[i]!
        step = value > 0 && value < 255 ? value - expected : d
      } else {
        step = rates.still * d
        noise[i]! += rates.noise * (Math.min(Math.abs(d), NOISE_CAP) - noise[i]!)
      }
      background[i] = Math.min(BACKGROUND_MAX, Math.max(BACKGROUND_MIN, background[i]! + step * toBackground))
    }
  }

  /**
   * foreground = changed pixels with at least `minNeighbours` changed neighbours. Isolated sparkle (noise,
   * rain drops) and one-pixel streaks (rain lines, wires) drop out; the inside and edges of a solid object
   * stay (an edge pixel has 5 changed neighbours, a corner 3). Returns the number of foreground pixels.
   */
  private keepSolid(minNeighbours: number): number {
    const { width, height, changed, foreground } = this
    const stride = width + 2
    let count = 0
    for (let y = 0; y < height; y++) {
      let p = (y + 1) * stride + 1
      for (let i = y * width, end = i + width; i < end; i++, p++) {
        if (changed[p] === 0) {
          foreground[i] = 0
          continue
        }
        const neighbours =
          changed[p - stride - 1]! + changed[p - stride]! + changed[p - stride + 1]! +
          changed[p - 1]! + changed[p + 1]! +
          changed[p + stride - 1]! + changed[p + stride]! + changed[p + stride + 1]!
        const solid = neighbours >= minNeighbours ? 1 : 0
        foreground[i] = solid
        count += solid
      }
    }
    return count
  }
}
