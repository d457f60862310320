// A small picture per track, from its best detection, so the owner can tell "Person 3" from "Person 5"
// when choosing whom to keep. Crops are taken during analysis (the frame is at hand then) and encoded to
// JPEG at the end in one ffmpeg run.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { thumbnailArgs } from './ffmpeg-args'
import { startFfmpeg } from './ffmpeg-process'
import { area, clampBox, padBox, type Box } from './geometry'

export const THUMB_WIDTH = 72
export const THUMB_HEIGHT = 128
const BACKGROUND = 40

/** Larger and more confident detections make better pictures. */
export function thumbnailQuality(score: number, box: Box): number {
  return score * Math.sqrt(area(box))
}

/**
 * The box (with some context around it) fitted into a THUMB_WIDTH x THUMB_HEIGHT canvas, aspect kept,
 * area-averaged when shrinking. `rgb` is the analysed frame, `box` in its pixels.
 */
export function cropThumbnail(rgb: Uint8Array, width: number, height: number, box: Box): Uint8Array {
  const out = new Uint8Array(THUMB_WIDTH * THUMB_HEIGHT * 3).fill(BACKGROUND)
  const region = clampBox(padBox(box, { x: 0.15, y: 0.08, minPx: 2 }), width, height)
  if (!region) return out
  const scale = Math.min(THUMB_WIDTH / region.w, THUMB_HEIGHT / region.h)
  const w = Math.max(1, Math.round(region.w * scale))
  const h = Math.max(1, Math.round(region.h * scale))
  const left = Math.floor((THUMB_WIDTH - w) / 2)
  const top = Math.floor((THUMB_HEIGHT - h) / 2)
  for (let ty = 0; ty < h; ty++) {
    const y0 = Math.floor(region.y + ty / scale)
    const y1 = Math.max(y0 + 1, Math.min(height, Math.floor(region.y + (ty + 1) / scale)))
    for (let tx = 0; tx < w; tx++) {
      const x0 = Math.floor(region.x + tx / scale)
      const x1 = Math.max(x0 + 1, Math.min(width, Math.floor(region.x + (tx + 1) / scale)))
      let r = 0
      let g = 0
      let b = 0
      let n = 0
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const i = (y * width + x) * 3
          r += rgb[i]
          g += rgb[i + 1]
          b += rgb[i + 2]
          n++
        }
      }
      const o = ((top + ty) * THUMB_WIDTH + left + tx) * 3
      out[o] = r / n
      out[o + 1] = g / n
      out[o + 2] = b / n
    }
  }
  return out
}

/** JPEG data: URLs for the crops, in order. */
export async function encodeThumbnails(ffmpeg: string, crops: Uint8Array[]): Promise<string[]> {
  if (crops.length === 0) return []
  const dir = await mkdtemp(join(tmpdir(), 'vigil-thumbs-'))
  try {
    const run = startFfmpeg(ffmpeg, thumbnailArgs(THUMB_WIDTH, THUMB_HEIGHT, dir))
    for (const crop of crops) run.child.stdin.write(crop)
    run.child.stdin.end()
    const exit = await run.finished
    if (exit.code !== 0) throw new Error(`ffmpeg could not encode thumbnails: ${exit.reason}`)
    return await Promise.all(crops.map(async (_, i) => `data:image/jpeg;base64,${(await readFile(join(dir, `${i + 1}.jpg`))).toString('base64')}`))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
