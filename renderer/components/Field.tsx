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
  type?: 'text' | 'password' | 'number' | 'url' | 'time' | 'date' | 'datetime-local'
  placeholder?: string
  autoComplete?: string
  disabled?: boolean
  readOnly?: boolean
  min?: number
  max?: number
  step?: number
  maxLength?: number
  required?: boolean
}

export function TextField({ label, value, onChange, testId, hint, error, type = 'text', ...rest }: TextFieldProps) {
  const id = useId()
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
        aria-describedby={describedBy(id, hint, error)}
        spellCheck={false}
        {...rest}
      />
      <FieldNotes id={id} hint={hint} error={error} testId={testId} />
    </div>
  )
}

/** Several lines of text (a justification, a description). */
export function TextAreaField(props: { label: string; value: string; onChange(value: string): void; testId: string; hint?: string; error?: FieldError; rows?: number; maxLength?: number; required?: boolean; disabled?: boolean }) {
  const id = useId()
  const { label, value, onChange, testId, hint, error, rows = 4, ...rest } = props
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...rest}
      />
      <FieldNotes id={id} hint={hint} error={error} testId={testId} />
    </div>
  )
}

/** One of a few choices as radio buttons. Test ids: <testId> on the group, <testId>-<value> on each choice. */
export function RadioField(props: { label: string; value: string; options: readonly { value: string; label: string }[]; onChange(value: string): void; testId: string; hint?: string; error?: FieldError; required?: boolean }) {
  const id = useId()
  const { label, value, options, onChange, testId, hint, error, required } = props
  return (
    <fieldset className={error ? 'field field--radio field--invalid' : 'field field--radio'} data-testid={testId} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)}>
      <legend>{label}</legend>
      <div className="field__choices">
        {options.map((option) => (
          <label key={option.value} className="field__choice">
            <input type="radio" name={id} value={option.value} checked={value === option.value} required={required} onChange={() => onChange(option.value)} data-testid={`${testId}-${option.value}`} />
            {option.label}
          </label>
        ))}
      </div>
      <FieldNotes id={id} hint={hint} error={error} testId={testId} />
    </fieldset>
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
          aria-describedby={describedBy(id, hint, error)}
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

/** The note FieldNotes shows beneath an input: its error, else its hint. */
function describedBy(id: string, hint: string | undefined, error: FieldError | undefined): string | undefined {
  return error ? `${id}-error` : hint ? `${id}-hint` : undefined
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
