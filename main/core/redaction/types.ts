// The data that passes between the redaction steps: analysis (pass 1) -> policy -> render (pass 2) ->
// report. Everything here is plain JSON, so an analysis can be saved and rendered later without detecting
// again. All boxes are in pixels of the source video.
import type { DetectorInfo } from './detector'
import type { Box } from './geometry'

export type TrackKind = 'person' | 'face'

/** One detection that continued a track. */
export interface TrackKeyframe {
  frame: number
  /** The person's box (kind person) or the face box (kind face). */
  box: Box
  score: number
  /** The face found inside this person, when the face detector saw one. */
  faceBox?: Box
  /** True when only the face was detected and the body box is the tracker's prediction. */
  predicted?: boolean
}

export interface Track {
  /** Stable within one analysis: numbered in order of first appearance, from 1. */
  id: number
  kind: TrackKind
  /** "Person 3" / "Face 7", for lists and the report. */
  label: string
  keyframes: TrackKeyframe[]
  /** Frames the track covers: its detections plus the safety margin before and after. */
  firstFrame: number
  lastFrame: number
  startMs: number
  endMs: number
  bestScore: number
  /**
   * Seen on at least MIN_CONFIRMED_DETECTIONS detection runs. Shorter tracks are mostly false finds (a cone,
   * a shadow); they are redacted like any other, but a list of people to keep may show them apart.
   */
  confirmed: boolean
  /** A small JPEG of the best detection (data: URL), for choosing whom to keep. */
  thumbnail: string | null
}

export interface SegmentRef {
  file: string
  /** Start inside this file, ms (default: its beginning). */
  inMs?: number
  /** End inside this file, ms (default: its end). */
  outMs?: number
}

/** A clip: one file as a whole, or consecutive pieces of indexed segments. */
export type ClipInput = string | { segments: SegmentRef[] }

export interface SourceFile {
  file: string
  bytes: number
  mtimeMs: number
  inMs: number | null
  outMs: number | null
}

export interface VideoInfo {
  /** Output size: the source's, rounded down to even numbers (H.264 4:2:0 needs them). */
  width: number
  height: number
  sourceWidth: number
  sourceHeight: number
  /** Frame rate as ffmpeg takes it ("15/1", "30000/1001") and as a number. */
  fps: string
  fpsValue: number
  frameCount: number
  durationMs: number
  hasAudio: boolean
}

/** Moving areas per frame from a coarse frame difference, for the "redact everything that moves" mode. */
export interface MotionTrack {
  /** Cell size in source pixels. */
  cellWidth: number
  cellHeight: number
  /** Per frame that had motion: [frame, x, y, w, h, x, y, w, h, ...] in source pixels. */
  frames: number[][]
}

export interface TrackerSettings {
  /** Detection runs on every k-th frame; frames between are interpolated. */
  detectEvery: number
  /** A track without detections survives this many frames (a blinking detector, a short occlusion). */
  maxGapFrames: number
  /** Frames covered before the first and after the last detection of a track. */
  marginFrames: number
  minIou: number
  /** A detection without overlap continues a track when its center is within this many box diagonals of the prediction. */
  maxCenterJump: number
}

export interface AnalysisTimings {
  wallMs: number
  /** Waiting for decoded frames (ffmpeg decoding, piping, scaling). */
  decodeWaitMs: number
  /** Sum of detector time over all detected frames (may exceed wall time with several workers). */
  detectMs: number
  trackMs: number
  motionMs: number
  thumbnailMs: number
  modelLoadMs: number
  detectedFrames: number
  workers: number
  /** CPU seconds of the decoding ffmpeg (from its -benchmark line). */
  ffmpegCpuMs: number | null
}

export interface Analysis {
  format: 'vigil-redaction-analysis'
  version: 1
  createdAt: string
  source: SourceFile[]
  video: VideoInfo
  /** Frame size the detector saw. */
  analysisWidth: number
  analysisHeight: number
  detector: DetectorInfo
  tracker: TrackerSettings
  tracks: Track[]
  motion: MotionTrack | null
  timings: AnalysisTimings
}

export interface Progress {
  phase: 'loading-models' | 'analyzing' | 'thumbnails' | 'rendering' | 'finishing'
  framesDone: number
  framesTotal: number
  /** Estimated time left in this phase; null until there is enough to go by. */
  etaMs: number | null
}

export type ProgressListener = (progress: Progress) => void
