import type { Db } from './database'

export interface CameraRow {
  id: string
  name: string
  location: string
  mainUrl: string
  subUrl: string | null
  username: string | null
  passwordSealed: string | null
  enabled: boolean
  retentionHours: number
  createdAt: number
}

interface RawRow {
  id: string
  name: string
  location: string
  main_url: string
  sub_url: string | null
  username: string | null
  password_sealed: string | null
  enabled: number
  retention_hours: number
  created_at: number
}

const fromRaw = (r: RawRow): CameraRow => ({
  id: r.id,
  name: r.name,
  location: r.location,
  mainUrl: r.main_url,
  subUrl: r.sub_url,
  username: r.username,
  passwordSealed: r.password_sealed,
  enabled: r.enabled === 1,
  retentionHours: r.retention_hours,
  createdAt: r.created_at
})

export class CamerasRepo {
  private readonly stmts

  constructor(db: Db) {
    this.stmts = {
      all: db.prepare<[], RawRow>('SELECT * FROM cameras ORDER BY created_at, name'),
      byId: db.prepare<[string], RawRow>('SELECT * FROM cameras WHERE id = ?'),
      byName: db.prepare<[string], RawRow>('SELECT * FROM cameras WHERE name = ?'),
      upsert: db.prepare(`
        INSERT INTO cameras (id, name, location, main_url, sub_url, username, password_sealed, enabled, retention_hours, created_at)
        VALUES (@id, @name, @location, @mainUrl, @subUrl, @username, @passwordSealed, @enabled, @retentionHours, @createdAt)
        ON CONFLICT(id) DO UPDATE SET name = excluded.name, location = excluded.location, main_url = excluded.main_url,
          sub_url = excluded.sub_url, username = excluded.username, password_sealed = excluded.password_sealed,
          enabled = excluded.enabled, retention_hours = excluded.retention_hours`),
      remove: db.prepare('DELETE FROM cameras WHERE id = ?')
    }
  }

  all(): CameraRow[] {
    return this.stmts.all.all().map(fromRaw)
  }

  byId(id: string): CameraRow | undefined {
    const row = this.stmts.byId.get(id)
    return row && fromRaw(row)
  }

  byName(name: string): CameraRow | undefined {
    const row = this.stmts.byName.get(name)
    return row && fromRaw(row)
  }

  save(camera: CameraRow): void {
    this.stmts.upsert.run({ ...camera, enabled: camera.enabled ? 1 : 0 })
  }

  remove(id: string): void {
    this.stmts.remove.run(id)
  }
}
