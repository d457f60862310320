// handover-report.pdf: the printable record that goes with an evidence package. Everything on it comes from
// the manifest, plus the manifest's own SHA-256 (which is why the manifest cannot list this PDF: see
// package-writer.ts). Standard PDF fonts only (Helvetica/Courier, WinAnsi): no font files to embed, umlauts
// and the other Western European letters print; anything else is transliterated or shown as '?'.
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib'
import type { Language } from '../../contract'
import { serialiseManifest, type FileRole, type Manifest } from './manifest'
import { sha256 } from './package-layout'
import { winAnsi, wrap } from './pdf-text'
import { formatFingerprint } from './signing-key'

const A4: [number, number] = [595.28, 841.89]
const MARGIN = 50
const FOOTER = 30
const LABEL_WIDTH = 165
const BODY = 10
const SMALL = 8.5
const MONO = 8
const GREY = rgb(0.35, 0.35, 0.35)

const TEXT = {
  en: {
    title: 'Evidence handover record',
    subtitle: 'Video recordings exported with Vigil',
    page: (n: number, of: number) => `Page ${n} of ${of}`,
    package: 'Package',
    packageId: 'Package id',
    created: 'Created',
    exportedBy: 'Exported by',
    software: 'Software',
    on: 'on',
    legal: 'Legal basis and request',
    basis: 'Legal basis',
    authority: 'Requested by',
    caseNumber: 'Case number',
    requestDate: 'Request date',
    officer: 'Officer',
    receivedVia: 'Request received via',
    justification: 'Justification',
    none: '(none)',
    cameras: 'Cameras',
    noLocation: 'location not given',
    range: 'Recorded period',
    from: 'From',
    to: 'To',
    duration: 'Duration',
    timeZone: 'Time zone',
    offsets: (start: string, end: string) => (start === end ? `UTC${start} throughout` : `UTC${start} at the start, UTC${end} at the end`),
    clock: "Recording machine's clock",
    synchronised: 'Synchronised (NTP)',
    yes: 'yes',
    no: 'no',
    unknown: 'unknown',
    offset: 'Offset from reference',
    offsetValue: (ms: number) => `${ms > 0 ? '+' : ''}${ms} ms (${ms > 0 ? 'ahead' : ms < 0 ? 'behind' : 'exact'})`,
    reference: 'Reference',
    checkedAt: 'Checked at',
    note: 'Note',
    redaction: 'Redaction',
    noRedaction: 'Nothing was redacted: the package holds unchanged original recordings only.',
    method: 'Method',
    kept: 'Kept visible',
    redacted: 'Made unrecognisable',
    manual: 'Regions masked by hand',
    redactionNote:
      'The original recordings are included unchanged (master exhibit). Redacted files are working copies made from them and are declared as such below.',
    files: 'Files',
    role: { original: 'original recording', redacted: 'redacted working copy', snapshot: 'still image', report: 'report', readme: 'instructions' } satisfies Record<FileRole, string>,
    bytes: 'bytes',
    derivedFrom: 'made from',
    integrity: 'Integrity',
    manifestHash: 'SHA-256 of manifest.json',
    signature: 'Signature',
    signatureValue: 'Ed25519 over manifest.json (manifest.sig), public key in public-key.pem',
    fingerprint: 'Public key fingerprint',
    fingerprintNote: "Compare this fingerprint with the exporter's by phone or in person before relying on the signature.",
    logEntry: 'Export log entry',
    notLogged: 'not logged',
    howToCheck: 'README.txt in the package explains how to check every file with sha256sum and openssl, or with `vigil verify`.',
    continuity: 'Continuity record',
    continuityNote: 'Record every hand-over of this package or of copies of it: who passed it to whom, when, and why.',
    continuityColumns: ['Date and time', 'From', 'To', 'Purpose', 'Signature'],
    handover: 'Handover',
    medium: 'Medium (e.g. USB stick, serial number)',
    confirm: 'By signing, both sides confirm that the package named above (package id, SHA-256 of manifest.json) was handed over and received on this medium.',
    handedOverBy: 'Handed over by',
    receivedBy: 'Received by',
    boxLines: ['Name', 'Organisation / role', 'Date and time', 'Signature']
  },
  de: {
    title: 'Übergabeprotokoll für Beweismittel',
    subtitle: 'Mit Vigil exportierte Videoaufzeichnungen',
    page: (n: number, of: number) => `Seite ${n} von ${of}`,
    package: 'Paket',
    packageId: 'Paket-ID',
    created: 'Erstellt',
    exportedBy: 'Exportiert von',
    software: 'Software',
    on: 'auf',
    legal: 'Rechtsgrundlage und Anfrage',
    basis: 'Rechtsgrundlage',
    authority: 'Angefordert von',
    caseNumber: 'Aktenzeichen',
    requestDate: 'Datum der Anfrage',
    officer: 'Sachbearbeiter/in',
    receivedVia: 'Anfrage eingegangen per',
    justification: 'Begründung',
    none: '(keine Angabe)',
    cameras: 'Kameras',
    noLocation: 'Standort nicht angegeben',
    range: 'Aufgezeichneter Zeitraum',
    from: 'Von',
    to: 'Bis',
    duration: 'Dauer',
    timeZone: 'Zeitzone',
    offsets: (start: string, end: string) => (start === end ? `durchgehend UTC${start}` : `UTC${start} am Anfang, UTC${end} am Ende`),
    clock: 'Uhr des Aufzeichnungsrechners',
    synchronised: 'Synchronisiert (NTP)',
    yes: 'ja',
    no: 'nein',
    unknown: 'unbekannt',
    offset: 'Abweichung von der Referenz',
    offsetValue: (ms: number) => `${ms > 0 ? '+' : ''}${ms} ms (${ms > 0 ? 'vorgehend' : ms < 0 ? 'nachgehend' : 'genau'})`,
    reference: 'Referenz',
    checkedAt: 'Geprüft am',
    note: 'Hinweis',
    redaction: 'Schwärzung (Unkenntlichmachung)',
    noRedaction: 'Nichts wurde unkenntlich gemacht: Das Paket enthält nur unveränderte Originalaufnahmen.',
    method: 'Verfahren',
    kept: 'Sichtbar gelassen',
    redacted: 'Unkenntlich gemacht',
    manual: 'Von Hand maskierte Bereiche',
    redactionNote:
      'Die Originalaufnahmen liegen unverändert bei (Hauptbeweismittel). Geschwärzte Dateien sind daraus erstellte Arbeitskopien und unten als solche ausgewiesen.',
    files: 'Dateien',
    role: { original: 'Originalaufnahme', redacted: 'geschwärzte Arbeitskopie', snapshot: 'Standbild', report: 'Bericht', readme: 'Anleitung' } satisfies Record<FileRole, string>,
    bytes: 'Bytes',
    derivedFrom: 'erstellt aus',
    integrity: 'Unversehrtheit',
    manifestHash: 'SHA-256 von manifest.json',
    signature: 'Signatur',
    signatureValue: 'Ed25519 über manifest.json (manifest.sig), öffentlicher Schlüssel in public-key.pem',
    fingerprint: 'Fingerabdruck des Schlüssels',
    fingerprintNote: 'Vergleichen Sie diesen Fingerabdruck telefonisch oder persönlich mit dem des Exporteurs, bevor Sie sich auf die Signatur verlassen.',
    logEntry: 'Eintrag im Exportprotokoll',
    notLogged: 'nicht protokolliert',
    howToCheck: 'README.txt im Paket erklärt, wie jede Datei mit sha256sum und openssl oder mit `vigil verify` geprüft wird.',
    continuity: 'Nachweis der Beweismittelkette',
    continuityNote: 'Tragen Sie jede Weitergabe dieses Pakets oder von Kopien ein: wer es wem wann und wozu übergeben hat.',
    continuityColumns: ['Datum und Uhrzeit', 'Von', 'An', 'Zweck', 'Unterschrift'],
    handover: 'Übergabe',
    medium: 'Datenträger (z. B. USB-Stick, Seriennummer)',
    confirm: 'Mit ihrer Unterschrift bestätigen beide Seiten, dass das oben bezeichnete Paket (Paket-ID, SHA-256 von manifest.json) auf diesem Datenträger übergeben und empfangen wurde.',
    handedOverBy: 'Übergeben von',
    receivedBy: 'Empfangen von',
    boxLines: ['Name', 'Dienststelle / Funktion', 'Datum und Uhrzeit', 'Unterschrift']
  }
} as const

