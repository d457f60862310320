import type { Segment } from '../../contract'
import type { Db } from './database'

export interface NewSegment {
  cameraId: string
  /** Relative to the recordings folder, with forward slashes. */
  path: string
  start: number
  end: number
  durationMs: number
  tz: string
  utcOffsetMin: number
  bytes: number
  videoCodec: string | null
  audioCodec: string | null
  sha256: string
}

export interface SegmentRecord extends Segment {
  path: string
}

interface RawRow {
  id: number
  camera_id: string
  path: string
  start_ms: number
  end_ms: number
  duration_ms: number
  bytes: number
  video_codec: string | null
  sha256: string
  missing: number
}

const fromRaw = (r: RawRow): SegmentRecord => ({
  id: r.id,
  cameraId: r.camera_id,
  path: r.path,
  start: r.start_ms,
  end: r.end_ms,
  durationMs: r.duration_ms,
  bytes: r.bytes,
  codec: r.video_codec ?? 'unknown',
  sha256: r.sha256,
  missing: r.missing === 1
})

export interface CameraUsage {
  cameraId: string
  bytes: number
  segments: number
  oldestStart: number | null
  newestEnd: number | null
}

export class SegmentsRepo {
  private readonly stmts

  constructor(private readonly db: Db) {
    this.stmts = {
      insert: db.prepare(`
        INSERT INTO segments (camera_id, path, start_ms, end_ms, duration_ms, tz, utc_offset_min, bytes, video_codec, audio_codec, sha256, indexed_at)
        VALUES (@cameraId, @path, @start, @end, @durationMs, @tz, @utcOffsetMin, @bytes, @videoCodec, @audioCodec, @sha256, @indexedAt)
        ON CONFLICT(path) DO UPDATE SET missing = 0`),
      byPath: db.prepare<[string], RawRow>('SELECT * FROM segments WHERE path = ?'),
      byId: db.prepare<[number], RawRow>('SELECT * FROM segments WHERE id = ?'),
      inRange: db.prepare<[string, number, number], RawRow>(
        'SELECT * FROM segments WHERE camera_id = ? AND end_ms > ? AND start_ms < ? ORDER BY start_ms'
      ),
      present: db.prepare<[], RawRow>('SELECT * FROM segments WHERE missing = 0 ORDER BY start_ms'),
      allPaths: db.prepare<[], { id: number; path: string; missing: number }>('SELECT id, path, missing FROM segments'),
      markMissing: db.prepare('UPDATE segments SET missing = 1 WHERE id = ?'),
      remove: db.prepare('DELETE FROM segments WHERE id = ?'),
      removeCamera: db.prepare('DELETE FROM segments WHERE camera_id = ?'),
      startingAtOrBefore: db.prepare<[string, number], RawRow>(
        'SELECT * FROM segments WHERE camera_id = ? AND missing = 0 AND start_ms <= ? ORDER BY start_ms DESC LIMIT 1'
      ),
      startingAfter: db.prepare<[string, number], RawRow>(
        'SELECT * FROM segments WHERE camera_id = ? AND missing = 0 AND start_ms > ? ORDER BY start_ms LIMIT 1'
      ),
      // The local date when the segment was recorded, from its stored UTC offset (no time zone math in JS).
      days: db.prepare<[string], { day: string }>(
        "SELECT DISTINCT date(start_ms / 1000 + utc_offset_min * 60, 'unixepoch') AS day FROM segments WHERE camera_id = ? AND missing = 0 ORDER BY day"
      ),
      latestEnd: db.prepare<[string], { end_ms: number | null }>('SELECT MAX(end_ms) AS end_ms FROM segments WHERE camera_id = ?'),
      usage: db.prepare<[], { camera_id: string; bytes: number; segments: number; oldest: number; newest: number }>(`
        SELECT camera_id, SUM(bytes) AS bytes, COUNT(*) AS segments, MIN(start_ms) AS oldest, MAX(end_ms) AS newest
        FROM segments WHERE missing = 0 GROUP BY camera_id`)
    }
  }

  /** Inserts a closed segment; indexing the same file twice is a no-op (reconcile and recorder may race). */
  insert(segment: NewSegment, indexedAt = Date.now()): SegmentRecord {
    this.stmts.insert.run({ ...segment, indexedAt })
    return fromRaw(this.stmts.byPath.get(segment.path)!)
  }

  byId(id: number): SegmentRecord | undefined {
    const row = this.stmts.byId.get(id)
    return row && fromRaw(row)
  }

  byPath(path: string): SegmentRecord | undefined {
    const row = this.stmts.byPath.get(path)
    return row && fromRaw(row)
  }

  inRange(cameraId: string, from: number, to: number): SegmentRecord[] {
    return this.stmts.inRange.all(cameraId, from, to).map(fromRaw)
  }

  /** Every segment whose file should be on disk, oldest first (retention's input). */
  present(): SegmentRecord[] {
    return this.stmts.present.all().map(fromRaw)
  }

  allPaths(): { id: number; path: string; missing: boolean }[] {
    return this.stmts.allPaths.all().map((r) => ({ id: r.id, path: r.path, missing: r.missing === 1 }))
  }

  markMissing(ids: number[]): void {
    this.db.transaction(() => ids.forEach((id) => this.stmts.markMissing.run(id)))()
  }

  remove(ids: number[]): void {
    this.db.transaction(() => ids.forEach((id) => this.stmts.remove.run(id)))()
  }

  removeCamera(cameraId: string): void {
    this.stmts.removeCamera.run(cameraId)
  }

  /**
   * The segment containing `at`, else the first after it. Two index range scans on (camera_id, start_ms),
   * so a seek costs the same with a day or a month of segments.
   */
  locate(cameraId: string, at: number): SegmentRecord | null {
    const before = this.stmts.startingAtOrBefore.get(cameraId, at)
    if (before && before.end_ms > at) return fromRaw(before)
    const after = this.stmts.startingAfter.get(cameraId, at)
    return after ? fromRaw(after) : null
  }

  days(cameraId: string): string[] {
    return this.stmts.days.all(cameraId).map((row) => row.day)
  }

  latestEnd(cameraId: string): number | null {
    return this.stmts.latestEnd.get(cameraId)?.end_ms ?? null
  }

  usage(): CameraUsage[] {
    return this.stmts.usage.all().map((r) => ({
      cameraId: r.camera_id,
      bytes: r.bytes,
      segments: r.segments,
      oldestStart: r.oldest,
      newestEnd: r.newest
    }))
  }
}
