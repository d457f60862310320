import { useId } from 'react'
import { JURISDICTIONS, type Jurisdiction, type Settings } from '../api/contract'
import { useAction } from '../hooks/useAction'
import { useApi } from '../hooks/useConnection'
import { useNotices } from '../hooks/useNotices'
import { useT } from '../i18n'

/** Which legal bases the export wizard offers; saved at once. An export already started keeps its own. */
export function JurisdictionSettings({ settings, onSaved }: { settings: Settings; onSaved(): void }) {
  const t = useT()
  const api = useApi()
  const id = useId()
  const { notifySuccess } = useNotices()
  const { busy, run } = useAction()

  const choose = async (jurisdiction: Jurisdiction) => {
    const saved = await run(() => api['settings.set']({ jurisdiction }))
    if (saved) {
      notifySuccess('settings.saved')
      onSaved()
    }
  }

  return (
    <section className="panel" data-testid="settings-exports">
      <h2>{t('settings.exports')}</h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={id}>{t('settings.jurisdiction')}</label>
          <select id={id} value={settings.jurisdiction ?? 'eu-de'} onChange={(event) => void choose(event.target.value as Jurisdiction)} disabled={busy} data-testid="settings-jurisdiction" aria-describedby={`${id}-hint`}>
            {JURISDICTIONS.map((value) => (
              <option key={value} value={value}>
                {t(`jurisdiction.${value}`)}
              </option>
            ))}
          </select>
          <span className="field__hint" id={`${id}-hint`}>
            {t('settings.jurisdictionHint')}
          </span>
        </div>
      </div>
    </section>
  )
}
