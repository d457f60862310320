// Evidence holds with their log entries: every hold placed or released is written to the export log in the
// same breath, so the log tells when footage was kept back from retention and why.
import { VigilError, type EvidenceHold } from '../../contract'
import type { HoldRecord, HoldsRepo } from '../db'
import type { ExportLog } from './export-log'

export interface HoldBookDeps {
  holds: HoldsRepo
  log: ExportLog
  cameraName(cameraId: string): string
  onChanged(): void
  now?: () => number
}

export class HoldBook {
  constructor(private readonly deps: HoldBookDeps) {}

  list(includeReleased: boolean): EvidenceHold[] {
    return this.deps.holds
      .all()
      .filter((hold) => includeReleased || hold.releasedAt === null)
      .map((hold) => this.view(hold))
  }

  place(cameraId: string, from: number, to: number, reason: string): EvidenceHold {
    const now = (this.deps.now ?? Date.now)()
    const id = this.deps.holds.place(cameraId, from, to, reason, now)
    this.deps.log.append('hold_placed', { holdId: id, cameraId, from, to, reason }, now)
    this.deps.onChanged()
    return this.view(this.deps.holds.byId(id)!)
  }

  release(id: number, reason: string): EvidenceHold {
    const hold = this.deps.holds.byId(id)
    if (!hold) throw new VigilError('NOT_FOUND', `There is no hold ${id}`)
    if (hold.releasedAt !== null) throw new VigilError('VALIDATION', `Hold ${id} was released already`, { id: 'Released already' })
    const now = (this.deps.now ?? Date.now)()
    this.deps.holds.release(id, reason, now)
    this.deps.log.append('hold_released', { holdId: id, cameraId: hold.cameraId, from: hold.start, to: hold.end, reason }, now)
    this.deps.onChanged()
    return this.view(this.deps.holds.byId(id)!)
  }

  private view(hold: HoldRecord): EvidenceHold {
    return {
      id: hold.id,
      cameraId: hold.cameraId,
      cameraName: this.deps.cameraName(hold.cameraId),
      start: hold.start,
      end: hold.end,
      reason: hold.reason,
      createdAt: hold.createdAt,
      releasedAt: hold.releasedAt,
      releaseReason: hold.releaseReason
    }
  }
}
