// ffmpeg argument lists as data (STYLE §6): pure builders, tested without running ffmpeg.
// Both passes decode through the same builder, so the analysis and the render see the same frames:
// frame n of the analysis is frame n of the render.
import type { ClipPiece } from './source'

export interface DecodePlan {
  pieces: Pick<ClipPiece, 'file' | 'inMs' | 'outMs'>[]
  /** Even output size of the clip (the source's, rounded down). */
  width: number
  height: number
  fps: string
}

export interface RawOutput {
  /** Frame size delivered; a smaller size than the plan's is scaled down (area averaging). */
  width: number
  height: number
  pixFmt: 'rgb24' | 'yuv420p'
}

export interface EncoderSettings {
  /** x264 speed preset: veryfast keeps a 1080p working copy above real time on two cores. */
  preset: string
  /** Constant quality; 18 is visually lossless for most footage. */
  crf: number
  audioBitrateKbps: number
}

export const DEFAULT_ENCODER: EncoderSettings = { preset: 'veryfast', crf: 18, audioBitrateKbps: 128 }

/** -benchmark prints the process' CPU time at the end ("bench: utime=..."), which needs log level info. */
const COMMON = ['-nostdin', '-hide_banner', '-nostats', '-loglevel', 'info', '-benchmark']

const seconds = (ms: number) => (ms / 1000).toFixed(3)

/** -ss/-to before -i: seek (accurately, since we decode) and stop within that input. */
function inputArgs(piece: DecodePlan['pieces'][number]): string[] {
  const args: string[] = []
  if (piece.inMs !== null && piece.inMs > 0) args.push('-ss', seconds(piece.inMs))
  if (piece.outMs !== null) args.push('-to', seconds(piece.outMs))
  args.push('-i', piece.file)
  return args
}

/**
 * Video filter graph: each piece loses an odd last row or column (crop, not a resample) and is scaled only if
 * it differs in size from the first (a camera that changed resolution), then the pieces are joined, brought
 * to a constant frame rate and scaled to the requested output. Labels the result [v].
 */
export function videoGraph(plan: DecodePlan, out: Pick<RawOutput, 'width' | 'height'>): string {
  // scale to the size a frame already has passes it through untouched.
  const fit = `crop=trunc(iw/2)*2:trunc(ih/2)*2:0:0,scale=${plan.width}:${plan.height},setsar=1`
  const parts = plan.pieces.map((_, i) => `[${i}:v:0]${fit}[p${i}]`)
  const joined = plan.pieces.length > 1 ? `${plan.pieces.map((_, i) => `[p${i}]`).join('')}concat=n=${plan.pieces.length}:v=1:a=0[j]` : null
  const source = joined ? '[j]' : '[p0]'
  const resize = out.width !== plan.width || out.height !== plan.height ? `,scale=${out.width}:${out.height}:flags=area` : ''
  return [...parts, ...(joined ? [joined] : []), `${source}fps=${plan.fps}${resize}[v]`].join(';')
}

/** Decodes the clip to raw frames on stdout. */
export function decodeArgs(plan: DecodePlan, out: RawOutput): string[] {
  return [
    ...COMMON,
    ...plan.pieces.flatMap(inputArgs),
    '-filter_complex', videoGraph(plan, out),
    '-map', '[v]',
    // The fps filter already made the rate constant; passthrough keeps the muxer from adding or dropping frames.
    '-fps_mode', 'passthrough',
    '-f', 'rawvideo', '-pix_fmt', out.pixFmt,
    'pipe:1'
  ]
}

export interface EncodePlan extends DecodePlan {
  /** Take the audio of the pieces (all of them have audio). */
  audio: boolean
  /** Burn the camera name and the wall-clock time of each frame into the picture (evidence working copies). */
  caption?: Caption
}

export interface Caption {
  /** The camera's name; characters drawtext would read as syntax are replaced. */
  label: string
  /** Wall-clock time of the first frame; each frame shows it plus its own timestamp, in the machine's time zone. */
  startEpochMs: number
}

