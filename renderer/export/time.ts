// Times in the export wizard: instants typed as date and time in the recorder's time zone (a browser in
// another zone still types the hours the house saw), and offsets from the start of the exported range
// ("01:05"), which is how tracks, regions and progress are shown. Pure.
import { localInstant, wallParts } from '../timeline/days'

/** A request usually concerns minutes: a longer range gets a warning. */
export const LONG_RANGE_MS = 30 * 60_000
/** The most one export may span (exports.create refuses more). */
export const MAX_RANGE_MS = 24 * 3_600_000

const pad = (value: number, width = 2) => String(value).padStart(width, '0')

/** An instant as the value of an <input type="datetime-local" step="1">: "2025-03-14T18:05:09". */
export function toLocalInput(epochMs: number, timeZone: string | undefined): string {
  const [y, mo, d, h, mi, s] = wallParts(epochMs, timeZone)
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}`
}

/** The instant a datetime-local value names in the zone; null for anything that is not a real date and time. */
export function fromLocalInput(value: string, timeZone: string | undefined): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(value.trim())
  if (!match) return null
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0))
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return null
  const probe = new Date(Date.UTC(y, mo - 1, d))
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null
  return localInstant(y, mo, d, h, mi, s, timeZone)
}

/** A duration as a clock: "04:09", "1:02:03" from an hour on. Negative durations count as zero. */
export function clockDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`
}

/** Where an instant lies in the exported range: "01:05" after the range start. */
export function offsetLabel(at: number, rangeStart: number): string {
  return clockDuration(at - rangeStart)
}

/** A span inside the range, "00:12–01:40". */
export function spanLabel(start: number, end: number, rangeStart: number): string {
  return `${offsetLabel(start, rangeStart)}–${offsetLabel(end, rangeStart)}`
}

/** A typed offset ("90", "1:30", "01:30", "1:02:03") in ms; null when it is not one. */
export function parseOffset(text: string): number | null {
  const trimmed = text.trim()
  if (!/^\d{1,6}(:\d{1,2}){0,2}$/.test(trimmed)) return null
  const parts = trimmed.split(':').map(Number)
  if (parts.slice(1).some((part) => part > 59)) return null
  const seconds = parts.reduce((sum, part) => sum * 60 + part, 0)
  return seconds * 1000
}

export interface RangeCheck {
  from: number | null
  to: number | null
  /** What is wrong with each bound, if anything. */
  errors: { from?: 'invalid'; to?: 'invalid' | 'beforeStart' | 'tooLong' }
  /** Longer than a request usually needs (a warning, not an error). */
  long: boolean
}

/** Checks a typed range: both bounds real instants, the end after the start, at most MAX_RANGE_MS. */
export function checkRange(fromText: string, toText: string, timeZone: string | undefined): RangeCheck {
  const from = fromLocalInput(fromText, timeZone)
  const to = fromLocalInput(toText, timeZone)
  const errors: RangeCheck['errors'] = {}
  if (from === null) errors.from = 'invalid'
  if (to === null) errors.to = 'invalid'
  else if (from !== null && to <= from) errors.to = 'beforeStart'
  else if (from !== null && to - from > MAX_RANGE_MS) errors.to = 'tooLong'
  const long = from !== null && to !== null && to - from > LONG_RANGE_MS
  return { from, to, errors, long }
}
