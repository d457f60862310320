// Step 3: find the people in the clips (exports.analyze, started on arrival), choose who stays visible,
// how everyone else is covered and what else to cover by hand, render the working copies
// (exports.render) and compare them with the original. Next needs copies rendered with the current choice.
import { useEffect, useEffectEvent, useRef, useState } from 'react'
import { CheckboxField } from '../../components/Field'
import { ErrorText } from '../../components/ErrorText'
import { Segmented } from '../../components/Segmented'
import { redactionStatus, renderArgs, type Effect, type RedactionChoice, type RedactionStatus } from '../../export/wizard'
import { useAction } from '../../hooks/useAction'
import { useApi } from '../../hooks/useConnection'
import { useT, type MessageKey } from '../../i18n'
import { ExportProgressList } from './ExportProgressList'
import { HoldsPlaced } from './HoldsPlaced'
import { RegionEditor } from './RegionEditor'
import { PreviewCompare } from './PreviewCompare'
import type { StepProps } from './stepProps'
import { TrackList } from './TrackList'
import { WizardNav } from './WizardNav'

const WAIT: Record<Exclude<RedactionStatus, 'ready'>, MessageKey> = {
  pending: 'export.redaction.waitAnalysis',
  analyzing: 'export.redaction.waitAnalysis',
  analyzed: 'export.redaction.renderFirst',
  rendering: 'export.redaction.waitRender',
  stale: 'export.redaction.renderAgain',
  failed: 'export.redaction.failed'
}

