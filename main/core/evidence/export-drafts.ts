// The wizard's drafts: scope (cameras and range, with holds placed at once), the people found in each
// camera's clip, and the redacted working copies rendered with the user's choice. A draft lives in memory
// and in a folder under exports/drafts/ until it is confirmed (the package takes over) or cancelled.
import { randomUUID } from 'node:crypto'
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import {
  VigilError,
  exportPreviewPath,
  type ErrorPayload,
  type ExportDraft,
  type ExportProgress,
  type ManualRegion,
  type RedactionTrack
} from '../../contract'
import type { SegmentsRepo } from '../db'
import type { Logger } from '../host'
import type { FfmpegTools } from '../media/ffmpeg-locator'
import { localDateTime } from '../local-time'
import { analyzeClip, clipFromIndex, RedactionError, renderRedaction, type Analysis, type ClipInput, type RedactionReport } from '../redaction'
import type { ManualRegion as EngineRegion } from '../redaction'
import { runToCompletion } from '../media/process-runner'
import { drawtextProbeArgs } from '../redaction/ffmpeg-args'
import type { HoldBook } from './hold-book'

/** A request usually concerns minutes; a longer range gets a warning in the wizard. */
const LONG_RANGE_MS = 30 * 60_000

export interface CameraClip {
  cameraId: string
  input: ClipInput
  /** The files the clip is cut from, with their place in the index (for the originals in the package). */
  segments: { id: number; file: string; start: number; end: number; sha256: string }[]
  analysis: Analysis | null
  report: RedactionReport | null
  /** The redacted working copy. */
  redacted: string | null
}

export interface DraftState {
  draft: ExportDraft
  dir: string
  clips: Map<string, CameraClip>
  abort: AbortController
  work: Promise<void> | null
}

export interface ExportDraftsDeps {
  dataDir: string
  recordingsDir: string
  segments: SegmentsRepo
  holds: HoldBook
  tools: FfmpegTools
  knownCamera(cameraId: string): void
  cameraName(cameraId: string): string
  logger: Logger
  /** Options for the engine (tests use smaller settings). */
  analyze?: { workers?: number; detectFps?: number }
  onChanged(draft: ExportDraft): void
  onProgress(progress: ExportProgress): void
}

export class ExportDrafts {
  private readonly drafts = new Map<string, DraftState>()

  constructor(private readonly deps: ExportDraftsDeps) {}

  /** Step 2: the scope. Refuses a range the recordings do not cover, then places one hold per camera. */
  create(scope: { cameraIds: string[]; from: number; to: number; reason?: string }): ExportDraft {
    const cameraIds = [...new Set(scope.cameraIds)]
    const clips = new Map<string, CameraClip>()
    for (const cameraId of cameraIds) {
      this.deps.knownCamera(cameraId)
      const indexed = this.deps.segments.inRange(cameraId, scope.from, scope.to).filter((s) => !s.missing)
      const files = indexed.map((s) => ({ id: s.id, file: join(this.deps.recordingsDir, s.path), start: s.start, end: s.end, sha256: s.sha256 }))
      const uncovered = uncoveredScope(this.deps.cameraName(cameraId), files, scope.from, scope.to)
      if (uncovered) throw new VigilError('VALIDATION', uncovered.message, { [uncovered.field]: uncovered.message })
      let input: ClipInput
      try {
        input = clipFromIndex(files, scope.from, scope.to)
      } catch (error) {
        if (error instanceof RedactionError) throw new VigilError('VALIDATION', `Camera "${this.deps.cameraName(cameraId)}": ${error.message}`, { from: error.message })
        throw error
      }
      clips.set(cameraId, { cameraId, input, segments: files, analysis: null, report: null, redacted: null })
    }
    const id = randomUUID()
    const reason = scope.reason ?? `Evidence export ${id.slice(0, 8)} in preparation`
    const holdIds = cameraIds.map((cameraId) => this.deps.holds.place(cameraId, scope.from, scope.to, reason).id)
    const dir = join(this.deps.dataDir, 'exports', 'drafts', id)
    mkdirSync(dir, { recursive: true })
    const draft: ExportDraft = {
      id,
      cameraIds,
      from: scope.from,
      to: scope.to,
      holdIds,
      createdAt: Date.now(),
      stage: 'scope',
      error: null,
      longRange: scope.to - scope.from > LONG_RANGE_MS,
      tracks: [],
      rendered: null,
      previews: [],
      result: null
    }
    this.drafts.set(id, { draft, dir, clips, abort: new AbortController(), work: null })
    return draft
  }

