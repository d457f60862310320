// A binary time code burned into the top rows of test video, so a test can tell which instant a shown frame
// was captured at without OCR. One row of 48 black/white blocks:
//
//   [W B] [42 data bits, MSB first] [even parity] [B W B]
//
// The data is the frame's wall-clock time in epoch milliseconds (42 bits reach the year 2109). The fixed
// markers and the parity bit let the reader refuse a frame that carries no (or a damaged) code.
// Writing is an ffmpeg filter chain (drawbox with per-frame `enable` expressions); reading is pure.

export const TIMECODE_BLOCKS = 48
const DATA_BITS = 42
const DATA_FIRST = 2
const PARITY = DATA_FIRST + DATA_BITS
const WHITE_MARKERS = [0, 46]
const BLACK_MARKERS = [1, 45, 47]

/** Height in pixels of the band the code occupies, for a frame `width` pixels wide. */
export function timecodeBandHeight(width: number): number {
  return Math.max(8, Math.round(width / 40))
}

const blockX = (index: number, width: number) => Math.round((index * width) / TIMECODE_BLOCKS)

/** ffmpeg expression for bit `k` (0 = least significant) of the frame time in ms; t is the frame's time in s. */
const bitExpr = (k: number) => `mod(floor(t*1000/${2 ** k}),2)`

/**
 * A -vf filter chain that stamps each frame with `stampUs` (an ffmpeg setpts expression giving microseconds
 * since the epoch; RTCTIME = the wall clock when the frame passes the filter), draws that time as the code,
 * then numbers the frames again at `fps` so encoders and muxers see ordinary timestamps.
 */
export function timecodeFilter(width: number, fps: number, stampUs = 'RTCTIME'): string {
  const band = timecodeBandHeight(width)
  const box = (index: number, enable?: string) => {
    const x = blockX(index, width)
    const w = blockX(index + 1, width) - x
    const gate = enable ? `:enable='${enable}'` : ''
    return `drawbox=x=${x}:y=0:w=${w}:h=${band}:color=white:t=fill${gate}`
  }
  const dataBoxes = Array.from({ length: DATA_BITS }, (_, i) => box(DATA_FIRST + i, `eq(${bitExpr(DATA_BITS - 1 - i)},1)`))
  const allBits = Array.from({ length: DATA_BITS }, (_, k) => bitExpr(k)).join('+')
  return [
    'settb=1/1000000',
    `setpts='${stampUs}'`,
    `drawbox=x=0:y=0:w=${width}:h=${band}:color=black:t=fill`,
    ...WHITE_MARKERS.map((index) => box(index)),
    ...dataBoxes,
    box(PARITY, `eq(mod(${allBits},2),1)`),
    `setpts='N/(${fps}*TB)'`
  ].join(',')
}

/**
 * Reads the time code (epoch ms) from an RGBA frame `width` pixels wide (the whole frame or at least its top
 * band). Returns null when the markers or the parity do not match: no code, or a damaged one.
 */
export function readTimecode(rgba: Uint8ClampedArray, width: number): number | null {
  const band = timecodeBandHeight(width)
  if (width < TIMECODE_BLOCKS || rgba.length < width * band * 4) return null
  const y = Math.floor(band / 2)
  const bit = (index: number): 0 | 1 => {
    const x = Math.floor((blockX(index, width) + blockX(index + 1, width)) / 2)
    let sum = 0
    for (let dy = -1; dy <= 1; dy++) {
      const at = ((y + dy) * width + x) * 4
      sum += 0.299 * rgba[at] + 0.587 * rgba[at + 1] + 0.114 * rgba[at + 2]
    }
    return sum / 3 > 128 ? 1 : 0
  }
  if (WHITE_MARKERS.some((index) => bit(index) !== 1) || BLACK_MARKERS.some((index) => bit(index) !== 0)) return null
  let value = 0
  let ones = 0
  for (let i = 0; i < DATA_BITS; i++) {
    const b = bit(DATA_FIRST + i)
    value = value * 2 + b
    ones += b
  }
  return ones % 2 === bit(PARITY) ? value : null
}
