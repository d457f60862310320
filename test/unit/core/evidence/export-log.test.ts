import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../../main/core/db'
import {
  ExportLog,
  GENESIS_HASH,
  canonicalJson,
  type ExportPayload,
  type HoldPayload
} from '../../../../main/core/evidence/export-log'

const T0 = Date.UTC(2026, 2, 1, 10, 0, 0)

function exportPayload(overrides: Partial<ExportPayload> = {}): ExportPayload {
  return {
    packageId: 'pkg-1',
    basis: { jurisdiction: 'eu-de', code: 'court_order' },
    request: {
      requesterKind: 'authority',
      requesterName: 'Polizeipräsidium München',
      caseNumber: '123 Js 456/26',
      requestDate: '2026-03-01',
      receivedVia: 'letter',
      justification: 'The footage shows the break-in at the back door.',
      court: 'Amtsgericht München',
      orderFileNumber: 'ER VI Gs 1/26',
      orderDate: '2026-02-28'
    },
    recipient: 'Polizeipräsidium München',
    cameras: [{ id: 'front-1a2b3c', name: 'Front door' }],
    range: { from: T0 - 600_000, to: T0 - 300_000 },
    contents: { originals: true, redacted: true, snapshots: false },
    keptTracks: [{ cameraId: 'front-1a2b3c', trackId: 3 }],
    exportedBy: 'anna',
    softwareVersion: '0.1.0',
    ...overrides
  }
}

const hold = (holdId: number, reason = 'break-in'): HoldPayload => ({ holdId, cameraId: 'front-1a2b3c', from: T0 - 600_000, to: T0, reason })

let dir: string
let file: string
let db: Db
let log: ExportLog

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-log-'))
  file = join(dir, 'vigil.db')
  db = openDatabase(file)
  log = new ExportLog(db)
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Five entries: hold, export, sealed, export (2027), hold released. */
function fill(): void {
  log.append('hold_placed', hold(1), T0)
  log.append('export', exportPayload(), T0 + 1000)
  log.append('export_sealed', { packageId: 'pkg-1', exportEntryId: 2, manifestSha256: 'ab'.repeat(32) }, T0 + 2000)
  log.append(
    'export',
    exportPayload({ packageId: 'pkg-2', basis: { jurisdiction: 'eu-de', code: 'consent' }, recipient: 'Erika Mustermann', contents: { originals: false, redacted: true, snapshots: true } }),
    Date.UTC(2027, 0, 5)
  )
  log.append('hold_released', hold(1, 'case closed'), Date.UTC(2027, 0, 6))
}

/** What an attacker with the file does: open it without Vigil, drop the triggers, change rows. */
function tamper(sql: string): void {
  const raw = new Database(file)
  try {
    raw.exec('DROP TRIGGER IF EXISTS export_log_no_update; DROP TRIGGER IF EXISTS export_log_no_delete;')
    raw.exec(sql)
  } finally {
    raw.close()
  }
}

