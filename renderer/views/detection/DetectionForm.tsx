import type { DetectionSettings } from '../../api/contract'
import { ErrorText } from '../../components/ErrorText'
import { useDetectionForm } from '../../hooks/useDetectionForm'
import { useT } from '../../i18n'
import { AlertRulesSection } from './AlertRulesSection'
import { CameraEventsSection } from './CameraEventsSection'
import { MotionSection } from './MotionSection'
import { RecordingSection } from './RecordingSection'

/** All of a camera's detection settings; Save sends only what changed. */
export function DetectionForm({ settings }: { settings: DetectionSettings }) {
  const t = useT()
  const form = useDetectionForm(settings)
  const cameraId = settings.cameraId
  const section = { draft: form.draft, update: form.update, errors: form.errors }
  const problems = Object.keys(form.errors.fields).length + Object.keys(form.errors.zones).length + form.errors.other.length

  return (
    <form
      className="detection"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void form.save()
      }}
      data-testid="detection-form"
    >
      <MotionSection cameraId={cameraId} {...section} />
      <RecordingSection {...section} />
      <AlertRulesSection {...section} />
      <CameraEventsSection cameraId={cameraId} {...section} />
      <div className="action-bar detection__savebar">
        <div className="detection__status" aria-live="polite" data-testid="detection-dirty" data-dirty={form.dirty}>
          {form.formError ? (
            <ErrorText error={form.formError} compact testId="detection-form-error" />
          ) : problems > 0 ? (
            <span className="form-error" data-testid="detection-form-error">
              {t('form.errors')}
              {form.errors.other.length > 0 ? <span className="field__error-detail"> {form.errors.other.join('; ')}</span> : null}
            </span>
          ) : form.dirty ? (
            t('detection.unsaved')
          ) : (
            <span className="muted">{t('detection.allSaved')}</span>
          )}
        </div>
        <button type="button" className="button" onClick={form.discard} disabled={!form.dirty || form.busy} data-testid="detection-discard">
          {t('detection.discard')}
        </button>
        <button type="submit" className="button button--primary" disabled={!form.dirty || form.busy} data-testid="detection-save">
          {form.busy ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  )
}
