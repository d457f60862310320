// Once settings are reachable, the UI language follows settings.language, and a switch is saved there.
import { useEffect } from 'react'
import { useI18n } from '../i18n'
import { useCall } from './useCall'
import { useApi } from './useConnection'
import { useNotices } from './useNotices'

export function useLanguageSync(): void {
  const { attachSettings } = useI18n()
  const api = useApi()
  const { notifyError } = useNotices()
  const serverLanguage = useCall('settings.get', {}).data?.language

  useEffect(() => {
    if (!serverLanguage) return
    return attachSettings(serverLanguage, (language) => {
      api['settings.set']({ language }).catch(notifyError)
    })
  }, [serverLanguage, attachSettings, api, notifyError])
}
