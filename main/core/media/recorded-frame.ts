// One recorded frame as a picture: what the export wizard's region editor draws on, so a rectangle over a
// licence plate is placed on the footage being exported, not on what the camera sees today.
import { join } from 'node:path'
import { VigilError, type Snapshot } from '../../contract'
import type { SegmentsRepo } from '../db'
import { localDateTime } from '../local-time'
import { frameAtArgs } from './record-args'
import { runToCompletion } from './process-runner'

export interface RecordedFrameDeps {
  segments: SegmentsRepo
  recordingsDir: string
  ffmpeg: string
}

const localTime = (epochMs: number) => localDateTime(epochMs, true)

const FRAME_TIMEOUT_MS = 15_000
const SEEK_BACK_SEC = [0, 0.1, 0.3, 0.7, 1.5]

/** The frame recorded at `at` by a camera (takenAt = at), or NOT_FOUND naming the instant. */
export async function recordedFrame(deps: RecordedFrameDeps, cameraId: string, at: number): Promise<Snapshot> {
  const segment = deps.segments.locate(cameraId, at)
  // locate() also answers with the next segment after a gap; a picture from another time would mislead.
  if (!segment || segment.start > at || segment.end <= at) {
    throw new VigilError('NOT_FOUND', `Nothing was recorded at ${localTime(at)} on this camera`)
  }
  if (segment.missing) throw new VigilError('NOT_FOUND', `The recording of ${localTime(at)} is no longer on disk`)
  const file = join(deps.recordingsDir, segment.path)
  const offsetSec = (at - segment.start) / 1000
  let reason = ''
  // The segment's index time runs to where the next one starts, its last frame a frame-interval earlier:
  // an instant after that last frame shows it, found by seeking a little earlier (cameras at 1 fps, too).
  for (const backSec of SEEK_BACK_SEC) {
    const result = await runToCompletion(deps.ffmpeg, frameAtArgs(file, Math.max(0, offsetSec - backSec)), FRAME_TIMEOUT_MS)
    if (result.code === 0 && result.stdout.length > 0) return { cameraId, takenAt: at, jpegBase64: result.stdout.toString('base64') }
    if (result.timedOut || result.code !== 0) {
      reason = result.timedOut ? `ffmpeg took longer than ${FRAME_TIMEOUT_MS / 1000} s` : result.stderr.trim().split('\n').pop() || `ffmpeg exit code ${result.code}`
      break
    }
    reason = 'no frame at or before that moment in its file'
  }
  throw new VigilError('INTERNAL', `The recording of ${localTime(at)} could not be read (${reason})`)
}
