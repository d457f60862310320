// Cutting spans out of a recorded segment without re-encoding: stream copy, split at keyframes, so the kept
// footage is bit-identical to what the camera sent and every kept span starts at or before where it was asked to.
import { readdir, rename, rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { probeFile, type FileProbe } from './probe'
import { runToCompletion } from './process-runner'

export interface Span {
  from: number
  to: number
}

export interface Piece extends Span {
  keep: boolean
}

export interface TrimRequest {
  ffmpeg: string
  ffprobe: string
  file: string
  /** Wall-clock time of the file's first frame (the segment's start in the index). */
  segmentStartMs: number
  /** Wall-clock spans to keep. */
  keep: Span[]
  /** An empty folder the caller owns: kept parts are left there, everything else written is removed. */
  outDir: string
  /** When cutting at keyframes would remove less than this, nothing is written and null is returned. */
  minSavingMs?: number
  /** Fragment length of the parts; the recorder's default, so parts play like the originals. */
  fragmentMs?: number
}

export interface TrimmedPart {
  path: string
  /** Wall-clock start: segmentStartMs plus the offset of the keyframe the part starts with. */
  startMs: number
  durationMs: number
  /** What verifying the part found out: indexing it needs no second ffprobe. */
  media: FileProbe
}

export type TrimErrorCode = 'TRIM_UNREADABLE' | 'TRIM_FFMPEG_FAILED' | 'TRIM_OUTPUT_INVALID'

export class SegmentTrimError extends Error {
  constructor(
    readonly code: TrimErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'SegmentTrimError'
  }
}

/** A part may end this much short of the piece it was cut for: the index and the file disagree by up to a frame. */
const FRAME_TOLERANCE_MS = 100
/** ffmpeg splits at the first keyframe at or after a split time; asking a little early makes rounding harmless. */
const SPLIT_LEAD_MS = 1
const FFMPEG_TIMEOUT_MS = 120_000
/** ffmpeg's output names; verified kept parts are renamed, so a cleanup can tell them from the rest. */
const PART_PREFIX = 'part-'
const KEPT_PREFIX = 'kept-'

/**
 * How to cut a file: every kept span is widened to the keyframe at or before its start and the keyframe at or
 * after its end (whole GOPs: nothing kept depends on a frame that was cut away), then spans that meet are joined.
 * All times are ms from the file's start; the pieces cover [0, durationMs] in order.
 */
export function planCuts(keyframesMs: number[], durationMs: number, keep: Span[]): Piece[] {
  const keyframeAtOrBefore = (t: number) => keyframesMs.filter((k) => k <= t).at(-1) ?? 0
  const keyframeAtOrAfter = (t: number) => keyframesMs.find((k) => k >= t && k < durationMs) ?? durationMs
  const aligned = keep
    .map((span) => ({ from: Math.max(0, span.from), to: Math.min(durationMs, span.to) }))
    .filter((span) => span.to > span.from)
    .map((span) => ({ from: keyframeAtOrBefore(span.from), to: keyframeAtOrAfter(span.to) }))
    .sort((a, b) => a.from - b.from)
  const pieces: Piece[] = []
  let cursor = 0
  for (const span of aligned) {
    const last = pieces.at(-1)
    if (last?.keep && span.from <= last.to) {
      last.to = Math.max(last.to, span.to)
    } else {
      if (span.from > cursor) pieces.push({ from: cursor, to: span.from, keep: false })
      pieces.push({ ...span, keep: true })
    }
    cursor = pieces.at(-1)!.to
  }
  if (cursor < durationMs) pieces.push({ from: cursor, to: durationMs, keep: false })
  return pieces
}

/** The ffmpeg argv that splits `file` at the given times (ms) into fragmented MP4 parts named like `pattern`. */
export function splitArgs(file: string, splitsMs: number[], pattern: string, fragmentMs: number): string[] {
  const times = splitsMs.map((ms) => ((ms - SPLIT_LEAD_MS) / 1000).toFixed(3))
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'error',
    '-i', file,
    '-map', '0', '-c', 'copy',
    // The segment muxer with the recorder's own MP4 options: parts are the same kind of file as the originals.
    '-f', 'segment',
    ...(times.length ? ['-segment_times', times.join(',')] : []),
    '-reset_timestamps', '1',
    '-segment_format', 'mp4',
    '-segment_format_options', `movflags=+empty_moov+default_base_moof+frag_discont:frag_duration=${fragmentMs * 1000}`,
    '-segment_list', 'pipe:1',
    '-segment_list_type', 'csv',
    pattern
  ]
}

interface FileLayout {
  keyframesMs: number[]
  durationMs: number
  hasAudio: boolean
}

interface FfprobeLayout {
  format?: { start_time?: string; duration?: string }
  streams?: { index?: number; codec_type?: string }[]
  packets?: { stream_index?: number; pts_time?: string; flags?: string }[]
}

/**
 * Keyframe times of the first video stream, the duration (ms from the file's start: ffmpeg measures split
 * times from the file's start_time, which is not always 0) and whether the file has sound. One ffprobe run;
 * packets are only listed, not decoded.
 */