describe('ExportLog', () => {
  it('chains each entry to the previous one by its SHA-256 over a documented canonical form', () => {
    const first = log.append('hold_placed', hold(7), T0)
    const second = log.append('export', exportPayload(), T0 + 5)
    expect(first).toMatchObject({ id: 1, at: T0, kind: 'hold_placed', prevHash: GENESIS_HASH })
    expect(second.prevHash).toBe(first.hash)
    // Recomputed independently from the documented formula.
    const expected = createHash('sha256')
      .update(`{"at":${T0},"id":1,"kind":"hold_placed","payload":{"cameraId":"front-1a2b3c","from":${T0 - 600_000},"holdId":7,"reason":"break-in","to":${T0}},"prevHash":"${GENESIS_HASH}"}`)
      .digest('hex')
    expect(first.hash).toBe(expected)
    expect(log.head()).toEqual(second)
    expect(log.byId(1)).toEqual(first)
    expect(log.byId(3)).toBeUndefined()
    expect(log.verify()).toEqual({ ok: true, entries: 2, headHash: second.hash, firstBroken: null, appendOnlyTriggers: true })
  })

  it('reports an empty log as intact', () => {
    expect(log.head()).toBeUndefined()
    expect(log.verify()).toEqual({ ok: true, entries: 0, headHash: null, firstBroken: null, appendOnlyTriggers: true })
  })

  it('stores the payload as canonical JSON and refuses what JSON cannot carry', () => {
    const entry = log.append('hold_placed', { to: 2, reason: 'ä', holdId: 1, cameraId: 'c', from: 1 })
    const stored = db.prepare<[number], { payload: string }>('SELECT payload FROM export_log WHERE id = ?').get(entry.id)
    expect(stored?.payload).toBe('{"cameraId":"c","from":1,"holdId":1,"reason":"ä","to":2}')
    expect(canonicalJson({ b: [1, { d: null, c: true }], a: 'x', skip: undefined })).toBe('{"a":"x","b":[1,{"c":true,"d":null}]}')
    expect(() => canonicalJson({ n: Number.NaN })).toThrow('payload.n: expected a finite number')
    expect(() => canonicalJson({ when: new Date(0) })).toThrow('payload.when: expected a plain object, got Date')
    expect(() => log.append('hold_placed', { ...hold(1), from: Infinity })).toThrow('payload.from')
    expect(() => log.append('nope' as 'export', exportPayload())).toThrow('Unknown log entry kind "nope"')
    expect(() => log.append('export', exportPayload(), 1.5)).toThrow('epoch milliseconds')
    expect(log.verify().entries).toBe(1)
  })

  it('refuses UPDATE and DELETE through SQLite, even from another connection', () => {
    fill()
    expect(() => db.prepare("UPDATE export_log SET payload = '{}' WHERE id = 2").run()).toThrow('the export log is append-only')
    expect(() => db.prepare('DELETE FROM export_log WHERE id = 5').run()).toThrow('the export log is append-only')
    expect(() => db.prepare('DELETE FROM export_log').run()).toThrow('the export log is append-only')
    const other = new Database(file)
    try {
      expect(() => other.prepare('UPDATE export_log SET at_ms = 0').run()).toThrow('the export log is append-only')
    } finally {
      other.close()
    }
    expect(log.verify()).toMatchObject({ ok: true, entries: 5 })
  })

  it('filters by UTC year, recipient (any case, any part), basis and kind', () => {
    fill()
    const ids = (filter: Parameters<ExportLog['list']>[0]) => log.list(filter).map((e) => e.id)
    expect(ids({})).toEqual([1, 2, 3, 4, 5])
    expect(ids({ year: 2026 })).toEqual([1, 2, 3])
    expect(ids({ year: 2027 })).toEqual([4, 5])
    expect(ids({ year: 2025 })).toEqual([])
    expect(ids({ recipient: 'PRÄSIDIUM' })).toEqual([2])
    expect(ids({ recipient: 'muster' })).toEqual([4])
    expect(ids({ basis: 'consent' })).toEqual([4])
    expect(ids({ basis: 'eu-de:court_order' })).toEqual([2])
    expect(ids({ basis: 'uk:court_order' })).toEqual([])
    expect(ids({ kind: 'export' })).toEqual([2, 4])
    expect(ids({ kind: 'export', year: 2027, basis: 'consent' })).toEqual([4])
  })

  it('lets two connections append without forking the chain', () => {
    const other = openDatabase(file)
    try {
      const otherLog = new ExportLog(other)
      for (let i = 0; i < 10; i++) {
        log.append('hold_placed', hold(i), T0 + i)
        otherLog.append('hold_released', hold(i), T0 + i)
      }
      expect(otherLog.verify()).toMatchObject({ ok: true, entries: 20 })
    } finally {
      other.close()
    }
  })
})

