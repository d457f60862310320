// What a clip is made of: the files (whole, or pieces of indexed segments between in and out points),
// checked with ffprobe before any work starts, so a bad input fails with a clear reason and nothing is written.
import { existsSync, statSync } from 'node:fs'
import { runToCompletion } from '../media/process-runner'
import { RedactionError } from './errors'
import type { ClipInput, SegmentRef, SourceFile } from './types'

export interface FfmpegPaths {
  ffmpeg: string
  ffprobe: string
}

export interface ClipPiece {
  file: string
  inMs: number | null
  outMs: number | null
  durationMs: number
  hasAudio: boolean
}

export interface ClipPlan {
  pieces: ClipPiece[]
  sourceWidth: number
  sourceHeight: number
  /** Output size: even numbers, as H.264 4:2:0 needs (an odd source loses its last row or column). */
  width: number
  height: number
  fps: string
  fpsValue: number
  durationMs: number
  /** Audio is carried over only when every piece has some. */
  hasAudio: boolean
  source: SourceFile[]
}

interface ProbeStream {
  codec_type?: string
  width?: number
  height?: number
  avg_frame_rate?: string
  r_frame_rate?: string
}

interface FileProbe {
  durationMs: number
  width: number
  height: number
  avgRate: string | undefined
  realRate: string | undefined
  hasAudio: boolean
}

function rateValue(rate: string | undefined): number | null {
  if (!rate) return null
  const [num, den] = rate.split('/').map(Number)
  return num > 0 && den > 0 ? num / den : null
}

/**
 * The output frame rate. The average rate is what the frames really do; a camera's nominal rate (r_frame_rate)
 * is cleaner ("15/1" rather than "1497/100") and is used when it agrees with the average within 5%.
 * Container time bases that pose as rates (90000/1) fail that check.
 */
export function pickFrameRate(avg: string | undefined, real: string | undefined): { fps: string; value: number } {
  const a = rateValue(avg)
  const r = rateValue(real)
  if (r && (!a || Math.abs(r - a) / a <= 0.05) && r <= 240) return { fps: real!, value: r }
  if (a && a <= 240) {
    // "25/1" or "30000/1001" as they are; an odd average like "145/12" rounded to a thousandth.
    if (Number(avg!.split('/')[1]) <= 1001) return { fps: avg!, value: a }
    const milli = Math.round(a * 1000)
    return { fps: `${milli}/1000`, value: milli / 1000 }
  }
  return { fps: '25/1', value: 25 }
}

async function probe(ffprobe: string, file: string): Promise<FileProbe> {
  if (!existsSync(file)) throw new RedactionError('REDACT_INPUT_UNREADABLE', `The input "${file}" does not exist`)
  const args = ['-v', 'error', '-of', 'json', '-show_entries', 'format=duration:stream=codec_type,width,height,avg_frame_rate,r_frame_rate', file]
  const result = await runToCompletion(ffprobe, args, 30_000)
  let parsed: { format?: { duration?: string }; streams?: ProbeStream[] } = {}
  try {
    parsed = JSON.parse(result.stdout.toString('utf8'))
  } catch {
    // handled below
  }
  if (result.code !== 0 || !parsed.streams) {
    const reason = result.stderr.trim().split('\n').at(-1) || 'ffprobe could not read it'
    throw new RedactionError('REDACT_INPUT_UNREADABLE', `The input "${file}" is not readable video: ${reason}`)
  }
  const video = parsed.streams.find((s) => s.codec_type === 'video')
  if (!video?.width || !video.height) {
    throw new RedactionError('REDACT_NO_VIDEO', `The input "${file}" has no video stream (found: ${parsed.streams.map((s) => s.codec_type).join(', ') || 'nothing'})`)
  }
  const seconds = Number(parsed.format?.duration)
  return {
    durationMs: Number.isFinite(seconds) ? Math.round(seconds * 1000) : 0,
    width: video.width,
    height: video.height,
    avgRate: video.avg_frame_rate,
    realRate: video.r_frame_rate,
    hasAudio: parsed.streams.some((s) => s.codec_type === 'audio')
  }
}

function refsOf(input: ClipInput): SegmentRef[] {
  return typeof input === 'string' ? [{ file: input }] : input.segments
}

