import { useId, useState, type FormEvent } from 'react'
import type { Language, Settings } from '../api/contract'
import { TextField, type FieldError } from '../components/Field'
import { useAction } from '../hooks/useAction'
import { useApi } from '../hooks/useConnection'
import { useNotices } from '../hooks/useNotices'
import { useI18n } from '../i18n'

/** Language (applies at once) and segment length (saved with the button). */
export function GeneralSettingsForm({ settings, onSaved }: { settings: Settings; onSaved(): void }) {
  const { t, lang, setLang } = useI18n()
  const api = useApi()
  const { notifySuccess } = useNotices()
  const { busy, run } = useAction()
  const languageId = useId()
  const [segmentSeconds, setSegmentSeconds] = useState(String(settings.segmentSeconds))
  const [error, setError] = useState<FieldError | undefined>()

  const save = async (event: FormEvent) => {
    event.preventDefault()
    setError(undefined)
    const saved = await run(() => api['settings.set']({ segmentSeconds: Number(segmentSeconds.trim() || Number.NaN) }), {
      onError: (problem) => {
        const detail = problem.fields?.segmentSeconds
        if (!detail) return false
        setError({ text: t('settings.segmentHint'), detail })
        return true
      }
    })
    if (saved) {
      notifySuccess('settings.saved')
      onSaved()
    }
  }

  return (
    <form className="panel" onSubmit={(event) => void save(event)} noValidate data-testid="settings-general">
      <h2>{t('settings.general')}</h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={languageId}>{t('settings.language')}</label>
          <select id={languageId} value={lang} onChange={(event) => setLang(event.target.value as Language)} data-testid="settings-language">
            <option value="en">{t('lang.en')}</option>
            <option value="de">{t('lang.de')}</option>
          </select>
        </div>
        <TextField
          label={t('settings.segmentSeconds')}
          hint={error ? undefined : t('settings.segmentHint')}
          type="number"
          min={2}
          step={1}
          value={segmentSeconds}
          onChange={setSegmentSeconds}
          testId="settings-segment-seconds"
          error={error}
        />
      </div>
      <div className="panel__actions">
        <button type="submit" className="button button--primary" disabled={busy} data-testid="settings-save">
          {busy ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  )
}
