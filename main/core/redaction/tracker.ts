// Turns per-frame detections into tracks with stable ids. Online and greedy, in the spirit of SORT: each
// live track predicts where it is now (constant velocity), detections are matched by overlap with that
// prediction, or by center distance when a small or fast person no longer overlaps it. A track without a
// match coasts on its prediction for up to maxGapFrames, so a detector that blinks for a frame or a
// passer-by hidden behind a pillar keeps the same id; its box for the missing frames is interpolated
// later (track-timeline.ts), so nobody is exposed for the frames the detector missed.
import { area, centerDistance, centerOf, diagonal, iou, type Box } from './geometry'
import { faceFitsPerson, type Observation } from './grouping'
import type { TrackerSettings, TrackKeyframe, TrackKind } from './types'

export interface TrackCore {
  id: number
  kind: TrackKind
  keyframes: TrackKeyframe[]
}

/** Center and size change per frame. */
interface Velocity {
  x: number
  y: number
  w: number
  h: number
}

/** Weight of the newest motion estimate against the running one: smooths jittery detector boxes. */
const VELOCITY_BLEND = 0.6
/** A predicted box never shrinks below half, or grows beyond twice, the last seen size. */
const MAX_SIZE_CHANGE = 2

class LiveTrack {
  velocity: Velocity | null = null

  constructor(
    readonly id: number,
    public kind: TrackKind,
    readonly keyframes: TrackKeyframe[]
  ) {}

  get last(): TrackKeyframe {
    return this.keyframes[this.keyframes.length - 1]
  }

  /** Frame of the last detection of the body itself (not a face inside a predicted body box). */
  get lastSeen(): number {
    for (let i = this.keyframes.length - 1; i >= 0; i--) if (!this.keyframes[i].predicted) return this.keyframes[i].frame
    return this.last.frame
  }

  predict(frame: number): Box {
    const { box, frame: from } = this.last
    const v = this.velocity
    if (!v) return box
    const dt = frame - from
    const c = centerOf(box)
    const w = clamp(box.w + v.w * dt, box.w / MAX_SIZE_CHANGE, box.w * MAX_SIZE_CHANGE)
    const h = clamp(box.h + v.h * dt, box.h / MAX_SIZE_CHANGE, box.h * MAX_SIZE_CHANGE)
    return { x: c.x + v.x * dt - w / 2, y: c.y + v.y * dt - h / 2, w, h }
  }

  add(keyframe: TrackKeyframe): void {
    const previous = this.last
    this.keyframes.push(keyframe)
    if (keyframe.predicted) return
    const dt = keyframe.frame - previous.frame
    if (dt <= 0) return
    const a = centerOf(previous.box)
    const b = centerOf(keyframe.box)
    const now: Velocity = { x: (b.x - a.x) / dt, y: (b.y - a.y) / dt, w: (keyframe.box.w - previous.box.w) / dt, h: (keyframe.box.h - previous.box.h) / dt }
    const v = this.velocity
    this.velocity = v ? blend(v, now) : now
  }
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value))

function blend(old: Velocity, now: Velocity): Velocity {
  const mix = (a: number, b: number) => a * (1 - VELOCITY_BLEND) + b * VELOCITY_BLEND
  return { x: mix(old.x, now.x), y: mix(old.y, now.y), w: mix(old.w, now.w), h: mix(old.h, now.h) }
}

/**
 * How well a detection continues a prediction: above 1 for an overlap (1 + IoU), 0..1 for a nearby
 * detection of similar size without overlap (closer is better), null for no match.
 */
export function matchScore(predicted: Box, observed: Box, settings: Pick<TrackerSettings, 'minIou'>, jumpLimit: number): number | null {
  const overlap = iou(predicted, observed)
  if (overlap >= settings.minIou) return 1 + overlap
  const sizeRatio = Math.sqrt(area(observed) / Math.max(area(predicted), 1e-9))
  if (sizeRatio < 0.5 || sizeRatio > 2) return null
  const jump = centerDistance(predicted, observed) / Math.max(diagonal(predicted), 1e-9)
  return jump <= jumpLimit ? 1 - jump / jumpLimit : null
}

interface Pair {
  track: LiveTrack
  index: number
  score: number
}

/** Greedy assignment, best pairs first; each track and each observation is used once. */
function assign(pairs: Pair[], takenTracks: Set<LiveTrack>, takenObservations: Set<number>): Pair[] {
  const chosen: Pair[] = []
  for (const pair of pairs.sort((a, b) => b.score - a.score || a.track.id - b.track.id || a.index - b.index)) {
    if (takenTracks.has(pair.track) || takenObservations.has(pair.index)) continue
    takenTracks.add(pair.track)
    takenObservations.add(pair.index)
    chosen.push(pair)
  }
  return chosen
}