type Texts = (typeof TEXT)[Language]

/** Renders the report. Deterministic: the same manifest and language give the same bytes. */
export async function renderHandoverReport(manifest: Manifest, language: Language): Promise<Buffer> {
  const t: Texts = TEXT[language]
  const doc = await PDFDocument.create()
  const created = new Date(manifest.createdAt.utc)
  doc.setTitle(`${t.title} ${manifest.packageId}`)
  doc.setSubject(t.subtitle)
  doc.setCreator(`${manifest.software.name} ${manifest.software.version}`)
  doc.setProducer(`${manifest.software.name} ${manifest.software.version} (pdf-lib)`)
  doc.setLanguage(language === 'de' ? 'de-DE' : 'en-GB')
  doc.setCreationDate(created)
  doc.setModificationDate(created)
  const fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    mono: await doc.embedFont(StandardFonts.Courier)
  }
  const w = new Layout(doc, fonts)
  const when = (iso: string) => formatLocal(iso, language)
  const orNone = (value: string | null) => (value && value.trim() ? value : t.none)

  w.text(t.title, { font: fonts.bold, size: 18 })
  w.text(t.subtitle, { size: 11, color: GREY })
  w.gap(8)

  w.heading(t.package)
  w.field(t.packageId, manifest.packageId, { mono: true })
  w.field(t.created, `${when(manifest.createdAt.local)}\n${formatUtc(manifest.createdAt.utc)}`)
  w.field(t.exportedBy, `${manifest.exportedBy.osUser} ${t.on} ${manifest.exportedBy.host}`)
  w.field(t.software, `${manifest.software.name} ${manifest.software.version} (${manifest.software.platform})`)

  w.heading(t.legal)
  w.field(t.basis, `${manifest.legalBasis.title}\n(${manifest.legalBasis.jurisdiction}: ${manifest.legalBasis.code})`)
  w.field(t.authority, orNone(manifest.request.authority))
  w.field(t.caseNumber, orNone(manifest.request.caseNumber))
  w.field(t.requestDate, manifest.request.requestDate ? formatDate(manifest.request.requestDate, language) : t.none)
  w.field(t.officer, orNone(manifest.request.officer))
  w.field(t.receivedVia, orNone(manifest.request.receivedVia))
  w.field(t.justification, orNone(manifest.request.justification))

  w.heading(t.cameras)
  for (const camera of manifest.cameras) w.field(camera.name, `${camera.location || t.noLocation}\n${camera.id}`)

  w.heading(t.range)
  w.field(t.from, `${when(manifest.range.start.local)}\n${formatUtc(manifest.range.start.utc)}`)
  w.field(t.to, `${when(manifest.range.end.local)}\n${formatUtc(manifest.range.end.utc)}`)
  w.field(t.duration, formatDuration(manifest.range.durationMs))
  w.field(t.timeZone, `${manifest.timeZone.name}: ${t.offsets(manifest.timeZone.offsetAtStart, manifest.timeZone.offsetAtEnd)}`)

  w.heading(t.clock)
  const clock = manifest.clock
  w.field(t.synchronised, clock.synchronised === null ? t.unknown : clock.synchronised ? t.yes : t.no)
  w.field(t.offset, clock.offsetMs === null ? t.unknown : t.offsetValue(clock.offsetMs))
  if (clock.reference) w.field(t.reference, clock.reference)
  if (clock.checkedAt) w.field(t.checkedAt, formatUtc(clock.checkedAt))
  if (clock.note) w.field(t.note, clock.note)

  w.heading(t.redaction)
  const redaction = manifest.redaction
  if (!redaction) {
    w.paragraph(t.noRedaction)
  } else {
    w.field(t.method, redaction.method)
    const list = (action: 'kept' | 'redacted') =>
      redaction.tracks
        .filter((track) => track.action === action)
        .map((track) => track.label + (track.startMs !== undefined && track.endMs !== undefined ? ` (${formatClipTime(track.startMs)}-${formatClipTime(track.endMs)})` : ''))
        .join(', ') || t.none
    w.field(t.kept, list('kept'))
    w.field(t.redacted, list('redacted'))
    w.field(t.manual, redaction.manualRegions.map((r) => `${r.label} (${formatClipTime(r.startMs)}-${formatClipTime(r.endMs)})`).join(', ') || t.none)
    if (redaction.notes) w.field(t.note, redaction.notes)
    w.paragraph(t.redactionNote, { size: SMALL, color: GREY })
  }

  w.heading(t.files)
  const number = new Intl.NumberFormat(language === 'de' ? 'de-DE' : 'en-GB')
  for (const file of manifest.files) {
    const details = [t.role[file.role], `${number.format(file.bytes)} ${t.bytes}`]
    if (file.derivedFrom) details.push(`${t.derivedFrom} ${file.derivedFrom}`)
    w.keepTogether(3 * lineHeight(BODY) + 4)
    w.text(file.path, { font: fonts.bold })
    w.text(details.join(', '), { indent: 12 })
    w.text(`SHA-256 ${file.sha256}`, { font: fonts.mono, size: MONO, indent: 12 })
    w.gap(3)
  }

  w.heading(t.integrity)
  w.field(t.manifestHash, sha256(serialiseManifest(manifest)), { mono: true })
  w.field(t.signature, t.signatureValue)
  w.field(t.fingerprint, formatFingerprint(manifest.signing.publicKeyFingerprint), { mono: true })
  w.field(t.logEntry, manifest.log ? `#${manifest.log.entryId}\n${manifest.log.entryHash}` : t.notLogged, { mono: manifest.log !== null })
  w.paragraph(t.fingerprintNote, { size: SMALL, color: GREY })
  w.paragraph(t.howToCheck, { size: SMALL, color: GREY })

  w.heading(t.continuity, 6 * 24 + 40)
  w.paragraph(t.continuityNote, { size: SMALL, color: GREY })
  w.table(t.continuityColumns, [0.2, 0.2, 0.2, 0.2, 0.2], 5, 24)

  w.heading(t.handover, 210)
  w.signatureLine(t.medium)
  w.paragraph(t.confirm, { size: SMALL, color: GREY })
  w.gap(6)
  w.signatureBoxes([t.handedOverBy, t.receivedBy], t.boxLines)

  w.footers((n, of) => `${manifest.packageId} - ${t.page(n, of)}`)
  return Buffer.from(await doc.save())
}

