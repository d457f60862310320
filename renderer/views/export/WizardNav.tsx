import type { ReactNode } from 'react'
import { useT } from '../../i18n'

interface WizardNavProps {
  onBack?: () => void
  onNext?: () => void
  nextLabel?: string
  busy?: boolean
  /** Why Next did not go on (shown beside the buttons). */
  problem?: ReactNode
  onCancel?: () => void
}

/** Cancel on the left; the step's problem, Back and Next on the right. */
export function WizardNav({ onBack, onNext, nextLabel, busy, problem, onCancel }: WizardNavProps) {
  const t = useT()
  return (
    <div className="action-bar wizard__nav">
      {onCancel ? (
        <button type="button" className="button" onClick={onCancel} data-testid="export-cancel">
          {t('export.cancel')}
        </button>
      ) : null}
      <div className="wizard__problem" role="alert" data-testid={problem ? 'export-step-error' : undefined}>
        {problem}
      </div>
      {onBack ? (
        <button type="button" className="button" onClick={onBack} disabled={busy} data-testid="export-back">
          <span aria-hidden="true">←</span> {t('export.back')}
        </button>
      ) : null}
      {onNext ? (
        <button type="button" className="button button--primary" onClick={onNext} disabled={busy} data-testid="export-next">
          {nextLabel ?? t('export.next')} <span aria-hidden="true">→</span>
        </button>
      ) : null}
    </div>
  )
}
