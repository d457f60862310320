// The evidence side of the app: legal bases, holds, export drafts, confirmation into a signed package, and
// the export log. app.ts spreads these handlers into its table; the media routes ask for previews and ZIPs.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import {
  METHOD_NAMES,
  type EventName,
  type MethodName,
  type LogEntryView,
  type MethodParams,
  type MethodResults,
  type VigilEvents
} from '../../contract'
import type { Db, HoldsRepo, SegmentsRepo, SettingsRepo } from '../db'
import type { Logger, SecretBox } from '../host'
import type { FfmpegTools } from '../media/ffmpeg-locator'
import { runToCompletion } from '../media/process-runner'
import { confirmExport } from './export-confirm'
import { ExportDrafts } from './export-drafts'
import { ExportLog, type LogEntry } from './export-log'
import { HoldBook } from './hold-book'
import { listLegalBases, REQUEST_FIELDS, type Jurisdiction } from './legal-bases'
import { entryColumns, logCsv, renderLogPdf } from './log-reports'
import { InstallationKey } from './signing-key'

/** The contract's evidence calls, picked by their prefix from the one list of methods. */
type EvidencePrefix = 'legal' | 'holds' | 'exports' | 'log'
export type EvidenceMethod = Extract<MethodName, `${EvidencePrefix}.${string}`>
export const EVIDENCE_METHODS = METHOD_NAMES.filter((name): name is EvidenceMethod => /^(legal|holds|exports|log)\./.test(name))
export type EvidenceHandlers = { [M in EvidenceMethod]: (params: MethodParams<M>) => Promise<MethodResults[M]> | MethodResults[M] }

export interface EvidenceDeps {
  db: Db
  dataDir: string
  recordingsDir: string
  segments: SegmentsRepo
  holds: HoldsRepo
  settings: SettingsRepo
  secretBox: SecretBox
  tools: FfmpegTools
  timeZone: string
  softwareVersion: string
  headless: boolean
  /** Throws CAMERA_NOT_FOUND for an unknown camera. */
  knownCamera(cameraId: string): void
  camera(cameraId: string): { name: string; location: string }
  jurisdiction(): Jurisdiction
  logger: Logger
  emit<E extends EventName>(event: E, payload: VigilEvents[E]): void
  /** Engine settings for tests. */
  analyze?: { workers?: number; detectFps?: number }
}

export interface Evidence {
  handlers: EvidenceHandlers
  previewFile(draftId: string, cameraId: string): string | null
  packageZip(packageId: string): string | null
  stop(): Promise<void>
}

const PACKAGE_ID = /^\d{4}-\d{2}-\d{2}-[0-9a-f]{8}$/

export function createEvidence(deps: EvidenceDeps): Evidence {
  const log = new ExportLog(deps.db)
  const key = new InstallationKey(deps.settings, deps.secretBox)
  const exportsDir = join(deps.dataDir, 'exports')
  const changed = (reason: 'hold' | 'log') => deps.emit('evidenceChanged', { reason })
  const holdBook = new HoldBook({ holds: deps.holds, log, cameraName: (id) => deps.camera(id).name, onChanged: () => changed('hold') })
  const drafts = new ExportDrafts({
    dataDir: deps.dataDir,
    recordingsDir: deps.recordingsDir,
    segments: deps.segments,
    holds: holdBook,
    tools: deps.tools,
    knownCamera: deps.knownCamera,
    cameraName: (id) => deps.camera(id).name,
    logger: deps.logger,
    analyze: deps.analyze,
    onChanged: (draft) => deps.emit('exportChanged', draft),
    onProgress: (progress) => deps.emit('exportProgress', progress)
  })

  const still = async (file: string, atMs: number): Promise<Buffer> => {
    const args = ['-hide_banner', '-loglevel', 'error', '-ss', String(atMs / 1000), '-i', file, '-frames:v', '1', '-q:v', '3', '-f', 'image2', '-c:v', 'mjpeg', 'pipe:1']
    const result = await runToCompletion(deps.tools.ffmpeg, args, 30_000)
    if (result.code !== 0 || result.stdout.length === 0) throw new Error(`no still from ${file}: ${result.stderr.toString().trim()}`)
    return result.stdout
  }

  const handlers: EvidenceHandlers = {
    'legal.catalog': (params) => {
      const jurisdiction = params.jurisdiction ?? deps.jurisdiction()
      return {
        jurisdiction,
        requestFields: REQUEST_FIELDS.map((field) => ({ ...field, options: field.options ? [...field.options] : undefined })),
        bases: listLegalBases(jurisdiction).map((basis) => ({
          code: basis.code,
          title: basis.title,
          explanation: basis.explanation,
          fields: basis.fields.map((field) => ({ ...field })),
          originalsByDefault: basis.originalsByDefault,
          voluntary: basis.voluntary,
          requesterIsSubject: basis.requesterIsSubject ?? false
        }))
      }
    },
    'holds.list': (params) => holdBook.list(params.includeReleased),
    'holds.place': (params) => {
      deps.knownCamera(params.cameraId)
      return holdBook.place(params.cameraId, params.from, params.to, params.reason)
    },
    'holds.release': (params) => holdBook.release(params.id, params.reason),
    'exports.create': (params) => drafts.create(params),
    'exports.get': (params) => drafts.get(params.id),
    'exports.analyze': (params) => drafts.analyze(params.id),
    'exports.render': (params) => drafts.render(params.id, params),
    'exports.confirm': (params) =>
      confirmExport(
        {
          drafts,
          log,
          key,
          exportsDir,
          timeZone: deps.timeZone,
          softwareVersion: deps.softwareVersion,
          headless: deps.headless,
          camera: deps.camera,
          still,
          logger: deps.logger,
          onLogged: () => changed('log')
        },
        params
      ),
    'exports.cancel': async (params) => {
      await drafts.cancel(params.id)
      return { cancelled: true as const }
    },
    'log.list': (params) => log.list(params).map(entryView),
    'log.verify': () => {
      const report = log.verify()
      return { ok: report.ok, entries: report.entries, headHash: report.headHash, firstBroken: report.firstBroken }
    },
    'log.export': async (params) => {
      const entries = log.list()
      const day = new Date().toISOString().slice(0, 10)
      if (params.format === 'csv') {
        return { fileName: `vigil-export-log-${day}.csv`, mime: 'text/csv', base64: Buffer.from(logCsv(entries)).toString('base64') }
      }
      const pdf = await renderLogPdf({ entries, chain: log.verify(), language: params.language })
      return { fileName: `vigil-export-log-${day}.pdf`, mime: 'application/pdf', base64: Buffer.from(pdf).toString('base64') }
    }
  }

  return {
    handlers,
    previewFile: (draftId, cameraId) => drafts.previewFile(draftId, cameraId),
    packageZip(packageId) {
      if (!PACKAGE_ID.test(packageId)) return null
      const file = join(exportsDir, `${packageId}.zip`)
      return existsSync(file) ? file : null
    },
    stop: () => drafts.stopAll()
  }
}

function entryView(entry: LogEntry): LogEntryView {
  const columns = entryColumns(entry)
  return { id: entry.id, at: entry.at, kind: entry.kind, ...columns, hash: entry.hash, prevHash: entry.prevHash, payload: entry.payload }
}