export class Tracker {
  private readonly live: LiveTrack[] = []
  private readonly done: LiveTrack[] = []
  private nextId = 1

  constructor(private readonly settings: TrackerSettings) {}

  /** The gate for a center jump widens the longer a track has not been seen (its prediction drifts). */
  private jumpLimit(track: LiveTrack, frame: number): number {
    const missedSteps = Math.max(0, (frame - track.lastSeen) / this.settings.detectEvery - 1)
    return this.settings.maxCenterJump * (1 + 0.25 * missedSteps)
  }

  private pairs(tracks: LiveTrack[], observed: { index: number; box: Box }[], frame: number, predictions: Map<LiveTrack, Box>): Pair[] {
    const pairs: Pair[] = []
    for (const track of tracks) {
      const predicted = predictions.get(track)!
      for (const { index, box } of observed) {
        const score = matchScore(predicted, box, this.settings, this.jumpLimit(track, frame))
        if (score !== null) pairs.push({ track, index, score })
      }
    }
    return pairs
  }

  /** Feeds the observations of one detected frame (frames in increasing order); returns the track id of each. */
  step(frame: number, observations: Observation[]): number[] {
    for (const track of [...this.live]) {
      // A face seen inside a predicted body counts as seeing the person.
      if (frame - track.last.frame > this.settings.maxGapFrames) {
        this.live.splice(this.live.indexOf(track), 1)
        this.done.push(track)
      }
    }
    const predictions = new Map(this.live.map((t) => [t, t.predict(frame)]))
    const ids: number[] = new Array(observations.length).fill(0)
    const usedTracks = new Set<LiveTrack>()
    const usedObservations = new Set<number>()
    const indexed = observations.map((o, index) => ({ ...o, index }))
    const open = (kind: TrackKind) => indexed.filter((o) => o.kind === kind && !usedObservations.has(o.index))
    const openTracks = (kind: TrackKind) => this.live.filter((t) => t.kind === kind && !usedTracks.has(t))
    const extend = (track: LiveTrack, o: Observation & { index: number }, extra: Partial<TrackKeyframe> = {}) => {
      track.add({ frame, box: o.box, score: o.score, ...(o.faceBox ? { faceBox: o.faceBox } : {}), ...extra })
      ids[o.index] = track.id
    }

    // 1. Persons continue person tracks.
    for (const p of assign(this.pairs(openTracks('person'), open('person'), frame, predictions), usedTracks, usedObservations)) {
      extend(p.track, indexed[p.index])
    }
    // 2. A person whose face continues a face-only track: the same human, now with a body in view.
    const withFace = open('person').filter((o) => o.faceBox).map((o) => ({ index: o.index, box: o.faceBox! }))
    for (const p of assign(this.pairs(openTracks('face'), withFace, frame, predictions), usedTracks, usedObservations)) {
      p.track.kind = 'person'
      p.track.velocity = null
      extend(p.track, indexed[p.index])
    }
    // 3. A face inside a person track that the person detector missed this time keeps that track alive.
    for (const face of open('face')) {
      const holder = openTracks('person')
        .filter((t) => faceFitsPerson(face.box, predictions.get(t)!))
        .sort((a, b) => area(predictions.get(a)!) - area(predictions.get(b)!))[0]
      if (!holder) continue
      usedTracks.add(holder)
      usedObservations.add(face.index)
      holder.add({ frame, box: predictions.get(holder)!, score: face.score, faceBox: face.box, predicted: true })
      ids[face.index] = holder.id
    }
    // 4. Faces continue face tracks.
    for (const p of assign(this.pairs(openTracks('face'), open('face'), frame, predictions), usedTracks, usedObservations)) {
      extend(p.track, indexed[p.index])
    }
    // 5. Everything left starts a track of its own.
    for (const o of indexed.filter((o) => !usedObservations.has(o.index))) {
      const track = new LiveTrack(this.nextId++, o.kind, [])
      track.keyframes.push({ frame, box: o.box, score: o.score, ...(o.faceBox ? { faceBox: o.faceBox } : {}) })
      this.live.push(track)
      ids[o.index] = track.id
    }
    return ids
  }

  /** Every track seen, in id order. */
  finish(): TrackCore[] {
    return [...this.done, ...this.live]
      .sort((a, b) => a.id - b.id)
      .map((t) => ({ id: t.id, kind: t.kind, keyframes: t.keyframes }))
  }
}
