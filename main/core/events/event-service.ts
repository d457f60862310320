import { mkdir, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Alert, CameraEvent, DetectionSettings, EventKind, EventSource } from '../../contract'
import type { EventRecord, EventsRepo } from '../db'
import type { Logger } from '../host'
import { decideAlert, localMinutesOf } from './alert-rules'

export interface EventServiceDeps {
  events: EventsRepo
  dataDir: string
  detection(cameraId: string): DetectionSettings
  cameraName(cameraId: string): string
  /** A JPEG of the camera's newest picture. */
  snapshot(cameraId: string): Promise<Buffer>
  /** The global alert switch (off, or privacy mode). */
  alertsEnabled(): boolean
  logger: Logger
  now?: () => number
  /**
   * The newest recorded picture lags the live scene by about a fragment; waiting this long after an event
   * starts makes its snapshot show what started it rather than the empty scene a moment before.
   */
  snapshotDelayMs?: number
  onChanged(event: CameraEvent): void
  /** An event that passed the camera's alert rules, with its snapshot when one could be taken. */
  onAlert(alert: Alert, jpeg: Buffer | null): void
}

export interface EventStart {
  cameraId: string
  kind: EventKind
  source: EventSource
  at: number
  zoneId?: string | null
  zoneName?: string | null
  score?: number | null
}

const DEFAULT_SNAPSHOT_DELAY_MS = 1500

/**
 * Turns what detectors and cameras report into stored events: one open event per camera, source and zone,
 * each with a snapshot; decides which events alert. The only writer of the events table.
 */
export class EventService {
  /** Open events by camera, source and zone (or kind). */
  private readonly openIds = new Map<string, { id: number; cameraId: string; source: EventSource; zoneOrKind: string }>()
  private readonly lastAlertAt = new Map<string, number>()
  private readonly pending = new Set<Promise<void>>()
  private readonly now: () => number

  constructor(private readonly deps: EventServiceDeps) {
    this.now = deps.now ?? Date.now
  }

  /** Events left open by a crash cannot say when they ended: they end where they began. */
  closeLeftovers(): number {
    const leftovers = this.deps.events.openEvents()
    for (const event of leftovers) this.deps.events.end(event.id, event.start)
    return leftovers.length
  }

  /** Starts an event, or returns the one already open for the same camera, source and zone. */
  begin(start: EventStart): CameraEvent {
    const key = openKey(start.cameraId, start.source, start.zoneId ?? start.kind)
    const open = this.openIds.get(key)
    const already = open === undefined ? undefined : this.deps.events.byId(open.id)
    if (already) return publicEvent(already)
    const record = this.deps.events.insert({
      cameraId: start.cameraId,
      kind: start.kind,
      source: start.source,
      start: start.at,
      end: null,
      zoneId: start.zoneId ?? null,
      zoneName: start.zoneName ?? null,
      peakScore: start.score ?? null
    })
    this.openIds.set(key, { id: record.id, cameraId: start.cameraId, source: start.source, zoneOrKind: start.zoneId ?? start.kind })
    this.deps.onChanged(publicEvent(record))
    this.track(this.followUp(record))
    return publicEvent(record)
  }

  /** Ends the open event for this camera, source and zone (or kind), if there is one. */
  finish(cameraId: string, source: EventSource, zoneOrKind: string, at: number, peakScore: number | null = null): CameraEvent | null {
    const key = openKey(cameraId, source, zoneOrKind)
    const open = this.openIds.get(key)
    if (open === undefined) return null
    this.openIds.delete(key)
    const ended = this.deps.events.end(open.id, at, peakScore)
    if (!ended) return null
    this.deps.onChanged(publicEvent(ended))
    return publicEvent(ended)
  }

  /** A doorbell press has no duration: it starts and ends at once. */
  instant(start: EventStart): CameraEvent | null {
    this.begin(start)
    return this.finish(start.cameraId, start.source, start.zoneId ?? start.kind, start.at)
  }

