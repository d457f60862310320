// The export log as documents: a CSV (RFC 4180) and a PDF in English or German with the chain status and
// a yearly transparency summary (exports by legal basis and by recipient, holds placed and released).
// Everything here is pure except renderLogPdf, which only builds bytes; callers write the files.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib'
import type { ChainBreak, ChainReport, LogEntry, LogFilter, LogKind } from './export-log'
import { winAnsi as toWinAnsi, wrap } from './pdf-text'
import { isJurisdiction, legalBasis, REQUEST_FIELDS, type Language, type LegalBasis, type RequestField, type Text } from './legal-bases'

/** The columns a log page, the CSV and the PDF show for an entry, read defensively from its payload. */
export interface EntryColumns {
  recipient: string | null
  /** 'jurisdiction:code', e.g. 'eu-de:court_order'. */
  basis: string | null
  caseNumber: string | null
  /** Camera names (ids where a name is missing). */
  cameras: string[]
  range: { from: number; to: number } | null
  packageId: string | null
}

export interface YearSummary {
  /** UTC calendar year. */
  year: number
  exports: number
  /** Exports that included the unchanged originals. */
  withOriginals: number
  byBasis: Array<{ jurisdiction: string; code: string; count: number }>
  byRecipient: Array<{ recipient: string; count: number }>
  holdsPlaced: number
  holdsReleased: number
}

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null)
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)
const obj = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}

export function entryColumns(entry: LogEntry): EntryColumns {
  const p = entry.payload
  const basis = obj(p.basis)
  const jurisdiction = str(basis.jurisdiction)
  const code = str(basis.code)
  let cameras: string[] = []
  if (Array.isArray(p.cameras)) {
    cameras = p.cameras.map((c) => (typeof c === 'string' ? c : (str(obj(c).name) ?? str(obj(c).id) ?? '?')))
  } else if (str(p.cameraId)) {
    cameras = [p.cameraId as string]
  }
  const rangeSource = p.range !== undefined ? obj(p.range) : p
  const from = num(rangeSource.from)
  const to = num(rangeSource.to)
  return {
    recipient: str(p.recipient),
    basis: code ? (jurisdiction ? `${jurisdiction}:${code}` : code) : null,
    caseNumber: str(obj(p.request).caseNumber),
    cameras,
    range: from !== null && to !== null ? { from, to } : null,
    packageId: str(p.packageId)
  }
}

/** Per UTC year, oldest first. Only 'export' entries count as exports; 'export_sealed' completes one. */
export function transparencySummary(entries: readonly LogEntry[]): YearSummary[] {
  const years = new Map<number, { summary: YearSummary; basis: Map<string, number>; recipient: Map<string, { name: string; count: number }> }>()
  for (const entry of entries) {
    const year = new Date(entry.at).getUTCFullYear()
    let bucket = years.get(year)
    if (!bucket) {
      bucket = {
        summary: { year, exports: 0, withOriginals: 0, byBasis: [], byRecipient: [], holdsPlaced: 0, holdsReleased: 0 },
        basis: new Map(),
        recipient: new Map()
      }
      years.set(year, bucket)
    }
    if (entry.kind === 'hold_placed') bucket.summary.holdsPlaced++
    if (entry.kind === 'hold_released') bucket.summary.holdsReleased++
    if (entry.kind !== 'export') continue
    bucket.summary.exports++
    if (obj(entry.payload.contents).originals === true) bucket.summary.withOriginals++
    const columns = entryColumns(entry)
    const basisKey = columns.basis ?? '?'
    bucket.basis.set(basisKey, (bucket.basis.get(basisKey) ?? 0) + 1)
    // The same authority typed twice with different case or spacing counts once, under its first spelling.
    const name = (columns.recipient ?? '?').trim().replace(/\s+/g, ' ')
    const key = name.toLocaleLowerCase()
    const seen = bucket.recipient.get(key)
    if (seen) seen.count++
    else bucket.recipient.set(key, { name, count: 1 })
  }
  const byCount = <T extends { count: number }>(label: (t: T) => string) => (a: T, b: T) => b.count - a.count || label(a).localeCompare(label(b))
  return [...years.values()]
    .sort((a, b) => a.summary.year - b.summary.year)
    .map(({ summary, basis, recipient }) => ({
      ...summary,
      byBasis: [...basis.entries()]
        .map(([key, count]) => {
          const [jurisdiction, code] = key.includes(':') ? key.split(':', 2) : ['', key]
          return { jurisdiction, code, count }
        })
        .sort(byCount((b) => `${b.jurisdiction}:${b.code}`)),
      byRecipient: [...recipient.values()].map(({ name, count }) => ({ recipient: name, count })).sort(byCount((r) => r.recipient))
    }))
}

