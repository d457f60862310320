import type { Language } from '../api/contract'
import { useI18n } from '../i18n'

const LANGUAGES: Language[] = ['en', 'de']

/** EN | DE, always in the header (and on the login page). */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n()
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.label')}>
      {LANGUAGES.map((code) => (
        <button
          key={code}
          type="button"
          className={code === lang ? 'lang-switch__button is-active' : 'lang-switch__button'}
          aria-pressed={code === lang}
          title={t(`lang.${code}`)}
          onClick={() => setLang(code)}
          data-testid={`lang-${code}`}
        >
          {code.toUpperCase()}
        </button>
      ))}
    </div>
  )
}
