import { STEPS, type StepNumber } from '../../export/wizard'
import { useT } from '../../i18n'

/** The five steps; finished ones can be opened again (until the export is confirmed). */
export function Stepper({ step, done, onGo }: { step: StepNumber; done: boolean; onGo(step: StepNumber): void }) {
  const t = useT()
  return (
    <ol className="stepper" aria-label={t('export.steps')}>
      {STEPS.map((name, index) => {
        const number = (index + 1) as StepNumber
        const state = done || number < step ? 'done' : number === step ? 'current' : 'todo'
        const label = (
          <>
            <span className="stepper__number" aria-hidden="true">
              {state === 'done' ? '✓' : number}
            </span>
            <span className="stepper__label">{t(`export.step.${name}`)}</span>
          </>
        )
        return (
          <li key={name} className={`stepper__item stepper__item--${state}`} aria-current={state === 'current' ? 'step' : undefined} data-testid={`export-stepper-${number}`} data-state={state}>
            {state === 'done' && !done ? (
              <button type="button" className="stepper__link" onClick={() => onGo(number)}>
                {label}
              </button>
            ) : (
              <span className="stepper__link">{label}</span>
            )}
          </li>
        )
      })}
    </ol>
  )
}
