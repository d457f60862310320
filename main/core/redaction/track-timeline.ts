// Where a track is on every frame, not only on the frames the detector ran on: linear interpolation
// between two detections (this also fills detections the detector missed), extrapolation along the
// track's motion for a margin before its first and after its last detection (the detector only looks
// every k-th frame, so a person was usually there a little earlier and stays a little longer), and
// padding, so a box that is a few pixels off or a person who moves unevenly is still covered.
import { centerOf, lerpBox, padBox, type Box, type Padding } from './geometry'
import type { TrackCore } from './tracker'
import type { Track, TrackerSettings, TrackKeyframe } from './types'

/** CenterNet boxes are fairly tight and sometimes cut off a hand, a foot or the top of the head. */
export const PERSON_PADDING: Padding = { x: 0.1, y: 0.06, minPx: 4 }
/** BlazeFace boxes in Human are already enlarged 1.4x; a little more takes in hair and ears. */
export const FACE_PADDING: Padding = { x: 0.2, y: 0.2, minPx: 4 }
/** A track seen on fewer detection runs than this is probably a false find (still redacted). */
export const MIN_CONFIRMED_DETECTIONS = 3
/** Extra padding per pixel of motion per frame, times the detection interval: interpolation error grows with speed. */
const MOTION_PADDING = 0.5

export interface TrackBoxes {
  box: Box
  faceBox: Box | null
  /** Center speed in pixels per frame around this frame. */
  speed: number
}

const shift = (b: Box, dx: number, dy: number): Box => ({ x: b.x + dx, y: b.y + dy, w: b.w, h: b.h })

function speedBetween(a: TrackKeyframe, b: TrackKeyframe): number {
  const ca = centerOf(a.box)
  const cb = centerOf(b.box)
  return b.frame > a.frame ? Math.hypot(cb.x - ca.x, cb.y - ca.y) / (b.frame - a.frame) : 0
}

/** Index of the last keyframe at or before `frame` (-1 when frame is before the first). */
function keyframeBefore(keyframes: TrackKeyframe[], frame: number): number {
  let lo = 0
  let hi = keyframes.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (keyframes[mid].frame <= frame) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

/** The face at `frame`, carried along with the body from a nearby keyframe that saw it. */
function faceFrom(keyframe: TrackKeyframe, body: Box): Box | null {
  if (!keyframe.faceBox) return null
  const from = centerOf(keyframe.box)
  const to = centerOf(body)
  return shift(keyframe.faceBox, to.x - from.x, to.y - from.y)
}

/** Keyframe pair whose motion continues beyond the ends of the track. */
function edgeMotion(a: TrackKeyframe, b: TrackKeyframe): { vx: number; vy: number } {
  const ca = centerOf(a.box)
  const cb = centerOf(b.box)
  const dt = b.frame - a.frame
  return dt > 0 ? { vx: (cb.x - ca.x) / dt, vy: (cb.y - ca.y) / dt } : { vx: 0, vy: 0 }
}

/**
 * The track's (unpadded) body and face boxes on `frame`, or null outside [firstFrame, lastFrame].
 * `faceReach`: how many frames a face seen on a keyframe is carried to frames where it was not seen.
 */
export function boxesAt(track: Pick<Track, 'keyframes' | 'firstFrame' | 'lastFrame'>, frame: number, faceReach: number): TrackBoxes | null {
  const { keyframes } = track
  if (frame < track.firstFrame || frame > track.lastFrame || keyframes.length === 0) return null
  const i = keyframeBefore(keyframes, frame)
  if (i >= 0 && i < keyframes.length - 1) {
    const a = keyframes[i]
    const b = keyframes[i + 1]
    const t = (frame - a.frame) / (b.frame - a.frame)
    const box = lerpBox(a.box, b.box, t)
    let faceBox: Box | null = null
    if (a.faceBox && b.faceBox) faceBox = lerpBox(a.faceBox, b.faceBox, t)
    else if (a.faceBox && frame - a.frame <= faceReach) faceBox = faceFrom(a, box)
    else if (b.faceBox && b.frame - frame <= faceReach) faceBox = faceFrom(b, box)
    return { box, faceBox, speed: speedBetween(a, b) }
  }
  // Before the first or after the last keyframe: continue the motion of the two nearest keyframes.
  const edge = i < 0 ? keyframes[0] : keyframes[keyframes.length - 1]
  const motion =
    keyframes.length < 2 ? { vx: 0, vy: 0 } : i < 0 ? edgeMotion(keyframes[0], keyframes[1]) : edgeMotion(keyframes[keyframes.length - 2], edge)
  const dt = frame - edge.frame
  const box = shift(edge.box, motion.vx * dt, motion.vy * dt)
  const faceBox = Math.abs(dt) <= faceReach ? faceFrom(edge, box) : null
  return { box, faceBox, speed: Math.hypot(motion.vx, motion.vy) }
}

/** The areas to cover for a track on one frame: padded body (or face) box, and the padded face inside it. */
export function paddedBoxes(kind: Track['kind'], boxes: TrackBoxes, detectEvery: number): Box[] {
  const motion = boxes.speed * detectEvery * MOTION_PADDING
  const main = padBox(boxes.box, kind === 'face' ? FACE_PADDING : PERSON_PADDING, motion)
  return boxes.faceBox ? [main, padBox(boxes.faceBox, FACE_PADDING, motion)] : [main]
}

/** Frames covered by a track: its detections widened by the margin, within the clip. */
export function trackSpan(keyframes: TrackKeyframe[], settings: Pick<TrackerSettings, 'marginFrames'>, frameCount: number): { firstFrame: number; lastFrame: number } {
  return {
    firstFrame: Math.max(0, keyframes[0].frame - settings.marginFrames),
    lastFrame: Math.min(frameCount - 1, keyframes[keyframes.length - 1].frame + settings.marginFrames)
  }
}

export function trackLabel(kind: Track['kind'], id: number): string {
  return `${kind === 'face' ? 'Face' : 'Person'} ${id}`
}

/** A finished tracker track with its span, times and label (thumbnail added later). */
export function completeTrack(core: TrackCore, settings: TrackerSettings, frameCount: number, fps: number): Track {
  const span = trackSpan(core.keyframes, settings, frameCount)
  return {
    id: core.id,
    kind: core.kind,
    label: trackLabel(core.kind, core.id),
    keyframes: core.keyframes,
    ...span,
    startMs: Math.round((span.firstFrame / fps) * 1000),
    endMs: Math.round(((span.lastFrame + 1) / fps) * 1000),
    bestScore: Math.max(...core.keyframes.map((k) => k.score)),
    confirmed: core.keyframes.length >= MIN_CONFIRMED_DETECTIONS,
    thumbnail: null
  }
}

/** Tracker settings for a clip: time-based limits turned into frames at its frame rate. */
export function trackerSettingsFor(fps: number, detectEvery: number): TrackerSettings {
  return {
    detectEvery,
    // 1.5 s: a person behind a pillar or a parked car keeps their id; longer risks joining two people.
    maxGapFrames: Math.max(detectEvery * 2, Math.round(fps * 1.5)),
    // The k-1 frames the detector did not look at, plus 0.3 s: someone entering the frame or far away often
    // scores below the threshold for the first few detections.
    marginFrames: detectEvery - 1 + Math.round(fps * 0.3),
    minIou: 0.1,
    maxCenterJump: 1
  }
}
