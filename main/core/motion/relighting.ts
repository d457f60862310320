// Light that changes in part of the picture only (a porch lamp, a cloud's shadow, a car's headlights on a
// wall) passes the global lighting fit. It still leaves the texture of what it lights in place: bricks stay
// bricks, only brighter. An object in front hides that texture. This filter keeps the second and drops the
// first, block by block, by correlating fine detail (a Laplacian, so smooth gradients do not count) of the
// changed pixels in the frame with the same pixels in the background.

/** Block side in pixels at analysis size: small enough for a lamp's pool of light, big enough for statistics. */
const BLOCK = 8
/** Fewer changed pixels in a block than this: too few to judge, left as they are. */
const MIN_PIXELS = 12
/** Background detail (std of its Laplacian) below this is a plain surface: light and an object look alike there. */
const MIN_DETAIL = 6
/** Correlation of frame and background detail above which the change is light, not an object. */
const MIN_CORRELATION = 0.7
/** Detail may get weaker or stronger with the light, within reason. */
const MIN_DETAIL_RATIO = 0.3
const MAX_DETAIL_RATIO = 3

/** What a block's changed pixels are. */
const NONE = 0
const LIGHT = 1
const OBJECT = 2
/** Changed, but too plain, too clipped or too small a change to tell on its own. */
const UNSURE = 3
/** An unsure block among light blocks, taken as light too (a plain wall in the same lamp's light). */
const LIGHT_BY_NEIGHBOURS = 4

export class RelightingFilter {
  /** 1 where the last apply() found a change to be light only. */
  readonly relit: Uint8Array
  private readonly blocksX: number
  private readonly blocksY: number
  /** Block of each column and each row (an edge block takes the leftover pixels, so none is tiny). */
  private readonly blockOfColumn: Int32Array
  private readonly blockRowOfRow: Int32Array
  private readonly changedPixels: Int32Array
  private readonly pixels: Int32Array
  private readonly sumF: Float64Array
  private readonly sumB: Float64Array
  private readonly sumFF: Float64Array
  private readonly sumBB: Float64Array
  private readonly sumFB: Float64Array
  private readonly verdict: Uint8Array

  constructor(
    readonly width: number,
    readonly height: number
  ) {
    const blocksX = Math.max(1, Math.floor(width / BLOCK))
    const blocksY = Math.max(1, Math.floor(height / BLOCK))
    const blocks = blocksX * blocksY
    this.blocksX = blocksX
    this.blocksY = blocksY
    this.blockOfColumn = Int32Array.from({ length: width }, (_, x) => Math.min(blocksX - 1, Math.floor(x / BLOCK)))
    this.blockRowOfRow = Int32Array.from({ length: height }, (_, y) => Math.min(blocksY - 1, Math.floor(y / BLOCK)) * blocksX)
    this.relit = new Uint8Array(width * height)
    this.changedPixels = new Int32Array(blocks)
    this.pixels = new Int32Array(blocks)
    this.sumF = new Float64Array(blocks)
    this.sumB = new Float64Array(blocks)
    this.sumFF = new Float64Array(blocks)
    this.sumBB = new Float64Array(blocks)
    this.sumFB = new Float64Array(blocks)
    this.verdict = new Uint8Array(blocks)
  }

  /**
   * `changed` is the padded change mask (row stride width + 2, one empty pixel around). Clears the pixels
   * whose block changed by light only and marks them in `relit`. Returns how many were cleared.
   */
  apply(frame: Uint8Array, background: Float32Array, changed: Uint8Array): number {
    this.relit.fill(0)
    if (!this.collect(frame, background, changed)) return 0
    if (this.judge() === 0) return 0
    return this.clear(changed)
  }