interface Fonts {
  regular: PDFFont
  bold: PDFFont
  mono: PDFFont
}

interface TextOptions {
  font?: PDFFont
  size?: number
  color?: ReturnType<typeof rgb>
  indent?: number
}

function lineHeight(size: number): number {
  return size * 1.3
}

/** A top-down flow of text on A4 pages: a cursor, wrapping and page breaks. */
class Layout {
  private page: PDFPage
  private y: number
  private readonly width = A4[0] - 2 * MARGIN

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Fonts
  ) {
    this.page = doc.addPage(A4)
    this.y = A4[1] - MARGIN
  }

  /** Starts a new page unless `height` points still fit above the footer. */
  keepTogether(height: number): void {
    if (this.y - height < MARGIN + FOOTER) {
      this.page = this.doc.addPage(A4)
      this.y = A4[1] - MARGIN
    }
  }

  gap(points: number): void {
    this.y -= points
  }

  text(value: string, options: TextOptions = {}): void {
    const font = options.font ?? this.fonts.regular
    const size = options.size ?? BODY
    const indent = options.indent ?? 0
    for (const line of wrap(winAnsi(value), font, size, this.width - indent)) {
      this.keepTogether(lineHeight(size))
      this.y -= lineHeight(size)
      this.page.drawText(line, { x: MARGIN + indent, y: this.y + size * 0.25, font, size, color: options.color ?? rgb(0, 0, 0) })
    }
  }

  paragraph(value: string, options: TextOptions = {}): void {
    this.gap(2)
    this.text(value, options)
    this.gap(2)
  }

  /** A section title; `minFollowing` keeps it on the same page as what comes right after it. */
  heading(value: string, minFollowing = 3 * lineHeight(BODY)): void {
    this.gap(10)
    this.keepTogether(lineHeight(12) + 6 + minFollowing)
    this.text(value, { font: this.fonts.bold, size: 12 })
    this.page.drawLine({ start: { x: MARGIN, y: this.y - 2 }, end: { x: MARGIN + this.width, y: this.y - 2 }, thickness: 0.5, color: GREY })
    this.gap(6)
  }

  /** A label on the left, a wrapped value on the right; '\n' in the value starts a new line. */
  field(label: string, value: string, options: { mono?: boolean } = {}): void {
    const valueFont = options.mono ? this.fonts.mono : this.fonts.regular
    const valueSize = options.mono ? MONO : BODY
    const valueWidth = this.width - LABEL_WIDTH
    const labelLines = wrap(winAnsi(label), this.fonts.bold, BODY, LABEL_WIDTH - 10)
    const valueLines = wrap(winAnsi(value), valueFont, valueSize, valueWidth)
    const rows = Math.max(labelLines.length, valueLines.length)
    const height = lineHeight(BODY)
    // Short fields stay whole; a long justification may run over a page break.
    if (rows <= 6) this.keepTogether(rows * height)
    for (let i = 0; i < rows; i++) {
      this.keepTogether(height)
      this.y -= height
      const baseline = this.y + BODY * 0.25
      if (labelLines[i]) this.page.drawText(labelLines[i], { x: MARGIN, y: baseline, font: this.fonts.bold, size: BODY })
      if (valueLines[i]) this.page.drawText(valueLines[i], { x: MARGIN + LABEL_WIDTH, y: baseline, font: valueFont, size: valueSize })
    }
    this.gap(2)
  }

  /** A ruled table with a header row and `rows` empty rows to fill in by hand. */
  table(columns: readonly string[], fractions: number[], rows: number, rowHeight: number): void {
    const headerHeight = 16
    this.keepTogether(headerHeight + rows * rowHeight)
    const top = this.y
    const bottom = top - headerHeight - rows * rowHeight
    let x = MARGIN
    for (const [i, column] of columns.entries()) {
      const columnWidth = fractions[i] * this.width
      this.page.drawText(winAnsi(column), { x: x + 3, y: top - 11, font: this.fonts.bold, size: SMALL })
      this.page.drawLine({ start: { x, y: top }, end: { x, y: bottom }, thickness: 0.5 })
      x += columnWidth
    }
    this.page.drawLine({ start: { x: MARGIN + this.width, y: top }, end: { x: MARGIN + this.width, y: bottom }, thickness: 0.5 })
    for (let row = 0; row <= rows + 1; row++) {
      const y = row === 0 ? top : top - headerHeight - (row - 1) * rowHeight
      this.page.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + this.width, y }, thickness: 0.5 })
    }
    this.y = bottom - 4
  }

  signatureLine(label: string): void {
    this.keepTogether(30)
    this.y -= 24
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: MARGIN + this.width, y: this.y }, thickness: 0.5 })
    this.page.drawText(winAnsi(label), { x: MARGIN, y: this.y - 10, font: this.fonts.regular, size: SMALL, color: GREY })
    this.y -= 12
  }

  /** Boxes side by side, each with a title and ruled lines to write on. */
  signatureBoxes(titles: string[], lines: readonly string[]): void {
    const gutter = 16
    const boxWidth = (this.width - gutter * (titles.length - 1)) / titles.length
    const lineGap = 34
    const boxHeight = 22 + lines.length * lineGap + 6
    this.keepTogether(boxHeight)
    const top = this.y
    for (const [i, title] of titles.entries()) {
      const x = MARGIN + i * (boxWidth + gutter)
      this.page.drawRectangle({ x, y: top - boxHeight, width: boxWidth, height: boxHeight, borderWidth: 0.8, borderColor: rgb(0, 0, 0) })
      this.page.drawText(winAnsi(title), { x: x + 6, y: top - 15, font: this.fonts.bold, size: 11 })
      for (const [j, line] of lines.entries()) {
        const y = top - 22 - (j + 1) * lineGap + 8
        this.page.drawLine({ start: { x: x + 6, y }, end: { x: x + boxWidth - 6, y }, thickness: 0.4, color: GREY })
        this.page.drawText(winAnsi(line), { x: x + 6, y: y - 9, font: this.fonts.regular, size: 7.5, color: GREY })
      }
    }
    this.y = top - boxHeight
  }

  footers(label: (page: number, of: number) => string): void {
    const pages = this.doc.getPages()
    for (const [i, page] of pages.entries()) {
      const text = winAnsi(label(i + 1, pages.length))
      const width = this.fonts.regular.widthOfTextAtSize(text, SMALL)
      page.drawText(text, { x: A4[0] - MARGIN - width, y: MARGIN / 2, font: this.fonts.regular, size: SMALL, color: GREY })
    }
  }
}

/** '2024-05-04T14:03:12.000+02:00' -> '04.05.2024 14:03:12 (UTC+02:00)' / '2024-05-04 14:03:12 (UTC+02:00)'. */
export function formatLocal(iso: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/.exec(iso)
  if (!match) return iso
  const [, year, month, day, time, ms, zone] = match
  const clock = ms && Number(ms) !== 0 ? `${time}.${ms}` : time
  const date = language === 'de' ? `${day}.${month}.${year}` : `${year}-${month}-${day}`
  return `${date} ${clock} (UTC${zone === 'Z' ? '+00:00' : zone})`
}

function formatUtc(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/.exec(iso)
  if (!match) return iso
  return `${match[1]} ${match[2]}${match[3] && Number(match[3]) !== 0 ? `.${match[3]}` : ''} UTC`
}

function formatDate(ymd: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd)
  if (!match || language !== 'de') return ymd
  return `${match[3]}.${match[2]}.${match[1]}`
}

function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)} (h:min:s)`
}

function formatClipTime(ms: number): string {
  const total = Math.max(0, Math.round(ms / 100)) / 10
  const minutes = Math.floor(total / 60)
  return `${minutes}:${(total - minutes * 60).toFixed(1).padStart(4, '0')}`
}
