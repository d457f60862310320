// Step 1: who asks, how the request arrived, the legal basis (chosen by the user, never pre-selected), the
// basis' own fields and the justification of necessity. Next checks every required field and marks it.
import { useState } from 'react'
import type { FieldError } from '../../components/Field'
import { requestLayout, validateRequest, type RequestErrors } from '../../export/request'
import { useT } from '../../i18n'
import { BasisOptions } from './BasisOptions'
import { problemText, RequestFieldInput } from './RequestFieldInput'
import { serverError, type StepProps } from './stepProps'
import { WizardNav } from './WizardNav'

/** Puts the cursor into the first marked field (a group: its first choice). */
function focusField(name: string): void {
  const element = document.querySelector<HTMLElement>(`[data-testid="request-field-${name}"]`)
  const target = element instanceof HTMLFieldSetElement ? element.querySelector<HTMLElement>('input') : element
  target?.focus()
}

export function RequestStep({ state, update, catalog, basis, server, setServer, go, onCancel }: StepProps) {
  const t = useT()
  // Fields are marked from the first Next on (or when Confirm sent the user back here), then follow the typing.
  const [checked, setChecked] = useState(server.step === 1)
  const errors: RequestErrors = checked ? validateRequest(catalog, state.basis, state.request) : {}
  const layout = requestLayout(catalog, basis)

  const errorOf = (name: string): FieldError | undefined => {
    const problem = errors[name]
    return problem ? { text: problemText(problem, t) } : serverError(server.request[name], t)
  }
  const forget = (name: string) => {
    if (!(name in server.request)) return
    const request = { ...server.request }
    delete request[name]
    setServer({ ...server, request })
  }
  const setValue = (name: string, value: string) => {
    update((previous) => ({ request: { ...previous.request, [name]: value } }))
    forget(name)
  }
  const next = () => {
    setChecked(true)
    const problems = validateRequest(catalog, state.basis, state.request)
    const names = (fields: readonly { name: string }[]) => fields.map((spec) => spec.name)
    const first = [...names(layout.common), 'basis', ...names(layout.basis), ...names(layout.last)].find((name) => problems[name])
    if (first) {
      focusField(first)
      return
    }
    go(2)
  }
  const field = (spec: (typeof layout.common)[number]) => (
    <RequestFieldInput key={spec.name} spec={spec} value={state.request[spec.name] ?? ''} onChange={(value) => setValue(spec.name, value)} error={errorOf(spec.name)} />
  )
  const problems = Object.keys(errors).length

  return (
    <div className="wizard__step" data-testid="export-step-1">
      <section className="panel">
        <h2>{t('export.request.title')}</h2>
        <p className="muted">{t('export.request.intro')}</p>
        <div className="form-grid request-grid">{layout.common.map(field)}</div>
      </section>
      <section className="panel">
        <h2>{t('export.basisTitle')}</h2>
        <p className="muted" data-testid="export-jurisdiction" data-jurisdiction={catalog.jurisdiction}>
          {t('export.jurisdictionLine', { name: t(`jurisdiction.${catalog.jurisdiction}`) })}
        </p>
        <BasisOptions
          catalog={catalog}
          value={state.basis}
          onChange={(code) => {
            update({ basis: code })
            forget('basis')
          }}
          error={errorOf('basis')}
        />
        {basis?.voluntary ? (
          <p className="wizard__note wizard__note--info" data-testid="basis-voluntary-note">
            {t('export.voluntaryNote')}
          </p>
        ) : null}
        {basis?.requesterIsSubject ? (
          <p className="wizard__note wizard__note--info" data-testid="basis-subject-note">
            {t('export.subjectNote')}
          </p>
        ) : null}
        {layout.basis.length > 0 ? (
          <>
            <h3 className="wizard__subtitle">{t('export.basisFields')}</h3>
            <div className="form-grid request-grid">{layout.basis.map(field)}</div>
          </>
        ) : null}
      </section>
      <section className="panel">
        <h2>{t('export.necessity')}</h2>
        {layout.last.map(field)}
      </section>
      <WizardNav onCancel={onCancel} onNext={next} problem={problems > 0 ? t('form.errors') : server.other.length > 0 ? server.other.join('; ') : null} />
    </div>
  )
}