// ---- CSV ----------------------------------------------------------------------------------------------------

export const CSV_COLUMNS = ['id', 'time', 'kind', 'recipient', 'basis', 'case_number', 'cameras', 'range', 'package_id', 'hash'] as const

/** RFC 4180: a field with a comma, a double quote, CR or LF is quoted, its quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

const iso = (ms: number) => new Date(ms).toISOString()

/** One row per entry, CRLF line ends, a header row first. Ranges are ISO 8601 intervals (from/to), UTC. */
export function logCsv(entries: readonly LogEntry[]): string {
  const rows: string[][] = [[...CSV_COLUMNS]]
  for (const entry of entries) {
    const c = entryColumns(entry)
    rows.push([
      String(entry.id),
      iso(entry.at),
      entry.kind,
      c.recipient ?? '',
      c.basis ?? '',
      c.caseNumber ?? '',
      c.cameras.join('; '),
      c.range ? `${iso(c.range.from)}/${iso(c.range.to)}` : '',
      c.packageId ?? '',
      entry.hash
    ])
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n'
}

// ---- texts --------------------------------------------------------------------------------------------------

const KIND_LABEL: Record<LogKind, Text> = {
  export: { en: 'Export', de: 'Export' },
  export_sealed: { en: 'Package sealed', de: 'Paket versiegelt' },
  hold_placed: { en: 'Hold placed', de: 'Löschsperre gesetzt' },
  hold_released: { en: 'Hold released', de: 'Löschsperre aufgehoben' }
}

const BREAK_TEXT: Record<ChainBreak, Text> = {
  hash_mismatch: {
    en: 'the entry was changed after it was written (its hash does not match)',
    de: 'der Eintrag wurde nach dem Schreiben verändert (seine Prüfsumme stimmt nicht)'
  },
  prev_mismatch: {
    en: 'its link to the previous entry does not match (an earlier entry was changed, replaced or reordered)',
    de: 'die Verknüpfung zum vorherigen Eintrag stimmt nicht (ein früherer Eintrag wurde verändert, ersetzt oder umsortiert)'
  },
  gap: { en: 'the entry is missing (deleted)', de: 'der Eintrag fehlt (gelöscht)' },
  bad_payload: { en: 'its content is not the JSON Vigil wrote', de: 'sein Inhalt ist nicht das von Vigil geschriebene JSON' }
}

const T = {
  title: { en: 'Vigil export log', de: 'Vigil-Exportprotokoll' },
  generated: { en: 'Generated', de: 'Erstellt' },
  filter: { en: 'Filter', de: 'Filter' },
  chain: { en: 'Chain status', de: 'Status der Kette' },
  intact: { en: 'Chain intact', de: 'Kette intakt' },
  broken: { en: 'CHAIN BROKEN at entry', de: 'KETTE GEBROCHEN bei Eintrag' },
  entries: { en: 'entries', de: 'Einträge' },
  head: { en: 'head', de: 'letzter Hash' },
  noTriggers: {
    en: 'The triggers that keep the log append-only are missing: the database was altered outside Vigil.',
    de: 'Die Trigger, die das Protokoll vor Änderungen schützen, fehlen: Die Datenbank wurde außerhalb von Vigil verändert.'
  },
  summary: { en: 'Transparency summary', de: 'Transparenzbericht' },
  summaryNote: {
    en: 'Per calendar year (UTC): exports by legal basis and by recipient, and evidence holds.',
    de: 'Je Kalenderjahr (UTC): Exporte nach Rechtsgrundlage und nach Empfänger sowie Löschsperren.'
  },
  noEntries: { en: 'The log has no entries.', de: 'Das Protokoll hat keine Einträge.' },
  exports: { en: 'Exports', de: 'Exporte' },
  withOriginals: { en: 'with unchanged originals', de: 'mit unveränderten Originalen' },
  byBasis: { en: 'By legal basis', de: 'Nach Rechtsgrundlage' },
  byRecipient: { en: 'By recipient', de: 'Nach Empfänger' },
  holdsPlaced: { en: 'Holds placed', de: 'Löschsperren gesetzt' },
  holdsReleased: { en: 'Holds released', de: 'Löschsperren aufgehoben' },
  log: { en: 'Entries', de: 'Einträge' },
  recipient: { en: 'Recipient', de: 'Empfänger' },
  basis: { en: 'Legal basis', de: 'Rechtsgrundlage' },
  cameras: { en: 'Cameras', de: 'Kameras' },
  camera: { en: 'Camera', de: 'Kamera' },
  range: { en: 'Time range', de: 'Zeitraum' },
  contents: { en: 'Contents', de: 'Inhalt' },
  originals: { en: 'unchanged originals', de: 'unveränderte Originale' },
  redacted: { en: 'redacted copy', de: 'unkenntlich gemachte Kopie' },
  snapshots: { en: 'snapshots', de: 'Standbilder' },
  keptTracks: { en: 'People kept visible', de: 'Sichtbar gelassene Personen' },
  exportedBy: { en: 'Exported by', de: 'Exportiert von' },
  software: { en: 'Software', de: 'Software' },
  package: { en: 'Package', de: 'Paket' },
  exportEntry: { en: 'Export entry', de: 'Export-Eintrag' },
  manifest: { en: 'Manifest SHA-256', de: 'Manifest SHA-256' },
  hold: { en: 'Hold', de: 'Löschsperre' },
  reason: { en: 'Reason', de: 'Grund' },
  hash: { en: 'Hash', de: 'Hash' },
  none: { en: 'none', de: 'keine' },
  page: { en: 'Page', de: 'Seite' },
  of: { en: 'of', de: 'von' }
} satisfies Record<string, Text>

/** One line for the chain status, e.g. "Chain intact: 12 entries, head 3f…" or "CHAIN BROKEN at entry 4: …". */
export function describeChain(report: ChainReport, language: Language): string {
  if (report.firstBroken) {
    const { id, reason } = report.firstBroken
    return `${T.broken[language]} ${id}: ${BREAK_TEXT[reason][language]}.`
  }
  return `${T.intact[language]}: ${report.entries} ${T.entries[language]}, ${T.head[language]} ${report.headHash ?? T.none[language]}.`
}

export function chainBreakText(reason: ChainBreak, language: Language): string {
  return BREAK_TEXT[reason][language]
}

/** The catalog entry for 'jurisdiction:code', if the catalog knows it. */
function basisOf(key: string): LegalBasis | undefined {
  const [jurisdiction, code] = key.split(':', 2)
  return code !== undefined && isJurisdiction(jurisdiction) ? legalBasis(jurisdiction, code) : undefined
}

function basisTitle(key: string, language: Language, withJurisdiction: boolean): string {
  const basis = basisOf(key)
  const title = basis ? basis.title[language] : key
  return withJurisdiction && basis ? `${title} [${basis.jurisdiction}]` : title
}

const readableTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`

// ---- PDF ----------------------------------------------------------------------------------------------------

const PAGE: [number, number] = [595.28, 841.89] // A4 in points
const MARGIN = 50
const FOOTER = 30
const RED = rgb(0.7, 0.05, 0.05)
const GREEN = rgb(0.05, 0.45, 0.15)
const GREY = rgb(0.35, 0.35, 0.35)
const BLACK = rgb(0, 0, 0)

interface Fonts {
  regular: PDFFont
  bold: PDFFont
  mono: PDFFont
}

interface LineStyle {
  size?: number
  font?: keyof Fonts
  indent?: number
  color?: RGB
  /** Extra space before the line. */
  before?: number
}

/** A cursor that writes wrapped lines top to bottom and starts a new page when one is full. */
class PdfWriter {
  private page: PDFPage
  private y: number
  readonly pages: PDFPage[] = []

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: Fonts
  ) {
    this.page = this.addPage()
    this.y = PAGE[1] - MARGIN
  }

  private addPage(): PDFPage {
    const page = this.doc.addPage(PAGE)
    this.pages.push(page)
    return page
  }

  private ensure(height: number): void {
    if (this.y - height >= MARGIN + FOOTER) return
    this.page = this.addPage()
    this.y = PAGE[1] - MARGIN
  }

  text(value: string, style: LineStyle = {}): void {
    const size = style.size ?? 10
    const font = this.fonts[style.font ?? 'regular']
    const indent = style.indent ?? 0
    const lineHeight = size * 1.3
    this.y -= style.before ?? 0
    for (const line of wrap(toWinAnsi(value), font, size, PAGE[0] - 2 * MARGIN - indent)) {
      this.ensure(lineHeight)
      this.y -= lineHeight
      this.page.drawText(line, { x: MARGIN + indent, y: this.y + size * 0.25, size, font, color: style.color ?? BLACK })
    }
  }

  /** "Label: value", the value wrapped under itself; a long text goes under its label instead. */
  field(label: string, value: string, options: { font?: keyof Fonts; block?: boolean } = {}): void {
    const size = 9
    const indent = 12
    const lineHeight = size * 1.3
    const labelText = toWinAnsi(`${label}: `)
    const labelWidth = this.fonts.bold.widthOfTextAtSize(labelText, size)
    const width = PAGE[0] - 2 * MARGIN - indent
    const valueFont = this.fonts[options.font ?? 'regular']
    const below = options.block || labelWidth > width * 0.35
    const valueX = MARGIN + indent + (below ? 12 : labelWidth)
    const lines = wrap(toWinAnsi(value), valueFont, size, below ? width - 12 : width - labelWidth)
    if (below) {
      this.ensure(2 * lineHeight)
      this.y -= lineHeight
      this.page.drawText(labelText.trimEnd(), { x: MARGIN + indent, y: this.y + size * 0.25, size, font: this.fonts.bold, color: GREY })
    }
    lines.forEach((line, i) => {
      this.ensure(lineHeight)
      this.y -= lineHeight
      if (i === 0 && !below) this.page.drawText(labelText, { x: MARGIN + indent, y: this.y + size * 0.25, size, font: this.fonts.bold, color: GREY })
      this.page.drawText(line, { x: valueX, y: this.y + size * 0.25, size, font: valueFont, color: BLACK })
    })
  }

  gap(points: number): void {
    this.y -= points
  }

  /** Keeps a block (a heading and its first lines) together on one page. */
  keep(height: number): void {
    this.ensure(height)
  }
}

export interface LogPdfOptions {
  entries: readonly LogEntry[]
  chain: ChainReport
  language: Language
  generatedAt?: number
  /** The filter the entries were listed with, printed under the title. */
  filter?: LogFilter
}

export async function renderLogPdf(options: LogPdfOptions): Promise<Uint8Array> {
  const { entries, chain, language: lang } = options
  const generatedAt = options.generatedAt ?? Date.now()
  const doc = await PDFDocument.create()
  doc.setTitle(T.title[lang])
  doc.setLanguage(lang)
  doc.setCreator('Vigil')
  doc.setProducer('Vigil')
  doc.setCreationDate(new Date(generatedAt))
  doc.setModificationDate(new Date(generatedAt))
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    mono: await doc.embedFont(StandardFonts.Courier)
  }
  const w = new PdfWriter(doc, fonts)

  w.text(T.title[lang], { size: 18, font: 'bold' })
  w.text(`${T.generated[lang]}: ${readableTime(generatedAt)}`, { size: 9, color: GREY, before: 4 })
  const filter = describeFilter(options.filter, lang)
  if (filter) w.text(`${T.filter[lang]}: ${filter}`, { size: 9, color: GREY })

  w.text(T.chain[lang], { size: 13, font: 'bold', before: 14 })
  w.text(describeChain(chain, lang), { size: 10, font: 'bold', color: chain.ok ? GREEN : RED, before: 2 })
  if (!chain.appendOnlyTriggers) w.text(T.noTriggers[lang], { size: 10, color: RED })

  w.text(T.summary[lang], { size: 13, font: 'bold', before: 14 })
  w.text(T.summaryNote[lang], { size: 9, color: GREY })
  const summary = transparencySummary(entries)
  const jurisdictions = new Set(entries.map((e) => str(obj(e.payload.basis).jurisdiction)).filter(Boolean))
  if (summary.length === 0) w.text(T.noEntries[lang], { before: 4 })
  for (const year of summary) {
    w.keep(80)
    w.text(String(year.year), { size: 11, font: 'bold', before: 8 })
    w.text(`${T.exports[lang]}: ${year.exports} (${T.withOriginals[lang]}: ${year.withOriginals})`, { indent: 12 })
    if (year.byBasis.length > 0) {
      w.text(`${T.byBasis[lang]}:`, { indent: 12, font: 'bold', size: 9, before: 2 })
      for (const b of year.byBasis) {
        w.text(`${basisTitle(b.jurisdiction ? `${b.jurisdiction}:${b.code}` : b.code, lang, jurisdictions.size > 1)}: ${b.count}`, { indent: 24, size: 9 })
      }
    }
    if (year.byRecipient.length > 0) {
      w.text(`${T.byRecipient[lang]}:`, { indent: 12, font: 'bold', size: 9, before: 2 })
      for (const r of year.byRecipient) w.text(`${r.recipient}: ${r.count}`, { indent: 24, size: 9 })
    }
    w.text(`${T.holdsPlaced[lang]}: ${year.holdsPlaced}; ${T.holdsReleased[lang]}: ${year.holdsReleased}`, { indent: 12, before: 2 })
  }

  if (entries.length > 0) w.text(T.log[lang], { size: 13, font: 'bold', before: 16 })
  for (const entry of entries) {
    w.keep(60)
    const broken = chain.firstBroken?.id === entry.id ? ` (${BREAK_TEXT[chain.firstBroken.reason][lang]})` : ''
    w.text(`#${entry.id} · ${readableTime(entry.at)} · ${KIND_LABEL[entry.kind]?.[lang] ?? entry.kind}${broken}`, {
      size: 10,
      font: 'bold',
      color: broken ? RED : BLACK,
      before: 8
    })
    writeEntryFields(w, entry, lang, jurisdictions.size > 1)
    w.field(T.hash[lang], entry.hash, { font: 'mono' })
  }

  const total = w.pages.length
  w.pages.forEach((page, i) => {
    const label = `${T.page[lang]} ${i + 1} ${T.of[lang]} ${total}`
    const size = 8
    page.drawText(toWinAnsi(T.title[lang]), { x: MARGIN, y: MARGIN / 2, size, font: fonts.regular, color: GREY })
    page.drawText(label, { x: PAGE[0] - MARGIN - fonts.regular.widthOfTextAtSize(label, size), y: MARGIN / 2, size, font: fonts.regular, color: GREY })
  })
  return doc.save()
}