export async function readLayout(ffprobe: string, file: string): Promise<FileLayout> {
  const entries = 'format=start_time,duration:stream=index,codec_type:packet=stream_index,pts_time,flags'
  const result = await runToCompletion(ffprobe, ['-v', 'error', '-of', 'json', '-show_entries', entries, file], 60_000)
  const unreadable = (why: string) => new SegmentTrimError('TRIM_UNREADABLE', `ffprobe could not read ${file}: ${why}`)
  if (result.code !== 0) throw unreadable(result.stderr.trim() || `exit code ${result.code}`)
  let parsed: FfprobeLayout
  try {
    parsed = JSON.parse(result.stdout.toString('utf8')) as FfprobeLayout
  } catch {
    throw unreadable('no readable answer')
  }
  const streams = parsed.streams ?? []
  const video = streams.find((stream) => stream.codec_type === 'video')
  const durationMs = Math.round(Number(parsed.format?.duration) * 1000)
  if (!video || !(durationMs > 0)) throw unreadable('no video')
  const start = Number(parsed.format?.start_time) || 0
  const keyframesMs = (parsed.packets ?? [])
    .filter((packet) => packet.stream_index === video.index && packet.flags?.includes('K'))
    .map((packet) => Math.round((Number(packet.pts_time) - start) * 1000))
    .filter((ms) => Number.isFinite(ms))
    .sort((a, b) => a - b)
  return { keyframesMs, durationMs, hasAudio: streams.some((stream) => stream.codec_type === 'audio') }
}

/**
 * Writes the kept spans of a segment as new files in outDir and checks each with ffprobe. The original is not
 * touched: the caller removes it once the parts are indexed. Throws SegmentTrimError (having removed what it
 * wrote) when the file cannot be read, ffmpeg fails, or a part does not hold what it should.
 */
export async function trimSegment(request: TrimRequest): Promise<TrimmedPart[] | null> {
  const layout = await readLayout(request.ffprobe, request.file)
  const relative = request.keep.map((span) => ({ from: span.from - request.segmentStartMs, to: span.to - request.segmentStartMs }))
  const pieces = planCuts(layout.keyframesMs, layout.durationMs, relative)
  const savingMs = pieces.filter((piece) => !piece.keep).reduce((sum, piece) => sum + piece.to - piece.from, 0)
  if (!pieces.some((piece) => piece.keep)) throw new SegmentTrimError('TRIM_OUTPUT_INVALID', 'nothing of the file lies in the spans to keep')
  if (savingMs < (request.minSavingMs ?? 1)) return null

  try {
    const written = await split(request, pieces)
    return await verifiedParts(request, pieces, written, layout.hasAudio)
  } catch (error) {
    await removeWritten(request.outDir, [KEPT_PREFIX])
    throw error
  } finally {
    await removeWritten(request.outDir, [PART_PREFIX])
  }
}

/** Runs ffmpeg; returns each written file with its start (ms from the original's start) from the segment list. */
async function split(request: TrimRequest, pieces: Piece[]): Promise<{ path: string; startMs: number }[]> {
  const pattern = join(request.outDir, `${PART_PREFIX}%03d.mp4`)
  const splits = pieces.slice(1).map((piece) => piece.from)
  const result = await runToCompletion(request.ffmpeg, splitArgs(request.file, splits, pattern, request.fragmentMs ?? 1000), FFMPEG_TIMEOUT_MS)
  if (result.code !== 0 || result.timedOut) {
    const why = result.timedOut ? `no result within ${FFMPEG_TIMEOUT_MS / 1000} s` : result.stderr.trim().split('\n').at(-1)
    throw new SegmentTrimError('TRIM_FFMPEG_FAILED', `ffmpeg could not split ${request.file}: ${why || `exit code ${result.code}`}`)
  }
  // csv lines: name,start seconds,end seconds
  return result.stdout
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const [name, start] = line.split(',')
      return { path: join(request.outDir, basename(name)), startMs: Math.round(Number(start) * 1000) }
    })
}

/** Each written file must be the piece planned, and a kept one must play for the whole piece, with its sound. */
async function verifiedParts(
  request: TrimRequest,
  pieces: Piece[],
  written: { path: string; startMs: number }[],
  hasAudio: boolean
): Promise<TrimmedPart[]> {
  const invalid = (why: string) => new SegmentTrimError('TRIM_OUTPUT_INVALID', `splitting ${request.file}: ${why}`)
  if (written.length !== pieces.length) throw invalid(`expected ${pieces.length} parts, ffmpeg wrote ${written.length}`)
  const parts: TrimmedPart[] = []
  for (const [index, piece] of pieces.entries()) {
    const file = written[index]
    if (Math.abs(file.startMs - piece.from) > FRAME_TOLERANCE_MS) {
      throw invalid(`part ${index} starts at ${file.startMs} ms instead of the keyframe at ${piece.from} ms`)
    }
    if (!piece.keep) continue
    const media = await probeFile(request.ffprobe, file.path)
    if (!media?.videoCodec) throw invalid(`part ${index} holds no playable video`)
    if (hasAudio && !media.audioCodec) throw invalid(`part ${index} lost the audio`)
    if (media.durationMs < piece.to - piece.from - FRAME_TOLERANCE_MS) {
      throw invalid(`part ${index} plays ${media.durationMs} ms, ${piece.to - piece.from} ms expected`)
    }
    const kept = join(request.outDir, `${KEPT_PREFIX}${String(index).padStart(3, '0')}.mp4`)
    await rename(file.path, kept)
    parts.push({ path: kept, startMs: request.segmentStartMs + file.startMs, durationMs: media.durationMs, media })
  }
  return parts
}

/** Removes files this module wrote: the unkept pieces always, the kept parts too after a failure. */
async function removeWritten(outDir: string, prefixes: string[]): Promise<void> {
  const names = await readdir(outDir).catch(() => [] as string[])
  const ours = names.filter((name) => prefixes.some((prefix) => name.startsWith(prefix)))
  await Promise.all(ours.map((name) => rm(join(outDir, name), { force: true })))
}
