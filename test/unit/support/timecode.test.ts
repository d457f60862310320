// The time code burned into test cameras: written by a real ffmpeg (through H.264, as a camera sends it),
// read back from the decoded pixels.
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { feederArgs } from '../../support/rtsp'
import { readTimecode, timecodeBandHeight, timecodeFilter } from '../../support/timecode'

const WIDTH = 640
const HEIGHT = 360
const FPS = 15
const START_US = 1_700_000_000_123_456
const STEP_US = 66_667

function ffmpeg(args: string[], input?: Buffer): Buffer {
  const result = spawnSync('ffmpeg', ['-v', 'error', ...args], { input, maxBuffer: 1 << 28, timeout: 15_000 })
  if (result.status !== 0) throw new Error(`ffmpeg failed: ${result.stderr?.toString()}`)
  return result.stdout
}

/** Encodes `seconds` of test picture stamped with START_US + N * STEP_US as H.264, decodes it to RGBA frames. */
function stampedFrames(seconds: number): Uint8ClampedArray[] {
  const h264 = ffmpeg([
    '-f', 'lavfi', '-i', `testsrc2=size=${WIDTH}x${HEIGHT}:rate=${FPS}:duration=${seconds}`,
    '-vf', timecodeFilter(WIDTH, FPS, `${START_US}+N*${STEP_US}`),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p', '-f', 'h264', 'pipe:1'
  ])
  const raw = ffmpeg(['-f', 'h264', '-i', 'pipe:0', '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'], h264)
  const size = WIDTH * HEIGHT * 4
  return Array.from({ length: raw.length / size }, (_, n) => new Uint8ClampedArray(raw.buffer, raw.byteOffset + n * size, size))
}

describe('time code', () => {
  it('reads back every frame’s time in ms after H.264 encoding', () => {
    const frames = stampedFrames(1)
    expect(frames).toHaveLength(FPS)
    frames.forEach((frame, n) => {
      expect(readTimecode(frame, WIDTH)).toBe(Math.floor((START_US + n * STEP_US) / 1000))
    })
  })

  it('needs only the top band of the frame', () => {
    const [frame] = stampedFrames(0.1)
    const band = frame.slice(0, WIDTH * timecodeBandHeight(WIDTH) * 4)
    expect(readTimecode(band, WIDTH)).toBe(Math.floor(START_US / 1000))
  })

  it('refuses a frame without a code or with a damaged one', () => {
    const plain = ffmpeg(['-f', 'lavfi', '-i', `testsrc2=size=${WIDTH}x${HEIGHT}:duration=0.1`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'])
    expect(readTimecode(new Uint8ClampedArray(plain), WIDTH)).toBeNull()
    expect(readTimecode(new Uint8ClampedArray(WIDTH * HEIGHT * 4), WIDTH)).toBeNull()

    const [frame] = stampedFrames(0.1)
    const damaged = frame.slice()
    // Flip one data block (the 10th of 48) to its opposite colour: the parity no longer matches.
    const y = Math.floor(timecodeBandHeight(WIDTH) / 2)
    const x0 = Math.round((10 * WIDTH) / 48)
    const x1 = Math.round((11 * WIDTH) / 48)
    for (let row = y - 2; row <= y + 2; row++) {
      for (let x = x0; x < x1; x++) {
        const at = (row * WIDTH + x) * 4
        for (let c = 0; c < 3; c++) damaged[at + c] = 255 - damaged[at + c]
      }
    }
    expect(readTimecode(damaged, WIDTH)).toBeNull()
  })

  it('is part of a feeder’s filters when a test stream asks for it, stamped with the wall clock', () => {
    const args = feederArgs({ path: '/tc', timecode: true }, 5000, false)
    const vf = args[args.indexOf('-vf') + 1]
    expect(vf).toBe(timecodeFilter(WIDTH, FPS))
    expect(vf).toContain("setpts='RTCTIME'")
    expect(feederArgs({ path: '/plain' }, 5000, false)).not.toContain('-vf')
  })
})
