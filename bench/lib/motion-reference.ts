// The stopwatch of the event delay: one ffmpeg per camera reads the same RTSP stream as the detectors, at the
// full frame rate, decodes only the box's path (cropped and scaled down to a tiny gray strip) and hands every
// frame to Node at once. The wall-clock time the first frame with the box in it arrives is "the move arrived
// on this machine"; a detector's event is that much later.
//
// The readers run in a child Node process of their own (motion-reference-child.ts): the benchmark process
// reads /proc synchronously every second, which would hold up its event loop and so its time stamps.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { FrameSplitter } from '../../main/core/motion/frame-splitter'
import { nodeEnv, onCleanup, stopChild, track } from './live-procs'
import { PATH_STRIP, SCENE } from './motion-scene'

/** Frames without the box before a frame with it counts as a new appearance (1 s: the box is gone 8 s a loop). */
const QUIET_FRAMES = SCENE.fps

/** The reader's argv (pure): lowest-latency decode of the box's path to gray bytes on stdout. */
export function referenceArgs(url: string): string[] {
  const { crop, scaled } = PATH_STRIP
  return [
    '-nostdin', '-hide_banner', '-loglevel', 'error',
    '-rtsp_transport', 'tcp', '-timeout', '5000000', '-fflags', 'nobuffer', '-flags', 'low_delay',
    '-threads', '1', '-i', url,
    '-an', '-sn', '-dn', '-map', '0:v:0',
    '-vf', `crop=${crop.width}:${crop.height}:${crop.x}:${crop.y},scale=${scaled.width}:${scaled.height}:flags=area,format=gray`,
    // Every frame to the pipe as soon as it is decoded (a strip is far smaller than the pipe's write buffer).
    '-flush_packets', '1', '-f', 'rawvideo', 'pipe:1'
  ]
}

/** Dark pixels of a strip: how much of the box is in view. */
export function darkPixels(strip: Uint8Array): number {
  let count = 0
  for (let i = 0; i < strip.length; i++) if (strip[i]! < PATH_STRIP.darkBelow) count++
  return count
}

/**
 * Cuts a reader's stdout into strips and reports each appearance of the box: the first strip with it in view
 * after a quiet second. `push(chunk, at)`: every strip of the chunk arrived at `at`.
 */
export class AppearanceDetector {
  frames = 0
  private quiet = 0
  private at = 0
  private readonly splitter: FrameSplitter

  constructor(onAppearance: (at: number) => void) {
    const { width, height } = PATH_STRIP.scaled
    this.splitter = new FrameSplitter(width * height, (strip) => {
      this.frames++
      const visible = darkPixels(strip) >= PATH_STRIP.minDarkPixels
      // The first strips of a run only set the state: a box already in view is not an arrival.
      if (visible && this.quiet >= QUIET_FRAMES) onAppearance(this.at)
      this.quiet = visible ? 0 : this.quiet + 1
    })
  }

  push(chunk: Uint8Array, at: number): void {
    this.at = at
    this.splitter.push(chunk)
  }
}

export interface References {
  /** Wall-clock ms at which each appearance's first frame arrived, in order. */
  appearancesOf(camera: string): number[]
  /** Strips received per camera, as last reported (once a second): ~15 per second means it keeps up. */
  frames(): Record<string, number>
  pid(): number | undefined
  stop(): Promise<void>
}

const CHILD = path.join(__dirname, 'motion-reference-child.ts')
const ROOT = path.resolve(__dirname, '../..')

/** Starts one reader per camera in a child process; resolves once every reader delivers strips. */
export async function startReferences(ffmpeg: string, cameras: { name: string; url: string }[]): Promise<References> {
  const env = { ...nodeEnv(), REF_CAMERAS: JSON.stringify(cameras), REF_FFMPEG: ffmpeg }
  const child = track(spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }))
  let log = ''
  child.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)))
  const appearances = new Map<string, number[]>(cameras.map((c) => [c.name, []]))
  let frames: Record<string, number> = {}
  let pending = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString()
    const lines = pending.split('\n')
    pending = lines.pop() ?? ''
    for (const line of lines) {
      const [kind, rest] = [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)]
      if (kind === 'APPEAR') {
        const { camera, at } = JSON.parse(rest) as { camera: string; at: number }
        appearances.get(camera)?.push(at)
      } else if (kind === 'FRAMES') frames = JSON.parse(rest) as Record<string, number>
    }
  })
  const forget = onCleanup(() => stopChild(child, 5000))
  const deadline = Date.now() + 30_000
  while (!cameras.every((c) => (frames[c.name] ?? 0) > 0)) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the reference readers exited at start:\n${log}`)
    if (Date.now() > deadline) throw new Error(`the reference readers got no frames in 30 s:\n${log}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return {
    appearancesOf: (camera) => appearances.get(camera) ?? [],
    frames: () => frames,
    pid: () => child.pid,
    stop: async () => {
      forget()
      const died = child.exitCode !== null || child.signalCode !== null
      await stopChild(child, 5000)
      if (died) throw new Error(`the reference readers exited during the run:\n${log}`)
    }
  }
}
