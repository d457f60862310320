// ffmpeg arguments are data: pure builders, tested as argv without running ffmpeg.
import { rtspInputArgs } from './rtsp-input'

export type RecordSource =
  | { kind: 'rtsp'; url: string; videoCodec: string; audioCodec: string | null }
  | { kind: 'demo'; width: number; height: number; fps: number }

export interface RecordOutput {
  /** Folder ffmpeg writes open segments into; a closed one is moved to its date folder by the indexer. */
  incomingDir: string
  /** Unique per ffmpeg run, so a restarted ffmpeg never overwrites an earlier run's file. */
  runId: string
  segmentSeconds: number
  /** Fragment length: a killed ffmpeg or a power cut loses at most about this much of the open segment. */
  fragmentMs: number
  /** RTSP socket timeout: ffmpeg gives up on a silent camera after this. */
  socketTimeoutMs: number
  /**
   * Also write the stream as live fragmented MP4 to fd 4, for the live view: the camera's one connection
   * serves recording and watching. Stream copy only (a demo scene would be encoded twice).
   */
  liveTap?: boolean
}

/** Fragment length of the live tap: short fragments keep the live view close to real time. */
export const LIVE_TAP_FRAGMENT_US = 200_000

/** Audio codecs an MP4 can carry as they come; others (G.711, for one) are converted to AAC, which is cheap. */
const MP4_AUDIO = new Set(['aac', 'mp3', 'opus', 'ac3', 'alac'])

/** The codecs the recorded files will have (what ffmpeg -i would report on them). */
export function recordedCodecs(source: RecordSource): { video: string; audio: string | null } {
  if (source.kind === 'demo') return { video: 'h264', audio: null }
  if (!source.audioCodec) return { video: source.videoCodec, audio: null }
  return { video: source.videoCodec, audio: MP4_AUDIO.has(source.audioCodec) ? source.audioCodec : 'aac' }
}

export const DEMO_SOURCE: RecordSource = { kind: 'demo', width: 640, height: 360, fps: 15 }

function inputArgs(source: RecordSource, socketTimeoutMs: number): string[] {
  if (source.kind === 'rtsp') {
    return [...rtspInputArgs(socketTimeoutMs), '-i', source.url]
  }
  return ['-re', '-f', 'lavfi', '-i', demoScene(source)]
}

/** The demo camera is a generated scene: moving test pattern with the machine's clock burned in. */
export function demoScene(source: Extract<RecordSource, { kind: 'demo' }>): string {
  return (
    `testsrc2=size=${source.width}x${source.height}:rate=${source.fps},` +
    `drawtext=text='%{localtime}':fontsize=${Math.round(source.height / 14)}:fontcolor=white:box=1:boxcolor=black@0.6:x=12:y=12`
  )
}

function codecArgs(source: RecordSource): string[] {
  if (source.kind === 'demo') {
    return ['-map', '0:v:0', '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p',
      '-g', String(source.fps * 2), '-bf', '0', '-b:v', '600k']
  }
  const video = ['-map', '0:v:0', '-c:v', 'copy']
  // hvc1 is the sample entry that browsers and Apple players accept for H.265 in MP4.
  if (source.videoCodec === 'hevc') video.push('-tag:v', 'hvc1')
  if (!source.audioCodec) return [...video, '-an']
  const audio = MP4_AUDIO.has(source.audioCodec) ? ['-c:a', 'copy'] : ['-c:a', 'aac', '-b:a', '64k']
  return [...video, '-map', '0:a:0', ...audio]
}

/**
 * One ffmpeg per camera: stream copy into fragmented MP4 segments. The segment list (CSV on stdout) reports
 * each segment as it closes; -progress on fd 3 lets the supervisor see bytes advancing (stall detection).
 */
export function recordArgs(source: RecordSource, output: RecordOutput): string[] {
  return [
    '-hide_banner',
    '-loglevel', 'warning',
    ...inputArgs(source, output.socketTimeoutMs),
    ...codecArgs(source),
    '-f', 'segment',
    '-segment_time', String(output.segmentSeconds),
    // Cut at wall-clock multiples of the segment length, so files line up with the clock across cameras.
    '-segment_atclocktime', '1',
    '-reset_timestamps', '1',
    '-segment_format', 'mp4',
    // empty_moov + fragments: every fragment is playable on its own, so a crash loses at most one fragment.
    '-segment_format_options', `movflags=+empty_moov+default_base_moof+frag_discont:frag_duration=${output.fragmentMs * 1000}`,
    '-segment_list', 'pipe:1',
    '-segment_list_type', 'csv',
    '-progress', 'pipe:3',
    '-stats_period', '1',
    `${output.incomingDir}/${output.runId}-%06d.mp4`,
    ...(output.liveTap && source.kind === 'rtsp' ? liveTapOutput(source) : [])
  ]
}

/** The second output: the same packets as fragmented MP4 on fd 4, each fragment starting at a keyframe. */
function liveTapOutput(source: RecordSource): string[] {
  return [
    ...codecArgs(source),
    '-f', 'mp4',
    '-movflags', '+frag_keyframe+empty_moov+default_base_moof',
    '-frag_duration', String(LIVE_TAP_FRAGMENT_US),
    'pipe:4'
  ]
}

/**
 * The frame of a recorded segment at `offsetSec` as a JPEG on stdout: -ss before -i seeks to the keyframe
 * before it and decodes up to the exact frame. Full size up to 1280 wide (a licence plate must stay
 * readable for whoever draws a region over it), and fine quantisation for the same reason.
 */
export function frameAtArgs(file: string, offsetSec: number, maxWidth = 1280): string[] {
  return ['-hide_banner', '-loglevel', 'error', '-ss', offsetSec.toFixed(3), '-i', file, '-frames:v', '1',
    '-vf', `scale='min(${maxWidth},iw)':-2`, '-q:v', '3', '-f', 'image2', '-c:v', 'mjpeg', 'pipe:1']
}

/**
 * The newest picture of a (possibly still growing) segment as a JPEG on stdout: seek one second before the
 * end and decode from the keyframe before it. Costs at most one GOP of decoding, and only while a still is
 * being looked at.
 */
export function snapshotArgs(file: string, width = 640): string[] {
  return ['-hide_banner', '-loglevel', 'error', '-sseof', '-1', '-i', file, '-frames:v', '1', '-vf', `scale=${width}:-2`,
    '-q:v', '5', '-f', 'image2', '-c:v', 'mjpeg', 'pipe:1']
}
