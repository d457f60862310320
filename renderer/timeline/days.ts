// Calendar days in the recorder's time zone (app.info), so a browser in another zone still sees the days
// the house saw. recordings.days names days as YYYY-MM-DD; these turn them into epoch ranges and back.

export interface DayRange {
  day: string
  start: number
  /** Exclusive: the next day's midnight (23 or 25 hours later on a daylight-saving day). */
  end: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function partsFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? ''
  let format = formatters.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit'
    })
    formatters.set(key, format)
  }
  return format
}

/** The zone's wall clock at an instant: [year, month (1-12), day, hour, minute, second]. */
export function wallParts(epochMs: number, timeZone: string | undefined): number[] {
  const parts = partsFormat(timeZone).formatToParts(epochMs)
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value)
  return [get('year'), get('month'), get('day'), get('hour'), get('minute'), get('second')]
}

/** How far the zone's wall clock is ahead of UTC at this instant, in ms. */
function zoneOffset(epochMs: number, timeZone: string | undefined): number {
  const [y, mo, d, h, mi, s] = wallParts(epochMs, timeZone)
  return Date.UTC(y, mo - 1, d, h, mi, s) - (epochMs - (((epochMs % 1000) + 1000) % 1000))
}

/** The local day (YYYY-MM-DD) an instant falls on. */
export function dayOf(epochMs: number, timeZone?: string): string {
  const [y, mo, d] = wallParts(epochMs, timeZone)
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/**
 * The instant the zone's wall clock shows this date and time. A time skipped by a daylight-saving change
 * lands an hour later; a time shown twice is the first of the two.
 */
export function localInstant(y: number, mo: number, d: number, h: number, mi: number, s: number, timeZone: string | undefined): number {
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s)
  // Two passes: the offset at the first guess may differ from the offset at the wanted time (daylight saving).
  const guess = asUtc - zoneOffset(asUtc, timeZone)
  return asUtc - zoneOffset(guess, timeZone)
}

function midnight(y: number, mo: number, d: number, timeZone: string | undefined): number {
  return localInstant(y, mo, d, 0, 0, 0, timeZone)
}

export function dayRange(day: string, timeZone?: string): DayRange {
  const [y, mo, d] = day.split('-').map(Number)
  return { day, start: midnight(y, mo, d, timeZone), end: midnight(y, mo, d + 1, timeZone) }
}

/**
 * The day the timeline opens: one picked by hand, else the day a link points into, else today, else the newest
 * day with recordings; only days that have recordings qualify.
 */
export function chooseDay(days: readonly string[], wanted: { picked: string | null; linked: string | null; today: string }): string | null {
  for (const day of [wanted.picked, wanted.linked, wanted.today]) if (day && days.includes(day)) return day
  return days[0] ?? null
}
