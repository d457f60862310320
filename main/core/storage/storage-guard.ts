import { rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { StorageLimits } from '../../contract'
import type { HoldsRepo, SegmentsRepo } from '../db'
import type { Logger } from '../host'
import { diskSpace, type DiskSpace } from './disk'
import { PeriodicPass, removeIfEmpty } from './periodic-pass'
import { planRetention } from './retention'

export interface StorageGuardDeps {
  segments: SegmentsRepo
  holds: HoldsRepo
  recordingsDir: string
  limits: () => StorageLimits
  retentionHours: () => Map<string, number>
  defaultRetentionHours: number
  logger: Logger
  now?: () => number
  /** Replaceable for tests of the free-space rule; the real disk otherwise. */
  disk?: (path: string) => Promise<DiskSpace>
  onDeleted(count: number): void
}

/** Runs retention on a timer: deletes by age, by total size and by free disk space, never inside a hold. */
export class StorageGuard {
  private readonly passes = new PeriodicPass(() => this.pass())

  constructor(private readonly deps: StorageGuardDeps) {}

  start(intervalMs = 60_000): void {
    this.passes.start(intervalMs)
  }

  stop(): Promise<void> {
    return this.passes.stop()
  }

  /** One pass; concurrent calls share the pass in progress. Returns how many segments were deleted. */
  enforce(): Promise<number> {
    return this.passes.run()
  }

  private async pass(): Promise<number> {
    const { deps } = this
    const limits = deps.limits()
    const disk = await (deps.disk ?? diskSpace)(deps.recordingsDir)
    const present = deps.segments.present()
    const plan = planRetention({
      segments: present,
      holds: deps.holds.active(),
      retentionHours: deps.retentionHours(),
      defaultRetentionHours: deps.defaultRetentionHours,
      now: (deps.now ?? Date.now)(),
      maxBytes: limits.maxBytes,
      minFreeBytes: limits.minFreeBytes,
      diskFreeBytes: disk.freeBytes
    })
    if (plan.shortfallBytes > 0) {
      deps.logger.warn(`storage limits exceeded by ${plan.shortfallBytes} bytes, but the rest is held as evidence or recording`)
    }
    if (plan.delete.length === 0) return 0
    const byId = new Map(present.map((segment) => [segment.id, segment]))
    const deleted: number[] = []
    for (const { id, reason } of plan.delete) {
      const segment = byId.get(id)
      if (!segment) continue
      const file = join(deps.recordingsDir, segment.path)
      await rm(file, { force: true })
      await removeIfEmpty(dirname(file))
      deleted.push(id)
      deps.logger.info(`deleted ${segment.path} (${reason})`)
    }
    deps.segments.remove(deleted)
    deps.onDeleted(deleted.length)
    return deleted.length
  }
}
