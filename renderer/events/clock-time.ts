// Wall-clock times of day ("22:00") for quiet hours, and the privacy pause. Pure.
import type { PrivacyState } from '../api/contract'

export interface QuietHours {
  from: string
  to: string
}

/** "HH:MM" (00:00 to 23:59) as minutes after midnight, else null. */
export function parseClock(value: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value)
  return match ? Number(match[1]) * 60 + Number(match[2]) : null
}

export function formatClock(minutes: number): string {
  const wrapped = ((Math.round(minutes) % 1440) + 1440) % 1440
  return `${String(Math.floor(wrapped / 60)).padStart(2, '0')}:${String(wrapped % 60).padStart(2, '0')}`
}

/** from > to: the quiet time starts in the evening and ends the next morning. */
export function spansMidnight(quiet: QuietHours): boolean {
  const from = parseClock(quiet.from)
  const to = parseClock(quiet.to)
  return from !== null && to !== null && from > to
}

/** Minutes of quiet per day; 0 when from equals to (or a time is invalid). */
export function quietMinutes(quiet: QuietHours): number {
  const from = parseClock(quiet.from)
  const to = parseClock(quiet.to)
  if (from === null || to === null) return 0
  return (to - from + 1440) % 1440
}

/** Whether a minute of the day (0..1439) falls within the quiet time; `to` itself is no longer quiet. */
export function inQuietHours(quiet: QuietHours, minuteOfDay: number): boolean {
  const from = parseClock(quiet.from)
  const to = parseClock(quiet.to)
  if (from === null || to === null || from === to) return false
  return from < to ? minuteOfDay >= from && minuteOfDay < to : minuteOfDay >= from || minuteOfDay < to
}

const minuteFormats = new Map<string, Intl.DateTimeFormat>()

/** Minutes after local midnight of an instant, in a time zone (the recorder's). */
export function minuteOfDay(epochMs: number, timeZone?: string): number {
  const key = timeZone ?? ''
  let format = minuteFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' })
    minuteFormats.set(key, format)
  }
  const parts = format.formatToParts(epochMs)
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value)
  return (get('hour') % 24) * 60 + get('minute')
}

/** Privacy pause still running at `now`. */
export function isPaused(state: Pick<PrivacyState, 'pausedUntil'> | null, now: number): boolean {
  return !!state && state.pausedUntil !== null && state.pausedUntil > now
}

/** The pause lengths the header offers, in minutes. */
export const PAUSE_MINUTES = [15, 30, 60, 120] as const
