import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Segment } from '../../contract'
import type { HoldsRepo, SegmentRecord, SegmentsRepo } from '../db'
import type { Logger } from '../host'
import { trimSegment, type TrimmedPart } from '../media/segment-trim'
import type { SegmentIndexer } from '../recorder/segment-indexer'
import { segmentRelativePath } from '../recorder/segment-paths'
import { MIN_TRIM_GAP_MS, planEventRetention, type Span, type WindowEvent } from './event-windows'
import { PeriodicPass, removeIfEmpty } from './periodic-pass'

export interface EventsOnlyMode {
  preRollMs: number
  postRollMs: number
  /**
   * When the camera switched to events-only. Segments that started before were recorded continuously on
   * purpose and are left to age and size retention; without it, all of the camera's footage is thinned out.
   */
  since?: number
}

export interface EventRetentionSummary {
  deleted: number
  trimmed: number
}

export interface EventRetentionDeps {
  segments: SegmentsRepo
  holds: HoldsRepo
  indexer: SegmentIndexer
  recordingsDir: string
  ffmpeg: string
  ffprobe: string
  logger: Logger
  /** Only the cameras in events-only mode, by camera id. */
  modes: () => Map<string, EventsOnlyMode>
  /** The camera's events overlapping [from, to]: ended after `from` (or still open) and started before `to`. */
  eventsIn: (cameraId: string, from: number, to: number) => WindowEvent[]
  now?: () => number
  settleMs?: number
  onChanged(summary: EventRetentionSummary): void
}

/**
 * How late an event may become known after it started: detection runs seconds behind the picture, and the
 * segment times the recorder estimates may be off by a few seconds. A minute of extra ring costs little disk.
 */
export const DEFAULT_SETTLE_MS = 60_000

/** Scratch folder for parts being cut, inside the recordings folder so that moving them in place is a rename. */
export const TRIM_SCRATCH_DIR = '.trim'

/**
 * Events-only recording: deletes segments outside every event's keep window once no future event can reach
 * them, and cuts partly covered segments down to the covered parts. A cut that fails keeps the whole segment.
 */
export class EventRetention {
  private readonly passes = new PeriodicPass(() =>
    this.pass().catch((error: unknown) => {
      this.deps.logger.error(`events-only retention pass failed: ${messageOf(error)}`)
      return { deleted: 0, trimmed: 0 }
    })
  )
  /**
   * Segments left whole although the plan said trim (ffmpeg failed, or the keyframes left nothing worth
   * cutting), with the spans that were asked for: not retried every pass, only when the spans change.
   */
  private readonly leftWhole = new Map<number, string>()

  constructor(private readonly deps: EventRetentionDeps) {}

  start(intervalMs = 60_000): void {
    this.passes.start(intervalMs)
  }

  stop(): Promise<void> {
    return this.passes.stop()
  }

  /** One pass; concurrent calls share the pass in progress. */
  enforce(): Promise<EventRetentionSummary> {
    return this.passes.run()
  }

  private async pass(): Promise<EventRetentionSummary> {
    const { deps } = this
    const now = (deps.now ?? Date.now)()
    const scratch = join(deps.recordingsDir, TRIM_SCRATCH_DIR)
    // Left over only when the app stopped mid-cut; the originals are still indexed then.
    await rm(scratch, { recursive: true, force: true })
    const modes = deps.modes()
    const total: EventRetentionSummary = { deleted: 0, trimmed: 0 }
    // Most setups record continuously: no reason to read the whole index every pass.
    if (modes.size === 0) return total
    const present = deps.segments.present()
    const presentIds = new Set(present.map((segment) => segment.id))
    for (const id of this.leftWhole.keys()) if (!presentIds.has(id)) this.leftWhole.delete(id)

    const holds = deps.holds.active()
    for (const [cameraId, mode] of modes) {
      const ring = present.filter((s) => s.cameraId === cameraId && (mode.since === undefined || s.start >= mode.since))
      if (ring.length === 0) continue
      const from = ring.reduce((min, s) => Math.min(min, s.start), Infinity) - mode.postRollMs
      const to = ring.reduce((max, s) => Math.max(max, s.end), -Infinity) + mode.preRollMs
      const plan = planEventRetention({
        segments: ring,
        events: deps.eventsIn(cameraId, from, to),
        holds: holds.filter((hold) => hold.cameraId === cameraId).map((hold) => ({ from: hold.start, to: hold.end })),
        now,
        preRollMs: mode.preRollMs,
        postRollMs: mode.postRollMs,
        settleMs: deps.settleMs ?? DEFAULT_SETTLE_MS
      })
      const byId = new Map(ring.map((segment) => [segment.id, segment]))
      const deleted = await this.deleteSegments(plan.delete.map((id) => byId.get(id)!))
      let trimmed = 0
      for (const { segmentId, keep } of plan.trim) {
        if (await this.trim(byId.get(segmentId)!, keep, scratch)) trimmed++
      }
      if (deleted || trimmed) {
        deps.logger.info(`camera ${cameraId}: ${deleted} segment(s) outside event windows deleted, ${trimmed} cut to the windows`)
      }
      total.deleted += deleted
      total.trimmed += trimmed
    }
    if (total.deleted || total.trimmed) deps.onChanged(total)
    return total
  }

