import { useId, useState } from 'react'
import { Dialog } from '../../components/Dialog'
import { TextAreaField, TextField, type FieldError } from '../../components/Field'
import { checkRange, toLocalInput } from '../../export/time'
import { useAction } from '../../hooks/useAction'
import { useAppInfo } from '../../hooks/useAppInfo'
import { useCameras } from '../../hooks/useCameras'
import { useApi } from '../../hooks/useConnection'
import { useNotices } from '../../hooks/useNotices'
import { useT } from '../../i18n'

const HOUR = 3_600_000

/** Keeps a camera's recordings of a time range past their retention, e.g. while a request is on its way. */
export function PlaceHoldDialog({ onClose, onPlaced }: { onClose(): void; onPlaced(): void }) {
  const t = useT()
  const api = useApi()
  const cameras = useCameras().data ?? []
  const timeZone = useAppInfo()?.timeZone
  const { notifySuccess } = useNotices()
  const { busy, run } = useAction()
  const cameraFieldId = useId()
  const [form, setForm] = useState(() => {
    const now = Date.now()
    return { cameraId: '', from: toLocalInput(now - HOUR, timeZone), to: toLocalInput(now, timeZone), reason: '' }
  })
  const [checked, setChecked] = useState(false)
  const [server, setServer] = useState<Record<string, string>>({})
  const cameraId = form.cameraId || cameras[0]?.id || ''
  const range = checkRange(form.from, form.to, timeZone)
  const reasonShort = form.reason.trim().length < 3

  const set = (change: Partial<typeof form>) => {
    setForm((previous) => ({ ...previous, ...change }))
    setServer({})
  }
  const problem = (name: 'from' | 'to' | 'reason'): string | undefined => {
    if (!checked) return undefined
    if (name === 'reason') return reasonShort ? t('holds.error.reason') : undefined
    const code = range.errors[name]
    return code ? t(`export.scope.error.${code}`) : undefined
  }
  const error = (name: 'from' | 'to' | 'reason'): FieldError | undefined => {
    const text = problem(name)
    if (text) return { text }
    return server[name] ? { text: t('export.error.server'), detail: server[name] } : undefined
  }

  const place = async () => {
    setChecked(true)
    if (!cameraId || range.from === null || range.to === null || range.errors.to || reasonShort) return
    const hold = await run(() => api['holds.place']({ cameraId, from: range.from!, to: range.to!, reason: form.reason.trim() }), {
      onError: (problem) => {
        if (problem.code !== 'VALIDATION' || !problem.fields) return false
        setServer(problem.fields)
        return true
      }
    })
    if (hold) {
      notifySuccess('holds.placed', { camera: hold.cameraName })
      onPlaced()
      onClose()
    }
  }

  return (
    <Dialog
      title={t('holds.placeTitle')}
      onClose={onClose}
      onSubmit={() => void place()}
      testId="holds-place-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy} data-testid="holds-place-confirm">
            {t('holds.placeConfirm')}
          </button>
        </>
      }
    >
      <p className="muted">{t('holds.placeText')}</p>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={cameraFieldId}>{t('holds.col.camera')}</label>
          <select id={cameraFieldId} value={cameraId} onChange={(event) => set({ cameraId: event.target.value })} data-testid="holds-place-camera">
            {cameras.map((camera) => (
              <option key={camera.id} value={camera.id}>
                {camera.name}
              </option>
            ))}
          </select>
        </div>
        <TextField label={t('export.scope.from')} type="datetime-local" step={1} value={form.from} onChange={(from) => set({ from })} testId="holds-place-from" error={error('from')} />
        <TextField label={t('export.scope.to')} type="datetime-local" step={1} value={form.to} onChange={(to) => set({ to })} testId="holds-place-to" error={error('to')} />
      </div>
      <p className="field__hint">{t('export.scope.timeZone', { zone: timeZone ?? '—' })}</p>
      <TextAreaField label={t('holds.reason')} hint={t('holds.reasonHint')} value={form.reason} onChange={(reason) => set({ reason })} maxLength={500} rows={3} testId="holds-place-reason" error={error('reason')} />
    </Dialog>
  )
}
