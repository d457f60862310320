// Shared types of the motion engine: what a camera's motion settings say, and what the detector reports.

/** A point of a zone polygon, as a fraction of the frame (0..1), so zones survive a change of stream size. */
export interface NormPoint {
  x: number
  y: number
}

/**
 * A polygon drawn on the camera picture. Motion counts inside 'include' zones (each reports its own events);
 * 'exclude' zones are cut out of every include zone and never count (a road, a tree, a TV).
 */
export interface MotionZoneSpec {
  id: string
  name: string
  kind: 'include' | 'exclude'
  points: NormPoint[]
}

export interface DetectorConfig {
  /** Analysis frame size; frames are 8-bit gray, width*height bytes, row by row. */
  width: number
  height: number
  fps: number
  /** No 'include' zone => the whole frame (minus exclusions) is one zone with id FRAME_ZONE_ID. */
  zones: MotionZoneSpec[]
  /** 1..100, higher = smaller brightness changes count as motion. */
  sensitivity: number
  /** Smallest moving object that counts, in percent of the frame area (0.5 = 0.5 %). */
  minObjectPercent: number
  /** Expert knobs; every one has a default (DEFAULT_TUNING) that suits a typical camera. */
  tuning?: Partial<DetectorTuning>
}

export interface DetectorTuning {
  /** The first frames of a run only build the background. */
  warmupMs: number
  /** A zone starts an event after this many consecutive frames with an object large enough. */
  startFrames: number
  /** ... and ends it after this long without one. */
  endAfterMs: number
  /** Time constant of the background where nothing moves: slow local light changes fade in this fast. */
  backgroundTauMs: number
  /** Time constant under moving objects (slow: a person walking by must not fade into the background). */
  foregroundTauMs: number
  /**
   * A pixel that differs from the background but has not changed from frame to frame for this long is
   * taken into the background at once: nothing moves there. That ends a parked car's event, and the
   * "ghost" of whatever stood in view while the background was learned and has gone since.
   */
  stationaryMs: number
  /** Time constant of the per-pixel noise estimate (sensor noise, rain, compression artefacts). */
  noiseTauMs: number
  /** A pixel changes when its difference exceeds this many mean absolute deviations of its own noise. */
  noiseFactor: number
  /** More than this share of the frame changing at once is a global change (IR switch, camera moved). */
  globalChangeFraction: number
  /** A changed pixel counts only with at least this many changed neighbours (of 8): drops sparkle and streaks. */
  minNeighbours: number
}

/** Score of a zone: area of the largest moving object inside it, as a fraction (0..1) of the frame area. */
export type ZoneScores = ReadonlyMap<string, number>

export type MotionTransition =
  | { type: 'start'; zoneId: string; t: number; score: number }
  | { type: 'end'; zoneId: string; t: number; peakScore: number }

export interface FrameResult {
  /** One entry per zone; the map is reused by the next push(): copy it to keep it. */
  scores: ZoneScores
  transitions: MotionTransition[]
  /** The frame changed as a whole (light switched, camera moved): the background was rebuilt, nothing raised. */
  globalChange: boolean
}

/** Id of the implicit zone covering the whole frame when no include zone is drawn. */
export const FRAME_ZONE_ID = 'frame'