/**
 * A drawtext filter showing "<label> YYYY-MM-DD HH:MM:SS" bottom left on a dark box. The time comes from each
 * frame's pts plus the start, so it is exact for every frame without per-frame work in Node.
 */
export function captionFilter(caption: Caption, height: number): string {
  const label = caption.label.replace(/[^\p{L}\p{N} ._#-]/gu, ' ').trim().slice(0, 60)
  const epoch = (caption.startEpochMs / 1000).toFixed(3)
  // Inside the text, ':' separates the expansion's arguments (\:) and the time format's colons need one more level (\\\:).
  const time = `%{pts\\:localtime\\:${epoch}\\:%Y-%m-%d %H\\\\\\:%M\\\\\\:%S}`
  const size = Math.max(14, Math.round(height / 24))
  return `drawtext=text='${label} ${time}':x=10:y=h-th-10:fontsize=${size}:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=4`
}

/**
 * Encodes raw yuv420p frames from stdin to an H.264 MP4 of the same size and rate, with the clip's audio
 * (the same pieces, same in/out points) re-encoded to AAC so that any camera audio fits in MP4.
 */
export function encodeArgs(plan: EncodePlan, encoder: EncoderSettings, outFile: string): string[] {
  const args = [
    ...COMMON,
    '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', `${plan.width}x${plan.height}`, '-framerate', plan.fps, '-i', 'pipe:0'
  ]
  const maps = ['-map', '0:v:0']
  if (plan.audio) {
    args.push(...plan.pieces.flatMap(inputArgs))
    if (plan.pieces.length > 1) {
      const inputs = plan.pieces.map((_, i) => `[${i + 1}:a:0]`).join('')
      args.push('-filter_complex', `${inputs}concat=n=${plan.pieces.length}:v=0:a=1[a]`)
      maps.push('-map', '[a]')
    } else {
      maps.push('-map', '1:a:0')
    }
  }
  if (plan.caption) args.push('-vf', captionFilter(plan.caption, plan.height))
  args.push(...maps, '-c:v', 'libx264', '-preset', encoder.preset, '-crf', String(encoder.crf), '-pix_fmt', 'yuv420p')
  if (plan.audio) args.push('-c:a', 'aac', '-b:a', `${encoder.audioBitrateKbps}k`, '-shortest')
  args.push('-movflags', '+faststart', '-f', 'mp4', '-y', outFile)
  return args
}

/** JPEG thumbnails from raw RGB frames of one size on stdin, written as <dir>/1.jpg, 2.jpg, ... */
export function thumbnailArgs(width: number, height: number, dir: string): string[] {
  return [
    '-nostdin', '-hide_banner', '-loglevel', 'error',
    '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, '-framerate', '1', '-i', 'pipe:0',
    '-c:v', 'mjpeg', '-q:v', '5', '-f', 'image2', '-start_number', '1', `${dir}/%d.jpg`
  ]
}

/** CPU time of an ffmpeg run from its -benchmark line; null when it did not print one. */
export function parseBenchmark(stderr: string): { cpuMs: number; maxRssKb: number | null } | null {
  const times = /bench: utime=([\d.]+)s stime=([\d.]+)s/.exec(stderr)
  if (!times) return null
  const rss = /bench: maxrss=(\d+)kB/.exec(stderr)
  return { cpuMs: Math.round((Number(times[1]) + Number(times[2])) * 1000), maxRssKb: rss ? Number(rss[1]) : null }
}

/** The lines of ffmpeg's log that explain a failure (errors, not the stream listing). */
export function failureReason(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('bench:'))
  const errors = lines.filter((l) => /error|invalid|no such|not found|failed|unable|cannot|could not/i.test(l))
  return (errors.length ? errors.slice(-3) : lines.slice(-2)).join(' / ') || 'no message'
}

/** Arguments that draw one caption on one generated frame: whether this ffmpeg has drawtext and a font. */
export function drawtextProbeArgs(): string[] {
  return ['-nostdin', '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'color=size=64x64:duration=0.1', '-vf', captionFilter({ label: 'probe', startEpochMs: 0 }, 64), '-frames:v', '1', '-f', 'null', '-']
}
