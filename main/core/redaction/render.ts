// Pass 2: the redacted working copy. ffmpeg decodes the clip at full size to yuv420p; each frame gets the
// effect on every box the policy says to cover; a second ffmpeg encodes the frames (H.264, same size and
// rate) together with the clip's audio into a temporary file next to the output, which is renamed only
// when everything succeeded. A failure or a cancel leaves no output file; the originals are only read.
import { randomBytes } from 'node:crypto'
import { existsSync, statSync } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { locateFfmpeg } from '../media/ffmpeg-locator'
import { sha256File } from '../recorder/segment-indexer'
import { fill, pixelate, type YuvFrame } from './effects'
import { RedactionError, throwIfAborted } from './errors'
import { DEFAULT_ENCODER, decodeArgs, encodeArgs, type Caption, type EncoderSettings } from './ffmpeg-args'
import { readFrames, startFfmpeg, writeFrame, type FfmpegRun } from './ffmpeg-process'
import { FramePlanner, keptTouched, resolvePolicy, type RedactionPolicy } from './policy'
import { ProgressMeter, type Clock } from './progress'
import { ReportBuilder, type RedactionReport, type RenderTimings } from './report'
import { planClip, type ClipPlan, type FfmpegPaths } from './source'
import type { Analysis, ClipInput, ProgressListener } from './types'

export interface RenderOptions {
  /** Camera name and time burned into the picture (see captionFilter); left out where drawtext cannot run. */
  caption?: Caption
  tools?: FfmpegPaths
  encoder?: Partial<EncoderSettings>
  signal?: AbortSignal
  now?: Clock
}

/** The output must go into an existing folder and must not be one of the originals. */
function checkOutput(outFile: string, plan: ClipPlan): string {
  const target = resolve(outFile)
  if (!existsSync(dirname(target)) || !statSync(dirname(target)).isDirectory()) {
    throw new RedactionError('REDACT_OUTPUT_INVALID', `The output folder "${dirname(target)}" does not exist`)
  }
  if (plan.pieces.some((p) => resolve(p.file) === target)) {
    throw new RedactionError('REDACT_OUTPUT_INVALID', `The output "${target}" is one of the originals, which are never changed: choose another file name`)
  }
  return target
}

/** The analysis must describe exactly these files (unchanged since) and this frame geometry. */
function checkAnalysisMatches(analysis: Analysis, plan: ClipPlan): void {
  const describe = (s: { file: string; bytes: number; mtimeMs: number; inMs: number | null; outMs: number | null }) =>
    `${resolve(s.file)}|${s.bytes}|${s.mtimeMs}|${s.inMs ?? ''}|${s.outMs ?? ''}`
  const expected = analysis.source.map(describe).join('\n')
  const actual = plan.source.map(describe).join('\n')
  if (expected !== actual) {
    throw new RedactionError('REDACT_ANALYSIS_MISMATCH', 'The analysis was made for other input files (or they changed since): analyse this clip again')
  }
  const v = analysis.video
  if (v.width !== plan.width || v.height !== plan.height || v.fps !== plan.fps) {
    throw new RedactionError('REDACT_ANALYSIS_MISMATCH', `The analysis describes ${v.width}x${v.height} at ${v.fps} fps, the clip is ${plan.width}x${plan.height} at ${plan.fps}`)
  }
}

/** Throws REDACT_ANALYSIS_MISMATCH unless the analysis was made for this clip as it is now. */
export async function verifyAnalysisFor(input: ClipInput, analysis: Analysis, tools: FfmpegPaths): Promise<void> {
  checkAnalysisMatches(analysis, await planClip(input, tools))
}