  /** Per block: how many pixels changed, and detail statistics of those that can be judged. */
  private collect(frame: Uint8Array, background: Float32Array, changed: Uint8Array): boolean {
    const { width, height, blockOfColumn, blockRowOfRow, changedPixels, pixels, sumF, sumB, sumFF, sumBB, sumFB } = this
    const stride = width + 2
    changedPixels.fill(0)
    pixels.fill(0)
    sumF.fill(0)
    sumB.fill(0)
    sumFF.fill(0)
    sumBB.fill(0)
    sumFB.fill(0)
    let any = false
    for (let y = 0; y < height; y++) {
      const blockRow = blockRowOfRow[y]!
      const innerRow = y > 0 && y < height - 1
      let p = (y + 1) * stride + 1
      for (let x = 0, i = y * width; x < width; x++, i++, p++) {
        if (changed[p] === 0) continue
        const k = blockRow + blockOfColumn[x]!
        changedPixels[k]!++
        any = true
        // Judged are pixels inside the changed area (at its rim the Laplacian mixes old and new light, or
        // object and background), inside the frame (it needs four neighbours), and not clipped (a clipped
        // pixel has lost its detail to the sensor, not to an object).
        if (!innerRow || x === 0 || x === width - 1) continue
        if (changed[p - 1] === 0 || changed[p + 1] === 0 || changed[p - stride] === 0 || changed[p + stride] === 0) continue
        const value = frame[i]!
        if (value >= 254 || value <= 1) continue
        const f = 4 * value - frame[i - 1]! - frame[i + 1]! - frame[i - width]! - frame[i + width]!
        const b = 4 * background[i]! - background[i - 1]! - background[i + 1]! - background[i - width]! - background[i + width]!
        pixels[k]!++
        sumF[k]! += f
        sumB[k]! += b
        sumFF[k]! += f * f
        sumBB[k]! += b * b
        sumFB[k]! += f * b
      }
    }
    return any
  }

  /** Gives each block a verdict; returns the number of light blocks. */
  private judge(): number {
    const { changedPixels, pixels, sumF, sumB, sumFF, sumBB, sumFB, verdict } = this
    let lightBlocks = 0
    for (let k = 0; k < verdict.length; k++) {
      verdict[k] = changedPixels[k] === 0 ? NONE : UNSURE
      const n = pixels[k]!
      if (n < MIN_PIXELS) continue
      const meanF = sumF[k]! / n
      const meanB = sumB[k]! / n
      const varF = sumFF[k]! / n - meanF * meanF
      const varB = sumBB[k]! / n - meanB * meanB
      if (varB < MIN_DETAIL * MIN_DETAIL) continue
      const ratio = Math.sqrt(Math.max(0, varF) / varB)
      const correlation = varF > 0 ? (sumFB[k]! / n - meanF * meanB) / Math.sqrt(varF * varB) : 0
      const isLight = correlation >= MIN_CORRELATION && ratio >= MIN_DETAIL_RATIO && ratio <= MAX_DETAIL_RATIO
      verdict[k] = isLight ? LIGHT : OBJECT
      if (isLight) lightBlocks++
    }
    if (lightBlocks === 0) return 0
    const { blocksX, blocksY } = this
    for (let by = 0; by < blocksY; by++) {
      for (let bx = 0; bx < blocksX; bx++) {
        const k = by * blocksX + bx
        if (verdict[k] !== UNSURE) continue
        let changedNeighbours = 0
        let light = 0
        let object = false
        for (let ny = Math.max(0, by - 1); ny <= Math.min(blocksY - 1, by + 1); ny++) {
          for (let nx = Math.max(0, bx - 1); nx <= Math.min(blocksX - 1, bx + 1); nx++) {
            const v = verdict[ny * blocksX + nx]
            if ((nx === bx && ny === by) || v === NONE) continue
            changedNeighbours++
            if (v === LIGHT) light++
            if (v === OBJECT) object = true
          }
        }
        // The rim of a pool of light (a few lit columns in a block) or a plain patch inside it: light if
        // light blocks make at least half of the changed blocks around it and none of them is an object.
        // Promoted blocks get their own mark so they do not vouch for their neighbours in turn.
        if (!object && light > 0 && 2 * light >= changedNeighbours) {
          verdict[k] = LIGHT_BY_NEIGHBOURS
          lightBlocks++
        }
      }
    }
    return lightBlocks
  }

  private clear(changed: Uint8Array): number {
    const { width, height, blockOfColumn, blockRowOfRow, verdict, relit } = this
    const stride = width + 2
    let cleared = 0
    for (let y = 0; y < height; y++) {
      const blockRow = blockRowOfRow[y]!
      let p = (y + 1) * stride + 1
      for (let x = 0, i = y * width; x < width; x++, i++, p++) {
        if (changed[p] === 0) continue
        const v = verdict[blockRow + blockOfColumn[x]!]
        if (v !== LIGHT && v !== LIGHT_BY_NEIGHBOURS) continue
        changed[p] = 0
        relit[i] = 1
        cleared++
      }
    }
    return cleared
  }
}
