// The safety net behind "redact everything that moves except the kept subject": a deliberately simple
// frame difference on a coarse grid. Each cell's mean brightness is compared with a slowly learned
// background; cells that differ, grown by one cell, are joined into boxes. It catches what the person
// detector missed (someone half hidden, an odd pose) at the price of also covering cars, swaying trees and
// light changes. Someone who stands still from the first frame on is background to it, not motion.
import type { Box } from './geometry'

export interface MotionSettings {
  /** Cell edge in pixels of the analysed frame. */
  cell: number
  /** Mean brightness change (0-255) that makes a cell count as moving. */
  threshold: number
  /** Per-frame blend of a still cell into the background. */
  learnRate: number
}

export const DEFAULT_MOTION: MotionSettings = { cell: 8, threshold: 12, learnRate: 0.05 }

export class MotionMask {
  readonly cols: number
  readonly rows: number
  private readonly background: Float32Array
  private readonly means: Float32Array
  /** Sampled pixels per cell: fixed by the frame size, so counted once, not on every frame. */
  private readonly counts: Uint16Array
  private readonly moving: Uint8Array
  private readonly grown: Uint8Array
  private readonly label: Int32Array
  private started = false

  constructor(
    readonly width: number,
    readonly height: number,
    readonly settings: MotionSettings = DEFAULT_MOTION
  ) {
    this.cols = Math.ceil(width / settings.cell)
    this.rows = Math.ceil(height / settings.cell)
    const cells = this.cols * this.rows
    this.background = new Float32Array(cells)
    this.means = new Float32Array(cells)
    this.moving = new Uint8Array(cells)
    this.grown = new Uint8Array(cells)
    this.label = new Int32Array(cells)
    this.counts = new Uint16Array(cells)
    for (let y = 0; y < height; y += 2) {
      for (let x = 0; x < width; x += 2) this.counts[Math.floor(y / settings.cell) * this.cols + Math.floor(x / settings.cell)]++
    }
  }

  /** Mean luma per cell, sampling every other pixel in both directions (plenty for 8x8 cells). */
  private cellMeans(rgb: Uint8Array): void {
    const { cell } = this.settings
    const sums = this.means.fill(0)
    const { counts } = this
    for (let y = 0; y < this.height; y += 2) {
      const rowCell = Math.floor(y / cell) * this.cols
      for (let x = 0; x < this.width; x += 2) {
        const i = (y * this.width + x) * 3
        const c = rowCell + Math.floor(x / cell)
        sums[c] += (rgb[i] * 77 + rgb[i + 1] * 150 + rgb[i + 2] * 29) >> 8
      }
    }
    for (let c = 0; c < sums.length; c++) sums[c] /= counts[c] || 1
  }

  /** Moving boxes of this frame, in pixels of the analysed frame. The first frame only teaches the background. */
  update(rgb: Uint8Array): Box[] {
    this.cellMeans(rgb)
    const { threshold, learnRate } = this.settings
    if (!this.started) {
      this.background.set(this.means)
      this.started = true
      return []
    }
    let any = false
    for (let c = 0; c < this.means.length; c++) {
      const moving = Math.abs(this.means[c] - this.background[c]) > threshold
      this.moving[c] = moving ? 1 : 0
      any ||= moving
      // Under a moving object the background learns 5x slower, so a passer-by does not burn in.
      this.background[c] += (this.means[c] - this.background[c]) * (moving ? learnRate / 5 : learnRate)
    }
    return any ? this.boxes() : []
  }

  private boxes(): Box[] {
    const { cols, rows } = this
    this.grown.fill(0)
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        if (!this.moving[r * cols + c]) continue
        for (let dr = -1; dr <= 1; dr++) {
          for (let dc = -1; dc <= 1; dc++) {
            const rr = r + dr
            const cc = c + dc
            if (rr >= 0 && rr < rows && cc >= 0 && cc < cols) this.grown[rr * cols + cc] = 1
          }
        }
      }
    }
    // Flood fill (4-connected) on a grid of a few thousand cells: simple and fast enough.
    this.label.fill(0)
    const boxes: Box[] = []
    const stack: number[] = []
    let next = 0
    for (let start = 0; start < this.grown.length; start++) {
      if (!this.grown[start] || this.label[start]) continue
      next++
      let minC = cols
      let minR = rows
      let maxC = -1
      let maxR = -1
      stack.push(start)
      this.label[start] = next
      while (stack.length) {
        const i = stack.pop()!
        const r = Math.floor(i / cols)
        const c = i - r * cols
        minC = Math.min(minC, c)
        maxC = Math.max(maxC, c)
        minR = Math.min(minR, r)
        maxR = Math.max(maxR, r)
        const neighbours = [c > 0 ? i - 1 : -1, c < cols - 1 ? i + 1 : -1, r > 0 ? i - cols : -1, r < rows - 1 ? i + cols : -1]
        for (const n of neighbours) {
          if (n >= 0 && this.grown[n] && !this.label[n]) {
            this.label[n] = next
            stack.push(n)
          }
        }
      }
      const { cell } = this.settings
      const x = minC * cell
      const y = minR * cell
      boxes.push({ x, y, w: Math.min(this.width, (maxC + 1) * cell) - x, h: Math.min(this.height, (maxR + 1) * cell) - y })
    }
    return boxes
  }
}
