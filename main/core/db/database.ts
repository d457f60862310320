import Database from 'better-sqlite3'
import { MIGRATIONS } from './migrations'

export type Db = Database.Database

/**
 * Opens (or creates) the database and brings its schema up to date.
 * `nativeBinding` points at a better-sqlite3 binary built for Electron's ABI when the desktop shell loads us.
 */
export function openDatabase(file: string, nativeBinding?: string): Db {
  const db = new Database(file, nativeBinding ? { nativeBinding } : {})
  // WAL keeps readers (UI queries) from blocking the recorder's index writes; NORMAL sync is crash-safe in WAL.
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db)
  return db
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number
  for (const [index, sql] of MIGRATIONS.entries()) {
    const version = index + 1
    if (version <= current) continue
    db.transaction(() => {
      db.exec(sql)
      db.pragma(`user_version = ${version}`)
    })()
  }
}
