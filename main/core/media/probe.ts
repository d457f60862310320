import type { ErrorPayload, StreamInfo } from '../../contract'
import { runToCompletion } from './process-runner'
import { rtspInputArgs } from './rtsp-input'
import { classifyStreamError, hostOf } from './stream-errors'

/** Video codecs Vigil can store as-is in MP4 and the UI can name. */
export const RECORDABLE_VIDEO_CODECS = ['h264', 'hevc'] as const

interface FfprobeStream {
  codec_type?: string
  codec_name?: string
  width?: number
  height?: number
  avg_frame_rate?: string
  r_frame_rate?: string
  sample_rate?: string
  channels?: number
}

export type ProbeResult = { ok: true; info: StreamInfo } | { ok: false; error: ErrorPayload }

function parseRate(rate: string | undefined): number | null {
  if (!rate) return null
  const [num, den] = rate.split('/').map(Number)
  if (!num || !den) return null
  return Math.round((num / den) * 100) / 100
}

/** Turns ffprobe's stream list into StreamInfo, or the reason it cannot be recorded. */
export function interpretStreams(streams: FfprobeStream[], host: string): ProbeResult {
  const video = streams.find((s) => s.codec_type === 'video')
  if (!video) return { ok: false, error: { code: 'PROBE_NO_VIDEO', message: `${host} sends no video stream` } }
  const codec = video.codec_name ?? 'unknown'
  if (!(RECORDABLE_VIDEO_CODECS as readonly string[]).includes(codec)) {
    return {
      ok: false,
      error: { code: 'PROBE_UNSUPPORTED_CODEC', message: `${host} sends ${codec} video; Vigil records H.264 and H.265` }
    }
  }
  const audio = streams.find((s) => s.codec_type === 'audio')
  return {
    ok: true,
    info: {
      video: {
        codec,
        width: video.width ?? 0,
        height: video.height ?? 0,
        fps: parseRate(video.avg_frame_rate) ?? parseRate(video.r_frame_rate)
      },
      audio: audio
        ? { codec: audio.codec_name ?? 'unknown', sampleRate: Number(audio.sample_rate) || null, channels: audio.channels ?? null }
        : null
    }
  }
}

/**
 * Asks the camera what it sends (ffprobe over RTSP/TCP) within timeoutMs. `analyzeDurationUs` shortens
 * ffprobe's look at the stream (default 5 s) when codec names are enough and the frame rate may stay unknown.
 */
export async function probeStream(ffprobe: string, url: string, timeoutMs = 10_000, analyzeDurationUs?: number): Promise<ProbeResult> {
  const host = hostOf(url)
  const socketTimeoutMs = Math.max(1, timeoutMs - 1000)
  const analyze = analyzeDurationUs ? ['-analyzeduration', String(analyzeDurationUs)] : []
  const args = ['-v', 'error', ...analyze, ...rtspInputArgs(socketTimeoutMs), '-of', 'json', '-show_streams', url]
  const started = Date.now()
  const result = await runToCompletion(ffprobe, args, timeoutMs)
  if (result.code !== 0 || result.timedOut) {
    // A camera that accepts the connection but never answers makes ffprobe give up at its socket timeout
    // with a vague "Invalid data found"; the time it took is what tells that case apart.
    const hitSocketTimeout = Date.now() - started >= socketTimeoutMs - 250
    return { ok: false, error: classifyStreamError(result.stderr, host, result.timedOut || hitSocketTimeout) }
  }
  try {
    const parsed = JSON.parse(result.stdout.toString('utf8')) as { streams?: FfprobeStream[] }
    return interpretStreams(parsed.streams ?? [], host)
  } catch {
    return { ok: false, error: { code: 'PROBE_FAILED', message: `ffprobe gave no readable answer for ${host}` } }
  }
}

export interface FileProbe {
  durationMs: number
  videoCodec: string | null
  audioCodec: string | null
}

/** Duration and codecs of a recorded file; null when the file holds no playable media (an empty partial). */
export async function probeFile(ffprobe: string, file: string): Promise<FileProbe | null> {
  const args = ['-v', 'error', '-of', 'json', '-show_entries', 'format=duration:stream=codec_type,codec_name', file]
  const result = await runToCompletion(ffprobe, args, 30_000)
  if (result.code !== 0) return null
  try {
    const parsed = JSON.parse(result.stdout.toString('utf8')) as {
      format?: { duration?: string }
      streams?: FfprobeStream[]
    }
    const duration = Number(parsed.format?.duration)
    if (!Number.isFinite(duration) || duration <= 0) return null
    const streams = parsed.streams ?? []
    return {
      durationMs: Math.round(duration * 1000),
      videoCodec: streams.find((s) => s.codec_type === 'video')?.codec_name ?? null,
      audioCodec: streams.find((s) => s.codec_type === 'audio')?.codec_name ?? null
    }
  } catch {
    return null
  }
}