describe('ExportLog.verify after tampering with the file', () => {
  beforeEach(() => {
    fill()
    expect(log.verify().ok).toBe(true)
  })

  it('names an edited payload: hash mismatch', () => {
    tamper(`UPDATE export_log SET payload = replace(payload, 'Polizeipräsidium München', 'Nachbar') WHERE id = 2`)
    expect(log.byId(2)?.payload.recipient).toBe('Nachbar')
    expect(log.verify()).toMatchObject({ ok: false, entries: 5, firstBroken: { id: 2, reason: 'hash_mismatch' }, appendOnlyTriggers: false })
  })

  it('names an edited time or kind: hash mismatch', () => {
    tamper(`UPDATE export_log SET at_ms = at_ms + 86400000 WHERE id = 3`)
    expect(log.verify().firstBroken).toEqual({ id: 3, reason: 'hash_mismatch' })
  })

  it('names the next entry when the editor also recomputed the edited entry\'s hash: prev mismatch', () => {
    const row = log.byId(2)!
    const payload = { ...row.payload, recipient: 'Nachbar' }
    const hash = createHash('sha256').update(canonicalJson({ at: row.at, id: 2, kind: row.kind, payload, prevHash: row.prevHash }, 'entry')).digest('hex')
    tamper(`UPDATE export_log SET payload = '${canonicalJson(payload).replace(/'/g, "''")}', hash = '${hash}' WHERE id = 2`)
    expect(log.verify().firstBroken).toEqual({ id: 3, reason: 'prev_mismatch' })
  })

  it('names a deleted entry in the middle: gap', () => {
    tamper('DELETE FROM export_log WHERE id = 3')
    expect(log.verify()).toMatchObject({ ok: false, entries: 4, firstBroken: { id: 3, reason: 'gap' } })
  })

  it('names deleted entries at the end, which leave no row behind: gap', () => {
    const head = log.byId(3)!
    tamper('DELETE FROM export_log WHERE id >= 4')
    expect(log.verify()).toMatchObject({ ok: false, entries: 3, headHash: head.hash, firstBroken: { id: 4, reason: 'gap' } })
  })

  it('names a deleted first entry and an emptied log: gap at 1', () => {
    tamper('DELETE FROM export_log WHERE id = 1')
    expect(log.verify().firstBroken).toEqual({ id: 1, reason: 'gap' })
    tamper('DELETE FROM export_log')
    expect(log.verify()).toMatchObject({ ok: false, entries: 0, firstBroken: { id: 1, reason: 'gap' } })
  })

  it('names a deleted entry whose successors were renumbered to close the gap: prev mismatch', () => {
    tamper('DELETE FROM export_log WHERE id = 2; UPDATE export_log SET id = id - 1 WHERE id > 2')
    expect(log.verify().firstBroken).toEqual({ id: 2, reason: 'prev_mismatch' })
  })

  it('names swapped hashes', () => {
    tamper(`
      CREATE TEMP TABLE saved AS SELECT id, hash FROM export_log WHERE id IN (2, 4);
      UPDATE export_log SET hash = hash || '-' WHERE id IN (2, 4);
      UPDATE export_log SET hash = (SELECT hash FROM saved WHERE id = 6 - export_log.id) WHERE id IN (2, 4);
    `)
    expect(log.verify().firstBroken).toEqual({ id: 2, reason: 'hash_mismatch' })
  })

  it('names entries moved to another place in the order', () => {
    // Swap the contents of rows 2 and 3 (ids stay): each row's hash covers its id, so the order is fixed.
    tamper(`
      CREATE TEMP TABLE saved AS SELECT * FROM export_log WHERE id IN (2, 3);
      UPDATE export_log SET prev_hash = prev_hash || '-', hash = hash || '-' WHERE id IN (2, 3);
      UPDATE export_log SET at_ms = (SELECT at_ms FROM saved WHERE id = 5 - export_log.id),
        kind = (SELECT kind FROM saved WHERE id = 5 - export_log.id),
        payload = (SELECT payload FROM saved WHERE id = 5 - export_log.id),
        prev_hash = (SELECT prev_hash FROM saved WHERE id = 5 - export_log.id),
        hash = (SELECT hash FROM saved WHERE id = 5 - export_log.id)
      WHERE id IN (2, 3);
    `)
    expect(log.verify().firstBroken).toEqual({ id: 2, reason: 'prev_mismatch' })
  })

  it('names a payload that is not the JSON Vigil wrote: bad payload', () => {
    tamper(`UPDATE export_log SET payload = 'not json' WHERE id = 4`)
    expect(log.verify().firstBroken).toEqual({ id: 4, reason: 'bad_payload' })
    expect(log.byId(4)?.payload).toEqual({ unreadablePayload: 'not json' })
    tamper(`UPDATE export_log SET payload = '{"packageId": "pkg-2"}' WHERE id = 4`)
    expect(log.verify().firstBroken).toEqual({ id: 4, reason: 'bad_payload' })
  })

  it('reports dropped triggers even when every hash still matches', () => {
    tamper('SELECT 1')
    expect(log.verify()).toMatchObject({ ok: true, firstBroken: null, appendOnlyTriggers: false })
  })

  it('keeps a deleted tail visible after new entries are appended', () => {
    tamper('DELETE FROM export_log WHERE id = 5')
    const next = log.append('hold_placed', hold(2), Date.UTC(2027, 1, 1))
    expect(next.id).toBe(6)
    expect(next.prevHash).toBe(log.byId(4)?.hash)
    expect(log.verify().firstBroken).toEqual({ id: 5, reason: 'gap' })
  })
})
