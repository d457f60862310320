// The export log: an append-only, hash-chained record of every confirmed export and every evidence hold
// placed or released. This module is the export_log table's repository (its only SQL) and its verifier.
//
// Chain
//   hash(entry) = SHA-256 hex of the UTF-8 bytes of canonicalJson({ at, id, kind, payload, prevHash })
//   prevHash    = the previous entry's hash; GENESIS_HASH (64 zeros) for entry 1.
// canonicalJson writes object keys sorted (UTF-16 code unit order), no whitespace, strings and numbers as
// JSON.stringify does: RFC 8785 (JCS) for the values a payload may hold. Anyone with the database file can
// re-check the chain with any SHA-256 and JSON library. The payload column holds canonicalJson(payload).
//
// What the chain shows
//   - an edited entry: its hash no longer matches ('hash_mismatch'), or, if the editor recomputed that hash,
//     the next entry's prevHash no longer matches ('prev_mismatch');
//   - a deleted entry: a missing id ('gap'; ids come from AUTOINCREMENT and are never reused, and
//     sqlite_sequence remembers the highest id written, so deleting the newest entries shows too);
//   - reordered entries: the id is hashed, so moving content to another id breaks the hash or the link.
// The triggers refuse UPDATE and DELETE through SQLite; someone with the file can still drop them and
// rewrite every hash from the edit onwards. The head hash (printed by `vigil log verify`, in each export's
// records, on the PDF) is what an outsider compares to catch that.
//
// Payload conventions (times are UTC epoch milliseconds)
//   export         ExportPayload: what left the machine, to whom, on which legal basis
//   export_sealed  SealedPayload: the finished package's manifest hash, linked to its export entry
//   hold_placed    HoldPayload: a hold (retention keeps the footage) was placed ...
//   hold_released  HoldPayload: ... or released (reason: why it was released)
import { createHash } from 'node:crypto'
import type { Db } from '../db'
import type { Jurisdiction } from './legal-bases'

export const LOG_KINDS = ['export', 'export_sealed', 'hold_placed', 'hold_released'] as const
export type LogKind = (typeof LOG_KINDS)[number]

export const GENESIS_HASH = '0'.repeat(64)

export interface ExportPayload {
  /** The package folder's id (exports/<id>/). */
  packageId: string
  basis: { jurisdiction: Jurisdiction; code: string }
  /** The validated request: REQUEST_FIELDS (requesterKind, requesterName, caseNumber, requestDate, officer,
   * contact, receivedVia, justification) plus the basis' own fields, as validateRequest checked them. */
  request: Record<string, string>
  /** Who receives the package: the authority's or the person's name. */
  recipient: string
  cameras: Array<{ id: string; name: string }>
  range: { from: number; to: number }
  contents: { originals: boolean; redacted: boolean; snapshots: boolean }
  /** Tracks the owner kept visible in the redacted copy; every other person is covered. */
  keptTracks: Array<{ cameraId: string; trackId: number }>
  /** The OS user who confirmed the export. */
  exportedBy: string
  softwareVersion: string
}

export interface SealedPayload {
  packageId: string
  /** The id of the 'export' entry this package belongs to. */
  exportEntryId: number
  /** SHA-256 hex of the package's manifest file. */
  manifestSha256: string
}

export interface HoldPayload {
  holdId: number
  cameraId: string
  from: number
  to: number
  reason: string
}

export interface LogPayloads {
  export: ExportPayload
  export_sealed: SealedPayload
  hold_placed: HoldPayload
  hold_released: HoldPayload
}

export interface LogEntry {
  id: number
  /** UTC epoch ms. */
  at: number
  kind: LogKind
  payload: Record<string, unknown>
  prevHash: string
  hash: string
}

export type ChainBreak = 'hash_mismatch' | 'prev_mismatch' | 'gap' | 'bad_payload'

export interface ChainReport {
  ok: boolean
  entries: number
  /** The newest entry's stored hash. */
  headHash: string | null
  /** For 'gap': the first missing id. Otherwise the first entry that fails its check. */
  firstBroken: { id: number; reason: ChainBreak } | null
  /** Whether the triggers that refuse UPDATE and DELETE still exist; false means the file was altered outside Vigil. */
  appendOnlyTriggers: boolean
}

