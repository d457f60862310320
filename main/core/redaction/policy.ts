// Who is kept and what is covered, frame by frame. Every track is redacted unless the user keeps it;
// manual regions always cover (a licence plate, a house number, or something on the kept person that
// must go); the optional safety net also covers whatever moves, except the kept people.
//
// Where a kept person and a bystander overlap (one walks behind the other), by default (overlap: 'keep')
// the kept person stays untouched except where the bystander's head is: their face box, and the top
// quarter of their body box (a face the detector missed is still up there), are always covered, apart
// from the kept person's own face box, which hides whatever is behind it. overlap: 'redact' covers the
// bystander's whole box even over the kept person: maximal privacy, at the cost of the subject.
import { RedactionError } from './errors'
import { FACE_BLOCKS_ACROSS, PERSON_BLOCKS_ACROSS, blockSizeFor, rgbToYuv, type Rgb } from './effects'
import { intersection, lerpBox, rectToBox, toPixelRect, type Box, type PixelRect } from './geometry'
import { boxesAt, paddedBoxes } from './track-timeline'
import type { Analysis, Track } from './types'

export type EffectName = 'pixelate' | 'fill'

export interface RegionKeyframe {
  /** Time from the start of the clip. */
  atMs: number
  /** Source pixels. */
  box: Box
}

export interface ManualRegion {
  label?: string
  /** One keyframe: a fixed rectangle. Several: the rectangle moves linearly between them, and holds before the first and after the last. */
  keyframes: RegionKeyframe[]
  /** Active from (default: clip start) ... */
  fromMs?: number
  /** ... to (default: clip end). */
  toMs?: number
}

export interface RedactionPolicy {
  /** Track ids to keep unredacted; everyone else is covered. */
  keep: number[]
  effect: EffectName
  /** Colour for 'fill' (default black). */
  fillColor?: Rgb
  regions?: ManualRegion[]
  /** Safety net: also cover every moving area except the kept people. */
  redactMoving?: boolean
  /** Who wins where a kept person and a bystander overlap (default 'keep', see above). */
  overlap?: 'redact' | 'keep'
}

export type PaintSource = 'track' | 'head' | 'face' | 'region' | 'motion'

/** Share of a person box, from the top, that holds the head (and shoulders: generous on purpose). */
export const HEAD_SHARE = 0.25

export interface PaintJob {
  rect: PixelRect
  source: PaintSource
  trackId?: number
  regionIndex?: number
  /** Pixelation block edge for this rect. */
  block: number
  /** Pixels left alone inside rect (kept people). */
  exclude: PixelRect[]
}

export interface FramePlan {
  paint: PaintJob[]
  keep: { trackId: number; rect: PixelRect }[]
}

export interface ResolvedPolicy extends Required<Omit<RedactionPolicy, 'fillColor'>> {
  fillColor: Rgb
  fillYuv: Rgb
}

function invalid(message: string): never {
  throw new RedactionError('REDACT_INVALID_POLICY', message)
}

/** Checks a policy against the analysis it is applied to, and fills in the defaults. */
export function resolvePolicy(policy: RedactionPolicy, analysis: Pick<Analysis, 'tracks'>): ResolvedPolicy {
  if (policy.effect !== 'pixelate' && policy.effect !== 'fill') invalid(`Unknown effect "${String(policy.effect)}": expected "pixelate" or "fill"`)
  const known = new Set(analysis.tracks.map((t) => t.id))
  const unknown = policy.keep.filter((id) => !known.has(id))
  if (unknown.length > 0) {
    const ids = analysis.tracks.map((t) => t.id)
    throw new RedactionError(
      'REDACT_UNKNOWN_TRACK',
      `Unknown track id${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: this analysis has ${ids.length ? `tracks ${ids.join(', ')}` : 'no tracks'}`
    )
  }
  const regions = policy.regions ?? []
  regions.forEach((region, i) => {
    const name = region.label ? `"${region.label}"` : `#${i + 1}`
    if (!region.keyframes?.length) invalid(`Region ${name} has no keyframes: give at least one rectangle`)
    for (const k of region.keyframes) {
      if (![k.atMs, k.box?.x, k.box?.y, k.box?.w, k.box?.h].every(Number.isFinite) || k.box.w <= 0 || k.box.h <= 0) {
        invalid(`Region ${name} has a malformed keyframe: expected { atMs, box: { x, y, w, h } } with a positive width and height`)
      }
    }
  })
  const fillColor = policy.fillColor ?? [0, 0, 0]
  if (fillColor.length !== 3 || !fillColor.every((c) => Number.isInteger(c) && c >= 0 && c <= 255)) invalid('fillColor must be [r, g, b] with values 0-255')
  return {
    keep: [...new Set(policy.keep)],
    effect: policy.effect,
    regions: regions.map((r) => ({ ...r, keyframes: [...r.keyframes].sort((a, b) => a.atMs - b.atMs) })),
    redactMoving: policy.redactMoving ?? false,
    overlap: policy.overlap ?? 'keep',
    fillColor,
    fillYuv: rgbToYuv(fillColor)
  }
}