  /** Ends every open event of a camera (it stopped, was paused or removed). */
  closeCamera(cameraId: string, at = this.now()): void {
    for (const open of [...this.openIds.values()]) {
      if (open.cameraId === cameraId) this.finish(open.cameraId, open.source, open.zoneOrKind, at)
    }
  }

  closeAll(at = this.now()): void {
    for (const open of [...this.openIds.values()]) this.finish(open.cameraId, open.source, open.zoneOrKind, at)
  }

  /** Deletes events (and their snapshots) that ended longer ago than their camera keeps recordings. */
  async prune(retentionHours: (cameraId: string) => number): Promise<number> {
    let removed = 0
    for (const cameraId of this.deps.events.cameraIds()) {
      const old = this.deps.events.endedBefore(cameraId, this.now() - retentionHours(cameraId) * 3_600_000)
      await this.removeRecords(old)
      removed += old.length
    }
    return removed
  }

  async removeCamera(cameraId: string): Promise<void> {
    this.closeCamera(cameraId)
    await this.removeRecords(this.deps.events.removeCamera(cameraId))
  }

  /** Waits for snapshots and alerts still being prepared (stop, tests). */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending])
  }

  snapshotFile(id: number): string | null {
    const record = this.deps.events.byId(id)
    return record?.snapshotPath ? join(this.deps.dataDir, record.snapshotPath) : null
  }

  private async removeRecords(records: EventRecord[]): Promise<void> {
    if (records.length === 0) return
    this.deps.events.remove(records.map((record) => record.id))
    for (const record of records) {
      if (record.snapshotPath) await rm(join(this.deps.dataDir, record.snapshotPath), { force: true })
    }
  }

  private track(work: Promise<void>): void {
    this.pending.add(work)
    void work.finally(() => this.pending.delete(work))
  }

  /** Snapshot first, then the alert, so a notification can show who is at the door. */
  private async followUp(record: EventRecord): Promise<void> {
    const settings = this.deps.detection(record.cameraId)
    const alertKey = JSON.stringify([record.cameraId, record.kind])
    // Decided now, in event order, so two events in quick succession cannot both slip past the cool-down.
    const decision = decideAlert({
      event: record,
      rules: settings.alerts,
      alertsEnabled: this.deps.alertsEnabled(),
      lastAlertAt: this.lastAlertAt.get(alertKey) ?? null,
      localMinutes: localMinutesOf(record.start)
    })
    if (decision.alert) this.lastAlertAt.set(alertKey, record.start)
    const jpeg = await this.takeSnapshot(record)
    if (decision.alert) {
      const current = this.deps.events.byId(record.id) ?? record
      this.deps.onAlert({ event: publicEvent(current), cameraName: this.deps.cameraName(record.cameraId) }, jpeg)
    }
  }

  private async takeSnapshot(record: EventRecord): Promise<Buffer | null> {
    await new Promise((resolve) => setTimeout(resolve, this.deps.snapshotDelayMs ?? DEFAULT_SNAPSHOT_DELAY_MS))
    try {
      const jpeg = await this.deps.snapshot(record.cameraId)
      const relative = `events/${record.cameraId}/${record.id}.jpg`
      const file = join(this.deps.dataDir, relative)
      await mkdir(dirname(file), { recursive: true })
      await writeFile(file, jpeg)
      const updated = this.deps.events.setSnapshot(record.id, relative)
      if (updated) this.deps.onChanged(publicEvent(updated))
      return jpeg
    } catch (error) {
      this.deps.logger.warn(`no snapshot for event ${record.id}: ${error instanceof Error ? error.message : String(error)}`)
      return null
    }
  }
}

function openKey(cameraId: string, source: EventSource, zoneOrKind: string): string {
  return JSON.stringify([cameraId, source, zoneOrKind])
}

export function publicEvent(record: EventRecord): CameraEvent {
  const { snapshotPath: _path, ...event } = record
  return event
}