export function RedactionStep({ state, update, cameras, basis, draft: server, go, onCancel }: StepProps) {
  const t = useT()
  const api = useApi()
  const { busy, run } = useAction()
  const draft = server.draft
  const choice = state.redaction
  const status = redactionStatus(draft, choice)
  const [lastRun, setLastRun] = useState<'analyze' | 'render' | null>(null)
  const [tried, setTried] = useState(false)
  const started = useRef<string | null>(null)
  const trackKeys = (draft?.tracks ?? []).map((track) => track.key)

  const setChoice = (change: Partial<RedactionChoice>) => update((previous) => ({ redaction: { ...previous.redaction, ...change } }))
  const analyze = async (id: string) => {
    server.clearProgress()
    setLastRun('analyze')
    await run(() => server.track(() => api['exports.analyze']({ id })))
  }
  const render = async (id: string) => {
    server.clearProgress()
    setLastRun('render')
    await run(() => server.track(() => api['exports.render']({ id, ...renderArgs(choice, trackKeys) })))
  }

  // A fresh draft starts its analysis as soon as the step is open (once per draft).
  const startAnalysis = useEffectEvent((id: string) => void analyze(id))
  const fresh = draft?.stage === 'scope' ? draft.id : null
  useEffect(() => {
    if (!fresh || started.current === fresh) return
    started.current = fresh
    startAnalysis(fresh)
  }, [fresh])

  if (!draft) return <p className="muted">{server.error ? <ErrorText error={server.error} /> : t('common.loading')}</p>

  const analysed = draft.tracks.length > 0 || ['analyzed', 'rendering', 'rendered'].includes(draft.stage) || (draft.stage === 'failed' && lastRun === 'render')
  const working = busy || status === 'analyzing' || status === 'rendering' || status === 'pending'
  // After a reload nobody remembers which call failed: people found means the analysis went through.
  const retry = () => void (lastRun === 'render' || (lastRun === null && draft.tracks.length > 0) ? render(draft.id) : analyze(draft.id))
  const effects: { value: Effect; label: string; testId: string }[] = [
    { value: 'pixelate', label: t('export.effect.pixelate'), testId: 'effect-pixelate' },
    { value: 'fill', label: t('export.effect.fill'), testId: 'effect-fill' }
  ]
  const kept = choice.keep.filter((key) => trackKeys.includes(key)).length

  return (
    <div className="wizard__step" data-testid="export-step-3" data-status={status}>
      <HoldsPlaced holdIds={draft.holdIds} cameras={cameras} />
      <section className="panel">
        <h2>{t('export.redaction.find')}</h2>
        <p className="muted" data-testid="export-stage" data-stage={draft.stage}>
          {t(`export.stage.${status}`)}
        </p>
        {status === 'analyzing' || status === 'rendering' ? <ExportProgressList progress={server.progress} cameraIds={draft.cameraIds} cameras={cameras} /> : null}
        {status === 'failed' && draft.error ? (
          <div className="error-box" role="alert" data-testid="export-failed">
            <ErrorText error={draft.error} />
            <button type="button" className="button" onClick={retry} data-testid="export-retry">
              {t('common.retry')}
            </button>
          </div>
        ) : null}
        {status === 'pending' && lastRun === 'analyze' && !busy ? (
          <button type="button" className="button" onClick={() => void analyze(draft.id)} data-testid="export-analyze">
            {t('export.redaction.analyze')}
          </button>
        ) : null}
      </section>
      {analysed ? (
        <>
          <section className="panel">
            <h2>{t('export.redaction.people')}</h2>
            <p>{t('export.redaction.peopleExplain')}</p>
            {basis?.requesterIsSubject ? (
              <p className="wizard__note wizard__note--info" data-testid="track-subject-note">
                {t('export.redaction.subject')}
              </p>
            ) : null}
            <TrackList
              tracks={draft.tracks}
              keep={choice.keep}
              onKeep={(key, keep) => setChoice({ keep: keep ? [...choice.keep, key] : choice.keep.filter((candidate) => candidate !== key) })}
              rangeStart={draft.from}
              cameras={cameras}
              showCamera={draft.cameraIds.length > 1}
            />
            {draft.tracks.length > 0 ? (
              <p className="muted" data-testid="track-summary" data-kept={kept}>
                {t('export.redaction.keptCount', { kept, total: draft.tracks.length })}
              </p>
            ) : null}
          </section>
          <section className="panel">
            <h2>{t('export.redaction.how')}</h2>
            <div className="field wizard__effect">
              <span className="field__label">{t('export.effect')}</span>
              <Segmented label={t('export.effect')} options={effects} value={choice.effect} onChange={(effect) => setChoice({ effect })} />
              <span className="field__hint">{t('export.effectHint')}</span>
            </div>
            <CheckboxField label={t('export.redactMoving')} hint={t('export.redactMovingHint')} checked={choice.redactMoving} onChange={(redactMoving) => setChoice({ redactMoving })} testId="redact-moving" />
            <h3 className="wizard__subtitle">{t('export.region.title')}</h3>
            <RegionEditor cameraIds={draft.cameraIds} cameras={cameras} regions={choice.regions} range={draft} onChange={(regions) => setChoice({ regions })} />
          </section>
          <section className="panel">
            <h2>{t('export.redaction.render')}</h2>
            <p className="muted">{t('export.redaction.renderExplain')}</p>
            <div className="wizard__actions">
              <button type="button" className="button button--primary" onClick={() => void render(draft.id)} disabled={working} data-testid="export-render">
                {status === 'rendering' ? t('export.redaction.rendering') : draft.rendered ? t('export.redaction.renderAgainButton') : t('export.redaction.renderButton')}
              </button>
              {status === 'stale' ? (
                <span className="wizard__note wizard__note--warning" data-testid="export-render-stale">
                  {t('export.redaction.renderAgain')}
                </span>
              ) : null}
            </div>
            {draft.previews.length > 0 && status !== 'rendering' ? <PreviewCompare draft={draft} cameras={cameras} /> : null}
          </section>
        </>
      ) : null}
      <WizardNav
        onCancel={onCancel}
        onBack={() => go(2)}
        onNext={() => {
          setTried(true)
          if (status === 'ready') go(4)
        }}
        problem={tried && status !== 'ready' ? t(WAIT[status]) : null}
      />
    </div>
  )
}
