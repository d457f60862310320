// The machine-readable account of a redaction: what was found, what was kept, what was covered where and
// how, with which models and thresholds. It goes with the working copy into an export package, so anyone
// receiving the footage can see what was changed, and the owner can show that bystanders were protected.
import type { DetectorInfo } from './detector'
import { FACE_BLOCKS_ACROSS, MIN_BLOCK, PERSON_BLOCKS_ACROSS, type Rgb } from './effects'
import type { EncoderSettings } from './ffmpeg-args'
import type { Padding, PixelRect } from './geometry'
import type { FramePlan, ManualRegion, ResolvedPolicy } from './policy'
import { FACE_PADDING, PERSON_PADDING } from './track-timeline'
import type { Analysis, SourceFile, TrackerSettings, TrackKind } from './types'

/** [frame, x, y, w, h] in output pixels: one kept or painted rectangle; painted ones with pixelation add the block edge. */
export type FrameBox = [number, number, number, number, number] | [number, number, number, number, number, number]

export interface TrackReport {
  id: number
  label: string
  kind: TrackKind
  decision: 'kept' | 'redacted'
  firstFrame: number
  lastFrame: number
  startMs: number
  endMs: number
  /** Frames on which the detector saw this track (the others are interpolated or in the margin). */
  detections: number
  bestScore: number
  /** Frames with a box. */
  frames: number
  /** Kept tracks: frames on which a redaction covered part of the person (overlap with a bystander). */
  framesPartlyCovered?: number
  /**
   * Every box painted (redacted, with its pixelation block edge) or left untouched (kept), per frame; a face,
   * or a head zone repainted over a kept person, appears as an extra box.
   */
  boxes: FrameBox[]
}

export interface RegionReport extends ManualRegion {
  index: number
  frames: number
  boxes: FrameBox[]
}

export interface RenderTimings {
  wallMs: number
  decodeWaitMs: number
  effectMs: number
  encodeWaitMs: number
  decoderCpuMs: number | null
  encoderCpuMs: number | null
  encoderMaxRssKb: number | null
}

export interface RedactionReport {
  format: 'vigil-redaction-report'
  version: 1
  createdAt: string
  /** The originals: read, never changed. */
  source: SourceFile[]
  output: {
    file: string
    bytes: number
    sha256: string
    width: number
    height: number
    fps: string
    frames: number
    durationMs: number
    audio: boolean
    video: { codec: 'H.264 (libx264)'; pixelFormat: 'yuv420p' } & EncoderSettings
  }
  detection: {
    detector: DetectorInfo
    analysedAt: string
    analysisWidth: number
    analysisHeight: number
    detectEvery: number
    tracker: TrackerSettings
    padding: { person: Padding; face: Padding; motion: string }
  }
  effect:
    | { kind: 'pixelate'; rule: string; minBlock: number; personBlocksAcross: number; faceBlocksAcross: number }
    | { kind: 'fill'; color: Rgb }
  policy: { keep: number[]; overlap: 'redact' | 'keep'; overlapRule: string; redactMoving: boolean; motionRule: string | null }
  tracks: TrackReport[]
  regions: RegionReport[]
  /** Frames on which moving areas were covered (safety net), and how many rectangles. */
  motion: { frames: number; boxes: number } | null
  summary: { frames: number; tracks: number; kept: number; redacted: number; paintedBoxes: number }
  timings: RenderTimings
}

const asFrameBox = (frame: number, r: PixelRect, block?: number): FrameBox =>
  block === undefined ? [frame, r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0] : [frame, r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0, block]

/** Collects, frame by frame, what the renderer painted and kept; turns it into the report at the end. */
export class ReportBuilder {
  private readonly trackBoxes = new Map<number, FrameBox[]>()
  private readonly trackFrames = new Map<number, Set<number>>()
  private readonly partlyCovered = new Map<number, number>()
  private readonly regionBoxes = new Map<number, FrameBox[]>()
  private motionFrames = 0
  private motionBoxes = 0
  private painted = 0

  constructor(
    private readonly analysis: Analysis,
    private readonly policy: ResolvedPolicy
  ) {}

  private addTrackBox(trackId: number, frame: number, rect: PixelRect, block?: number): void {
    const boxes = this.trackBoxes.get(trackId) ?? []
    boxes.push(asFrameBox(frame, rect, block))
    this.trackBoxes.set(trackId, boxes)
    const frames = this.trackFrames.get(trackId) ?? new Set<number>()
    frames.add(frame)
    this.trackFrames.set(trackId, frames)
  }