  get(id: string): ExportDraft {
    return this.state(id).draft
  }

  state(id: string): DraftState {
    const state = this.drafts.get(id)
    if (!state) throw new VigilError('NOT_FOUND', 'This export is no longer open (it was confirmed, cancelled, or Vigil restarted)')
    return state
  }

  /** Step 3a: finds the people in each camera's clip, in the background. */
  analyze(id: string): ExportDraft {
    const state = this.state(id)
    this.idle(state)
    this.update(state, { stage: 'analyzing', error: null })
    state.work = this.run(state, 'analyzed', async () => {
      const tracks: RedactionTrack[] = []
      for (const clip of state.clips.values()) {
        clip.analysis = await analyzeClip(
          clip.input,
          { tools: this.deps.tools, signal: state.abort.signal, workers: this.deps.analyze?.workers, detectFps: this.deps.analyze?.detectFps },
          (progress) => this.deps.onProgress({ draftId: id, cameraId: clip.cameraId, ...progress })
        )
        for (const track of clip.analysis.tracks) {
          tracks.push({
            key: `${clip.cameraId}#${track.id}`,
            cameraId: clip.cameraId,
            trackId: track.id,
            kind: track.kind,
            label: track.label,
            start: state.draft.from + track.startMs,
            end: state.draft.from + track.endMs,
            thumbnail: track.thumbnail
          })
        }
      }
      this.update(state, { tracks })
    })
    return state.draft
  }

  /** Step 3b: renders each camera's redacted working copy with the chosen people kept. */
  render(id: string, choice: { keep: string[]; effect: 'pixelate' | 'fill'; regions: ManualRegion[]; redactMoving: boolean }): ExportDraft {
    const state = this.state(id)
    this.idle(state)
    const known = new Set(state.draft.tracks.map((track) => track.key))
    const unknown = choice.keep.filter((key) => !known.has(key))
    if (state.draft.tracks.length === 0 && [...state.clips.values()].some((clip) => !clip.analysis)) {
      throw new VigilError('VALIDATION', 'Find the people in the clip first (analysis has not run)')
    }
    if (unknown.length > 0) throw new VigilError('VALIDATION', `Unknown person ${unknown.join(', ')}: choose from the list`, { keep: 'Choose from the list' })
    this.update(state, { stage: 'rendering', error: null })
    state.work = this.run(state, 'rendered', async () => {
      for (const clip of state.clips.values()) {
        const analysis = clip.analysis!
        const out = join(state.dir, `redacted-${clip.cameraId}.mp4`)
        const regions = choice.regions.filter((r) => r.cameraId === clip.cameraId).map((r) => engineRegion(r, state.draft.from, analysis))
        const keep = choice.keep.filter((key) => key.startsWith(`${clip.cameraId}#`)).map((key) => Number(key.slice(key.lastIndexOf('#') + 1)))
        clip.report = await renderRedaction(
          clip.input,
          analysis,
          { keep, effect: choice.effect, regions, redactMoving: choice.redactMoving },
          out,
          {
            tools: this.deps.tools,
            signal: state.abort.signal,
            ...((await this.canCaption()) ? { caption: { label: this.deps.cameraName(clip.cameraId), startEpochMs: state.draft.from } } : {})
          },
          (progress) => this.deps.onProgress({ draftId: id, cameraId: clip.cameraId, ...progress })
        )
        clip.redacted = out
      }
      this.update(state, {
        rendered: { ...choice, regions: [...choice.regions] },
        previews: state.draft.cameraIds.map((cameraId) => ({ cameraId, url: exportPreviewPath(id, cameraId) }))
      })
    })
    return state.draft
  }

  /** The redacted working copy of a draft, for the preview route; null for anything else. */
  previewFile(id: string, cameraId: string): string | null {
    return this.drafts.get(id)?.clips.get(cameraId)?.redacted ?? null
  }

