import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Segment } from '../../contract'
import type { SegmentRecord, SegmentsRepo } from '../db'
import type { Logger } from '../host'
import { probeFile, type FileProbe } from '../media/probe'
import { segmentRelativePath } from './segment-paths'

/** How far a run's estimated start may fall before the previous segment's end and still be moved after it. */
const MAX_CLOCK_SLACK_MS = 5000

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256')
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')))
  })
}

export interface SegmentTiming {
  /**
   * Codecs already known from the camera's probe: with durationMs, a closed segment is indexed without
   * running ffprobe on it (8 cameras closing segments at the same minute would start 8 ffprobes).
   */
  codecs?: { video: string; audio: string | null }
  /** Wall-clock start; null = derive from the file (mtime - duration), used for crash leftovers. */
  startMs: number | null
  /** Duration from the segment list, when ffmpeg reported one. */
  durationMs: number | null
  /** Wall-clock end, when only the end is known for sure: the start is then the end minus the real length. */
  endMs?: number
}

export interface IndexerDeps {
  segments: SegmentsRepo
  recordingsDir: string
  ffprobe: string
  logger: Logger
  timeZone: string
  onIndexed(segment: Segment): void
}

/**
 * Turns a closed file into an indexed segment: probe, hash, move to its date folder, insert. A file with
 * no playable media (ffmpeg died before the first fragment) is deleted rather than indexed.
 */
export class SegmentIndexer {
  /** One file at a time across all cameras: segments close together at clock multiples, and hashing them
   * all at once only spikes CPU and memory without finishing sooner. */
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly deps: IndexerDeps) {}

  finalize(cameraId: string, file: string, timing: SegmentTiming): Promise<Segment | null> {
    return this.serial(() => this.finalizeNow(cameraId, file, timing))
  }

  /**
   * Indexes a file already in its final place (found on disk by reconcile, or cut by events-only retention).
   * `known`: what an ffprobe of this very file already found, so it is not probed again.
   */
  indexExisting(cameraId: string, relative: string, startMs: number, known?: FileProbe): Promise<Segment | null> {
    return this.serial(async () => {
      const file = join(this.deps.recordingsDir, relative)
      const media = known ?? (await probeFile(this.deps.ffprobe, file))
      if (!media) return null
      return this.insert(cameraId, relative, startMs, media.durationMs, media, (await stat(file)).size)
    })
  }

  /**
   * A camera's segments never overlap in the index. Wall-clock times of a new ffmpeg run are estimates
   * (a second or so under load); a segment that would start that little before the camera's latest end is
   * placed right after it. A larger overlap means the machine's clock was set back: that is kept, not hidden.
   */
  private notOverlapping(cameraId: string, startMs: number): number {
    const latestEnd = this.deps.segments.latestEnd(cameraId)
    return latestEnd !== null && startMs < latestEnd && latestEnd - startMs < MAX_CLOCK_SLACK_MS ? latestEnd : startMs
  }

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const result = this.queue.then(job)
    this.queue = result.catch(() => undefined)
    return result
  }

  private async finalizeNow(cameraId: string, file: string, timing: SegmentTiming): Promise<Segment | null> {
    const known = timing.codecs && timing.durationMs !== null
      ? { durationMs: timing.durationMs, videoCodec: timing.codecs.video, audioCodec: timing.codecs.audio }
      : null
    const media = known ?? (await probeFile(this.deps.ffprobe, file))
    if (!media) {
      this.deps.logger.warn(`discarding ${file}: no playable media in it`)
      await rm(file, { force: true })
      return null
    }
    const info = await stat(file)
    const endMs = timing.endMs ?? info.mtimeMs
    const startMs = this.notOverlapping(cameraId, timing.startMs ?? Math.round(endMs - media.durationMs))
    const relative = segmentRelativePath(cameraId, startMs)
    const target = join(this.deps.recordingsDir, relative)
    await mkdir(dirname(target), { recursive: true })
    await rename(file, target)
    const segment = await this.insert(cameraId, relative, startMs, timing.durationMs ?? media.durationMs, media, info.size)
    this.deps.onIndexed(segment)
    return segment
  }

  private async insert(
    cameraId: string,
    relative: string,
    startMs: number,
    durationMs: number,
    media: FileProbe,
    bytes: number
  ): Promise<Segment> {
    const record = this.deps.segments.insert({
      cameraId,
      path: relative,
      start: startMs,
      end: startMs + durationMs,
      durationMs,
      tz: this.deps.timeZone,
      utcOffsetMin: -new Date(startMs).getTimezoneOffset(),
      bytes,
      videoCodec: media.videoCodec,
      audioCodec: media.audioCodec,
      sha256: await sha256File(join(this.deps.recordingsDir, relative))
    })
    return toSegment(record)
  }
}

export function toSegment(record: SegmentRecord): Segment {
  const { path: _path, ...segment } = record
  return segment
}
