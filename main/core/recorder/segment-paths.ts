import { posix } from 'node:path'

// Final file layout: <camera id>/<yyyy-mm-dd>/<ISO start with dashes>.mp4, dates in UTC so a file's place
// never depends on the machine's time zone (the index keeps the zone for reports).
const NAME = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})\.(\d{3})Z\.mp4$/

export function segmentRelativePath(cameraId: string, startMs: number): string {
  const iso = new Date(startMs).toISOString() // 2026-11-24T00:11:35.123Z
  const day = iso.slice(0, 10)
  return posix.join(cameraId, day, `${iso.replace(/:/g, '-')}.mp4`)
}

/** The start time encoded in a final segment's file name, or null for any other file. */
export function startFromFileName(fileName: string): number | null {
  const match = NAME.exec(fileName)
  if (!match) return null
  const [, day, hh, mm, ss, ms] = match
  const value = Date.parse(`${day}T${hh}:${mm}:${ss}.${ms}Z`)
  return Number.isNaN(value) ? null : value
}

export const INCOMING_DIR = '.incoming'
