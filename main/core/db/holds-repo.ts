import type { Db } from './database'

export interface Hold {
  id: number
  cameraId: string
  start: number
  end: number
  reason: string
  createdAt: number
}

export interface HoldRecord extends Hold {
  releasedAt: number | null
  releaseReason: string | null
}

interface RawRow {
  id: number
  camera_id: string
  start_ms: number
  end_ms: number
  reason: string
  created_at: number
  released_at: number | null
  release_reason: string | null
}

const toHold = (r: RawRow): Hold => ({
  id: r.id,
  cameraId: r.camera_id,
  start: r.start_ms,
  end: r.end_ms,
  reason: r.reason,
  createdAt: r.created_at
})

const fromRaw = (r: RawRow): HoldRecord => ({ ...toHold(r), releasedAt: r.released_at, releaseReason: r.release_reason })

/** Evidence holds. The export issue builds the UI; the recorder's retention only reads active ones. */
export class HoldsRepo {
  private readonly stmts

  constructor(db: Db) {
    this.stmts = {
      active: db.prepare<[], RawRow>('SELECT * FROM holds WHERE released_at IS NULL ORDER BY start_ms'),
      insert: db.prepare('INSERT INTO holds (camera_id, start_ms, end_ms, reason, created_at) VALUES (?, ?, ?, ?, ?)'),
      release: db.prepare('UPDATE holds SET released_at = ?, release_reason = ? WHERE id = ? AND released_at IS NULL'),
      all: db.prepare<[], RawRow>('SELECT * FROM holds ORDER BY created_at DESC, id DESC'),
      byId: db.prepare<[number], RawRow>('SELECT * FROM holds WHERE id = ?')
    }
  }

  /** Newest first, released ones included. */
  all(): HoldRecord[] {
    return this.stmts.all.all().map(fromRaw)
  }

  byId(id: number): HoldRecord | undefined {
    const row = this.stmts.byId.get(id)
    return row && fromRaw(row)
  }

  active(): Hold[] {
    return this.stmts.active.all().map(toHold)
  }

  place(cameraId: string, start: number, end: number, reason: string, now = Date.now()): number {
    return Number(this.stmts.insert.run(cameraId, start, end, reason, now).lastInsertRowid)
  }

  release(id: number, reason: string, now = Date.now()): boolean {
    return this.stmts.release.run(now, reason, id).changes === 1
  }
}
