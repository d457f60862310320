import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, SettingsRepo } from '../../../../main/core/db'
import { MIGRATIONS } from '../../../../main/core/db/migrations'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-db-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('openDatabase', () => {
  it('creates the schema, in WAL mode with foreign keys on', () => {
    const db = openDatabase(join(dir, 'vigil.db'))
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
      const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all()
      expect(tables.map((t) => t.name)).toEqual(['cameras', 'events', 'export_log', 'gaps', 'holds', 'segments', 'settings', 'sqlite_sequence'])
    } finally {
      db.close()
    }
  })

  it('opens an existing database without running its migrations again, keeping the data', () => {
    const file = join(dir, 'vigil.db')
    const first = openDatabase(file)
    new SettingsRepo(first).set('language', 'de')
    first.close()
    const second = openDatabase(file)
    try {
      expect(second.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
      expect(new SettingsRepo(second).get('language', 'en')).toBe('de')
    } finally {
      second.close()
    }
  })
})

describe('SettingsRepo', () => {
  it('returns the fallback for a missing key and round-trips JSON values', () => {
    const db = openDatabase(':memory:')
    try {
      const settings = new SettingsRepo(db)
      expect(settings.get('limits', { maxBytes: null, minFreeBytes: 5 })).toEqual({ maxBytes: null, minFreeBytes: 5 })
      settings.set('limits', { maxBytes: 1024, minFreeBytes: 0 })
      settings.set('limits', { maxBytes: 2048, minFreeBytes: 0 })
      expect(settings.get('limits', null)).toEqual({ maxBytes: 2048, minFreeBytes: 0 })
    } finally {
      db.close()
    }
  })
})
