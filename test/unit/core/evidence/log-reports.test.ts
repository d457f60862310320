import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../../main/core/db'
import { ExportLog, type ChainReport, type ExportPayload, type LogEntry } from '../../../../main/core/evidence/export-log'
import { csvField, describeChain, entryColumns, logCsv, renderLogPdf, transparencySummary } from '../../../../main/core/evidence/log-reports'
import { winAnsi as toWinAnsi } from '../../../../main/core/evidence/pdf-text'

const Y2026 = Date.UTC(2026, 2, 1, 10, 0, 0)
const Y2027 = Date.UTC(2027, 0, 15, 9, 30, 0)

function exportPayload(packageId: string, recipient: string, code: string, originals = false, extra: Partial<ExportPayload> = {}): ExportPayload {
  return {
    packageId,
    basis: { jurisdiction: 'eu-de', code },
    request: {
      requesterKind: 'authority',
      requesterName: recipient,
      caseNumber: 'Az. 12 Js 345/26, "Einbruch"',
      requestDate: '2026-03-01',
      receivedVia: 'letter',
      justification: 'Die Aufnahmen zeigen den Einbruch an der Hintertür.'
    },
    recipient,
    cameras: [
      { id: 'front-1', name: 'Haustür' },
      { id: 'yard-2', name: 'Garten, hinten' }
    ],
    range: { from: Y2026 - 600_000, to: Y2026 - 300_000 },
    contents: { originals, redacted: true, snapshots: false },
    keptTracks: [],
    exportedBy: 'anna',
    softwareVersion: '0.1.0',
    ...extra
  }
}