  update(state: DraftState, change: Partial<ExportDraft>): void {
    state.draft = { ...state.draft, ...change }
    this.deps.onChanged(state.draft)
  }

  /** Leaves no package and no log entry; the holds stay until the user releases them. */
  async cancel(id: string): Promise<void> {
    const state = this.state(id)
    state.abort.abort()
    await state.work?.catch(() => undefined)
    this.drafts.delete(id)
    this.update(state, { stage: 'cancelled' })
    rmSync(state.dir, { recursive: true, force: true })
  }

  /** Forgets a confirmed draft; its folder goes, the package has its own copies. */
  finish(id: string): void {
    const state = this.drafts.get(id)
    if (!state) return
    this.drafts.delete(id)
    rmSync(state.dir, { recursive: true, force: true })
  }

  async stopAll(): Promise<void> {
    for (const id of [...this.drafts.keys()]) await this.cancel(id).catch(() => undefined)
  }

  private captionCheck: Promise<boolean> | null = null

  /** Whether this ffmpeg can burn in the caption (drawtext and a font); asked once. */
  private canCaption(): Promise<boolean> {
    this.captionCheck ??= runToCompletion(this.deps.tools.ffmpeg, drawtextProbeArgs(), 15_000).then((result) => {
      if (result.code !== 0) this.deps.logger.warn('ffmpeg cannot draw text here: working copies get no burned-in camera name and time')
      return result.code === 0
    })
    return this.captionCheck
  }

  private idle(state: DraftState): void {
    if (state.draft.stage === 'analyzing' || state.draft.stage === 'rendering' || state.draft.stage === 'packaging') {
      throw new VigilError('VALIDATION', 'This export is still working; wait for it to finish')
    }
  }

  private run(state: DraftState, done: ExportDraft['stage'], work: () => Promise<void>): Promise<void> {
    return work().then(
      () => this.update(state, { stage: done }),
      (error: unknown) => {
        if (state.abort.signal.aborted) return
        this.deps.logger.warn(`export ${state.draft.id}: ${error instanceof Error ? error.message : String(error)}`)
        this.update(state, { stage: 'failed', error: payloadOf(error) })
      }
    )
  }
}

/** A region from the UI (relative box, wall-clock times) in the engine's terms (pixels, ms into the clip). */
function engineRegion(region: ManualRegion, clipStart: number, analysis: Analysis): EngineRegion {
  const { width, height } = analysis.video
  return {
    label: region.label,
    keyframes: [{ atMs: 0, box: { x: region.box.x * width, y: region.box.y * height, w: region.box.w * width, h: region.box.h * height } }],
    ...(region.from !== null ? { fromMs: Math.max(0, region.from - clipStart) } : {}),
    ...(region.to !== null ? { toMs: Math.max(0, region.to - clipStart) } : {})
  }
}

function payloadOf(error: unknown): ErrorPayload {
  if (error instanceof VigilError) return error.toPayload()
  if (error instanceof RedactionError) return { code: 'VALIDATION', message: error.message }
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) }
}

/**
 * Why a camera's recordings do not cover the range, in the user's terms: which camera, and where its footage
 * starts or ends (local time), on the field to change. null when covered (the engine checks the pieces).
 */
export function uncoveredScope(
  camera: string,
  segments: readonly { start: number; end: number }[],
  from: number,
  to: number
): { field: 'cameraIds' | 'from' | 'to'; message: string } | null {
  const beyond = 'the range reaches beyond the recordings'
  if (segments.length === 0) {
    return { field: 'cameraIds', message: `"${camera}" recorded nothing from ${localDateTime(from)} to ${localDateTime(to)}: ${beyond}` }
  }
  const first = Math.min(...segments.map((s) => s.start))
  const last = Math.max(...segments.map((s) => s.end))
  if (from < first) return { field: 'from', message: `The recordings of "${camera}" in this range start at ${localDateTime(first)}: ${beyond}` }
  if (to > last) return { field: 'to', message: `The recordings of "${camera}" in this range end at ${localDateTime(last)}: ${beyond}` }
  return null
}
