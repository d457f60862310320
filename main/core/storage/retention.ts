// Which segments to delete, as a pure function of plain data: the storage guard only carries it out.

export interface RetentionSegment {
  id: number
  cameraId: string
  start: number
  end: number
  bytes: number
}

export interface RetentionHold {
  cameraId: string
  start: number
  end: number
}

export interface RetentionInput {
  /** Segments on disk, any order. */
  segments: RetentionSegment[]
  holds: RetentionHold[]
  /** Maximum age per camera in hours; cameras not listed (removed ones) use defaultRetentionHours. */
  retentionHours: ReadonlyMap<string, number>
  defaultRetentionHours: number
  now: number
  maxBytes: number | null
  minFreeBytes: number
  diskFreeBytes: number
}

export type DeleteReason = 'age' | 'size' | 'free_space'

export interface RetentionPlan {
  delete: { id: number; reason: DeleteReason }[]
  /** Bytes still over a limit because only held segments remain: retention cannot do more. */
  shortfallBytes: number
}

const isHeld = (segment: RetentionSegment, holds: RetentionHold[]) =>
  holds.some((hold) => hold.cameraId === segment.cameraId && segment.start < hold.end && segment.end > hold.start)

/**
 * 1. Every segment older than its camera's maximum age goes.
 * 2. While all recordings exceed maxBytes, or free space is below minFreeBytes, the oldest segment of any
 *    camera goes next. Segments overlapping an evidence hold are never chosen.
 */
export function planRetention(input: RetentionInput): RetentionPlan {
  const candidates = input.segments.filter((segment) => !isHeld(segment, input.holds)).sort((a, b) => a.start - b.start)
  const chosen = new Map<number, DeleteReason>()
  let totalBytes = input.segments.reduce((sum, segment) => sum + segment.bytes, 0)
  let freeBytes = input.diskFreeBytes

  const take = (segment: RetentionSegment, reason: DeleteReason) => {
    chosen.set(segment.id, reason)
    totalBytes -= segment.bytes
    freeBytes += segment.bytes
  }

  for (const segment of candidates) {
    const hours = input.retentionHours.get(segment.cameraId) ?? input.defaultRetentionHours
    if (segment.end < input.now - hours * 3_600_000) take(segment, 'age')
  }

  const overSize = () => input.maxBytes !== null && totalBytes > input.maxBytes
  const underFree = () => freeBytes < input.minFreeBytes
  for (const segment of candidates) {
    if (!overSize() && !underFree()) break
    if (chosen.has(segment.id)) continue
    take(segment, overSize() ? 'size' : 'free_space')
  }

  const shortfall = Math.max(
    input.maxBytes !== null ? totalBytes - input.maxBytes : 0,
    input.minFreeBytes - freeBytes,
    0
  )
  return { delete: [...chosen].map(([id, reason]) => ({ id, reason })), shortfallBytes: shortfall }
}
