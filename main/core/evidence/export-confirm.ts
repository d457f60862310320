// Step 5 of the wizard: the request is checked against its legal basis, the export is written to the log,
// and the package is built, signed and sealed in the log. Nothing leaves the machine by any other path.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { VigilError, packageZipPath, type ExportResult, type Language } from '../../contract'
import type { Logger } from '../host'
import type { CameraClip, DraftState, ExportDrafts } from './export-drafts'
import type { ExportLog } from './export-log'
import { legalBasis, validateRequest, type Jurisdiction } from './legal-bases'
import type { RedactionReport as ManifestRedaction } from './manifest'
import { localExporter, writePackage, type PackageMedia } from './package-writer'
import type { InstallationKey } from './signing-key'

export interface ConfirmRequest {
  id: string
  jurisdiction: Jurisdiction
  basis: string
  request: Record<string, string>
  includeOriginals: boolean
  includeSnapshots: boolean
  zipPassphrase: string | null
  language: Language
}

export interface ExportConfirmDeps {
  drafts: ExportDrafts
  log: ExportLog
  key: InstallationKey
  exportsDir: string
  timeZone: string
  softwareVersion: string
  headless: boolean
  camera(cameraId: string): { name: string; location: string }
  /** A JPEG still from a media file at an offset (for the snapshots in the package). */
  still(file: string, atMs: number): Promise<Buffer>
  logger: Logger
  onLogged(): void
}

export async function confirmExport(deps: ExportConfirmDeps, params: ConfirmRequest): Promise<ExportResult> {
  const state = deps.drafts.state(params.id)
  if (state.draft.stage !== 'rendered') {
    throw new VigilError('VALIDATION', 'Render the redacted working copy first (step 3), then confirm')
  }
  const checked = validateRequest(params.jurisdiction, params.basis, params.request)
  if (!checked.ok) {
    const fields = Object.fromEntries(checked.errors.map((error) => [error.field, error.message[params.language]]))
    throw new VigilError('VALIDATION', checked.errors.map((error) => error.message.en).join('; '), fields)
  }
  const basis = legalBasis(params.jurisdiction, params.basis)!
  const clips = [...state.clips.values()]
  const packageId = `${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`
  const cameras = state.draft.cameraIds.map((id) => ({ id, ...deps.camera(id) }))
  const kept = state.draft.rendered?.keep ?? []
  const exporter = localExporter()

  deps.drafts.update(state, { stage: 'packaging' })
  try {
    // Logged before the package exists: a failure while building still leaves a trace of the attempt.
    const entry = deps.log.append('export', {
      packageId,
      basis: { jurisdiction: params.jurisdiction, code: params.basis },
      request: params.request,
      recipient: params.request.requesterName ?? '',
      cameras: cameras.map(({ id, name }) => ({ id, name })),
      range: { from: state.draft.from, to: state.draft.to },
      contents: { originals: params.includeOriginals, redacted: true, snapshots: params.includeSnapshots },
      keptTracks: kept.map((key) => ({ cameraId: key.slice(0, key.lastIndexOf('#')), trackId: Number(key.slice(key.lastIndexOf('#') + 1)) })),
      exportedBy: exporter.osUser,
      softwareVersion: deps.softwareVersion
    })
    deps.onLogged()
    const media = await packageMedia(deps, state, clips, params)
    const written = await writePackage({
      outDir: deps.exportsDir,
      packageId,
      media,
      key: deps.key,
      language: params.language,
      ...(params.zipPassphrase ? { zip: { passphrase: params.zipPassphrase } } : {}),
      manifestInput: {
        createdAt: new Date(),
        software: { name: 'Vigil', version: deps.softwareVersion, platform: `${process.platform} ${process.arch}` },
        exportedBy: exporter,
        timeZone: deps.timeZone,
        range: { start: new Date(state.draft.from), end: new Date(state.draft.to) },
        clock: {
          synchronised: null,
          offsetMs: null,
          reference: null,
          checkedAt: null,
          note: 'Segment times are this machine\'s wall clock when the pictures arrived; the clock was not compared with a reference at export time.'
        },
        cameras,
        legalBasis: { jurisdiction: params.jurisdiction, code: params.basis, title: basis.title[params.language] },
        request: {
          authority: params.request.requesterName ?? '',
          caseNumber: params.request.caseNumber || null,
          requestDate: params.request.requestDate || null,
          officer: params.request.officer || null,
          receivedVia: params.request.receivedVia || null,
          justification: params.request.justification ?? ''
        },
        redaction: manifestRedaction(clips, state.draft.from),
        log: { entryId: entry.id, entryHash: entry.hash }
      }
    })
    deps.log.append('export_sealed', { packageId, exportEntryId: entry.id, manifestSha256: written.manifestSha256 })
    deps.onLogged()
    const result: ExportResult = {
      packageId,
      dir: written.dir,
      zip: written.zip,
      manifestSha256: written.manifestSha256,
      logEntryId: entry.id,
      downloadUrl: deps.headless && written.zip ? packageZipPath(packageId) : null
    }
    deps.drafts.update(state, { stage: 'done', result })
    deps.drafts.finish(params.id)
    return result
  } catch (error) {
    deps.drafts.update(state, { stage: 'failed', error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } })
    throw error
  }
}

