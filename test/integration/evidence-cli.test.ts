// `vigil log verify|export` and `vigil legal-bases` as a user runs them (npm run vigil -- ...), against a
// real database file, including one an attacker edited behind Vigil's back.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../main/core/db'
import { ExportLog, type ExportPayload } from '../../main/core/evidence/export-log'
import { removeDir, tempDir } from '../support/vigil'

const ROOT = resolve(__dirname, '../..')
const TSX = join(ROOT, 'node_modules/.bin/tsx')
const T0 = Date.UTC(2026, 2, 1, 10, 0, 0)

function vigil(args: string[]) {
  const result = spawnSync(TSX, [join(ROOT, 'main/cli.ts'), ...args], { encoding: 'utf8', timeout: 60_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const payload = (packageId: string, recipient: string): ExportPayload => ({
  packageId,
  basis: { jurisdiction: 'eu-de', code: 'court_order' },
  request: {
    requesterKind: 'authority',
    requesterName: recipient,
    caseNumber: '12 Js 345/26',
    requestDate: '2026-03-01',
    receivedVia: 'letter',
    justification: 'Die Aufnahmen zeigen den Einbruch an der Hintertür.',
    court: 'Amtsgericht München',
    orderFileNumber: 'ER VI Gs 1/26',
    orderDate: '2026-02-28'
  },
  recipient,
  cameras: [{ id: 'front-1', name: 'Haustür' }],
  range: { from: T0 - 600_000, to: T0 - 300_000 },
  contents: { originals: true, redacted: true, snapshots: false },
  keptTracks: [],
  exportedBy: 'anna',
  softwareVersion: '0.1.0'
})

describe('vigil legal-bases', () => {
  it('lists each basis as {code, title, fields: [{name, required}]} per jurisdiction', () => {
    const expected = {
      'eu-de': ['court_order', 'police_request', 'emergency', 'consent', 'own_complaint', 'access_request'],
      uk: ['court_order', 'police_request', 'emergency', 'consent', 'own_complaint', 'access_request'],
      us: ['court_order', 'police_request', 'emergency', 'consent', 'own_complaint']
    }
    for (const [jurisdiction, codes] of Object.entries(expected)) {
      const result = vigil(['legal-bases', '--jurisdiction', jurisdiction, '--json'])
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
      const bases = JSON.parse(result.stdout) as Array<{ code: string; title: string; fields: Array<{ name: string; required: boolean }> }>
      expect(bases.map((b) => b.code)).toEqual(codes)
      for (const basis of bases) {
        expect(Object.keys(basis)).toEqual(['code', 'title', 'fields'])
        expect(typeof basis.title).toBe('string')
        for (const field of basis.fields) expect(Object.keys(field)).toEqual(['name', 'required'])
      }
      expect(bases[0].fields).toEqual([
        { name: 'court', required: true },
        { name: 'orderFileNumber', required: true },
        { name: 'orderDate', required: true }
      ])
    }
  })

  it('gives titles in German on request, explains in text mode, and refuses an unknown jurisdiction', () => {
    const de = JSON.parse(vigil(['legal-bases', '--jurisdiction', 'eu-de', '--json', '--language', 'de']).stdout)
    expect(de[0].title).toBe('Beschlagnahmebeschluss oder Herausgabeverlangen (§§ 94, 95, 98 StPO)')
    const text = vigil(['legal-bases', '--jurisdiction', 'us'])
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('police_request\tPolice request without legal process (voluntary)')
    expect(text.stdout).toContain('access_request\tnot offered: US law gives no general right')
    const bad = vigil(['legal-bases', '--jurisdiction', 'fr'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('legal-bases needs --jurisdiction eu-de|uk|us, got "fr"')
  })
})

describe('vigil log', () => {
  let dataDir: string
  let file: string

  beforeEach(() => {
    dataDir = tempDir()
    file = join(dataDir, 'vigil.db')
    const db = openDatabase(file)
    const log = new ExportLog(db)
    log.append('hold_placed', { holdId: 1, cameraId: 'front-1', from: T0 - 600_000, to: T0, reason: 'Einbruch' }, T0)
    log.append('export', payload('pkg-1', 'Polizeipräsidium München'), T0 + 1000)
    log.append('export_sealed', { packageId: 'pkg-1', exportEntryId: 2, manifestSha256: 'ab'.repeat(32) }, T0 + 2000)
    log.append('export', payload('pkg-2', 'Staatsanwaltschaft Köln'), T0 + 3000)
    db.close()
  })
  afterEach(() => removeDir(dataDir))

  it('verifies an intact chain, also while another process holds the write lock', () => {
    const db = openDatabase(file)
    const head = new ExportLog(db).head()!
    try {
      // A running recorder: its connection is mid-write. The CLI still reads the committed log.
      db.exec('BEGIN IMMEDIATE')
      db.prepare("INSERT INTO settings (key, value) VALUES ('busy', '1')").run()
      const result = vigil(['log', 'verify', '--data-dir', dataDir])
      expect(result.stderr).toBe('')
      expect(result.stdout.trim()).toBe(`chain intact: 4 entries, head ${head.hash}`)
      expect(result.code).toBe(0)
    } finally {
      db.exec('ROLLBACK')
      db.close()
    }
  })

  it('exits 1 and names the entry after the file was edited behind Vigil\'s back', () => {
    const raw = new Database(file)
    raw.exec("DROP TRIGGER export_log_no_update; UPDATE export_log SET payload = replace(payload, 'Köln', 'Bonn') WHERE id = 4")
    raw.close()
    const edited = vigil(['log', 'verify', '--data-dir', dataDir])
    expect(edited.code).toBe(1)
    expect(edited.stdout).toContain('chain broken at entry 4: the entry was changed after it was written (its hash does not match) [hash_mismatch]')
    expect(edited.stdout).toContain('the append-only triggers are missing')

    const raw2 = new Database(file)
    raw2.exec('DROP TRIGGER export_log_no_delete; DELETE FROM export_log WHERE id = 2')
    raw2.close()
    const deleted = vigil(['log', 'verify', '--data-dir', dataDir])
    expect(deleted.code).toBe(1)
    expect(deleted.stdout).toContain('chain broken at entry 2: the entry is missing (deleted) [gap]; 3 entries')
  })

  it('exits 1 when only the triggers were dropped', () => {
    const raw = new Database(file)
    raw.exec('DROP TRIGGER export_log_no_delete')
    raw.close()
    const result = vigil(['log', 'verify', '--data-dir', dataDir])
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('chain intact: 4 entries')
    expect(result.stdout).toContain('the append-only triggers are missing')
  })

  it('exports the log as CSV and as a German PDF', () => {
    const csvFile = join(dataDir, 'log.csv')
    const csv = vigil(['log', 'export', '--data-dir', dataDir, '--format', 'csv', '--out', csvFile])
    expect(csv.stderr).toBe('')
    expect(csv.code).toBe(0)
    expect(csv.stdout).toContain(`wrote 4 entries to ${csvFile}; Chain intact: 4 entries`)
    const lines = readFileSync(csvFile, 'utf8').split('\r\n')
    expect(lines[0]).toBe('id,time,kind,recipient,basis,case_number,cameras,range,package_id,hash')
    expect(lines[2]).toMatch(/^2,2026-03-01T10:00:01\.000Z,export,Polizeipräsidium München,eu-de:court_order,12 Js 345\/26,Haustür,/)

    const pdfFile = join(dataDir, 'log.pdf')
    const pdf = vigil(['log', 'export', '--data-dir', dataDir, '--format', 'pdf', '--out', pdfFile, '--language', 'de'])
    expect(pdf.code).toBe(0)
    const text = spawnSync('/usr/bin/pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' }).stdout.replace(/[ \t]+/g, ' ')
    expect(text).toContain('Kette intakt: 4 Einträge')
    expect(text).toContain('Exporte: 2 (mit unveränderten Originalen: 2)')
    expect(text).toContain('Staatsanwaltschaft Köln: 1')
    expect(text).toContain('Polizeipräsidium München: 1')
  })

  it('explains wrong usage and a folder without a database', () => {
    expect(vigil(['log', 'export', '--data-dir', dataDir, '--format', 'xml', '--out', 'x']).stderr).toContain('log export needs --format csv or pdf, got "xml"')
    expect(vigil(['log', 'export', '--data-dir', dataDir, '--format', 'csv']).stderr).toContain('log export needs --out FILE')
    expect(vigil(['log', 'check', '--data-dir', dataDir]).stderr).toContain('Usage: vigil log verify')
    const empty = tempDir()
    try {
      const missing = vigil(['log', 'verify', '--data-dir', empty])
      expect(missing.code).toBe(2)
      expect(missing.stderr).toContain(`No Vigil database in ${empty}`)
    } finally {
      removeDir(empty)
    }
  })
})
