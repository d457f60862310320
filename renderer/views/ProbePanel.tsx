import type { ErrorPayload, ProbeReport } from '../api/contract'
import { ErrorText } from '../components/ErrorText'
import { ProbeResult } from '../components/ProbeResult'
import { useT } from '../i18n'

export type ProbeState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; report: ProbeReport }
  | { status: 'failed'; error: ErrorPayload }

export function probeFailed(probe: ProbeState): boolean {
  if (probe.status === 'failed') return true
  return probe.status === 'done' && (!probe.report.main.ok || (probe.report.sub !== null && !probe.report.sub.ok))
}

/** "Test connection" and what it found for the main and the sub stream. */
export function ProbePanel({ probe, onProbe }: { probe: ProbeState; onProbe(): void }) {
  const t = useT()
  return (
    <section className="probe-panel" data-testid="probe-panel">
      <button
        type="button"
        className="button"
        onClick={onProbe}
        disabled={probe.status === 'running'}
        data-testid="camera-form-probe"
      >
        {probe.status === 'running' ? t('form.probing') : t('form.probe')}
      </button>
      {probe.status === 'done' ? (
        <div className="probe-panel__results">
          <ProbeResult label={t('form.probeMain')} outcome={probe.report.main} testId="probe-result-main" />
          {probe.report.sub ? (
            <ProbeResult label={t('form.probeSub')} outcome={probe.report.sub} testId="probe-result-sub" />
          ) : null}
        </div>
      ) : null}
      {probe.status === 'failed' ? <ErrorText error={probe.error} testId="probe-error" /> : null}
      {probeFailed(probe) ? (
        <p className="probe-panel__note" data-testid="probe-save-note">
          {t('form.probeFailedSave')}
        </p>
      ) : null}
    </section>
  )
}