/** The region's rectangle at a time, or null when it is not active then. */
export function regionBoxAt(region: ManualRegion, atMs: number): Box | null {
  if (atMs < (region.fromMs ?? -Infinity) || atMs > (region.toMs ?? Infinity)) return null
  const keys = region.keyframes
  if (atMs <= keys[0].atMs) return keys[0].box
  const last = keys[keys.length - 1]
  if (atMs >= last.atMs) return last.box
  const i = keys.findIndex((k) => k.atMs > atMs)
  const a = keys[i - 1]
  const b = keys[i]
  return lerpBox(a.box, b.box, (atMs - a.atMs) / (b.atMs - a.atMs))
}

/** Computes, for any frame, what to paint; built once per render. */
export class FramePlanner {
  private readonly motionByFrame = new Map<number, Box[]>()
  private readonly kept: Set<number>

  constructor(
    private readonly analysis: Analysis,
    private readonly policy: ResolvedPolicy
  ) {
    this.kept = new Set(policy.keep)
    for (const entry of analysis.motion?.frames ?? []) {
      const boxes: Box[] = []
      for (let i = 1; i + 3 < entry.length; i += 4) boxes.push({ x: entry[i], y: entry[i + 1], w: entry[i + 2], h: entry[i + 3] })
      this.motionByFrame.set(entry[0], boxes)
    }
  }

  private rect(box: Box): PixelRect | null {
    return toPixelRect(box, this.analysis.video.width, this.analysis.video.height)
  }

  private trackRects(track: Track, frame: number): { main: PixelRect | null; face: PixelRect | null } | null {
    const { detectEvery } = this.analysis.tracker
    const boxes = boxesAt(track, frame, detectEvery)
    if (!boxes) return null
    const [main, face] = paddedBoxes(track.kind, boxes, detectEvery)
    return { main: this.rect(main), face: face ? this.rect(face) : null }
  }

  plan(frame: number): FramePlan {
    const keep: FramePlan['keep'] = []
    const keptFaces: PixelRect[] = []
    const others: { track: Track; main: PixelRect | null; face: PixelRect | null }[] = []
    for (const track of this.analysis.tracks) {
      if (frame < track.firstFrame || frame > track.lastFrame) continue
      const rects = this.trackRects(track, frame)
      if (!rects) continue
      if (this.kept.has(track.id)) {
        for (const rect of [rects.main, rects.face]) if (rect) keep.push({ trackId: track.id, rect })
        if (track.kind === 'face' && rects.main) keptFaces.push(rects.main)
        if (rects.face) keptFaces.push(rects.face)
      } else others.push({ track, ...rects })
    }
    const keptRects = keep.map((k) => k.rect)
    const spareKept = this.policy.overlap === 'keep'
    const paint: PaintJob[] = []
    for (const { track, main, face } of others) {
      const trackId = track.id
      if (main && track.kind === 'face') {
        paint.push({ rect: main, source: 'face', trackId, block: blockSizeFor(main, FACE_BLOCKS_ACROSS), exclude: keptFaces })
      } else if (main) {
        const block = blockSizeFor(main, PERSON_BLOCKS_ACROSS)
        paint.push({ rect: main, source: 'track', trackId, block, exclude: spareKept ? keptRects : [] })
        // The head zone is painted again where the body gave way to a kept person; same grid, so elsewhere
        // it changes nothing.
        const head = { ...main, y1: Math.min(main.y1, main.y0 + Math.ceil(((main.y1 - main.y0) * HEAD_SHARE) / 2) * 2) }
        if (spareKept && keptRects.some((k) => overlapsRect(k, head))) paint.push({ rect: head, source: 'head', trackId, block, exclude: keptFaces })
      }
      if (face) paint.push({ rect: face, source: 'face', trackId, block: blockSizeFor(face, FACE_BLOCKS_ACROSS), exclude: keptFaces })
    }
    if (this.policy.redactMoving) {
      for (const box of this.motionByFrame.get(frame) ?? []) {
        const rect = this.rect(box)
        if (rect) paint.push({ rect, source: 'motion', block: blockSizeFor(rect, PERSON_BLOCKS_ACROSS), exclude: keptRects })
      }
    }
    const atMs = (frame / this.analysis.video.fpsValue) * 1000
    this.policy.regions.forEach((region, regionIndex) => {
      const box = regionBoxAt(region, atMs)
      const rect = box ? this.rect(box) : null
      if (rect) paint.push({ rect, source: 'region', regionIndex, block: blockSizeFor(rect, PERSON_BLOCKS_ACROSS), exclude: [] })
    })
    return { paint, keep }
  }
}

const overlapsRect = (a: PixelRect, b: PixelRect) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1

/** Whether any painted pixel of the plan lands inside a kept rect (the kept person is partly covered). */
export function keptTouched(plan: FramePlan, trackId: number): boolean {
  const mine = plan.keep.filter((k) => k.trackId === trackId).map((k) => rectToBox(k.rect))
  return plan.paint.some((job) => {
    const painted = rectToBox(job.rect)
    return mine.some((kept) => {
      const overlap = intersection(painted, kept)
      if (!overlap) return false
      // Fully excluded overlaps leave the kept person alone.
      return !job.exclude.some((e) => {
        const ex = rectToBox(e)
        return ex.x <= overlap.x && ex.y <= overlap.y && ex.x + ex.w >= overlap.x + overlap.w && ex.y + ex.h >= overlap.y + overlap.h
      })
    })
  })
}
