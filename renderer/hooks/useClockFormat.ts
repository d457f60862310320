// Times and days for the timeline, in the UI language and the recorder's time zone.
import { useMemo } from 'react'
import { useI18n } from '../i18n'
import { useAppInfo } from './useAppInfo'

export interface ClockFormat {
  /** 14:05 */
  hm(ms: number): string
  /** 14:05:09 */
  hms(ms: number): string
  /** "Tue, 14 Mar 2025" for a YYYY-MM-DD day. */
  day(day: string): string
}

const LOCALES = { en: 'en-GB', de: 'de-DE' } as const

export function useClockFormat(): ClockFormat {
  const { lang } = useI18n()
  const timeZone = useAppInfo()?.timeZone
  return useMemo(() => {
    const zone = (() => {
      try {
        return timeZone ? new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone : undefined
      } catch {
        return undefined
      }
    })()
    const hm = new Intl.DateTimeFormat(LOCALES[lang], { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: zone })
    const hms = new Intl.DateTimeFormat(LOCALES[lang], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone: zone })
    // A YYYY-MM-DD day is a calendar date, not an instant: format it at noon UTC in UTC.
    const day = new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
    return {
      hm: (ms) => hm.format(ms),
      hms: (ms) => hms.format(ms),
      day: (value) => day.format(new Date(`${value}T12:00:00Z`))
    }
  }, [lang, timeZone])
}
