import { useMemo } from 'react'
import { useI18n } from '../i18n'
import { createFormat, type Format } from '../i18n/format'
import { useAppInfo } from './useAppInfo'

export function useFormat(): Format {
  const { lang } = useI18n()
  const timeZone = useAppInfo()?.timeZone
  return useMemo(() => createFormat(lang, timeZone), [lang, timeZone])
}
