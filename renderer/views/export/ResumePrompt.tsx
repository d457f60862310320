import { useState } from 'react'
import type { WizardState } from '../../export/wizard'
import { useApi } from '../../hooks/useConnection'
import { useT } from '../../i18n'

/** A link to a new export arrived while another one is unfinished: continue that one, or drop it. */
export function ResumePrompt({ state, incoming, onKeep, onReplace }: { state: WizardState; incoming: WizardState; onKeep(): void; onReplace(next: WizardState): void }) {
  const t = useT()
  const api = useApi()
  const [busy, setBusy] = useState(false)

  const replace = async () => {
    setBusy(true)
    // The old draft leaves no package and no log entry; a draft that is already gone needs nothing.
    if (state.draftId) await api['exports.cancel']({ id: state.draftId }).catch(() => undefined)
    onReplace(incoming)
  }

  return (
    <section className="panel wizard__resume" data-testid="export-resume-prompt">
      <h2>{t('export.resume.title')}</h2>
      <p>{t('export.resume.text')}</p>
      {state.draftId ? <p className="muted">{t('export.resume.holds')}</p> : null}
      <div className="panel__actions wizard__resume-actions">
        <button type="button" className="button" onClick={onKeep} disabled={busy} data-testid="export-resume">
          {t('export.resume.keep')}
        </button>
        <button type="button" className="button button--primary" onClick={() => void replace()} disabled={busy} data-testid="export-start-new">
          {t('export.resume.replace')}
        </button>
      </div>
    </section>
  )
}
