// Connected components of a foreground mask: the moving objects of one frame, with their sizes and boxes.
// One scan with two row buffers and union-find over provisional labels; every array is allocated once.

/** A pixel rectangle, inclusive of x0/y0 and exclusive of x1/y1. */
export interface PixelBox {
  x0: number
  y0: number
  x1: number
  y1: number
}

export type Connectivity = 4 | 8

/**
 * Finds blobs and keeps their areas and bounding boxes in typed arrays: blob k (0 <= k < count) has
 * area areas[k] and box minX[k]..maxX[k], minY[k]..maxY[k] (inclusive). The arrays are overwritten by the
 * next find().
 */
export class BlobFinder {
  count = 0
  readonly areas: Int32Array
  readonly minX: Int32Array
  readonly minY: Int32Array
  readonly maxX: Int32Array
  readonly maxY: Int32Array

  private readonly parent: Int32Array
  // Per provisional label, merged into the root's entry after the scan.
  private readonly labelArea: Int32Array
  private readonly labelMinX: Int32Array
  private readonly labelMinY: Int32Array
  private readonly labelMaxX: Int32Array
  private readonly labelMaxY: Int32Array
  private previousRow: Int32Array
  private currentRow: Int32Array

  constructor(
    readonly width: number,
    readonly height: number,
    readonly connectivity: Connectivity = 8
  ) {
    // A new label starts only at a pixel whose left and upper neighbours are empty, so no two new-label pixels
    // touch: at most half the frame (a checkerboard). Label 0 means none.
    const maxLabels = Math.ceil((width * height) / 2) + 1
    this.parent = new Int32Array(maxLabels)
    this.labelArea = new Int32Array(maxLabels)
    this.labelMinX = new Int32Array(maxLabels)
    this.labelMinY = new Int32Array(maxLabels)
    this.labelMaxX = new Int32Array(maxLabels)
    this.labelMaxY = new Int32Array(maxLabels)
    this.areas = new Int32Array(maxLabels)
    this.minX = new Int32Array(maxLabels)
    this.minY = new Int32Array(maxLabels)
    this.maxX = new Int32Array(maxLabels)
    this.maxY = new Int32Array(maxLabels)
    this.previousRow = new Int32Array(width)
    this.currentRow = new Int32Array(width)
  }

  /**
   * Labels the pixels that are non-zero in `foreground` and (when given) in `within`, looking only inside
   * `box` (default: the whole frame). Returns the number of blobs.
   */
  find(foreground: Uint8Array, within: Uint8Array | null = null, box: PixelBox | null = null): number {
    const { width, parent } = this
    const x0 = box ? Math.max(0, box.x0) : 0
    const y0 = box ? Math.max(0, box.y0) : 0
    const x1 = box ? Math.min(width, box.x1) : width
    const y1 = box ? Math.min(this.height, box.y1) : this.height
    const diagonal = this.connectivity === 8
    let labels = 0
    this.previousRow.fill(0)
    for (let y = y0; y < y1; y++) {
      const above = this.previousRow
      const row = this.currentRow
      const rowStart = y * width
      let left = 0
      for (let x = x0; x < x1; x++) {
        const i = rowStart + x
        if (foreground[i] === 0 || (within !== null && within[i] === 0)) {
          row[x] = 0
          left = 0
          continue
        }
        let label = left
        const up = above[x]!
        if (up !== 0) label = label === 0 ? up : this.union(label, up)
        if (diagonal) {
          const upLeft = x > x0 ? above[x - 1]! : 0
          const upRight = x + 1 < x1 ? above[x + 1]! : 0
          if (upLeft !== 0) label = label === 0 ? upLeft : this.union(label, upLeft)
          if (upRight !== 0) label = label === 0 ? upRight : this.union(label, upRight)
        }
        if (label === 0) {
          label = ++labels
          parent[label] = label
          this.labelArea[label] = 0
          this.labelMinX[label] = x
          this.labelMinY[label] = y
          this.labelMaxX[label] = x
          this.labelMaxY[label] = y
        }
        // Stats go to the label the pixel got; merged sets are summed up after the scan.
        this.labelArea[label]!++
        if (x < this.labelMinX[label]!) this.labelMinX[label] = x
        if (x > this.labelMaxX[label]!) this.labelMaxX[label] = x
        this.labelMaxY[label] = y
        row[x] = label
        left = label
      }
      this.previousRow = row
      this.currentRow = above
    }
    return this.collect(labels)
  }

  /** Area in pixels of the largest blob of the last find(), 0 when there was none. */
  largestArea(): number {
    let largest = 0
    for (let k = 0; k < this.count; k++) if (this.areas[k]! > largest) largest = this.areas[k]!
    return largest
  }

  private rootOf(label: number): number {
    const parent = this.parent
    while (parent[label] !== label) {
      // Path halving keeps the trees flat without recursion.
      parent[label] = parent[parent[label]!]!
      label = parent[label]!
    }
    return label
  }

  /** Joins two sets; the smaller label becomes the root, so roots come before their members in label order. */
  private union(a: number, b: number): number {
    const ra = this.rootOf(a)
    const rb = this.rootOf(b)
    if (ra === rb) return ra
    if (ra < rb) {
      this.parent[rb] = ra
      return ra
    }
    this.parent[ra] = rb
    return rb
  }

  private collect(labels: number): number {
    const parent = this.parent
    for (let label = 1; label <= labels; label++) {
      const root = this.rootOf(label)
      if (root === label) continue
      this.labelArea[root]! += this.labelArea[label]!
      if (this.labelMinX[label]! < this.labelMinX[root]!) this.labelMinX[root] = this.labelMinX[label]!
      if (this.labelMinY[label]! < this.labelMinY[root]!) this.labelMinY[root] = this.labelMinY[label]!
      if (this.labelMaxX[label]! > this.labelMaxX[root]!) this.labelMaxX[root] = this.labelMaxX[label]!
      if (this.labelMaxY[label]! > this.labelMaxY[root]!) this.labelMaxY[root] = this.labelMaxY[label]!
    }
    let count = 0
    for (let label = 1; label <= labels; label++) {
      if (parent[label] !== label) continue
      this.areas[count] = this.labelArea[label]!
      this.minX[count] = this.labelMinX[label]!
      this.minY[count] = this.labelMinY[label]!
      this.maxX[count] = this.labelMaxX[label]!
      this.maxY[count] = this.labelMaxY[label]!
      count++
    }
    this.count = count
    return count
  }
}
