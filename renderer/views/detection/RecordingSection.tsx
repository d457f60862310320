import { TextField } from '../../components/Field'
import { Segmented } from '../../components/Segmented'
import { raisesEvents } from '../../detection/draft'
import type { RecordingMode } from '../../api/contract'
import { useT } from '../../i18n'
import { fieldError, type SectionProps } from './sectionProps'

/** Continuous recording, or only the spans around events (with time before and after each). */
export function RecordingSection({ draft, update, errors }: SectionProps) {
  const t = useT()
  const recording = draft.recording
  const modes: { value: RecordingMode; label: string; testId: string }[] = [
    { value: 'continuous', label: t('detection.modeContinuous'), testId: 'detection-mode-continuous' },
    { value: 'events', label: t('detection.modeEvents'), testId: 'detection-mode-events' }
  ]
  const eventsOnly = recording.mode === 'events'
  return (
    <section className="panel" data-testid="detection-recording">
      <h2>{t('detection.recording')}</h2>
      <Segmented label={t('detection.recording')} options={modes} value={recording.mode} onChange={(mode) => update('recording', { mode })} />
      <p className="detection__explain">{eventsOnly ? t('detection.modeEventsExplain') : t('detection.modeContinuousExplain')}</p>
      {eventsOnly && !raisesEvents(draft) ? (
        <p className="probe-panel__note" data-testid="detection-no-source">
          {t('detection.noEventSource')}
        </p>
      ) : null}
      {eventsOnly ? (
        <div className="form-grid detection__grid">
          <TextField
            label={t('detection.preRoll')}
            hint={t('detection.preRollHint')}
            type="number"
            min={0}
            max={60}
            step={1}
            value={recording.preRollSeconds}
            onChange={(preRollSeconds) => update('recording', { preRollSeconds })}
            testId="detection-preroll"
            error={fieldError(errors, 'recording.preRollSeconds', t)}
          />
          <TextField
            label={t('detection.postRoll')}
            hint={t('detection.postRollHint')}
            type="number"
            min={0}
            max={300}
            step={1}
            value={recording.postRollSeconds}
            onChange={(postRollSeconds) => update('recording', { postRollSeconds })}
            testId="detection-postroll"
            error={fieldError(errors, 'recording.postRollSeconds', t)}
          />
        </div>
      ) : null}
    </section>
  )
}
