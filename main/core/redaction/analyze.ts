// Pass 1: find every person in a clip. ffmpeg decodes the clip at a reduced size to RGB over a pipe; every
// k-th frame goes to the detector (a worker thread by default, so decoding and detecting overlap on two
// cores); detections become tracks; every frame also feeds the coarse motion mask. The result is plain
// JSON: it can be saved, shown in the wizard (tracks with thumbnails and time spans) and rendered later
// without detecting again.
import { availableParallelism } from 'node:os'
import { locateFfmpeg } from '../media/ffmpeg-locator'
import { createDetectionPool, type DetectionPool, type DetectionResult } from './detection-pool'
import { DEFAULT_DETECTOR_SETTINGS, type DetectorSettings } from './detector'
import { RedactionError, throwIfAborted } from './errors'
import { decodeArgs } from './ffmpeg-args'
import { readFrames, startFfmpeg, type FfmpegRun } from './ffmpeg-process'
import { roundBox, scaleBox, type Box } from './geometry'
import { groupDetections } from './grouping'
import { DEFAULT_MOTION, MotionMask } from './motion-mask'
import { ProgressMeter, type Clock } from './progress'
import { estimatedFrames, planClip, type ClipPlan, type FfmpegPaths } from './source'
import { cropThumbnail, encodeThumbnails, thumbnailQuality } from './thumbnails'
import { completeTrack, trackerSettingsFor } from './track-timeline'
import { Tracker } from './tracker'
import type { Analysis, AnalysisTimings, ClipInput, MotionTrack, ProgressListener } from './types'

export interface AnalyzeOptions {
  /** ffmpeg and ffprobe; found like the recorder finds them when left out. */
  tools?: FfmpegPaths
  detector?: Partial<DetectorSettings>
  /** Detector runs per second of video (default 5); sets the interval k = round(fps / detectFps). */
  detectFps?: number
  /** The interval k itself, overriding detectFps (1 = every frame). */
  detectEvery?: number
  /** Longest side of the frames the detector sees (default 640, never enlarged). The models scale to 512 or 256 anyway. */
  analysisSize?: number
  /** Detector threads (default: one per core, at most 4; 0 = on the calling thread). */
  workers?: number
  /** Compute the moving-area mask for the safety-net mode (default true; costs well under 1 ms a frame). */
  motion?: boolean
  signal?: AbortSignal
  now?: Clock
}

export const DEFAULT_DETECT_FPS = 5
/**
 * Each detector thread runs one single-threaded wasm model at a time, so on two cores two workers detect
 * twice as fast as one while ffmpeg's decoding fits in between (bench/results/redact.md). Each costs about
 * 100 MiB of memory, hence the cap.
 */
export const defaultWorkers = () => Math.max(1, Math.min(4, availableParallelism()))
export const DEFAULT_ANALYSIS_SIZE = 640

const even = (v: number) => Math.max(2, Math.round(v / 2) * 2)

/** Frame size for the detector: the clip's, shrunk so its longer side is at most `longest`. */
export function analysisFrameSize(width: number, height: number, longest: number): { width: number; height: number } {
  const scale = Math.min(1, longest / Math.max(width, height))
  return scale === 1 ? { width, height } : { width: even(width * scale), height: even(height * scale) }
}

export function detectionInterval(fps: number, options: Pick<AnalyzeOptions, 'detectEvery' | 'detectFps'>): number {
  if (options.detectEvery !== undefined) return Math.max(1, Math.round(options.detectEvery))
  return Math.max(1, Math.round(fps / (options.detectFps ?? DEFAULT_DETECT_FPS)))
}

interface InFlight {
  frame: number
  rgb: Buffer
  result: Promise<DetectionResult>
}

interface BestCrop {
  quality: number
  pixels: Uint8Array
}

