import type { Language } from '../api/contract'
import { useI18n } from '../i18n'
import { Segmented } from './Segmented'

const LANGUAGES: Language[] = ['en', 'de']

/** EN | DE, always in the header (and on the login page). */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n()
  const options = LANGUAGES.map((code) => ({ value: code, label: code.toUpperCase(), title: t(`lang.${code}`), testId: `lang-${code}` }))
  return <Segmented className="lang-switch" label={t('lang.label')} options={options} value={lang} onChange={setLang} />
}
