import { NO_REDACTION } from '../../export/wizard'
import { useT } from '../../i18n'
import type { StepProps } from './stepProps'

/** The server no longer knows the draft (Vigil restarted): the request is kept, the scope is chosen again. */
export function DraftLost({ update, go, onCancel }: StepProps) {
  const t = useT()
  return (
    <section className="panel" data-testid="export-draft-lost">
      <h2>{t('export.lost.title')}</h2>
      <p>{t('export.lost.text')}</p>
      <p className="muted">{t('export.lost.holds')}</p>
      <div className="panel__actions wizard__resume-actions">
        <button type="button" className="button" onClick={onCancel} data-testid="export-cancel">
          {t('export.cancel')}
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            update({ draftId: null, redaction: NO_REDACTION })
            go(2)
          }}
          data-testid="export-lost-restart"
        >
          {t('export.lost.again')}
        </button>
      </div>
    </section>
  )
}
