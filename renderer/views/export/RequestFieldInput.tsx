import type { RequestFieldSpec } from '../../api/contract'
import { RadioField, TextAreaField, TextField, type FieldError } from '../../components/Field'
import { JUSTIFICATION, JUSTIFICATION_MIN_LENGTH, maxLength, type RequestProblem } from '../../export/request'
import { localText, type Translate, useI18n } from '../../i18n'

export function problemText(problem: RequestProblem, t: Translate): string {
  switch (problem.code) {
    case 'tooShort':
      return t('export.error.tooShort', { min: problem.min })
    case 'tooLong':
      return t('export.error.tooLong', { max: problem.max })
    default:
      return t(`export.error.${problem.code}`)
  }
}

/** One field of the request, as the catalog describes it. Test id: request-field-<name> (+ -error). */
export function RequestFieldInput({ spec, value, onChange, error }: { spec: RequestFieldSpec; value: string; onChange(value: string): void; error?: FieldError }) {
  const { t, lang } = useI18n()
  const label = spec.required ? localText(spec.label, lang) : t('export.optionalLabel', { label: localText(spec.label, lang) })
  const common = { label, value, onChange, error, testId: `request-field-${spec.name}`, required: spec.required }
  if (spec.kind === 'choice') {
    const options = (spec.options ?? []).map((option) => ({ value: option.value, label: localText(option.label, lang) }))
    return <RadioField {...common} options={options} />
  }
  if (spec.kind === 'longtext') {
    const hint = spec.name === JUSTIFICATION ? t('export.justificationHint', { min: JUSTIFICATION_MIN_LENGTH }) : undefined
    return <TextAreaField {...common} hint={hint} maxLength={maxLength(spec)} rows={spec.name === JUSTIFICATION ? 5 : 3} />
  }
  return <TextField {...common} type={spec.kind === 'date' ? 'date' : 'text'} maxLength={maxLength(spec)} autoComplete="off" />
}
