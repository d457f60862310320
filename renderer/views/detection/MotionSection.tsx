import { CheckboxField, RangeField, TextField } from '../../components/Field'
import { useT } from '../../i18n'
import { fieldError, type SectionProps } from './sectionProps'
import { ZoneEditor } from './ZoneEditor'

/** Vigil's own motion detection: on/off, how sensitive, the smallest object, and the zones. */
export function MotionSection({ cameraId, draft, update, errors }: SectionProps & { cameraId: string }) {
  const t = useT()
  const motion = draft.motion
  return (
    <section className="panel" data-testid="detection-motion">
      <h2>{t('detection.motion')}</h2>
      <CheckboxField
        label={t('detection.motionEnabled')}
        hint={t('detection.motionEnabledHint')}
        checked={motion.enabled}
        onChange={(enabled) => update('motion', { enabled })}
        testId="detection-motion-enabled"
      />
      <div className="form-grid detection__grid">
        <RangeField
          label={t('detection.sensitivity')}
          hint={t('detection.sensitivityHint')}
          min={1}
          max={100}
          value={motion.sensitivity}
          onChange={(sensitivity) => update('motion', { sensitivity })}
          disabled={!motion.enabled}
          testId="detection-sensitivity"
          error={fieldError(errors, 'motion.sensitivity', t)}
        />
        <TextField
          label={t('detection.minObject')}
          hint={t('detection.minObjectHint')}
          type="number"
          min={0.05}
          max={50}
          step={0.05}
          value={motion.minObjectPercent}
          onChange={(minObjectPercent) => update('motion', { minObjectPercent })}
          disabled={!motion.enabled}
          testId="detection-min-object"
          error={fieldError(errors, 'motion.minObjectPercent', t)}
        />
      </div>
      <h3 className="detection__subtitle">{t('zones.title')}</h3>
      <ZoneEditor
        cameraId={cameraId}
        zones={motion.zones}
        onChange={(zones) => update('motion', { zones })}
        errors={errors.zones}
        listError={errors.fields['motion.zones']}
      />
    </section>
  )
}
