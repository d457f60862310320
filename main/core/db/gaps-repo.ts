import type { Gap, GapCause } from '../../contract'
import type { Db } from './database'

interface RawRow {
  id: number
  camera_id: string
  start_ms: number
  end_ms: number | null
  cause: GapCause
  detail: string | null
}

const fromRaw = (r: RawRow): Gap => ({
  id: r.id,
  cameraId: r.camera_id,
  start: r.start_ms,
  end: r.end_ms,
  cause: r.cause,
  detail: r.detail
})

export class GapsRepo {
  private readonly stmts

  constructor(db: Db) {
    this.stmts = {
      open: db.prepare<[string], RawRow>('SELECT * FROM gaps WHERE camera_id = ? AND end_ms IS NULL ORDER BY start_ms DESC LIMIT 1'),
      insert: db.prepare('INSERT INTO gaps (camera_id, start_ms, cause, detail) VALUES (?, ?, ?, ?)'),
      update: db.prepare('UPDATE gaps SET cause = ?, detail = ? WHERE id = ?'),
      close: db.prepare('UPDATE gaps SET end_ms = MAX(start_ms, ?) WHERE id = ?'),
      inRange: db.prepare<[string, number, number], RawRow>(
        'SELECT * FROM gaps WHERE camera_id = ? AND (end_ms IS NULL OR end_ms > ?) AND start_ms < ? ORDER BY start_ms'
      ),
      removeCamera: db.prepare('DELETE FROM gaps WHERE camera_id = ?'),
      openAll: db.prepare<[], RawRow>('SELECT * FROM gaps WHERE end_ms IS NULL')
    }
  }

  /**
   * Opens a gap unless one is already open for the camera. While retrying, the latest cause replaces the
   * earlier one (it says why the camera is still down), but the gap keeps its start. Stopping the app or
   * pausing passes replaceCause=false: an outage that began earlier keeps its real cause.
   */
  open(cameraId: string, start: number, cause: GapCause, detail: string | null, replaceCause = true): void {
    const current = this.stmts.open.get(cameraId)
    if (!current) this.stmts.insert.run(cameraId, start, cause, detail)
    else if (replaceCause && (current.cause !== cause || current.detail !== detail)) this.stmts.update.run(cause, detail, current.id)
  }

  /** Closes the open gap, if any, at the instant recording resumed. */
  close(cameraId: string, end: number): Gap | null {
    const current = this.stmts.open.get(cameraId)
    if (!current) return null
    this.stmts.close.run(end, current.id)
    return fromRaw({ ...current, end_ms: Math.max(current.start_ms, end) })
  }

  openGap(cameraId: string): Gap | null {
    const row = this.stmts.open.get(cameraId)
    return row ? fromRaw(row) : null
  }

  inRange(cameraId: string, from: number, to: number): Gap[] {
    return this.stmts.inRange.all(cameraId, from, to).map(fromRaw)
  }

  allOpen(): Gap[] {
    return this.stmts.openAll.all().map(fromRaw)
  }

  removeCamera(cameraId: string): void {
    this.stmts.removeCamera.run(cameraId)
  }
}
