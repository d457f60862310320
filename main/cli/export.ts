// `vigil export`: the wizard without the UI, for scripting and tests. The same calls the wizard makes, in the
// same order: scope (holds), people found, redaction rendered, request validated, log entry, package.
import { cpSync, renameSync, rmSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { VigilError, type ExportDraft, type ExportProgress, type MethodArgs, type MethodName, type MethodResults } from '../contract'
import { callApp } from '../core/call-app'
import { isJurisdiction, validateRequest } from '../core/evidence/legal-bases'
import type { VigilApp } from '../core/host'
import { languageFlag, parseArgv, stringFlag, UsageError, type ParsedArgs } from './args'
import { readPassphraseFile } from './io'

export const EXPORT_FLAGS = {
  'data-dir': 'value',
  camera: 'value',
  from: 'value',
  to: 'value',
  basis: 'value',
  jurisdiction: 'value',
  keep: 'value',
  effect: 'value',
  'include-originals': 'switch',
  'no-snapshots': 'switch',
  zip: 'switch',
  'passphrase-file': 'value',
  out: 'value',
  language: 'value',
  json: 'switch'
} as const

/** `--field name=value` may repeat, which the flag parser does not allow: they are taken out first. */
export function parseExportArgv(argv: string[]): { args: ParsedArgs; fields: Record<string, string> } {
  const rest: string[] = []
  const fields: Record<string, string> = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg !== '--field' && !arg.startsWith('--field=')) {
      rest.push(arg)
      continue
    }
    const pair = arg === '--field' ? argv[++i] : arg.slice('--field='.length)
    const eq = pair?.indexOf('=') ?? -1
    if (!pair || eq <= 0) throw new UsageError('--field needs name=value, e.g. --field caseNumber=ST/0815/26')
    fields[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  return { args: parseArgv(rest, EXPORT_FLAGS), fields }
}

function instant(args: ParsedArgs, name: 'from' | 'to'): number {
  const text = stringFlag(args, name)
  if (!text) throw new UsageError(`--${name} is required (ISO 8601, e.g. 2026-11-24T14:05:00+01:00)`)
  const at = Date.parse(text)
  if (Number.isNaN(at)) throw new UsageError(`--${name} "${text}" is not a date and time (ISO 8601, e.g. 2026-11-24T14:05:00+01:00)`)
  return at
}

export async function exportCommand(app: VigilApp, argv: string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const { args, fields } = parseExportArgv(argv)
  const call = <M extends MethodName>(method: M, params: MethodArgs<M>): Promise<MethodResults[M]> => callApp(app, method, params)
  const cameraName = stringFlag(args, 'camera')
  const basis = stringFlag(args, 'basis')
  const outDir = stringFlag(args, 'out')
  if (!cameraName) throw new UsageError('--camera NAME is required')
  if (!basis) throw new UsageError('--basis CODE is required (see `vigil legal-bases --jurisdiction ...`)')
  if (!outDir) throw new UsageError('--out DIR is required')
  const from = instant(args, 'from')
  const to = instant(args, 'to')
  const effect = stringFlag(args, 'effect') ?? 'pixelate'
  if (effect !== 'pixelate' && effect !== 'fill') throw new UsageError(`--effect must be pixelate or fill, not "${effect}"`)
  const language = languageFlag(args)
  const keepIds = (stringFlag(args, 'keep') ?? '').split(',').filter(Boolean).map((id) => {
    if (!/^\d+$/.test(id)) throw new UsageError(`--keep takes track ids like 1,3 (from the list printed after analysis), not "${id}"`)
    return Number(id)
  })
  let passphrase: string | null = null
  if (args.flags.has('zip')) {
    const file = stringFlag(args, 'passphrase-file')
    if (!file) throw new UsageError('--zip needs --passphrase-file F (the passphrase is never taken on the command line)')
    passphrase = readPassphraseFile(file)
  }

  const cameras = await call('cameras.list', {})
  const camera = cameras.find((c) => !c.demo && (c.name.toLowerCase() === cameraName.toLowerCase() || c.id === cameraName))
  if (!camera) throw new UsageError(`No camera "${cameraName}" (cameras: ${cameras.filter((c) => !c.demo).map((c) => c.name).join(', ') || 'none'})`)
  const jurisdiction = stringFlag(args, 'jurisdiction') ?? (await call('settings.get', {})).jurisdiction
  if (!isJurisdiction(jurisdiction)) throw new UsageError(`--jurisdiction must be eu-de, uk or us, not "${jurisdiction}"`)
  // Checked before any hold is placed or any work is done, so a typo or a missing field costs nothing;
  // confirming checks the same again.
  const checked = validateRequest(jurisdiction, basis, fields)
  if (!checked.ok) {
    throw new UsageError(checked.errors.map((e) => (e.field === 'basis' ? e.message[language] : `--field ${e.field}: ${e.message[language]}`)).join('\n'))
  }

  const progress = app.subscribe((event, payload) => {
    if (event !== 'exportProgress') return
    const p = payload as ExportProgress
    const eta = p.etaMs === null ? '' : `, about ${Math.ceil(p.etaMs / 1000)} s left`
    err(`${p.phase} ${p.cameraId}: ${p.framesDone}/${p.framesTotal} frames${eta}`)
  })
  try {
    let draft = await call('exports.create', { cameraIds: [camera.id], from, to, reason: `vigil export (${basis})` })
    err(`Evidence hold placed on ${camera.name} for the range (hold ${draft.holdIds.join(', ')}).`)
    await call('exports.analyze', { id: draft.id })
    draft = await settle(app, draft.id, 'analyzed')
    for (const track of draft.tracks) {
      err(`  ${track.trackId}: ${track.label} ${new Date(track.start).toISOString()} - ${new Date(track.end).toISOString()}`)
    }
    const known = new Set(draft.tracks.map((t) => t.trackId))
    const unknown = keepIds.filter((id) => !known.has(id))
    if (unknown.length > 0) {
      await call('exports.cancel', { id: draft.id })
      throw new UsageError(`Unknown track id ${unknown.join(', ')} for --keep (found: ${[...known].join(', ') || 'nobody'})`)
    }
    await call('exports.render', { id: draft.id, keep: keepIds.map((id) => `${camera.id}#${id}`), effect, regions: [] })
    await settle(app, draft.id, 'rendered')
    const result = await call('exports.confirm', {
      id: draft.id,
      jurisdiction,
      basis,
      request: fields,
      includeOriginals: args.flags.has('include-originals'),
      includeSnapshots: !args.flags.has('no-snapshots'),
      zipPassphrase: passphrase,
      language
    })
    const target = resolve(outDir, result.packageId)
    move(result.dir, target)
    const zip = result.zip ? resolve(outDir, basename(result.zip)) : null
    if (result.zip && zip) move(result.zip, zip)
    if (args.flags.has('json')) out(JSON.stringify({ ...result, dir: target, zip }, null, 2))
    else {
      out(`Package ${result.packageId} written to ${target}${zip ? ` (and ${zip})` : ''}`)
      out(`Manifest SHA-256 ${result.manifestSha256}; export log entry ${result.logEntryId}`)
      out(`Check it with: vigil verify ${target}`)
    }
    return 0
  } catch (error) {
    if (error instanceof VigilError && error.fields) {
      for (const [field, message] of Object.entries(error.fields)) err(`--field ${field}: ${message}`)
    }
    throw error
  } finally {
    progress()
  }
}

/** Waits for the draft to reach `stage`; a failure comes back as the step's error. */
function settle(app: VigilApp, id: string, stage: ExportDraft['stage']): Promise<ExportDraft> {
  return new Promise((resolveDraft, reject) => {
    const check = (draft: ExportDraft) => {
      if (draft.id !== id) return
      if (draft.stage === stage) finish(() => resolveDraft(draft))
      else if (draft.stage === 'failed' || draft.stage === 'cancelled') {
        finish(() => reject(new VigilError(draft.error?.code ?? 'INTERNAL', draft.error?.message ?? `The export was ${draft.stage}`)))
      }
    }
    const stop = app.subscribe((event, payload) => event === 'exportChanged' && check(payload as ExportDraft))
    const finish = (then: () => void) => {
      stop()
      then()
    }
    void callApp(app, 'exports.get', { id }).then(check, (error: unknown) => finish(() => reject(error)))
  })
}

/** Moves the package out of the data folder; across file systems that is a copy and a delete. */
function move(from: string, to: string): void {
  try {
    renameSync(from, to)
  } catch {
    cpSync(from, to, { recursive: true, errorOnExist: true, force: false })
    rmSync(from, { recursive: true, force: true })
  }
}
