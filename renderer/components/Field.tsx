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
  type?: 'text' | 'password' | 'number' | 'url'
  placeholder?: string
  autoComplete?: string
  disabled?: boolean
  min?: number
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

export function CheckboxField(props: { label: string; checked: boolean; onChange(checked: boolean): void; testId: string; hint?: ReactNode }) {
  const id = useId()
  return (
    <div className="field field--checkbox">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
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
