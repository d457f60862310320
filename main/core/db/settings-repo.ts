import type { Db } from './database'

/** Key/value settings stored as JSON. */
export class SettingsRepo {
  private readonly getStmt
  private readonly setStmt
  private readonly removeStmt

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?')
    this.removeStmt = db.prepare('DELETE FROM settings WHERE key = ?')
    this.setStmt = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
  }

  get<T>(key: string, fallback: T): T {
    const row = this.getStmt.get(key)
    return row ? (JSON.parse(row.value) as T) : fallback
  }

  set<T>(key: string, value: T): void {
    this.setStmt.run(key, JSON.stringify(value))
  }

  remove(key: string): void {
    this.removeStmt.run(key)
  }
}
