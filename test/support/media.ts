// Test media made with the system ffmpeg: pre-encoded clips that the RTSP harness loops with
// `-c copy`, so a benchmark can run many 1080p cameras without paying for live encoding.
import { execFile, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export interface ClipOptions {
  codec?: 'h264' | 'h265'
  width?: number
  height?: number
  fps?: number
  seconds?: number
  bitrateKbps?: number
  audio?: 'aac' | null
}

/** Bump when the recipe below changes, so stale cached clips are not reused. */
const RECIPE = 'v1'
export const MEDIA_CACHE_DIR = path.join(os.tmpdir(), 'vigil-test-media')

let drawtext: boolean | undefined

/** drawtext needs an ffmpeg built with libfreetype and a font; without it we skip the overlay. */
export function drawtextWorks(): boolean {
  drawtext ??=
    spawnSync(
      'ffmpeg',
      ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=64x64:duration=0.1', '-vf', 'drawtext=text=x', '-f', 'null', '-'],
      { stdio: 'ignore', timeout: 10_000 }
    ).status === 0
  return drawtext
}

/** x264/x265 options shared by clips and live feeders: no B-frames, fixed keyframe interval. */
export function videoCodecArgs(codec: 'h264' | 'h265', gop: number, preset: string): string[] {
  // A fixed GOP (no scene-cut keyframes) keeps segment boundaries and join latency predictable.
  if (codec === 'h265') {
    return [
      '-c:v', 'libx265', '-preset', preset, '-pix_fmt', 'yuv420p', '-bf', '0', '-g', String(gop),
      '-x265-params', `log-level=error:keyint=${gop}:min-keyint=${gop}:scenecut=0:bframes=0`
    ]
  }
  return [
    '-c:v', 'libx264', '-preset', preset, '-pix_fmt', 'yuv420p', '-bf', '0',
    '-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0'
  ]
}

/** Keeps text usable inside a quoted drawtext value (quotes, colons and backslashes are syntax there). */
export function drawtextSafe(text: string): string {
  return text.replace(/[^\w /.-]/g, '_')
}

function resolved(o: ClipOptions): Required<ClipOptions> {
  return {
    codec: o.codec ?? 'h264',
    width: o.width ?? 1920,
    height: o.height ?? 1080,
    fps: o.fps ?? 25,
    seconds: o.seconds ?? 10,
    bitrateKbps: o.bitrateKbps ?? 4000,
    audio: o.audio ?? null
  }
}

/** The ffmpeg argv that encodes a clip (pure, so it can be read and tested without running it). */
export function clipArgs(opts: ClipOptions, outFile: string, withText = drawtextWorks()): string[] {
  const o = resolved(opts)
  const args = ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y']
  args.push('-f', 'lavfi', '-i', `testsrc2=size=${o.width}x${o.height}:rate=${o.fps}:duration=${o.seconds}`)
  if (o.audio === 'aac') args.push('-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${o.seconds}`)
  if (withText) {
    // A clip has no wall clock; the position inside the clip still tells frames apart.
    const size = Math.max(16, Math.round(o.height / 18))
    const label = drawtextSafe(`clip ${o.width}x${o.height} ${o.codec}`)
    args.push('-vf', `drawtext=text='${label} %{pts\\:hms}':x=10:y=10:fontsize=${size}:fontcolor=white:box=1:boxcolor=black@0.6`)
  }
  const kbps = o.bitrateKbps
  // Capped bitrate like a camera's CBR setting, so size and throughput numbers are realistic.
  args.push(...videoCodecArgs(o.codec, o.fps * 2, 'veryfast'))
  args.push('-b:v', `${kbps}k`, '-maxrate', `${kbps}k`, '-bufsize', `${kbps * 2}k`)
  if (o.codec === 'h265') args.push('-tag:v', 'hvc1')
  if (o.audio === 'aac') args.push('-c:a', 'aac', '-b:a', '64k')
  args.push('-t', String(o.seconds), '-movflags', '+faststart', '-f', 'mp4', outFile)
  return args
}

const pending = new Map<string, Promise<string>>()

/** Encodes (once per parameter set, cached across runs) an MP4 test clip and returns its path. */
export function makeClip(opts: ClipOptions = {}): Promise<string> {
  const o = resolved(opts)
  const name = `${RECIPE}-${o.codec}-${o.width}x${o.height}-${o.fps}fps-${o.seconds}s-${o.bitrateKbps}k-${o.audio ?? 'noaudio'}.mp4`
  const file = path.join(MEDIA_CACHE_DIR, name)
  let job = pending.get(file)
  if (!job) {
    job = encode(o, file)
    // Forget failures so a later call can retry.
    job.catch(() => pending.delete(file))
    pending.set(file, job)
  }
  return job
}

async function encode(o: Required<ClipOptions>, file: string): Promise<string> {
  if (existsSync(file)) return file
  mkdirSync(MEDIA_CACHE_DIR, { recursive: true })
  // Encode to a private name and rename: an interrupted run or a parallel worker never sees half a file.
  const tmp = `${file}.${process.pid}.tmp.mp4`
  try {
    await new Promise<void>((resolve, reject) => {
      execFile('ffmpeg', clipArgs(o, tmp), { maxBuffer: 1 << 20 }, (err, _stdout, stderr) =>
        err ? reject(new Error(`ffmpeg could not encode test clip ${path.basename(file)}: ${stderr || err.message}`)) : resolve()
      )
    })
    renameSync(tmp, file)
  } finally {
    rmSync(tmp, { force: true })
  }
  return file
}