/** Checks the in/out points of one piece against the file's length; returns the piece's duration. */
function pieceDuration(ref: SegmentRef, fileMs: number): number {
  const from = ref.inMs ?? 0
  const to = ref.outMs ?? fileMs
  if (from < 0 || (fileMs > 0 && from >= fileMs)) {
    throw new RedactionError('REDACT_CLIP_OUT_OF_INDEX', `The clip starts at ${from} ms in "${ref.file}", which is only ${fileMs} ms long`)
  }
  if (fileMs > 0 && to > fileMs + 1000) {
    throw new RedactionError('REDACT_CLIP_OUT_OF_INDEX', `The clip runs to ${to} ms in "${ref.file}", which is only ${fileMs} ms long`)
  }
  // Still images report no duration: they are one frame long.
  return fileMs > 0 ? Math.min(to, fileMs) - from : 0
}

export async function planClip(input: ClipInput, tools: FfmpegPaths): Promise<ClipPlan> {
  const refs = refsOf(input)
  if (refs.length === 0) throw new RedactionError('REDACT_EMPTY_CLIP', 'The clip contains no segments')
  const probes = await Promise.all(refs.map((ref) => probe(tools.ffprobe, ref.file)))
  const pieces = refs.map((ref, i): ClipPiece => ({
    file: ref.file,
    inMs: ref.inMs ?? null,
    outMs: ref.outMs ?? null,
    durationMs: pieceDuration(ref, probes[i].durationMs),
    hasAudio: probes[i].hasAudio
  }))
  const durationMs = pieces.reduce((sum, p) => sum + p.durationMs, 0)
  const isStill = pieces.length === 1 && probes[0].durationMs === 0
  if (durationMs <= 0 && !isStill) throw new RedactionError('REDACT_EMPTY_CLIP', 'The clip is empty: its in and out points leave no time between them')
  const first = probes[0]
  const rate = pickFrameRate(first.avgRate, first.realRate)
  const width = first.width - (first.width % 2)
  const height = first.height - (first.height % 2)
  if (width < 2 || height < 2) throw new RedactionError('REDACT_NO_VIDEO', `The video of "${refs[0].file}" is too small (${first.width}x${first.height})`)
  return {
    pieces,
    sourceWidth: first.width,
    sourceHeight: first.height,
    width,
    height,
    fps: rate.fps,
    fpsValue: rate.value,
    durationMs,
    hasAudio: pieces.every((p) => p.hasAudio),
    source: pieces.map((p) => {
      const stat = statSync(p.file)
      return { file: p.file, bytes: stat.size, mtimeMs: Math.round(stat.mtimeMs), inMs: p.inMs, outMs: p.outMs }
    })
  }
}

/** Frames the clip should have; the decoder's count is the truth, this is for progress before it is known. */
export function estimatedFrames(plan: Pick<ClipPlan, 'durationMs' | 'fpsValue'>): number {
  return Math.max(1, Math.round((plan.durationMs / 1000) * plan.fpsValue))
}

export interface IndexedSegment {
  file: string
  /** Wall-clock start and end of the segment, ms since the epoch (as in the segment index). */
  start: number
  end: number
}

/**
 * The pieces of indexed segments that make up the clip [fromMs, toMs) (wall clock). Gaps between segments
 * are left out (there is no footage). A span that reaches outside what is indexed is refused: the clip
 * asked for would silently be shorter than the one delivered.
 */
export function clipFromIndex(segments: IndexedSegment[], fromMs: number, toMs: number): ClipInput {
  if (!(toMs > fromMs)) throw new RedactionError('REDACT_EMPTY_CLIP', `The clip is empty: it ends (${toMs}) where or before it starts (${fromMs})`)
  const sorted = [...segments].sort((a, b) => a.start - b.start)
  const first = sorted[0]
  const last = sorted.reduce((latest, s) => (s.end > latest.end ? s : latest), sorted[0] ?? { end: -Infinity })
  if (!first || fromMs < first.start || toMs > last.end) {
    const indexed = first ? `${new Date(first.start).toISOString()} to ${new Date(last.end).toISOString()}` : 'nothing'
    throw new RedactionError(
      'REDACT_CLIP_OUT_OF_INDEX',
      `The clip ${new Date(fromMs).toISOString()} to ${new Date(toMs).toISOString()} reaches beyond the recordings (indexed: ${indexed})`
    )
  }
  const pieces = sorted
    .filter((s) => s.end > fromMs && s.start < toMs)
    .map((s): SegmentRef => ({
      file: s.file,
      ...(fromMs > s.start ? { inMs: fromMs - s.start } : {}),
      ...(toMs < s.end ? { outMs: toMs - s.start } : {})
    }))
  if (pieces.length === 0) throw new RedactionError('REDACT_EMPTY_CLIP', 'No recording falls inside the clip (it lies in a gap)')
  return { segments: pieces }
}