export async function renderRedaction(
  input: ClipInput,
  analysis: Analysis,
  policy: RedactionPolicy,
  outFile: string,
  options: RenderOptions = {},
  onProgress?: ProgressListener
): Promise<RedactionReport> {
  const now = options.now ?? Date.now
  const startedAt = performance.now()
  const resolved = resolvePolicy(policy, analysis)
  const tools = options.tools ?? locateFfmpeg()
  const plan = await planClip(input, tools)
  checkAnalysisMatches(analysis, plan)
  const target = checkOutput(outFile, plan)
  throwIfAborted(options.signal)

  const encoder = { ...DEFAULT_ENCODER, ...options.encoder }
  // Hidden, unique and in the same folder: rename() is then atomic, and a crash leaves an obvious leftover.
  const partial = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.partial`)
  const { width, height } = analysis.video
  let decoder: FfmpegRun | null = null
  let encoderRun: FfmpegRun | null = null
  const abort = () => {
    decoder?.kill()
    encoderRun?.kill()
  }
  options.signal?.addEventListener('abort', abort)
  try {
    decoder = startFfmpeg(tools.ffmpeg, decodeArgs(plan, { width, height, pixFmt: 'yuv420p' }))
    encoderRun = startFfmpeg(tools.ffmpeg, encodeArgs({ ...plan, audio: plan.hasAudio, caption: options.caption }, encoder, partial))
    const planner = new FramePlanner(analysis, resolved)
    const report = new ReportBuilder(analysis, resolved)
    const meter = new ProgressMeter(onProgress, 'rendering', analysis.video.frameCount, now)
    const timings = { decodeWaitMs: 0, effectMs: 0, encodeWaitMs: 0 }
    const frames = readFrames(decoder.child.stdout, (width * height * 3) / 2)[Symbol.asyncIterator]()
    let frame = 0
    let encoderGone = false
    for (;;) {
      const waitStarted = performance.now()
      const next = await frames.next()
      timings.decodeWaitMs += performance.now() - waitStarted
      if (next.done) break
      throwIfAborted(options.signal)
      if (frame >= analysis.video.frameCount) {
        throw new RedactionError('REDACT_ANALYSIS_MISMATCH', `The clip has more frames than the analysis (${analysis.video.frameCount}): analyse it again`)
      }
      const paintStarted = performance.now()
      const image: YuvFrame = { data: next.value, width, height }
      const framePlan = planner.plan(frame)
      for (const job of framePlan.paint) {
        if (resolved.effect === 'fill') fill(image, job.rect, resolved.fillYuv, job.exclude)
        else pixelate(image, job.rect, job.block, job.exclude)
      }
      report.record(frame, framePlan, resolved.keep.filter((id) => keptTouched(framePlan, id)))
      timings.effectMs += performance.now() - paintStarted
      const writeStarted = performance.now()
      const written = await writeFrame(encoderRun.child.stdin, next.value)
      timings.encodeWaitMs += performance.now() - writeStarted
      if (!written) {
        encoderGone = true
        break
      }
      frame++
      meter.send(frame)
    }
    encoderRun.child.stdin.end()
    if (encoderGone) {
      // Nobody reads the decoder any more: stop it, and report why the encoder stopped.
      decoder.kill()
      const encoded = await encoderRun.finished
      throw new RedactionError('REDACT_FFMPEG_FAILED', `ffmpeg stopped encoding the working copy: ${encoded.reason}`)
    }
    const [decoded, encoded] = await Promise.all([decoder.finished, encoderRun.finished])
    throwIfAborted(options.signal)
    if (decoded.code !== 0) throw new RedactionError('REDACT_FFMPEG_FAILED', `ffmpeg could not decode the clip: ${decoded.reason}`)
    if (encoded.code !== 0) throw new RedactionError('REDACT_FFMPEG_FAILED', `ffmpeg could not encode the working copy: ${encoded.reason}`)
    if (frame !== analysis.video.frameCount) {
      throw new RedactionError('REDACT_ANALYSIS_MISMATCH', `The clip decoded to ${frame} frames, the analysis has ${analysis.video.frameCount}: analyse it again`)
    }
    meter.finish(frame)
    onProgress?.({ phase: 'finishing', framesDone: frame, framesTotal: frame, etaMs: null })
    await rename(partial, target)
    const renderTimings: RenderTimings = {
      ...timings,
      wallMs: performance.now() - startedAt,
      decoderCpuMs: decoded.cpuMs,
      encoderCpuMs: encoded.cpuMs,
      encoderMaxRssKb: encoded.maxRssKb
    }
    const output = {
      file: target,
      bytes: statSync(target).size,
      sha256: await sha256File(target),
      width,
      height,
      fps: analysis.video.fps,
      frames: frame,
      durationMs: analysis.video.durationMs,
      audio: plan.hasAudio
    }
    return report.build(output, encoder, renderTimings, new Date(now()).toISOString())
  } catch (error) {
    abort()
    await Promise.all([decoder?.finished, encoderRun?.finished])
    await rm(partial, { force: true })
    if (options.signal?.aborted) throw new RedactionError('REDACT_CANCELLED', 'Rendering was cancelled; no output was written')
    throw error
  } finally {
    options.signal?.removeEventListener('abort', abort)
  }
}
