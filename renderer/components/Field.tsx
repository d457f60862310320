// Labelled inputs with a hint and an error slot beneath; the error carries translated text and the
// server's detail. Test ids: <testId> on the input, <testId>-error on its error.
import { useId, type ReactNode } from 'react'

export interface FieldError {
  text: string
  detail?: string
}

interface TextFieldProps {
  label: string
  value: string
  onChange(value: string): void
  testId: string
  hint?: string
  error?: FieldError
  type?: 'text' | 'password' | 'number' | 'url' | 'time'
  placeholder?: string
  autoComplete?: string
  disabled?: boolean
  readOnly?: boolean
  min?: number
  max?: number
  step?: number
}

export function TextField({ label, value, onChange, testId, hint, error, type = 'text', ...rest }: TextFieldProps) {
  const id = useId()
  const describedBy = [hint && !error ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ')
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        spellCheck={false}
        {...rest}
      />
      <FieldNotes id={id} hint={hint} error={error} testId={testId} />
    </div>
  )
}

/** A slider with its value shown beside it. */
export function RangeField(props: { label: string; value: number; min: number; max: number; onChange(value: number): void; testId: string; hint?: string; error?: FieldError; disabled?: boolean }) {
  const id = useId()
  const { label, value, min, max, onChange, testId, hint, error, disabled } = props
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <div className="field__range">
        <input
          id={id}
          type="range"
          min={min}
          max={max}
          step={1}
          value={value}
          disabled={disabled}
          onChange={(event) => onChange(Number(event.target.value))}
          data-testid={testId}
          aria-describedby={hint && !error ? `${id}-hint` : error ? `${id}-error` : undefined}
        />
        <output htmlFor={id} className="field__range-value" data-testid={`${testId}-value`}>
          {value}
        </output>
      </div>
      <FieldNotes id={id} hint={hint} error={error} testId={testId} />
    </div>
  )
}

export function CheckboxField(props: { label: string; checked: boolean; onChange(checked: boolean): void; testId: string; hint?: ReactNode; disabled?: boolean }) {
  const id = useId()
  return (
    <div className="field field--checkbox">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        onChange={(event) => props.onChange(event.target.checked)}
        data-testid={props.testId}
      />
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? <div className="field__hint">{props.hint}</div> : null}
    </div>
  )
}

function FieldNotes({ id, hint, error, testId }: { id: string; hint?: string; error?: FieldError; testId: string }) {
  return (
    <>
      {hint && !error ? (
        <div className="field__hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <div className="field__error" id={`${id}-error`} data-testid={`${testId}-error`} role="alert">
          <span>{error.text}</span>
          {error.detail ? <span className="field__error-detail">{error.detail}</span> : null}
        </div>
      ) : null}
    </>
  )
}
