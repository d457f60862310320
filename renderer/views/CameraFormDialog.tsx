import { useState } from 'react'
import type { Camera } from '../api/contract'
import { Dialog } from '../components/Dialog'
import { ErrorText } from '../components/ErrorText'
import { useAction } from '../hooks/useAction'
import { probeArgs, saveArgs, useCameraForm, type CameraFormValues } from '../hooks/useCameraForm'
import { useApi } from '../hooks/useConnection'
import { useNotices } from '../hooks/useNotices'
import { useT } from '../i18n'
import { CameraFormFields } from './CameraFormFields'
import { ProbePanel, type ProbeState } from './ProbePanel'

const PROBE_INPUTS: (keyof CameraFormValues)[] = ['mainUrl', 'subUrl', 'username', 'password', 'removePassword']

/** Add a camera (camera = null) or edit one. Saving works even when the connection test failed. */
export function CameraFormDialog({ camera, onClose }: { camera: Camera | null; onClose(): void }) {
  const t = useT()
  const api = useApi()
  const { notifySuccess } = useNotices()
  const { busy, run } = useAction()
  const form = useCameraForm(camera)
  const [probe, setProbe] = useState<ProbeState>({ status: 'idle' })

  const setField = <K extends keyof CameraFormValues>(key: K, value: CameraFormValues[K]) => {
    form.setField(key, value)
    if (PROBE_INPUTS.includes(key)) setProbe({ status: 'idle' })
  }

  const runProbe = async () => {
    setProbe({ status: 'running' })
    form.clearErrors()
    const report = await run(() => api['cameras.probe'](probeArgs(form.values, camera)), {
      onError: (error) => {
        if (error.code === 'VALIDATION') {
          form.showError(error)
          setProbe({ status: 'idle' })
        } else setProbe({ status: 'failed', error })
        return true
      }
    })
    if (report) setProbe({ status: 'done', report })
  }

  const save = async () => {
    form.clearErrors()
    const args = saveArgs(form.values, camera)
    const saved = await run(() => (camera ? api['cameras.update']({ ...args, id: camera.id }) : api['cameras.add'](args)), {
      onError: form.showError
    })
    if (saved) {
      notifySuccess(camera ? 'cameras.saved' : 'cameras.added', { name: saved.name })
      onClose()
    }
  }

  return (
    <Dialog
      title={camera ? t('form.editTitle', { name: camera.name }) : t('form.addTitle')}
      onClose={onClose}
      onSubmit={() => void save()}
      testId="camera-form"
      wide
      footer={
        <>
          <button type="button" className="button" onClick={onClose} data-testid="camera-form-cancel">
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy} data-testid="camera-form-save">
            {busy && probe.status !== 'running' ? t('common.saving') : t('common.save')}
          </button>
        </>
      }
    >
      <CameraFormFields camera={camera} values={form.values} problems={form.fieldErrors} setField={setField} />
      <ProbePanel probe={probe} onProbe={() => void runProbe()} />
      {form.formError ? (
        <div className="form-error" role="alert">
          <ErrorText error={form.formError} testId="camera-form-error" />
        </div>
      ) : Object.keys(form.fieldErrors).some((key) => form.fieldErrors[key as keyof typeof form.fieldErrors]) ? (
        <p className="form-error" data-testid="camera-form-error">
          {t('form.errors')}
        </p>
      ) : null}
    </Dialog>
  )
}