  record(frame: number, plan: FramePlan, touchedKept: number[]): void {
    let motionHere = 0
    const block = (b: number) => (this.policy.effect === 'pixelate' ? b : undefined)
    for (const job of plan.paint) {
      this.painted++
      if (job.trackId !== undefined) this.addTrackBox(job.trackId, frame, job.rect, block(job.block))
      else if (job.regionIndex !== undefined) {
        const boxes = this.regionBoxes.get(job.regionIndex) ?? []
        boxes.push(asFrameBox(frame, job.rect, block(job.block)))
        this.regionBoxes.set(job.regionIndex, boxes)
      } else if (job.source === 'motion') motionHere++
    }
    for (const kept of plan.keep) this.addTrackBox(kept.trackId, frame, kept.rect)
    for (const id of touchedKept) this.partlyCovered.set(id, (this.partlyCovered.get(id) ?? 0) + 1)
    if (motionHere) {
      this.motionFrames++
      this.motionBoxes += motionHere
    }
  }

  build(output: Omit<RedactionReport['output'], 'video'>, encoder: EncoderSettings, timings: RenderTimings, createdAt: string): RedactionReport {
    const { analysis, policy } = this
    const kept = new Set(policy.keep)
    const tracks = analysis.tracks.map((t): TrackReport => ({
      id: t.id,
      label: t.label,
      kind: t.kind,
      decision: kept.has(t.id) ? 'kept' : 'redacted',
      firstFrame: t.firstFrame,
      lastFrame: t.lastFrame,
      startMs: t.startMs,
      endMs: t.endMs,
      detections: t.keyframes.length,
      bestScore: Math.round(t.bestScore * 1000) / 1000,
      frames: this.trackFrames.get(t.id)?.size ?? 0,
      ...(kept.has(t.id) ? { framesPartlyCovered: this.partlyCovered.get(t.id) ?? 0 } : {}),
      boxes: this.trackBoxes.get(t.id) ?? []
    }))
    return {
      format: 'vigil-redaction-report',
      version: 1,
      createdAt,
      source: analysis.source,
      output: { ...output, video: { codec: 'H.264 (libx264)', pixelFormat: 'yuv420p', ...encoder } },
      detection: {
        detector: analysis.detector,
        analysedAt: analysis.createdAt,
        analysisWidth: analysis.analysisWidth,
        analysisHeight: analysis.analysisHeight,
        detectEvery: analysis.tracker.detectEvery,
        tracker: analysis.tracker,
        padding: { person: PERSON_PADDING, face: FACE_PADDING, motion: 'plus 0.5 x speed (px/frame) x detectEvery on every side' }
      },
      effect:
        policy.effect === 'fill'
          ? { kind: 'fill', color: policy.fillColor }
          : {
              kind: 'pixelate',
              rule: 'each block replaced by its mean (irreversible); block = max(16 px, longer side / 8) for persons and moving areas, max(16 px, longer side / 5) for faces, rounded up to even',
              minBlock: MIN_BLOCK,
              personBlocksAcross: PERSON_BLOCKS_ACROSS,
              faceBlocksAcross: FACE_BLOCKS_ACROSS
            },
      policy: {
        keep: policy.keep,
        overlap: policy.overlap,
        overlapRule:
          policy.overlap === 'keep'
            ? 'where a kept person and a bystander overlap, the kept person stays visible, except under the bystander\'s face box and the top quarter of their box (head), which are always covered; the kept person\'s own face box is never covered'
            : 'where a kept person and a bystander overlap, the bystander\'s whole box is covered, over the kept person too',
        redactMoving: policy.redactMoving,
        motionRule: policy.redactMoving ? 'cells of 8 px (analysed frame) whose mean brightness differs from a learned background by more than 12 levels, grown by one cell; kept people are spared' : null
      },
      tracks,
      regions: policy.regions.map((r, index) => ({ ...r, index, frames: new Set((this.regionBoxes.get(index) ?? []).map((b) => b[0])).size, boxes: this.regionBoxes.get(index) ?? [] })),
      motion: policy.redactMoving ? { frames: this.motionFrames, boxes: this.motionBoxes } : null,
      summary: { frames: output.frames, tracks: tracks.length, kept: tracks.filter((t) => t.decision === 'kept').length, redacted: tracks.filter((t) => t.decision === 'redacted').length, paintedBoxes: this.painted },
      timings
    }
  }
}
