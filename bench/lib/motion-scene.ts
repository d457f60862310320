// The motion benchmark's camera picture: a 640x360 15 fps H.264 substream of a still, textured scene with a
// little sensor noise, in which a dark person-sized box steps into view at a known time, walks to the right
// and is gone again; then nothing moves until the loop starts over. One loop = one motion event.
// Encoded once with the system ffmpeg and cached beside test/support/media.ts's clips.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import path from 'node:path'
import { MEDIA_CACHE_DIR, videoCodecArgs } from '../../test/support/media'

/** Bump when the recipe changes, so a stale cached clip is not reused. */
const RECIPE = 'b1'

export const SCENE = {
  width: 640,
  height: 360,
  fps: 15,
  /**
   * One loop (12 s and one frame); the RTSP test server plays it over and over. The extra frame moves each
   * loop's move by a third of a 5 fps analysis interval against the last, so the detectors see the move at
   * every phase of their frame grid, not at one by chance.
   */
  frames: 181,
  /** Keyframe every 2 s, no B-frames: a camera substream. */
  gop: 30,
  bitrateKbps: 800
} as const

/** Length of one loop in seconds (12.07). */
export const LOOP_SECONDS = SCENE.frames / SCENE.fps

/**
 * The box: a person about a third of the picture's height away from the camera (2.2 % of the frame). It is
 * there, whole, from `appearsAt` (a frame time: 45/15 s) and walks `speedPxPerSec` to the right until it is
 * gone at `leavesAt`. Dark (luma ~50) on a background that never goes below ~105.
 */
export const BOX = { width: 40, height: 100, x: 120, y: 140, speedPxPerSec: 90, appearsAt: 3, leavesAt: 7, rgb: '0x282828' } as const

/**
 * Where the reference reader looks: the box's whole path with a margin, as an ffmpeg crop, and the size it
 * scales that strip down to (area average) before counting dark pixels.
 */
export const PATH_STRIP = {
  crop: { x: 100, y: 120, width: 460, height: 140 },
  scaled: { width: 115, height: 35 },
  /** A scaled pixel darker than this is box (box ~50, background >= ~105 after noise and compression). */
  darkBelow: 85,
  /** The box covers about 250 scaled pixels; this many dark ones = it is in view. */
  minDarkPixels: 40
} as const

/** The still background: a few superposed waves (texture for both detectors to lock onto), 108..212 in luma. */
const TEXTURE = "160+25*sin(X/9)*sin(Y/7)+12*sin((0.37*X+0.61*Y)/3)+15*sin(X/70+Y/40)"

/** The ffmpeg argv that encodes the scene clip into outFile (pure, so it can be read without running it). */
export function sceneClipArgs(outFile: string): string[] {
  const { width, height, fps, frames, gop, bitrateKbps } = SCENE
  const seconds = Math.ceil(frames / fps)
  const b = BOX
  const graph = [
    `nullsrc=s=${width}x${height}:r=${fps}:d=${seconds},geq=lum='${TEXTURE}':cb=128:cr=128,noise=alls=3:allf=t[bg]`,
    `color=c=${b.rgb}:s=${b.width}x${b.height}:r=${fps}:d=${seconds}[box]`,
    `[bg][box]overlay=x='${b.x}+${b.speedPxPerSec}*(t-${b.appearsAt})':y=${b.y}:enable='between(t,${b.appearsAt},${b.leavesAt})':shortest=1`
  ].join(';')
  return [
    '-nostdin', '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', graph,
    ...videoCodecArgs('h264', gop, 'veryfast'),
    '-b:v', `${bitrateKbps}k`, '-maxrate', `${bitrateKbps}k`, '-bufsize', `${bitrateKbps * 2}k`,
    '-frames:v', String(frames), '-movflags', '+faststart', '-f', 'mp4', outFile
  ]
}

/** Encodes the scene clip once (cached across runs) and returns its path. */
export async function makeSceneClip(): Promise<string> {
  const { width, height, fps, frames, bitrateKbps } = SCENE
  const dir = path.join(MEDIA_CACHE_DIR, 'motion-bench')
  const file = path.join(dir, `${RECIPE}-h264-${width}x${height}-${fps}fps-${frames}f-${bitrateKbps}k.mp4`)
  if (existsSync(file)) return file
  mkdirSync(dir, { recursive: true })
  // A private name, then a rename: an interrupted run never leaves half a clip under the cached name.
  const tmp = `${file}.${process.pid}.tmp.mp4`
  try {
    await new Promise<void>((resolve, reject) => {
      execFile('ffmpeg', sceneClipArgs(tmp), { maxBuffer: 1 << 20 }, (error, _stdout, stderr) =>
        error ? reject(new Error(`ffmpeg could not encode the motion scene: ${stderr || error.message}`)) : resolve()
      )
    })
    renameSync(tmp, file)
  } finally {
    rmSync(tmp, { force: true })
  }
  return file
}