let db: Db
let log: ExportLog
let entries: LogEntry[]
let dir: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-log-reports-'))
  db = openDatabase(':memory:')
  log = new ExportLog(db)
  log.append('hold_placed', { holdId: 1, cameraId: 'front-1', from: Y2026 - 600_000, to: Y2026, reason: 'Einbruch' }, Y2026)
  log.append('export', exportPayload('pkg-1', 'Polizeipräsidium München', 'court_order', true), Y2026 + 1000)
  log.append('export_sealed', { packageId: 'pkg-1', exportEntryId: 2, manifestSha256: 'ab'.repeat(32) }, Y2026 + 2000)
  log.append('export', exportPayload('pkg-2', 'polizeipräsidium  münchen', 'police_request'), Y2026 + 3000)
  log.append('export', exportPayload('pkg-3', 'Jörg Weiß', 'consent', false, { request: { requesterKind: 'person', requesterName: 'Jörg Weiß', requestDate: '2026-04-01', receivedVia: 'in_person', justification: 'Er möchte die Aufnahmen von sich für seine Versicherung.', consentingPerson: 'Jörg Weiß' } }), Y2026 + 4000)
  log.append('hold_released', { holdId: 1, cameraId: 'front-1', from: Y2026 - 600_000, to: Y2026, reason: 'Verfahren abgeschlossen' }, Y2027)
  log.append('export', exportPayload('pkg-4', 'Staatsanwaltschaft Köln', 'court_order'), Y2027 + 1000)
  entries = log.list()
})
afterAll(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

function pdfText(bytes: Uint8Array, name: string): string {
  const file = join(dir, name)
  writeFileSync(file, bytes)
  const result = spawnSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
  expect(result.status, result.stderr).toBe(0)
  return result.stdout
}

/** pdftotext keeps the layout's spacing; compare words, not columns. */
const squeeze = (text: string) => text.replace(/[ \t]+/g, ' ')

describe('entryColumns', () => {
  it('reads the columns of each kind from its payload', () => {
    expect(entryColumns(entries[1])).toEqual({
      recipient: 'Polizeipräsidium München',
      basis: 'eu-de:court_order',
      caseNumber: 'Az. 12 Js 345/26, "Einbruch"',
      cameras: ['Haustür', 'Garten, hinten'],
      range: { from: Y2026 - 600_000, to: Y2026 - 300_000 },
      packageId: 'pkg-1'
    })
    expect(entryColumns(entries[0])).toEqual({ recipient: null, basis: null, caseNumber: null, cameras: ['front-1'], range: { from: Y2026 - 600_000, to: Y2026 }, packageId: null })
    expect(entryColumns(entries[2])).toMatchObject({ packageId: 'pkg-1', range: null, cameras: [] })
  })
})

describe('transparencySummary', () => {
  it('counts exports per UTC year by basis and by recipient, and holds placed and released', () => {
    expect(transparencySummary(entries)).toEqual([
      {
        year: 2026,
        exports: 3,
        withOriginals: 1,
        byBasis: [
          { jurisdiction: 'eu-de', code: 'consent', count: 1 },
          { jurisdiction: 'eu-de', code: 'court_order', count: 1 },
          { jurisdiction: 'eu-de', code: 'police_request', count: 1 }
        ],
        // The same authority typed with other case and spacing counts once, under its first spelling.
        byRecipient: [
          { recipient: 'Polizeipräsidium München', count: 2 },
          { recipient: 'Jörg Weiß', count: 1 }
        ],
        holdsPlaced: 1,
        holdsReleased: 0
      },
      {
        year: 2027,
        exports: 1,
        withOriginals: 0,
        byBasis: [{ jurisdiction: 'eu-de', code: 'court_order', count: 1 }],
        byRecipient: [{ recipient: 'Staatsanwaltschaft Köln', count: 1 }],
        holdsPlaced: 0,
        holdsReleased: 1
      }
    ])
    expect(transparencySummary([])).toEqual([])
  })

  it('puts New Year\'s Eve just before midnight UTC in the old year', () => {
    const at = Date.UTC(2026, 11, 31, 23, 59, 59, 999)
    const entry: LogEntry = { ...entries[1], at }
    expect(transparencySummary([entry, { ...entry, at: at + 1 }]).map((y) => [y.year, y.exports])).toEqual([
      [2026, 1],
      [2027, 1]
    ])
  })
})

describe('logCsv', () => {
  it('quotes per RFC 4180 only where needed', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField('cr\rhere')).toBe('"cr\rhere"')
    expect(csvField('')).toBe('')
  })

  it('writes a header and one CRLF-terminated row per entry', () => {
    const csv = logCsv(entries)
    const lines = csv.split('\r\n')
    expect(lines).toHaveLength(entries.length + 2)
    expect(lines.at(-1)).toBe('')
    expect(lines[0]).toBe('id,time,kind,recipient,basis,case_number,cameras,range,package_id,hash')
    expect(lines[1]).toBe(`1,2026-03-01T10:00:00.000Z,hold_placed,,,,front-1,2026-03-01T09:50:00.000Z/2026-03-01T10:00:00.000Z,,${entries[0].hash}`)
    expect(lines[2]).toBe(
      `2,2026-03-01T10:00:01.000Z,export,Polizeipräsidium München,eu-de:court_order,"Az. 12 Js 345/26, ""Einbruch""","Haustür; Garten, hinten",` +
        `2026-03-01T09:50:00.000Z/2026-03-01T09:55:00.000Z,pkg-1,${entries[1].hash}`
    )
    expect(lines[3]).toBe(`3,2026-03-01T10:00:02.000Z,export_sealed,,,,,,pkg-1,${entries[2].hash}`)
  })

  it('round-trips a recipient with quotes, commas and a line break through a strict parser', () => {
    const tricky = 'Polizei "Mitte",\r\nWache 3'
    const entry: LogEntry = { ...entries[1], payload: { ...entries[1].payload, recipient: tricky } }
    expect(parseCsv(logCsv([entry]))[1][3]).toBe(tricky)
    expect(parseCsv(logCsv(entries)).map((row) => row.length)).toEqual(new Array(entries.length + 1).fill(10))
  })
})

