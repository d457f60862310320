// ffmpeg arguments for motion analysis, as data (see media/record-args.ts): one stream in, small gray
// frames out on stdout, at a low, steady rate.
import { rtspInputArgs } from '../media/rtsp-input'

export interface MotionArgsOptions {
  /** A camera stream URL or a file path. */
  input: string
  width: number
  height: number
  fps: number
  /** RTSP options (TCP, socket timeout); defaults to whether input is an rtsp:// or rtsps:// URL. */
  rtsp?: boolean
  socketTimeoutMs?: number
  /** Input format when ffmpeg cannot tell from the input (e.g. 'lavfi' for a generated scene). */
  inputFormat?: string
  /** Files only: read at the file's own pace like a camera (-re), and optionally start over at the end. */
  realtime?: boolean
  loop?: boolean
}

export const DEFAULT_MOTION_FPS = 5
/** About 160x90 at 16:9: enough for a person at the far side of a yard, and cheap to analyse (< 15 k pixels). */
export const ANALYSIS_PIXELS = 14_400

/** Analysis frame size for a source of srcWidth x srcHeight: its aspect ratio at about ANALYSIS_PIXELS, even sides. */
export function analysisSize(srcWidth: number, srcHeight: number, pixels = ANALYSIS_PIXELS): { width: number; height: number } {
  const aspect = srcWidth > 0 && srcHeight > 0 ? srcWidth / srcHeight : 16 / 9
  const even = (value: number) => Math.max(16, 2 * Math.round(value / 2))
  const width = even(Math.sqrt(pixels * aspect))
  return { width, height: even(width / aspect) }
}

export function isRtspUrl(input: string): boolean {
  return /^rtsps?:\/\//i.test(input)
}

export function buildMotionArgs(options: MotionArgsOptions): string[] {
  const { input, width, height, fps } = options
  // No -nostdin: the process runner stops ffmpeg with 'q' on stdin, which ends it at once and cleanly.
  const args = ['-hide_banner', '-loglevel', 'error']
  if (options.rtsp ?? isRtspUrl(input)) {
    args.push(...rtspInputArgs(options.socketTimeoutMs))
  } else {
    if (options.realtime) args.push('-re')
    if (options.loop) args.push('-stream_loop', '-1')
  }
  if (options.inputFormat) args.push('-f', options.inputFormat)
  // One decoder thread: motion runs beside recording on small machines, and frame threads add latency.
  // Skipping the deblocking filter saves about a sixth of the decode; blocking edges vanish in the
  // downscale anyway.
  args.push('-threads', '1', '-skip_loop_filter', 'all', '-i', input)
  args.push('-an', '-sn', '-dn', '-map', '0:v:0')
  // Frames are dropped in ffmpeg, before scaling: handing all of a camera's frames to Node and dropping there
  // was measured at twice Node's CPU for about 200 ms less delay, and the delay is well inside its goal.
  // Area scaling averages pixels down, which also averages sensor noise away.
  args.push('-vf', `fps=${fps},scale=${width}:${height}:flags=area,format=gray`)
  args.push('-f', 'rawvideo', 'pipe:1')
  return args
}