function describeFilter(filter: LogFilter | undefined, lang: Language): string | null {
  if (!filter) return null
  const parts: string[] = []
  if (filter.year !== undefined) parts.push(String(filter.year))
  if (filter.recipient) parts.push(`${T.recipient[lang]} "${filter.recipient}"`)
  if (filter.basis) parts.push(`${T.basis[lang]} ${basisTitle(filter.basis, lang, true)}`)
  if (filter.kind) parts.push(KIND_LABEL[filter.kind][lang])
  return parts.length ? parts.join(', ') : null
}

function writeEntryFields(w: PdfWriter, entry: LogEntry, lang: Language, withJurisdiction: boolean): void {
  const p = entry.payload
  const c = entryColumns(entry)
  const range = c.range ? `${readableTime(c.range.from)} – ${readableTime(c.range.to)}` : null
  if (entry.kind === 'export') {
    if (c.recipient) w.field(T.recipient[lang], c.recipient)
    if (c.basis) w.field(T.basis[lang], basisTitle(c.basis, lang, withJurisdiction))
    const request = obj(p.request)
    const basis = c.basis ? basisOf(c.basis) : undefined
    // The catalog's order (who asks, case, date, ..., justification, then the basis' own fields), then any others.
    const known: RequestField[] = [...REQUEST_FIELDS, ...(basis?.fields ?? [])]
    const names = [...known.map((f) => f.name), ...Object.keys(request).filter((name) => !known.some((f) => f.name === name))]
    for (const name of names) {
      const value = request[name]
      if (typeof value !== 'string' || value.trim() === '') continue
      const field = known.find((f) => f.name === name)
      const shown = field?.options?.find((o) => o.value === value)?.label[lang] ?? value
      w.field(field?.label[lang] ?? name, shown, { block: field?.kind === 'longtext' })
    }
    if (c.cameras.length) w.field(T.cameras[lang], c.cameras.join(', '))
    if (range) w.field(T.range[lang], range)
    const contents = obj(p.contents)
    const parts = (['originals', 'redacted', 'snapshots'] as const).filter((k) => contents[k] === true).map((k) => T[k][lang])
    if (parts.length) w.field(T.contents[lang], parts.join(', '))
    if (Array.isArray(p.keptTracks) && p.keptTracks.length) {
      w.field(T.keptTracks[lang], p.keptTracks.map((t) => (typeof t === 'object' && t ? `${str(obj(t).cameraId) ?? '?'} #${num(obj(t).trackId) ?? '?'}` : String(t))).join(', '))
    }
    if (str(p.exportedBy)) w.field(T.exportedBy[lang], String(p.exportedBy))
    if (str(p.softwareVersion)) w.field(T.software[lang], `Vigil ${String(p.softwareVersion)}`)
    if (c.packageId) w.field(T.package[lang], c.packageId)
  } else if (entry.kind === 'export_sealed') {
    if (c.packageId) w.field(T.package[lang], c.packageId)
    if (num(p.exportEntryId) !== null) w.field(T.exportEntry[lang], `#${p.exportEntryId}`)
    if (str(p.manifestSha256)) w.field(T.manifest[lang], String(p.manifestSha256), { font: 'mono' })
  } else {
    if (num(p.holdId) !== null) w.field(T.hold[lang], `#${p.holdId}`)
    if (c.cameras.length) w.field(T.camera[lang], c.cameras.join(', '))
    if (range) w.field(T.range[lang], range)
    if (str(p.reason)) w.field(T.reason[lang], String(p.reason))
  }
  if (str(p.unreadablePayload)) w.field('Payload', String(p.unreadablePayload))
}
