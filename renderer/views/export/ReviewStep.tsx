// Step 5: everything at a glance, then Confirm: the server checks the request again, writes the log entry
// and builds the package ("packaging" progress). A field it refuses is marked on its step.
import { useState } from 'react'
import type { ErrorPayload } from '../../api/contract'
import { ErrorText } from '../../components/ErrorText'
import { requestFields, requestPayload, validateRequest } from '../../export/request'
import { includeOriginals, placeServerErrors, redactionStatus, validateContents } from '../../export/wizard'
import { useAction } from '../../hooks/useAction'
import { useApi } from '../../hooks/useConnection'
import { useNotices } from '../../hooks/useNotices'
import { useI18n } from '../../i18n'
import { ExportProgressList } from './ExportProgressList'
import { ExportResultPanel } from './ExportResultPanel'
import { ExportSummary } from './ExportSummary'
import { NO_SERVER_ERRORS, type StepProps } from './stepProps'

export function ReviewStep(props: StepProps) {
  const { state, update, catalog, basis, cameras, draft: server, secret, setServer, go, onCancel, restart } = props
  const { t, lang } = useI18n()
  const api = useApi()
  const { notifySuccess } = useNotices()
  const { busy, run } = useAction()
  const [failure, setFailure] = useState<ErrorPayload | null>(null)
  const draft = server.draft
  const packaging = busy || draft?.stage === 'packaging'

  if (state.result) {
    return (
      <div className="wizard__step" data-testid="export-step-5">
        <ExportResultPanel result={state.result} zip={state.contents.zip} onNew={restart} />
      </div>
    )
  }
  if (!draft) return <p className="muted">{server.error ? <ErrorText error={server.error} /> : t('common.loading')}</p>

  const confirm = async () => {
    setFailure(null)
    // Checked before: steps opened again may have changed since.
    const problems = validateRequest(catalog, state.basis, state.request)
    if (Object.keys(problems).length > 0) {
      // Step 1 marks its fields itself when it opens with step 1 named here.
      setServer({ ...NO_SERVER_ERRORS, step: 1 })
      return go(1)
    }
    if (redactionStatus(draft, state.redaction) !== 'ready') return go(3)
    if (Object.keys(validateContents(state.contents, secret.passphrase, secret.confirmation)).length > 0) return go(4)
    server.clearProgress()
    const result = await run(
      () =>
        api['exports.confirm']({
          id: draft.id,
          jurisdiction: catalog.jurisdiction,
          basis: state.basis!,
          request: requestPayload(catalog, basis, state.request),
          includeOriginals: includeOriginals(state.contents, basis),
          includeSnapshots: state.contents.snapshots,
          zipPassphrase: state.contents.zip ? secret.passphrase : null,
          language: lang
        }),
      {
        onError: (error) => {
          if (error.code === 'VALIDATION' && error.fields) {
            const placed = placeServerErrors(
              error.fields,
              requestFields(catalog, basis).map((field) => field.name)
            )
            setServer(placed)
            if (placed.step !== null) go(placed.step)
            else setFailure(error)
          } else setFailure(error)
          return true
        }
      }
    )
    if (result) {
      secret.set({ passphrase: '', confirmation: '' })
      setServer(NO_SERVER_ERRORS)
      update({ result })
      notifySuccess('export.done', { id: result.packageId })
    }
  }

  return (
    <div className="wizard__step" data-testid="export-step-5">
      <section className="panel">
        <h2>{t('export.review.title')}</h2>
        <p>{t('export.review.intro')}</p>
        <ExportSummary state={state} catalog={catalog} basis={basis} cameras={cameras} draft={draft} go={go} />
        <p className="wizard__note wizard__note--info">{t('export.review.log')}</p>
        {packaging ? <ExportProgressList progress={server.progress} cameraIds={draft.cameraIds} cameras={cameras} /> : null}
        {failure ? <ErrorText error={failure} testId="export-confirm-error" /> : null}
      </section>
      <div className="action-bar wizard__nav">
        <button type="button" className="button" onClick={onCancel} disabled={packaging} data-testid="export-cancel">
          {t('export.cancel')}
        </button>
        <div className="wizard__problem" />
        <button type="button" className="button" onClick={() => go(4)} disabled={packaging} data-testid="export-back">
          <span aria-hidden="true">←</span> {t('export.back')}
        </button>
        <button type="button" className="button button--primary" onClick={() => void confirm()} disabled={packaging} data-testid="export-confirm">
          {packaging ? t('export.review.packaging') : t('export.review.confirm')}
        </button>
      </div>
    </div>
  )
}
