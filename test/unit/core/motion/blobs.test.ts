import { describe, expect, it } from 'vitest'
import { BlobFinder, type Connectivity } from '../../../../main/core/motion/blobs'
import { random } from './synthetic-scene'

/** Parses a picture: '#' foreground, anything else background. */
function mask(rows: string[]): { mask: Uint8Array; width: number; height: number } {
  const width = rows[0]!.length
  const out = new Uint8Array(width * rows.length)
  rows.forEach((row, y) => [...row].forEach((c, x) => (out[y * width + x] = c === '#' ? 1 : 0)))
  return { mask: out, width, height: rows.length }
}

function blobsOf(finder: BlobFinder): { area: number; box: [number, number, number, number] }[] {
  const out = []
  for (let k = 0; k < finder.count; k++) {
    out.push({ area: finder.areas[k]!, box: [finder.minX[k]!, finder.minY[k]!, finder.maxX[k]!, finder.maxY[k]!] as [number, number, number, number] })
  }
  return out.sort((a, b) => b.area - a.area || a.box[0] - b.box[0])
}

/** Flood fill with an explicit stack: slow and obviously right, the reference for the fast finder. */
function referenceAreas(fg: Uint8Array, width: number, height: number, connectivity: Connectivity): number[] {
  const seen = new Uint8Array(fg.length)
  const areas: number[] = []
  const steps = connectivity === 8 ? [[-1, -1], [0, -1], [1, -1], [-1, 0], [1, 0], [-1, 1], [0, 1], [1, 1]] : [[0, -1], [-1, 0], [1, 0], [0, 1]]
  for (let start = 0; start < fg.length; start++) {
    if (!fg[start] || seen[start]) continue
    let area = 0
    const stack = [start]
    seen[start] = 1
    while (stack.length) {
      const i = stack.pop()!
      area++
      const x = i % width
      const y = (i - x) / width
      for (const [dx, dy] of steps) {
        const nx = x + dx!
        const ny = y + dy!
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue
        const j = ny * width + nx
        if (fg[j] && !seen[j]) {
          seen[j] = 1
          stack.push(j)
        }
      }
    }
    areas.push(area)
  }
  return areas.sort((a, b) => b - a)
}

describe('BlobFinder', () => {
  it('finds separate blobs with their areas and boxes', () => {
    const { mask: fg, width, height } = mask([
      '##......',
      '##...###',
      '.....###',
      '........',
      '...#....'
    ])
    const finder = new BlobFinder(width, height)
    expect(finder.find(fg)).toBe(3)
    expect(blobsOf(finder)).toEqual([
      { area: 6, box: [5, 1, 7, 2] },
      { area: 4, box: [0, 0, 1, 1] },
      { area: 1, box: [3, 4, 3, 4] }
    ])
    expect(finder.largestArea()).toBe(6)
  })

  it('joins diagonal neighbours with 8-connectivity only', () => {
    const { mask: fg, width, height } = mask(['#...', '.#..', '..#.', '...#'])
    expect(new BlobFinder(width, height, 8).find(fg)).toBe(1)
    expect(new BlobFinder(width, height, 4).find(fg)).toBe(4)
  })

  it('merges shapes whose parts meet only further down (U, W, spiral)', () => {
    const { mask: fg, width, height } = mask([
      '#.#.#.######',
      '#.#.#.#....#',
      '#.#.#.#.##.#',
      '#.#.#.#..#.#',
      '#######..#.#',
      '.......###.#',
      '...........#'
    ])
    const finder = new BlobFinder(width, height, 4)
    finder.find(fg)
    const reference = referenceAreas(fg, width, height, 4)
    expect(blobsOf(finder).map((b) => b.area)).toEqual(reference)
    expect(reference.length).toBe(2)
  })

  it('matches a flood fill on random masks of many densities, in both connectivities', () => {
    const next = random(42)
    for (const density of [0.1, 0.3, 0.45, 0.55, 0.7, 0.95]) {
      for (const connectivity of [4, 8] as const) {
        const width = 61
        const height = 37
        const fg = Uint8Array.from({ length: width * height }, () => (next() < density ? 1 : 0))
        const finder = new BlobFinder(width, height, connectivity)
        finder.find(fg)
        expect(blobsOf(finder).map((b) => b.area)).toEqual(referenceAreas(fg, width, height, connectivity))
      }
    }
  })

  it('copes with the worst case: a full checkerboard', () => {
    const width = 33
    const height = 21
    const fg = Uint8Array.from({ length: width * height }, (_, i) => ((i % width) + Math.floor(i / width)) % 2 === 0 ? 1 : 0)
    const finder = new BlobFinder(width, height, 4)
    expect(finder.find(fg)).toBe(Math.ceil((width * height) / 2))
    expect(new BlobFinder(width, height, 8).find(fg)).toBe(1)
  })

  it('counts only pixels inside the region mask and the box', () => {
    const { mask: fg, width, height } = mask([
      '########',
      '########',
      '########',
      '########'
    ])
    const within = mask(['....####', '....####', '........', '....####']).mask
    const finder = new BlobFinder(width, height)
    expect(finder.find(fg, within)).toBe(2)
    expect(blobsOf(finder).map((b) => b.area)).toEqual([8, 4])
    expect(finder.find(fg, within, { x0: 0, y0: 0, x1: 6, y1: 2 })).toBe(1)
    expect(finder.largestArea()).toBe(4)
    expect(finder.find(fg, null, { x0: 2, y0: 1, x1: 5, y1: 3 })).toBe(1)
    expect(blobsOf(finder)).toEqual([{ area: 6, box: [2, 1, 4, 2] }])
  })

  it('reports nothing for an empty mask, and reuses its arrays between calls', () => {
    const finder = new BlobFinder(10, 10)
    const areas = finder.areas
    expect(finder.find(new Uint8Array(100))).toBe(0)
    expect(finder.largestArea()).toBe(0)
    expect(finder.find(new Uint8Array(100).fill(1))).toBe(1)
    expect(finder.largestArea()).toBe(100)
    expect(finder.areas).toBe(areas)
  })
})
