// `vigil log verify|export` and `vigil legal-bases`. The log commands open the database the way every
// command does (WAL, busy timeout), so they read the log while a recording instance writes to it.
import { writeFileSync } from 'node:fs'
import { ExportLog } from '../core/evidence/export-log'
import { isJurisdiction, JURISDICTIONS, listLegalBases, OMITTED_BASES, REQUEST_FIELDS } from '../core/evidence/legal-bases'
import { languageFlag, stringFlag, UsageError, type ParsedArgs } from './args'
import { openExistingDatabase } from './io'

export const LOG_FLAGS = { 'data-dir': 'value', format: 'value', out: 'value', language: 'value' } as const
export const LEGAL_BASES_FLAGS = { jurisdiction: 'value', json: 'switch', language: 'value' } as const

const LOG_USAGE = 'Usage: vigil log verify [--data-dir DIR] | vigil log export --format csv|pdf --out FILE [--language en|de] [--data-dir DIR]'

function withLog<T>(dataDir: string, use: (log: ExportLog) => T): T {
  // Creating an empty database here would report a typo'd folder as "chain intact: 0 entries".
  const db = openExistingDatabase(dataDir, '; pass --data-dir')
  try {
    return use(new ExportLog(db))
  } finally {
    db.close()
  }
}

/** Exit codes: 0 = intact (verify) or written (export), 1 = the chain is broken, 2 = usage or I/O error. */
export async function logCommand(args: ParsedArgs, dataDir: string, out: (line: string) => void): Promise<number> {
  const action = args.positionals[0]
  if (args.positionals.length !== 1 || (action !== 'verify' && action !== 'export')) throw new UsageError(LOG_USAGE)
  // Loaded on use. (In the built CLI the evidence service already pulls pdf-lib into the first chunk, so this
  // saves nothing today: ~63 ms of a 0.18 s `vigil legal-bases` run, measured; left as it is.)
  const { chainBreakText, describeChain, logCsv, renderLogPdf } = await import('../core/evidence/log-reports')
  if (action === 'verify') {
    const report = withLog(dataDir, (log) => log.verify())
    const head = report.headHash ?? 'none'
    if (report.firstBroken) {
      const { id, reason } = report.firstBroken
      out(`chain broken at entry ${id}: ${chainBreakText(reason, 'en')} [${reason}]; ${report.entries} entries, head ${head}`)
    } else {
      out(`chain intact: ${report.entries} entries, head ${head}`)
    }
    if (!report.appendOnlyTriggers) out('the append-only triggers are missing: the database was altered outside Vigil')
    return report.ok && report.appendOnlyTriggers ? 0 : 1
  }

  const format = stringFlag(args, 'format')
  const file = stringFlag(args, 'out')
  if (format !== 'csv' && format !== 'pdf') throw new UsageError(`log export needs --format csv or pdf${format ? `, got "${format}"` : ''}`)
  if (!file) throw new UsageError('log export needs --out FILE')
  const language = languageFlag(args)
  const { entries, chain } = withLog(dataDir, (log) => {
    // verify() and list() each read one snapshot; an entry appended in between shows in the list only.
    const chain = log.verify()
    return { entries: log.list(), chain }
  })
  const bytes = format === 'csv' ? logCsv(entries) : await renderLogPdf({ entries, chain, language })
  writeFileSync(file, bytes)
  out(`wrote ${entries.length} entries to ${file}; ${describeChain(chain, 'en')}`)
  return 0
}

export function legalBasesCommand(args: ParsedArgs, out: (line: string) => void): number {
  const jurisdiction = stringFlag(args, 'jurisdiction')
  if (!jurisdiction || !isJurisdiction(jurisdiction)) {
    throw new UsageError(`legal-bases needs --jurisdiction ${JURISDICTIONS.join('|')}${jurisdiction ? `, got "${jurisdiction}"` : ''}`)
  }
  if (args.positionals.length > 0) throw new UsageError(`Unexpected argument "${args.positionals[0]}"`)
  const language = languageFlag(args)
  const bases = listLegalBases(jurisdiction)
  if (args.flags.has('json')) {
    out(JSON.stringify(bases.map((b) => ({ code: b.code, title: b.title[language], fields: b.fields.map((f) => ({ name: f.name, required: f.required })) })), null, 2))
    return 0
  }
  const fieldList = (fields: ReadonlyArray<{ name: string; required: boolean }>) => fields.map((f) => `${f.name}${f.required ? '*' : ''}`).join(', ')
  out(
    language === 'de'
      ? `${jurisdiction}: Jede Anfrage verlangt ${fieldList(REQUEST_FIELDS)} (* = Pflichtangabe)`
      : `${jurisdiction}: every request asks for ${fieldList(REQUEST_FIELDS)} (* = required)`
  )
  for (const b of bases) {
    out('')
    out(`${b.code}\t${b.title[language]}${b.voluntary ? (language === 'de' ? ' (freiwillig)' : ' (voluntary)') : ''}`)
    out(`  ${b.explanation[language]}`)
    if (b.fields.length) out(`  fields: ${fieldList(b.fields)}`)
  }
  for (const omitted of OMITTED_BASES[jurisdiction]) {
    out('')
    out(`${omitted.code}\t${language === 'de' ? 'nicht angeboten' : 'not offered'}: ${omitted.reason[language]}`)
  }
  return 0
}
