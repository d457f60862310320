import { useState, type FormEvent } from 'react'
import type { StorageLimits } from '../api/contract'
import { CheckboxField, TextField, type FieldError } from '../components/Field'
import { useAction } from '../hooks/useAction'
import { useApi } from '../hooks/useConnection'
import { useNotices } from '../hooks/useNotices'
import { useT } from '../i18n'

const GIB = 1024 ** 3

function toGiB(bytes: number): string {
  return String(Math.round((bytes / GIB) * 100) / 100)
}

/** Parses a GiB input; NaN (sent as null) lets the server's validation name the field. */
function toBytes(gib: string): number {
  const value = Number(gib.trim().replace(',', '.'))
  return gib.trim() === '' || !Number.isFinite(value) ? Number.NaN : Math.round(value * GIB)
}

/** Max size for all recordings (or unlimited) and the free space to keep. */
export function StorageLimitsForm({ limits, onSaved }: { limits: StorageLimits; onSaved(): void }) {
  const t = useT()
  const api = useApi()
  const { notifySuccess } = useNotices()
  const { busy, run } = useAction()
  const [unlimited, setUnlimited] = useState(limits.maxBytes === null)
  const [maxGiB, setMaxGiB] = useState(limits.maxBytes === null ? '' : toGiB(limits.maxBytes))
  const [minFreeGiB, setMinFreeGiB] = useState(toGiB(limits.minFreeBytes))
  const [errors, setErrors] = useState<Record<string, string>>({})

  const save = async (event: FormEvent) => {
    event.preventDefault()
    setErrors({})
    const saved = await run(
      () => api['storage.setLimits']({ maxBytes: unlimited ? null : toBytes(maxGiB), minFreeBytes: toBytes(minFreeGiB) }),
      {
        onError: (error) => {
          if (error.code !== 'VALIDATION' || !error.fields) return false
          setErrors(error.fields)
          return true
        }
      }
    )
    if (saved) {
      notifySuccess('storage.saved')
      onSaved()
    }
  }
  const fieldError = (name: string): FieldError | undefined =>
    errors[name] ? { text: t('field.other'), detail: errors[name] } : undefined

  return (
    <form className="panel" onSubmit={(event) => void save(event)} noValidate data-testid="storage-limits">
      <h2>{t('storage.limits')}</h2>
      <p className="muted">{t('storage.limitsHint')}</p>
      <div className="form-grid">
        <div>
          <TextField
            label={t('storage.maxGiB')}
            type="number"
            min={0}
            step={1}
            value={unlimited ? '' : maxGiB}
            disabled={unlimited}
            onChange={setMaxGiB}
            testId="storage-max-gib"
            error={fieldError('maxBytes')}
          />
          <CheckboxField label={t('storage.unlimited')} checked={unlimited} onChange={setUnlimited} testId="storage-unlimited" />
        </div>
        <TextField
          label={t('storage.minFreeGiB')}
          type="number"
          min={0}
          step={1}
          value={minFreeGiB}
          onChange={setMinFreeGiB}
          testId="storage-min-free-gib"
          error={fieldError('minFreeBytes')}
        />
      </div>
      <div className="panel__actions">
        <button type="submit" className="button button--primary" disabled={busy} data-testid="storage-save">
          {busy ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  )
}
