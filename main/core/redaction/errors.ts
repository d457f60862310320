// Redaction errors carry a stable code (the UI translates it, scripts match it) and a message that says
// what was expected, so a user can act on it without reading logs.

export const REDACTION_ERROR_CODES = [
  /** The input file is missing, unreadable, or not media ffprobe understands. */
  'REDACT_INPUT_UNREADABLE',
  /** The input has no video stream (an audio-only file, say). */
  'REDACT_NO_VIDEO',
  /** The clip holds no frames (zero length, or in and out points that meet). */
  'REDACT_EMPTY_CLIP',
  /** The requested span reaches before the first or after the last indexed segment. */
  'REDACT_CLIP_OUT_OF_INDEX',
  /** A track id to keep does not exist in the analysis. */
  'REDACT_UNKNOWN_TRACK',
  /** A policy value is malformed (a region without keyframes, an unknown effect). */
  'REDACT_INVALID_POLICY',
  /** The analysis was made for other input files or other frames than the ones being rendered. */
  'REDACT_ANALYSIS_MISMATCH',
  /** The output path cannot be used (it is one of the originals, or its folder does not exist). */
  'REDACT_OUTPUT_INVALID',
  /** ffmpeg failed while decoding or encoding. */
  'REDACT_FFMPEG_FAILED',
  /** The detection models could not be loaded or run. */
  'REDACT_DETECTOR_FAILED',
  /** The caller aborted the job. */
  'REDACT_CANCELLED'
] as const

export type RedactionErrorCode = (typeof REDACTION_ERROR_CODES)[number]

export class RedactionError extends Error {
  constructor(
    readonly code: RedactionErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'RedactionError'
  }
}

/** Throws REDACT_CANCELLED when the signal has fired; called between frames so a cancel lands quickly. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new RedactionError('REDACT_CANCELLED', 'Redaction was cancelled')
}