export async function analyzeClip(input: ClipInput, options: AnalyzeOptions = {}, onProgress?: ProgressListener): Promise<Analysis> {
  const now = options.now ?? Date.now
  const startedAt = performance.now()
  const tools = options.tools ?? locateFfmpeg()
  const plan = await planClip(input, tools)
  throwIfAborted(options.signal)
  const detectEvery = detectionInterval(plan.fpsValue, options)
  const size = analysisFrameSize(plan.width, plan.height, options.analysisSize ?? DEFAULT_ANALYSIS_SIZE)
  const detectorSettings = { ...DEFAULT_DETECTOR_SETTINGS, ...options.detector }

  onProgress?.({ phase: 'loading-models', framesDone: 0, framesTotal: estimatedFrames(plan), etaMs: null })
  const loadStarted = performance.now()
  const pool = await createDetectionPool(detectorSettings, options.workers ?? defaultWorkers())
  const modelLoadMs = performance.now() - loadStarted
  let decoder: FfmpegRun | null = null
  const abort = () => {
    decoder?.kill()
    void pool.close()
  }
  options.signal?.addEventListener('abort', abort)
  try {
    decoder = startFfmpeg(tools.ffmpeg, decodeArgs(plan, { ...size, pixFmt: 'rgb24' }))
    const passed = await detectAll(plan, size, detectEvery, pool, decoder, options, now, onProgress)
    const exit = await decoder.finished
    throwIfAborted(options.signal)
    if (exit.code !== 0) throw new RedactionError('REDACT_FFMPEG_FAILED', `ffmpeg could not decode the clip: ${exit.reason}`)
    if (passed.frameCount === 0) throw new RedactionError('REDACT_EMPTY_CLIP', 'The clip has no video frames')

    const thumbStarted = performance.now()
    onProgress?.({ phase: 'thumbnails', framesDone: passed.frameCount, framesTotal: passed.frameCount, etaMs: null })
    const tracks = passed.tracker.finish().map((core) => completeTrack(core, passed.trackerSettings, passed.frameCount, plan.fpsValue))
    const pictured = tracks.filter((t) => passed.crops.has(t.id))
    const thumbnails = await encodeThumbnails(tools.ffmpeg, pictured.map((t) => passed.crops.get(t.id)!.pixels))
    pictured.forEach((track, i) => (track.thumbnail = thumbnails[i] ?? null))

    const timings: AnalysisTimings = {
      ...passed.timings,
      thumbnailMs: performance.now() - thumbStarted,
      modelLoadMs,
      wallMs: performance.now() - startedAt,
      workers: pool.workers,
      ffmpegCpuMs: exit.cpuMs
    }
    return {
      format: 'vigil-redaction-analysis',
      version: 1,
      createdAt: new Date(now()).toISOString(),
      source: plan.source,
      video: {
        width: plan.width,
        height: plan.height,
        sourceWidth: plan.sourceWidth,
        sourceHeight: plan.sourceHeight,
        fps: plan.fps,
        fpsValue: plan.fpsValue,
        frameCount: passed.frameCount,
        durationMs: Math.round((passed.frameCount / plan.fpsValue) * 1000),
        hasAudio: plan.hasAudio
      },
      analysisWidth: size.width,
      analysisHeight: size.height,
      detector: pool.info,
      tracker: passed.trackerSettings,
      tracks,
      motion: passed.motion,
      timings
    }
  } catch (error) {
    decoder?.kill()
    if (options.signal?.aborted) throw new RedactionError('REDACT_CANCELLED', 'Analysis was cancelled')
    throw error
  } finally {
    options.signal?.removeEventListener('abort', abort)
    await pool.close()
  }
}

/** The frame loop: decode, feed motion mask and detector, track in frame order. */
async function detectAll(
  plan: ClipPlan,
  size: { width: number; height: number },
  detectEvery: number,
  pool: DetectionPool,
  decoder: FfmpegRun,
  options: AnalyzeOptions,
  now: Clock,
  onProgress: ProgressListener | undefined
) {
  const toSource = (b: Box) => roundBox(scaleBox(b, plan.width / size.width, plan.height / size.height))
  const trackerSettings = trackerSettingsFor(plan.fpsValue, detectEvery)
  const tracker = new Tracker(trackerSettings)
  const crops = new Map<number, BestCrop>()
  const mask = options.motion === false ? null : new MotionMask(size.width, size.height)
  const motionFrames: number[][] = []
  const timings = { decodeWaitMs: 0, detectMs: 0, trackMs: 0, motionMs: 0, detectedFrames: 0 }
  const meter = new ProgressMeter(onProgress, 'analyzing', estimatedFrames(plan), now)
  // Two frames per worker in flight: the worker never waits for the next frame, memory stays small.
  const maxInFlight = Math.max(1, pool.workers * 2)
  const inFlight: InFlight[] = []

  const settleOldest = async () => {
    const job = inFlight.shift()!
    const { detections, ms } = await job.result
    const tracked = performance.now()
    timings.detectMs += ms
    timings.detectedFrames++
    const observations = groupDetections(detections)
    const ids = tracker.step(job.frame, observations.map((o) => ({ ...o, box: toSource(o.box), ...(o.faceBox ? { faceBox: toSource(o.faceBox) } : {}) })))
    observations.forEach((o, i) => {
      const quality = thumbnailQuality(o.score, o.box)
      if ((crops.get(ids[i])?.quality ?? -1) < quality) crops.set(ids[i], { quality, pixels: cropThumbnail(job.rgb, size.width, size.height, o.box) })
    })
    timings.trackMs += performance.now() - tracked
  }

  const frames = readFrames(decoder.child.stdout, size.width * size.height * 3)[Symbol.asyncIterator]()
  let frame = 0
  for (;;) {
    const waitStarted = performance.now()
    const next = await frames.next()
    timings.decodeWaitMs += performance.now() - waitStarted
    if (next.done) break
    throwIfAborted(options.signal)
    const rgb = next.value
    if (mask) {
      const motionStarted = performance.now()
      const moving = mask.update(rgb)
      if (moving.length) motionFrames.push([frame, ...moving.map(toSource).flatMap((b) => [b.x, b.y, b.w, b.h])])
      timings.motionMs += performance.now() - motionStarted
    }
    if (frame % detectEvery === 0) {
      // The detector may take ownership of the buffer it gets; the original stays here for thumbnails.
      const result = pool.detect(new Uint8Array(rgb), size.width, size.height)
      // Awaited in order below; if an earlier frame fails, this one's rejection must not go unhandled.
      result.catch(() => {})
      inFlight.push({ frame, rgb, result })
      while (inFlight.length >= maxInFlight) await settleOldest()
    }
    frame++
    meter.send(frame)
  }
  while (inFlight.length) await settleOldest()
  meter.finish(frame)
  const motion: MotionTrack | null = mask
    ? { cellWidth: (DEFAULT_MOTION.cell * plan.width) / size.width, cellHeight: (DEFAULT_MOTION.cell * plan.height) / size.height, frames: motionFrames }
    : null
  return { frameCount: frame, tracker, trackerSettings, crops, motion, timings }
}
