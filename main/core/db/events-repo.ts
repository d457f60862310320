import type { CameraEvent, EventKind, EventSource } from '../../contract'
import type { Db } from './database'

export interface NewEvent {
  cameraId: string
  kind: EventKind
  source: EventSource
  start: number
  end: number | null
  zoneId?: string | null
  zoneName?: string | null
  peakScore?: number | null
}

export interface EventRecord extends CameraEvent {
  /** Relative to the data folder; null until a snapshot was written. */
  snapshotPath: string | null
}

export interface EventQuery {
  cameraId?: string
  kinds?: EventKind[]
  from?: number
  to?: number
  limit: number
}

interface RawRow {
  id: number
  camera_id: string
  kind: EventKind
  source: EventSource
  start_ms: number
  end_ms: number | null
  zone_id: string | null
  zone_name: string | null
  peak_score: number | null
  snapshot_path: string | null
}

const fromRaw = (r: RawRow): EventRecord => ({
  id: r.id,
  cameraId: r.camera_id,
  kind: r.kind,
  source: r.source,
  start: r.start_ms,
  end: r.end_ms,
  zoneId: r.zone_id,
  zoneName: r.zone_name,
  peakScore: r.peak_score,
  hasSnapshot: r.snapshot_path !== null,
  snapshotPath: r.snapshot_path
})

export class EventsRepo {
  private readonly stmts

  constructor(private readonly db: Db) {
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO events (camera_id, kind, source, start_ms, end_ms, zone_id, zone_name, peak_score)
         VALUES (@cameraId, @kind, @source, @start, @end, @zoneId, @zoneName, @peakScore)`
      ),
      byId: db.prepare<[number], RawRow>('SELECT * FROM events WHERE id = ?'),
      end: db.prepare('UPDATE events SET end_ms = MAX(start_ms, ?), peak_score = COALESCE(?, peak_score) WHERE id = ?'),
      peak: db.prepare('UPDATE events SET peak_score = MAX(COALESCE(peak_score, 0), ?) WHERE id = ?'),
      snapshot: db.prepare('UPDATE events SET snapshot_path = ? WHERE id = ?'),
      open: db.prepare<[], RawRow>('SELECT * FROM events WHERE end_ms IS NULL'),
      overlapping: db.prepare<[string, number, number], { start_ms: number; end_ms: number | null }>(
        // Ended events are short: looking back a day from `from` finds those that started earlier and still
        // overlap while the index on (camera_id, start_ms) keeps it a range scan. Open events count however
        // long ago they began (events-only recording must keep everything after their start).
        `SELECT start_ms, end_ms FROM events WHERE camera_id = ? AND start_ms < ?
           AND (start_ms >= ? - 86400000 OR end_ms IS NULL)
         ORDER BY start_ms`
      ),
      olderThan: db.prepare<[string, number], RawRow>('SELECT * FROM events WHERE camera_id = ? AND end_ms IS NOT NULL AND end_ms < ?'),
      cameraIds: db.prepare<[], { camera_id: string }>('SELECT DISTINCT camera_id FROM events'),
      removeCamera: db.prepare<[string], RawRow>('DELETE FROM events WHERE camera_id = ? RETURNING *')
    }
  }

  insert(event: NewEvent): EventRecord {
    const info = this.stmts.insert.run({ zoneId: null, zoneName: null, peakScore: null, ...event })
    return this.byId(Number(info.lastInsertRowid))!
  }

  byId(id: number): EventRecord | undefined {
    const row = this.stmts.byId.get(id)
    return row && fromRaw(row)
  }

  end(id: number, end: number, peakScore: number | null = null): EventRecord | undefined {
    this.stmts.end.run(end, peakScore, id)
    return this.byId(id)
  }

  raisePeak(id: number, score: number): void {
    this.stmts.peak.run(score, id)
  }

  setSnapshot(id: number, path: string): EventRecord | undefined {
    this.stmts.snapshot.run(path, id)
    return this.byId(id)
  }

  /** Events left open by a crash or a stop: the caller closes them. */
  openEvents(): EventRecord[] {
    return this.stmts.open.all().map(fromRaw)
  }

  /** Newest first, filtered; the filter is built from fixed clauses, values are always bound. */
  query(query: EventQuery): EventRecord[] {
    const clauses: string[] = []
    const values: (string | number)[] = []
    if (query.cameraId !== undefined) {
      clauses.push('camera_id = ?')
      values.push(query.cameraId)
    }
    if (query.kinds && query.kinds.length > 0) {
      clauses.push(`kind IN (${query.kinds.map(() => '?').join(', ')})`)
      values.push(...query.kinds)
    }
    if (query.from !== undefined) {
      clauses.push('(end_ms IS NULL OR end_ms >= ?)')
      values.push(query.from)
    }
    if (query.to !== undefined) {
      clauses.push('start_ms < ?')
      values.push(query.to)
    }
    const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : ''
    const rows = this.db
      .prepare<(string | number)[], RawRow>(`SELECT * FROM events ${where} ORDER BY start_ms DESC, id DESC LIMIT ?`)
      .all(...values, query.limit)
    return rows.map(fromRaw)
  }

  /** The spans of a camera's events that overlap [from, to): what events-only recording keeps. */
  spans(cameraId: string, from: number, to: number): { start: number; end: number | null }[] {
    return this.stmts.overlapping
      .all(cameraId, to, from)
      .filter((row) => row.end_ms === null || row.end_ms >= from)
      .map((row) => ({ start: row.start_ms, end: row.end_ms }))
  }

  cameraIds(): string[] {
    return this.stmts.cameraIds.all().map((row) => row.camera_id)
  }

  endedBefore(cameraId: string, before: number): EventRecord[] {
    return this.stmts.olderThan.all(cameraId, before).map(fromRaw)
  }

  remove(ids: number[]): void {
    const remove = this.db.prepare('DELETE FROM events WHERE id = ?')
    this.db.transaction(() => ids.forEach((id) => remove.run(id)))()
  }

  removeCamera(cameraId: string): EventRecord[] {
    return this.stmts.removeCamera.all(cameraId).map(fromRaw)
  }
}