export interface LogFilter {
  /** UTC calendar year of the entry's time. */
  year?: number
  /** Case-insensitive part of the recipient's name; only export entries have one. */
  recipient?: string
  /** A basis code ('court_order') or jurisdiction:code ('uk:court_order'); only export entries have one. */
  basis?: string
  kind?: LogKind
}

export class ExportLogError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ExportLogError'
  }
}

/** Canonical JSON (see the header). Refuses what JSON cannot carry exactly: undefined in arrays, NaN, class instances. */
export function canonicalJson(value: unknown, path = 'payload'): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value)
    case 'number':
      if (!Number.isFinite(value)) throw new ExportLogError(`${path}: expected a finite number, got ${value}`)
      return JSON.stringify(value)
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value
          .map((item, i) => {
            if (item === undefined) throw new ExportLogError(`${path}[${i}]: undefined is not JSON`)
            return canonicalJson(item, `${path}[${i}]`)
          })
          .join(',')}]`
      }
      const proto = Object.getPrototypeOf(value)
      if (proto !== Object.prototype && proto !== null) {
        throw new ExportLogError(`${path}: expected a plain object, got ${proto?.constructor?.name ?? 'an object'}`)
      }
      const record = value as Record<string, unknown>
      const keys = Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort()
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k], `${path}.${k}`)}`).join(',')}}`
    }
    default:
      throw new ExportLogError(`${path}: ${typeof value} is not JSON`)
  }
}

export function entryHash(entry: { id: number; at: number; kind: string; payload: unknown; prevHash: string }): string {
  const canonical = canonicalJson({ at: entry.at, id: entry.id, kind: entry.kind, payload: entry.payload, prevHash: entry.prevHash }, 'entry')
  return createHash('sha256').update(canonical, 'utf8').digest('hex')
}

interface RawRow {
  id: number
  at_ms: number
  kind: string
  payload: string
  prev_hash: string
  hash: string
}

const YEAR_MS = (year: number) => [Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1)] as const

function toEntry(row: RawRow): LogEntry {
  return { id: row.id, at: row.at_ms, kind: row.kind as LogKind, payload: parsePayload(row.payload), prevHash: row.prev_hash, hash: row.hash }
}

/** A tampered payload still lists (verify() names it); its raw text is kept instead of throwing. */
function parsePayload(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>
  } catch {
    // fall through
  }
  return { unreadablePayload: text }
}

function matches(entry: LogEntry, filter: LogFilter): boolean {
  if (filter.recipient !== undefined) {
    const recipient = entry.payload.recipient
    if (typeof recipient !== 'string') return false
    if (!recipient.toLocaleLowerCase().includes(filter.recipient.trim().toLocaleLowerCase())) return false
  }
  if (filter.basis !== undefined) {
    const basis = entry.payload.basis as { jurisdiction?: unknown; code?: unknown } | undefined
    if (!basis || typeof basis !== 'object') return false
    const [jurisdiction, code] = filter.basis.includes(':') ? filter.basis.split(':', 2) : [undefined, filter.basis]
    if (basis.code !== code || (jurisdiction !== undefined && basis.jurisdiction !== jurisdiction)) return false
  }
  return true
}

export class ExportLog {
  private readonly stmts
  private readonly appendTx

  constructor(private readonly db: Db) {
    this.stmts = {
      head: db.prepare<[], RawRow>('SELECT * FROM export_log ORDER BY id DESC LIMIT 1'),
      byId: db.prepare<[number], RawRow>('SELECT * FROM export_log WHERE id = ?'),
      sequence: db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'export_log'"),
      insert: db.prepare('INSERT INTO export_log (id, at_ms, kind, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)'),
      list: db.prepare<[{ from: number | null; to: number | null; kind: string | null }], RawRow>(
        'SELECT * FROM export_log WHERE (@from IS NULL OR at_ms >= @from) AND (@to IS NULL OR at_ms < @to) AND (@kind IS NULL OR kind = @kind) ORDER BY id'
      ),
      all: db.prepare<[], RawRow>('SELECT * FROM export_log ORDER BY id'),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM export_log'),
      triggers: db.prepare<[], { n: number }>(
        "SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'export_log' AND name IN ('export_log_no_update', 'export_log_no_delete')"
      )
    }
    this.appendTx = db.transaction((kind: LogKind, payloadJson: string, payload: Record<string, unknown>, at: number): LogEntry => {
      const head = this.stmts.head.get()
      // The next id continues after the highest id ever written, so a deleted tail stays a visible gap.
      const id = Math.max(this.stmts.sequence.get()?.seq ?? 0, head?.id ?? 0) + 1
      const prevHash = head?.hash ?? GENESIS_HASH
      const hash = entryHash({ id, at, kind, payload, prevHash })
      this.stmts.insert.run(id, at, kind, payloadJson, prevHash, hash)
      return { id, at, kind, payload, prevHash, hash }
    })
  }

  /** Appends one entry, chained to the current head. Reading the head and inserting happen in one write transaction. */
  append<K extends LogKind>(kind: K, payload: LogPayloads[K], at = Date.now()): LogEntry {
    if (!(LOG_KINDS as readonly string[]).includes(kind)) {
      throw new ExportLogError(`Unknown log entry kind "${kind}" (expected one of: ${LOG_KINDS.join(', ')})`)
    }
    if (!Number.isSafeInteger(at) || at < 0) throw new ExportLogError(`Entry time must be epoch milliseconds, got ${at}`)
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      throw new ExportLogError('The payload must be a JSON object')
    }
    const payloadJson = canonicalJson(payload)
    // IMMEDIATE: take the write lock before reading the head, so two processes cannot chain to the same entry.
    // The payload as it reads back from the column (canonical JSON parsed): what is hashed and returned.
    return this.appendTx.immediate(kind, payloadJson, JSON.parse(payloadJson) as Record<string, unknown>, at)
  }

  list(filter: LogFilter = {}): LogEntry[] {
    const [from, to] = filter.year === undefined ? [null, null] : YEAR_MS(filter.year)
    return this.stmts.list
      .all({ from, to, kind: filter.kind ?? null })
      .map(toEntry)
      .filter((e) => matches(e, filter))
  }

  byId(id: number): LogEntry | undefined {
    const row = this.stmts.byId.get(id)
    return row ? toEntry(row) : undefined
  }

  head(): LogEntry | undefined {
    const row = this.stmts.head.get()
    return row ? toEntry(row) : undefined
  }

  /** Re-checks every link of the chain in one read snapshot (a recorder may append meanwhile). */
  verify(): ChainReport {
    return this.db.transaction((): ChainReport => {
      const sequence = this.stmts.sequence.get()?.seq ?? 0
      const entries = this.stmts.count.get()?.n ?? 0
      const appendOnlyTriggers = this.stmts.triggers.get()?.n === 2
      let expectedId = 1
      let prevHash = GENESIS_HASH
      let headHash: string | null = null
      let firstBroken: ChainReport['firstBroken'] = null
      for (const row of this.stmts.all.iterate()) {
        headHash = row.hash
        if (firstBroken) continue
        firstBroken = checkRow(row, expectedId, prevHash)
        expectedId = row.id + 1
        prevHash = row.hash
      }
      // Entries deleted from the end leave no row to notice them, but sqlite_sequence still counts them.
      if (!firstBroken && sequence >= expectedId) firstBroken = { id: expectedId, reason: 'gap' }
      return { ok: firstBroken === null, entries, headHash, firstBroken, appendOnlyTriggers }
    })()
  }
}

function checkRow(row: RawRow, expectedId: number, prevHash: string): ChainReport['firstBroken'] {
  if (row.id > expectedId) return { id: expectedId, reason: 'gap' }
  if (row.id < expectedId) return { id: row.id, reason: 'gap' }
  if (row.prev_hash !== prevHash) return { id: row.id, reason: 'prev_mismatch' }
  let payload: unknown
  try {
    payload = JSON.parse(row.payload)
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload) || canonicalJson(payload) !== row.payload) {
      return { id: row.id, reason: 'bad_payload' }
    }
  } catch {
    return { id: row.id, reason: 'bad_payload' }
  }
  const hash = entryHash({ id: row.id, at: row.at_ms, kind: row.kind, payload, prevHash: row.prev_hash })
  return hash === row.hash ? null : { id: row.id, reason: 'hash_mismatch' }
}
