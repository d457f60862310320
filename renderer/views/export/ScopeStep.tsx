// Step 2: which cameras and which time (typed in the recorder's time zone). Next creates the draft, which
// places an evidence hold per camera at once; from then on the scope is fixed.
import { useState } from 'react'
import { CheckboxField, TextField, type FieldError } from '../../components/Field'
import { clockDuration, checkRange, LONG_RANGE_MS } from '../../export/time'
import { NO_REDACTION, placeServerErrors } from '../../export/wizard'
import { useAction } from '../../hooks/useAction'
import { useApi } from '../../hooks/useConnection'
import { useT } from '../../i18n'
import { HoldsPlaced } from './HoldsPlaced'
import { serverError, type StepProps } from './stepProps'
import { WizardNav } from './WizardNav'

type ScopeErrors = { cameras?: string; from?: string; to?: string }

export function ScopeStep({ state, update, cameras, timeZone, draft, server, go, onCancel }: StepProps) {
  const t = useT()
  const api = useApi()
  const { busy, run } = useAction()
  const [checked, setChecked] = useState(false)
  const [created, setCreated] = useState<{ errors: ScopeErrors; other: string[] }>({ errors: {}, other: [] })
  const locked = state.draftId !== null
  const known = state.scope.cameraIds.filter((id) => cameras.some((camera) => camera.id === id))
  const missing = state.scope.cameraIds.filter((id) => !known.includes(id))
  const range = checkRange(state.scope.from, state.scope.to, timeZone)
  const shown = { ...server.scope, ...created.errors }

  const setScope = (change: Partial<typeof state.scope>) => {
    update((previous) => ({ scope: { ...previous.scope, ...change } }))
    setCreated({ errors: {}, other: [] })
  }
  const toggle = (id: string, on: boolean) =>
    setScope({ cameraIds: cameras.filter((camera) => (camera.id === id ? on : known.includes(camera.id))).map((camera) => camera.id) })

  const fieldError = (name: 'from' | 'to'): FieldError | undefined => {
    const problem = checked && !locked ? range.errors[name] : undefined
    return problem ? { text: t(`export.scope.error.${problem}`) } : serverError(shown[name], t)
  }
  const cameraError = checked && !locked && known.length === 0 ? t('export.scope.error.noCamera') : shown.cameras

  const next = async () => {
    if (locked) return go(3)
    setChecked(true)
    if (known.length === 0 || range.from === null || range.to === null || range.errors.to) return
    const caseNumber = state.request.caseNumber?.trim()
    const draftCreated = await run(
      () => api['exports.create']({ cameraIds: known, from: range.from!, to: range.to!, ...(caseNumber ? { reason: t('export.holdReason', { case: caseNumber.slice(0, 200) }) } : {}) }),
      {
        onError: (error) => {
          if (error.code !== 'VALIDATION' || !error.fields) return false
          const placed = placeServerErrors(error.fields, [])
          setCreated({ errors: placed.scope, other: [...placed.other, ...Object.values(placed.request)] })
          return true
        }
      }
    )
    if (draftCreated) {
      update({ draftId: draftCreated.id, redaction: NO_REDACTION })
      go(3)
    }
  }

  return (
    <div className="wizard__step" data-testid="export-step-2">
      <section className="panel">
        <h2>{t('export.scope.title')}</h2>
        <fieldset className="scope__cameras" disabled={locked} data-testid="scope-cameras">
          <legend>{t('export.scope.cameras')}</legend>
          {cameras.map((camera) => (
            <CheckboxField key={camera.id} label={camera.name} checked={known.includes(camera.id)} onChange={(on) => toggle(camera.id, on)} testId={`scope-camera-${camera.id}`} />
          ))}
          {cameraError ? (
            <p className="field__error" role="alert" data-testid="scope-cameras-error">
              {cameraError}
            </p>
          ) : null}
          {missing.length > 0 ? <p className="muted">{t('export.scope.missing', { ids: missing.join(', ') })}</p> : null}
        </fieldset>
        <div className="form-grid scope__range">
          <TextField label={t('export.scope.from')} type="datetime-local" step={1} value={state.scope.from} onChange={(from) => setScope({ from })} disabled={locked} testId="scope-from" error={fieldError('from')} />
          <TextField label={t('export.scope.to')} type="datetime-local" step={1} value={state.scope.to} onChange={(to) => setScope({ to })} disabled={locked} testId="scope-to" error={fieldError('to')} />
        </div>
        <p className="field__hint">
          {t('export.scope.timeZone', { zone: timeZone ?? '—' })}
          {range.from !== null && range.to !== null && range.to > range.from ? ` ${t('export.scope.length', { length: clockDuration(range.to - range.from) })}` : ''}
        </p>
        {range.long ? (
          <p className="wizard__note wizard__note--warning" role="status" data-testid="scope-long-warning">
            {t('export.scope.long', { minutes: LONG_RANGE_MS / 60_000 })}
          </p>
        ) : null}
        {locked && draft.draft ? (
          <>
            <p className="muted" data-testid="scope-locked">
              {t('export.scope.locked')}
            </p>
            <HoldsPlaced holdIds={draft.draft.holdIds} cameras={cameras} />
          </>
        ) : (
          <p className="wizard__note wizard__note--info" data-testid="scope-hold-note">
            {t('export.scope.holdNote')}
          </p>
        )}
      </section>
      <WizardNav
        onCancel={onCancel}
        onBack={() => go(1)}
        onNext={() => void next()}
        nextLabel={locked ? undefined : busy ? t('export.scope.creating') : t('export.scope.create')}
        busy={busy}
        problem={created.other.length > 0 ? created.other.join('; ') : checked && !locked && (known.length === 0 || range.errors.from || range.errors.to) ? t('form.errors') : null}
      />
    </div>
  )
}
