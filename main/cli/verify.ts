// `vigil verify <package dir or zip>`: the recipient's check of an evidence package, and, on the machine that
// made it (--data-dir), the check that the export log holds the entry the manifest names.
import { resolve } from 'node:path'
import type { Db } from '../core/db'
import { ExportLog } from '../core/evidence/export-log'
import { chainBreakText } from '../core/evidence/log-reports'
import { normaliseFingerprint } from '../core/evidence/signing-key'
import { verifyPackage, type VerifyOptions } from '../core/evidence/verify-package'
import { stringFlag, UsageError, type ParsedArgs } from './args'
import { openExistingDatabase, readPassphraseFile } from './io'

export const VERIFY_FLAGS = { 'data-dir': 'value', 'passphrase-file': 'value', fingerprint: 'value', json: 'switch' } as const

const USAGE = 'Usage: vigil verify <package folder or .zip> [--data-dir DIR] [--passphrase-file FILE] [--fingerprint HEX] [--json]'

/** Exit codes: 0 = every check passed, 1 = a check failed (the first failure is named), 2 = usage error. */
export async function verifyCommand(args: ParsedArgs, out: (line: string) => void): Promise<number> {
  if (args.positionals.length !== 1) throw new UsageError(USAGE)
  const target = resolve(args.positionals[0])
  const options: VerifyOptions = {}

  const passphraseFile = stringFlag(args, 'passphrase-file')
  if (passphraseFile) options.passphrase = readPassphraseFile(passphraseFile)
  const fingerprint = stringFlag(args, 'fingerprint')
  if (fingerprint !== undefined) {
    if (!normaliseFingerprint(fingerprint)) throw new UsageError(`--fingerprint must be the key's SHA-256: 64 hex digits (spaces allowed), got "${fingerprint}"`)
    options.expectedFingerprint = fingerprint
  }

  const dataDir = stringFlag(args, 'data-dir')
  let db: Db | null = null
  if (dataDir) {
    // Only with --data-dir: a recipient has no database, and an empty one must not be created by a typo.
    db = openExistingDatabase(dataDir)
    const log = new ExportLog(db)
    options.logEntry = (id) => {
      const entry = log.byId(id)
      return entry ? { hash: entry.hash, packageId: entry.payload.packageId } : null
    }
    options.sealedManifests = (exportEntryId) =>
      log
        .list({ kind: 'export_sealed' })
        .filter((e) => e.payload.exportEntryId === exportEntryId)
        .map((e) => String(e.payload.manifestSha256))
    options.chainOk = () => {
      const report = log.verify()
      if (report.firstBroken) return { ok: false, detail: `broken at entry ${report.firstBroken.id}: ${chainBreakText(report.firstBroken.reason, 'en')}` }
      if (!report.appendOnlyTriggers) return { ok: false, detail: 'the append-only triggers are missing: the database was altered outside Vigil' }
      return { ok: true, detail: `intact, ${report.entries} entries` }
    }
  }

  let result
  try {
    result = await verifyPackage(target, options)
  } finally {
    db?.close()
  }

  if (args.flags.has('json')) {
    out(JSON.stringify({ ok: result.ok, firstFailure: result.firstFailure, checks: result.checks }, null, 2))
    return result.ok ? 0 : 1
  }
  for (const check of result.checks) out(`  ${check.ok ? 'ok  ' : 'FAIL'}  ${check.name}: ${check.detail}`)
  if (result.ok) {
    const fingerprintNote = options.expectedFingerprint ? '' : ' Compare the key fingerprint above with the sender before relying on the signature.'
    out(`OK: package ${result.manifest?.packageId ?? ''} verified, ${result.checks.length} checks passed.${fingerprintNote}`)
    return 0
  }
  out(`FAIL ${result.firstFailure}`)
  return 1
}