async function packageMedia(deps: ExportConfirmDeps, state: DraftState, clips: CameraClip[], params: ConfirmRequest): Promise<PackageMedia[]> {
  const media: PackageMedia[] = []
  const range = { start: new Date(state.draft.from), end: new Date(state.draft.to) }
  for (const clip of clips) {
    const originals: string[] = []
    if (params.includeOriginals) {
      for (const segment of clip.segments.filter((s) => s.end > state.draft.from && s.start < state.draft.to)) {
        const name = `${clip.cameraId}-original-${new Date(segment.start).toISOString().replace(/[:.]/g, '-')}.mp4`
        originals.push(name)
        media.push({
          source: segment.file,
          name,
          role: 'original',
          camera: clip.cameraId,
          start: new Date(segment.start),
          end: new Date(segment.end),
          recordedSha256: segment.sha256
        })
      }
    }
    const redactedName = `${clip.cameraId}-redacted.mp4`
    media.push({ source: clip.redacted!, name: redactedName, role: 'redacted', camera: clip.cameraId, ...range, ...(originals[0] ? { derivedFrom: originals[0] } : {}) })
    const reportFile = join(state.dir, `${clip.cameraId}-redaction-report.json`)
    await writeFile(reportFile, JSON.stringify(clip.report, null, 2) + '\n')
    media.push({ source: reportFile, name: `${clip.cameraId}-redaction-report.json`, role: 'report', camera: clip.cameraId })
    if (params.includeSnapshots) {
      // A still from the redacted copy, so a snapshot never shows a bystander the video covers.
      const still = join(state.dir, `${clip.cameraId}-snapshot.jpg`)
      await writeFile(still, await deps.still(clip.redacted!, 0))
      media.push({ source: still, name: `${clip.cameraId}-snapshot.jpg`, role: 'snapshot', camera: clip.cameraId, start: range.start })
    }
  }
  return media
}

function manifestRedaction(clips: CameraClip[], clipStart: number): ManifestRedaction {
  const reports = clips.map((clip) => clip.report!).filter(Boolean)
  const effect = reports[0]?.effect
  const method =
    effect?.kind === 'fill'
      ? 'Every person not kept is covered by a solid fill over the padded body box, on every frame (irreversible).'
      : 'Every person not kept is pixelated over the padded body box with large blocks (at least 16 px; faces with coarser blocks), on every frame; pixelation averages each block, so it cannot be undone.'
  return {
    method,
    tracks: clips.flatMap((clip) =>
      (clip.report?.tracks ?? []).map((track) => ({
        label: `${clip.cameraId}: ${track.label}`,
        kind: track.kind,
        action: track.decision,
        startMs: track.startMs,
        endMs: track.endMs
      }))
    ),
    manualRegions: clips.flatMap((clip) =>
      (clip.report?.regions ?? []).map((region, index) => ({
        label: `${clip.cameraId}: ${region.label ?? `Region ${index + 1}`}`,
        startMs: region.fromMs ?? 0,
        endMs: region.toMs ?? clip.report!.output.durationMs
      }))
    ),
    notes: `Times are from the start of the clip (${new Date(clipStart).toISOString()}). The originals are never changed.`
  }
}
