import { useState } from 'react'
import type { Camera } from '../api/contract'
import { CheckboxField } from '../components/Field'
import { Dialog } from '../components/Dialog'
import { useAction } from '../hooks/useAction'
import { useApi } from '../hooks/useConnection'
import { useNotices } from '../hooks/useNotices'
import { useT } from '../i18n'

/** Confirm removing a camera, optionally with its recordings. */
export function RemoveCameraDialog({ camera, onClose }: { camera: Camera; onClose(): void }) {
  const t = useT()
  const api = useApi()
  const { notifySuccess } = useNotices()
  const { busy, run } = useAction()
  const [deleteRecordings, setDeleteRecordings] = useState(false)

  const confirm = async () => {
    const result = await run(() => api['cameras.remove']({ id: camera.id, deleteRecordings }))
    if (result) {
      notifySuccess('cameras.removed', { name: camera.name })
      onClose()
    }
  }

  return (
    <Dialog
      title={t('remove.title', { name: camera.name })}
      onClose={onClose}
      testId="remove-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose} data-testid="remove-cancel">
            {t('common.cancel')}
          </button>
          <button type="button" className="button button--danger" disabled={busy} onClick={() => void confirm()} data-testid="remove-confirm">
            {t('remove.confirm')}
          </button>
        </>
      }
    >
      <p>{t('remove.text')}</p>
      <CheckboxField
        label={t('remove.deleteRecordings')}
        checked={deleteRecordings}
        onChange={setDeleteRecordings}
        testId="remove-delete-recordings"
        hint={deleteRecordings ? undefined : t('remove.keepNote')}
      />
    </Dialog>
  )
}
