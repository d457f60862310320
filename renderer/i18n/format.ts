// Numbers, sizes and times in the UI language. Times use the recorder's time zone (app.info), so a browser in
// another zone still sees the hours the house saw.
import type { Language } from '../api/contract'

export interface Format {
  time(ms: number): string
  dateTime(ms: number): string
  /** A span of time to the second, the day written once when both ends share it: "14/03/2025, 18:05:09–18:10:00". */
  range(from: number, to: number): string
  number(value: number, digits?: number): string
  bytes(value: number): string
}

const LOCALES: Record<Language, string> = { en: 'en-GB', de: 'de-DE' }
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB']

function validTimeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined
  try {
    new Intl.DateTimeFormat('en', { timeZone })
    return timeZone
  } catch {
    return undefined
  }
}

export function createFormat(lang: Language, timeZone?: string): Format {
  const locale = LOCALES[lang]
  const zone = validTimeZone(timeZone)
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone: zone })
  const dateTime = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: zone
  })
  const day = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: zone })
  const number = (value: number, digits = 0): string =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value)
  return {
    time: (ms) => time.format(ms),
    dateTime: (ms) => dateTime.format(ms),
    range(from, to) {
      const sameDay = day.format(from) === day.format(to)
      return `${day.format(from)}, ${time.format(from)}–${sameDay ? '' : `${day.format(to)}, `}${time.format(to)}`
    },
    number,
    bytes(value) {
      let unit = 0
      let scaled = value
      while (scaled >= 1024 && unit < UNITS.length - 1) {
        scaled /= 1024
        unit += 1
      }
      return `${number(scaled, unit === 0 ? 0 : scaled < 10 ? 2 : 1)} ${UNITS[unit]}`
    }
  }
}
