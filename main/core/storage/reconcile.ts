import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join, posix } from 'node:path'
import type { SegmentsRepo } from '../db'
import type { Logger } from '../host'
import type { SegmentIndexer } from '../recorder/segment-indexer'
import { INCOMING_DIR, startFromFileName } from '../recorder/segment-paths'

export interface ReconcileReport {
  indexed: number
  markedMissing: number
}

/**
 * Brings the index in line with the disk at start: files on disk but not in the index (after a crash or a
 * lost database) are indexed; rows whose file is gone are marked missing. Open segments in .incoming are
 * left to each camera's recorder, which finalises them before it starts.
 */
export async function reconcileIndex(
  recordingsDir: string,
  segments: SegmentsRepo,
  indexer: SegmentIndexer,
  logger: Logger
): Promise<ReconcileReport> {
  const known = new Map(segments.allPaths().map((row) => [row.path, row]))
  const report: ReconcileReport = { indexed: 0, markedMissing: 0 }
  if (!existsSync(recordingsDir)) return report

  const onDisk = new Set<string>()
  for (const camera of await readdir(recordingsDir, { withFileTypes: true })) {
    if (!camera.isDirectory()) continue
    for (const day of await readdir(join(recordingsDir, camera.name), { withFileTypes: true })) {
      if (!day.isDirectory() || day.name === INCOMING_DIR) continue
      for (const file of await readdir(join(recordingsDir, camera.name, day.name))) {
        const start = startFromFileName(file)
        if (start === null) continue
        const relative = posix.join(camera.name, day.name, file)
        onDisk.add(relative)
        if (known.get(relative)?.missing === false) continue
        const segment = await indexer.indexExisting(camera.name, relative, start)
        if (segment) report.indexed++
      }
    }
  }

  const gone = [...known.values()].filter((row) => !row.missing && !onDisk.has(row.path)).map((row) => row.id)
  segments.markMissing(gone)
  report.markedMissing = gone.length
  if (report.indexed || report.markedMissing) {
    logger.info(`reconciled index with disk: ${report.indexed} segments re-indexed, ${report.markedMissing} marked missing`)
  }
  return report
}