/** A strict RFC 4180 parser for the test (quoted fields may hold CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch !== '"') field += ch
      else if (text[i + 1] === '"') field += text[++i]
      else quoted = false
    } else if (ch === '"' && field === '') {
      quoted = true
    } else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else if (ch === '"' || ch === '\r' || ch === '\n') {
      throw new Error(`bare ${JSON.stringify(ch)} at ${i}`)
    } else {
      field += ch
    }
  }
  if (field !== '' || row.length) throw new Error('the last row is not terminated by CRLF')
  return rows
}

describe('describeChain', () => {
  it('says intact with the head, or names the first broken entry and why', () => {
    const intact: ChainReport = { ok: true, entries: 7, headHash: 'ff'.repeat(32), firstBroken: null, appendOnlyTriggers: true }
    expect(describeChain(intact, 'en')).toBe(`Chain intact: 7 entries, head ${'ff'.repeat(32)}.`)
    const broken: ChainReport = { ...intact, ok: false, firstBroken: { id: 4, reason: 'gap' } }
    expect(describeChain(broken, 'en')).toBe('CHAIN BROKEN at entry 4: the entry is missing (deleted).')
    expect(describeChain({ ...broken, firstBroken: { id: 2, reason: 'hash_mismatch' } }, 'de')).toBe(
      'KETTE GEBROCHEN bei Eintrag 2: der Eintrag wurde nach dem Schreiben verändert (seine Prüfsumme stimmt nicht).'
    )
  })
})

describe('renderLogPdf', () => {
  it('writes a German A4 report with the chain status, the yearly summary and umlauts intact', async () => {
    const bytes = await renderLogPdf({ entries, chain: log.verify(), language: 'de', generatedAt: Date.UTC(2027, 5, 1, 12, 0, 0) })
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-')
    const text = squeeze(pdfText(bytes, 'de.pdf'))
    // The line wraps before the hash.
    const chainAt = text.replace(/\s+/g, ' ').indexOf(`Kette intakt: 7 Einträge, letzter Hash ${entries[6].hash}.`)
    const summaryAt = text.indexOf('Transparenzbericht')
    expect(chainAt).toBeGreaterThan(0)
    expect(summaryAt).toBeGreaterThan(text.indexOf('Kette intakt'))
    expect(text).toContain('Erstellt: 2027-06-01 12:00:00 UTC')
    const year2026 = text.slice(text.indexOf('\n2026\n'), text.indexOf('\n2027\n'))
    expect(year2026).toContain('Exporte: 3 (mit unveränderten Originalen: 1)')
    expect(year2026).toContain('Beschlagnahmebeschluss oder Herausgabeverlangen (§§ 94, 95, 98 StPO): 1')
    expect(year2026).toContain('Einwilligung der gezeigten Person: 1')
    expect(year2026).toContain('Polizeipräsidium München: 2')
    expect(year2026).toContain('Jörg Weiß: 1')
    expect(year2026).toContain('Löschsperren gesetzt: 1; Löschsperren aufgehoben: 0')
    const year2027 = text.slice(text.indexOf('\n2027\n'), text.indexOf('Einträge\n'))
    expect(year2027).toContain('Exporte: 1 (mit unveränderten Originalen: 0)')
    expect(year2027).toContain('Staatsanwaltschaft Köln: 1')
    expect(year2027).toContain('Löschsperren gesetzt: 0; Löschsperren aufgehoben: 1')
    // The entries, with German labels and the request's values.
    expect(text).toContain('#2 · 2026-03-01 10:00:01 UTC · Export')
    expect(text).toContain('Aktenzeichen: Az. 12 Js 345/26, "Einbruch"')
    expect(text).toContain('Wie die Anfrage einging: Brief')
    expect(text).toContain('Inhalt: unveränderte Originale, unkenntlich gemachte Kopie')
    expect(text).toContain('#6 · 2027-01-15 09:30:00 UTC · Löschsperre aufgehoben')
    expect(text).toContain('Grund: Verfahren abgeschlossen')
    expect(text).toMatch(/Seite 1 von \d+/)
  })

  it('writes English, marks a broken chain and the broken entry, wraps long text and numbers every page', async () => {
    const long = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ')
    const many = [...entries]
    for (let i = 0; i < 40; i++) {
      many.push({ ...entries[1], id: 8 + i, payload: { ...entries[1].payload, request: { ...(entries[1].payload.request as object), justification: long } } })
    }
    const chain: ChainReport = { ok: false, entries: many.length, headHash: many.at(-1)!.hash, firstBroken: { id: 4, reason: 'hash_mismatch' }, appendOnlyTriggers: false }
    const raw = pdfText(await renderLogPdf({ entries: many, chain, language: 'en' }), 'en.pdf')
    const text = squeeze(raw)
    expect(text).toContain('CHAIN BROKEN at entry 4: the entry was changed after it was written (its hash does not match).')
    expect(text).toContain('The triggers that keep the log append-only are missing')
    expect(text).toMatch(/#4 · [^\n]* · Export \(the entry was changed after it was written/)
    expect(text).toContain('Exports: 43 (with unchanged originals: 41)')
    expect(text).toContain('Court order or production order (§§ 94, 95, 98 StPO): 41')
    // Wrapped, not cut: the last word of the long justification is there, and no line runs off the page.
    expect(text).toContain('word399')
    const pages = raw.split('\f').filter((p) => p.trim() !== '')
    expect(pages.length).toBeGreaterThan(10)
    pages.forEach((page, i) => expect(squeeze(page)).toContain(`Page ${i + 1} of ${pages.length}`))
    const width = Math.max(...raw.split('\n').map((line) => line.length))
    expect(width).toBeLessThan(140)
  })

  it('keeps German characters and replaces what standard fonts cannot show', () => {
    expect(toWinAnsi('Äußerst schön – „Grüße“ € §')).toBe('Äußerst schön – „Grüße“ € §')
    expect(toWinAnsi('A\u0308rger')).toBe('Ärger') // decomposed umlaut
    expect(toWinAnsi('Łódź 東京 ș')).toBe('Lódz ?? s')
  })
})
