// ffmpeg arguments for live view, as data (see record-args.ts): one camera stream in, fragmented MP4 on stdout.
import { demoScene, type RecordSource } from './record-args'
import { rtspInputArgs } from './rtsp-input'

/** Where a live stream comes from: a camera stream as probed, or the generated demo scene. */
export type LiveSource =
  | {
      kind: 'rtsp'
      url: string
      videoCodec: string | null
      audioCodec: string | null
      fps: number | null
      /** A short look at the stream told its picture size: ffmpeg may start after a short analysis too. */
      quickAnalysis: boolean
    }
  | Extract<RecordSource, { kind: 'demo' }>

export interface LiveOptions {
  /** Re-encode the video to H.264 (for streams the viewer cannot decode: H.265 where unsupported, MJPEG). */
  transcode: boolean
  /** RTSP socket timeout: ffmpeg gives up on a silent camera after this. */
  socketTimeoutMs?: number
  /** Target fragment length: the unit a viewer receives, and so the floor of the added latency. */
  fragmentMs?: number
  /**
   * How long ffmpeg looks at the camera's stream before it starts (its default is 5 s, about 3 s with a
   * typical camera). Short is fast; it only works when the stream describes itself early (parameter sets
   * in the SDP), so the caller falls back to the default after a start that failed.
   */
  analyzeDurationUs?: number
}

export const LIVE_FRAGMENT_MS = 200
/** Long enough to see the parameter sets and audio config a camera sends up front; measured 1.4 s vs 3 s to the first fragment. */
export const QUICK_ANALYZE_US = 500_000
/** Keyframe interval of a transcoded stream when the camera's frame rate is unknown. */
const FALLBACK_FPS = 25

/** Video codecs a viewer may decode as they come; anything else (MJPEG, MPEG-4 part 2) is always transcoded. */
const COPYABLE_VIDEO = new Set(['h264', 'hevc'])

/** Whether the stream will be re-encoded: asked for, or a codec no browser plays from MP4. */
export function needsTranscode(source: LiveSource, requested: boolean): boolean {
  if (source.kind === 'demo') return false
  return requested || (source.videoCodec !== null && !COPYABLE_VIDEO.has(source.videoCodec))
}

function inputArgs(source: LiveSource, transcode: boolean, options: LiveOptions): string[] {
  // No '-fflags nobuffer': it drops the packets read while ffmpeg analyses the stream, often including the
  // keyframe a viewer needs first (measured: first fragment 0.3-1 s later, and with a short analysis no
  // dimensions at all). Those packets are at most analyzeDurationUs old.
  const input: string[] = []
  if (source.kind === 'rtsp') {
    if (options.analyzeDurationUs) input.push('-analyzeduration', String(options.analyzeDurationUs))
    // low_delay tells the decoder not to hold frames back; it only matters when the video is decoded.
    if (transcode) input.push('-flags', 'low_delay')
    return [...input, ...rtspInputArgs(options.socketTimeoutMs), '-i', source.url]
  }
  // The same generated scene as the demo recorder, paced in real time like a camera.
  return ['-re', '-f', 'lavfi', '-i', demoScene(source)]
}

function videoArgs(source: LiveSource, transcode: boolean): string[] {
  const map = ['-map', '0:v:0']
  if (source.kind === 'demo' || transcode) {
    const fps = source.kind === 'demo' ? source.fps : Math.round(source.fps ?? FALLBACK_FPS) || FALLBACK_FPS
    // A keyframe every second (-g fps): a late viewer waits at most that long; no B-frames, so no reordering delay.
    return [...map, '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', String(fps), '-bf', '0',
      '-pix_fmt', 'yuv420p']
  }
  // hvc1 is the sample entry browsers accept for H.265 in MP4 (as in recordings).
  return [...map, '-c:v', 'copy', ...(source.videoCodec === 'hevc' ? ['-tag:v', 'hvc1'] : [])]
}

function audioArgs(source: LiveSource): string[] {
  if (source.kind === 'demo') return ['-an']
  // The '?' keeps a camera without audio working. MSE plays AAC from MP4; anything else (G.711 for one) is
  // converted, which is cheap next to video.
  const codec = source.audioCodec === 'aac' ? ['-c:a', 'copy'] : ['-c:a', 'aac', '-b:a', '64k']
  return ['-map', '0:a:0?', ...codec]
}

/**
 * One ffmpeg per live relay: stream copy (or, when asked or needed, an H.264 transcode) into fragmented
 * MP4 on stdout. empty_moov puts the init segment (ftyp+moov) first; frag_keyframe starts a fragment at
 * every keyframe, so a late viewer can join at a fragment boundary; frag_duration cuts fragments of about
 * 200 ms in between, which bounds the latency the relay adds.
 */
export function liveArgs(source: LiveSource, options: LiveOptions): string[] {
  const transcode = needsTranscode(source, options.transcode)
  const fragmentUs = (options.fragmentMs ?? LIVE_FRAGMENT_MS) * 1000
  return [
    '-hide_banner',
    '-loglevel', 'warning',
    ...inputArgs(source, transcode, options),
    ...videoArgs(source, transcode),
    ...audioArgs(source),
    '-f', 'mp4',
    '-movflags', '+frag_keyframe+empty_moov+default_base_moof',
    '-frag_duration', String(fragmentUs),
    // Each fragment leaves ffmpeg as soon as it is complete, not when an I/O buffer happens to fill.
    '-flush_packets', '1',
    'pipe:1'
  ]
}
