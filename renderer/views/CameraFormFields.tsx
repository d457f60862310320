import type { Camera } from '../api/contract'
import { CheckboxField, TextField, type FieldError } from '../components/Field'
import type { CameraFormValues, FieldProblems, FormField } from '../hooks/useCameraForm'
import { useT } from '../i18n'

interface CameraFormFieldsProps {
  camera: Camera | null
  values: CameraFormValues
  problems: FieldProblems
  setField<K extends keyof CameraFormValues>(key: K, value: CameraFormValues[K]): void
}

/** The inputs of the add/edit camera form. Test ids: camera-form-<field>. */
export function CameraFormFields({ camera, values, problems, setField }: CameraFormFieldsProps) {
  const t = useT()
  const error = (field: FormField): FieldError | undefined => {
    const problem = problems[field]
    return problem ? { text: t(problem.key), detail: problem.detail } : undefined
  }
  const text = (field: Exclude<FormField, 'retentionHours'>) => ({
    value: values[field],
    onChange: (value: string) => setField(field, value),
    testId: `camera-form-${field}`,
    error: error(field)
  })

  return (
    <div className="form-grid">
      <TextField label={t('form.name')} {...text('name')} autoComplete="off" />
      <TextField label={t('form.location')} hint={t('form.locationHint')} {...text('location')} autoComplete="off" />
      <div className="form-grid__wide">
        <TextField label={t('form.mainUrl')} hint={t('form.mainUrlHint')} placeholder="rtsp://192.168.1.20:554/stream1" {...text('mainUrl')} autoComplete="off" />
      </div>
      <div className="form-grid__wide">
        <TextField label={t('form.subUrl')} hint={t('form.subUrlHint')} placeholder="rtsp://192.168.1.20:554/stream2" {...text('subUrl')} autoComplete="off" />
      </div>
      <TextField label={t('form.username')} {...text('username')} autoComplete="off" />
      <div>
        <TextField
          label={t('form.password')}
          type="password"
          hint={camera?.hasPassword ? t('form.passwordKeep') : undefined}
          disabled={values.removePassword}
          {...text('password')}
          autoComplete="new-password"
        />
        {camera?.hasPassword ? (
          <CheckboxField
            label={t('form.removePassword')}
            checked={values.removePassword}
            onChange={(checked) => setField('removePassword', checked)}
            testId="camera-form-removePassword"
          />
        ) : null}
      </div>
      <TextField
        label={t('form.retention')}
        hint={t('form.retentionHint')}
        type="number"
        min={1}
        step={1}
        value={values.retentionHours}
        onChange={(value) => setField('retentionHours', value)}
        testId="camera-form-retentionHours"
        error={error('retentionHours')}
      />
    </div>
  )
}
