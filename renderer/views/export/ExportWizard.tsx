// The export wizard: five steps with a stepper, each step with its own Back / Next (Next checks the step),
// Cancel at any time. The request stays in this tab only (sessionStorage); the server keeps the draft.
import { useEffect, useState } from 'react'
import { ErrorBox } from '../../components/ErrorText'
import { findBasis } from '../../export/request'
import type { PlacedServerErrors, StepNumber } from '../../export/wizard'
import { useCall } from '../../hooks/useCall'
import { useCameras } from '../../hooks/useCameras'
import { useExportDraft } from '../../hooks/useExportDraft'
import { useExportWizard } from '../../hooks/useExportWizard'
import { useT } from '../../i18n'
import { CancelExportDialog } from './CancelExportDialog'
import { ContentsStep } from './ContentsStep'
import { DraftLost } from './DraftLost'
import { RedactionStep } from './RedactionStep'
import { RequestStep } from './RequestStep'
import { ResumePrompt } from './ResumePrompt'
import { ReviewStep } from './ReviewStep'
import { ScopeStep } from './ScopeStep'
import { Stepper } from './Stepper'
import { NO_SERVER_ERRORS, type StepProps } from './stepProps'

const STEP_VIEWS = { 1: RequestStep, 2: ScopeStep, 3: RedactionStep, 4: ContentsStep, 5: ReviewStep } as const

export function ExportWizard({ timeZone }: { timeZone: string | undefined }) {
  const t = useT()
  const wizard = useExportWizard()
  const { state, update } = wizard
  const cameras = useCameras()
  const catalog = useCall('legal.catalog', state.jurisdiction ? { jurisdiction: state.jurisdiction } : {})
  const draft = useExportDraft(state.result ? null : state.draftId)
  const [server, setServer] = useState<PlacedServerErrors>(NO_SERVER_ERRORS)
  const [secret, setSecret] = useState({ passphrase: '', confirmation: '' })
  const [cancelling, setCancelling] = useState(false)

  const restart = () => {
    setSecret({ passphrase: '', confirmation: '' })
    setServer(NO_SERVER_ERRORS)
    wizard.reset()
  }

  // The wizard keeps the jurisdiction it started with; changing the setting applies to the next export.
  const loadedJurisdiction = catalog.data?.jurisdiction
  useEffect(() => {
    if (loadedJurisdiction && !state.jurisdiction) update({ jurisdiction: loadedJurisdiction })
  }, [loadedJurisdiction, state.jurisdiction, update])

  // Confirmed while this page was away (a reload during packaging): the draft carries the result.
  const finished = draft.draft?.result ?? null
  useEffect(() => {
    if (finished && !state.result) update({ result: finished, step: 5 })
  }, [finished, state.result, update])

  if (wizard.incoming) return <ResumePrompt state={state} incoming={wizard.incoming} onKeep={wizard.keepCurrent} onReplace={wizard.reset} />
  if (catalog.error) return <ErrorBox error={catalog.error} onRetry={catalog.reload} testId="export-catalog-error" />
  if (!catalog.data || !cameras.data) return <p className="muted">{t('common.loading')}</p>

  const props: StepProps = {
    state,
    update,
    catalog: catalog.data,
    basis: findBasis(catalog.data, state.basis),
    // The demo camera has nothing worth handing over and no detection settings: exports are for real cameras.
    cameras: cameras.data.filter((camera) => !camera.demo),
    timeZone,
    draft,
    go: (step: StepNumber) => {
      update({ step })
      window.scrollTo({ top: 0 })
    },
    onCancel: () => setCancelling(true),
    restart,
    server,
    setServer,
    secret: { ...secret, set: (change) => setSecret((previous) => ({ ...previous, ...change })) }
  }
  const Step = STEP_VIEWS[state.step]
  const lost = state.draftId !== null && !state.result && (draft.error?.code === 'NOT_FOUND' || draft.draft?.stage === 'cancelled')

  return (
    <div className="wizard" data-testid="export-wizard" data-step={state.step}>
      <Stepper step={state.step} done={state.result !== null} onGo={props.go} />
      {lost && state.step > 1 ? <DraftLost {...props} /> : <Step {...props} />}
      {cancelling ? (
        <CancelExportDialog
          draftId={state.draftId}
          onClose={() => setCancelling(false)}
          onCancelled={() => {
            setCancelling(false)
            restart()
          }}
        />
      ) : null}
    </div>
  )
}