  private async deleteSegments(segments: SegmentRecord[]): Promise<number> {
    for (const segment of segments) {
      const file = join(this.deps.recordingsDir, segment.path)
      await rm(file, { force: true })
      await removeIfEmpty(dirname(file))
    }
    this.deps.segments.remove(segments.map((segment) => segment.id))
    return segments.length
  }

  /** Cuts a segment to `keep`; true when its parts replaced it. Any failure leaves it whole and indexed. */
  private async trim(segment: SegmentRecord, keep: Span[], scratch: string): Promise<boolean> {
    const asked = JSON.stringify(keep)
    if (this.leftWhole.get(segment.id) === asked) return false
    await mkdir(scratch, { recursive: true })
    const outDir = await mkdtemp(join(scratch, `${segment.id}-`))
    try {
      const parts = await trimSegment({
        ffmpeg: this.deps.ffmpeg,
        ffprobe: this.deps.ffprobe,
        file: join(this.deps.recordingsDir, segment.path),
        segmentStartMs: segment.start,
        keep,
        outDir,
        minSavingMs: MIN_TRIM_GAP_MS
      })
      if (!parts) {
        this.leftWhole.set(segment.id, asked)
        return false
      }
      return await this.replace(segment, parts)
    } catch (error) {
      this.deps.logger.warn(`kept ${segment.path} whole: ${messageOf(error)}`)
      this.leftWhole.set(segment.id, asked)
      return false
    } finally {
      await rm(outDir, { recursive: true, force: true })
    }
  }

  /**
   * Moves the parts into place and indexes them, then removes the original. A part that starts with the
   * original takes over its file name: once the original's row is gone, that part replaces the original file
   * in a single rename. Before that rename any failure restores the original alone; after it the parts are the
   * footage, and a part that could not be indexed is left to the start-up reconcile, which indexes it.
   */
  private async replace(segment: SegmentRecord, parts: TrimmedPart[]): Promise<boolean> {
    const { deps } = this
    // Age or size retention may have deleted it while it was being cut.
    if (!deps.segments.byId(segment.id)) return false
    const placed = parts.map((part) => ({ part, relative: segmentRelativePath(segment.cameraId, part.startMs) }))
    const inPlace = placed.find((p) => p.relative === segment.path)
    const beside = placed.filter((p) => p !== inPlace)
    const taken = beside.find((p) => deps.segments.byPath(p.relative))
    if (taken) throw new Error(`a cut part would start where indexed ${taken.relative} does`)

    const indexed: Segment[] = []
    const original = join(deps.recordingsDir, segment.path)
    let originalRowRemoved = false
    try {
      for (const { part, relative } of beside) indexed.push(await this.place(segment.cameraId, part, relative))
      if (inPlace) {
        deps.segments.remove([segment.id])
        originalRowRemoved = true
        await rename(inPlace.part.path, original)
      } else {
        await rm(original, { force: true })
      }
    } catch (error) {
      deps.segments.remove(indexed.map((part) => part.id))
      for (const { relative } of beside) await rm(join(deps.recordingsDir, relative), { force: true })
      if (originalRowRemoved) await deps.indexer.indexExisting(segment.cameraId, segment.path, segment.start)
      throw error
    }

    if (inPlace) {
      const part = await deps.indexer.indexExisting(segment.cameraId, inPlace.relative, inPlace.part.startMs, inPlace.part.media).catch(() => null)
      if (!part) deps.logger.error(`${inPlace.relative} was cut but not indexed; the next start indexes it`)
    } else {
      deps.segments.remove([segment.id])
      await removeIfEmpty(dirname(original))
    }
    return true
  }

  private async place(cameraId: string, part: TrimmedPart, relative: string): Promise<Segment> {
    const target = join(this.deps.recordingsDir, relative)
    await mkdir(dirname(target), { recursive: true })
    await rename(part.path, target)
    const segment = await this.deps.indexer.indexExisting(cameraId, relative, part.startMs, part.media)
    if (!segment) throw new Error(`the cut part ${relative} could not be indexed`)
    return segment
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
