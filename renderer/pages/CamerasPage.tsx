import { useEffect, useState } from 'react'
import type { Camera } from '../api/contract'
import { ErrorBox } from '../components/ErrorText'
import { useAction } from '../hooks/useAction'
import { useCameras, useCameraStatuses } from '../hooks/useCameras'
import { useApi } from '../hooks/useConnection'
import { parseDetectionLink } from '../events/links'
import { replaceRoute, useLocation } from '../hooks/useRoute'
import { useT } from '../i18n'
import { DetectionPage } from './DetectionPage'
import { CameraFormDialog } from '../views/CameraFormDialog'
import { CameraTable } from '../views/CameraTable'
import { RemoveCameraDialog } from '../views/RemoveCameraDialog'

type DialogState = { kind: 'none' } | { kind: 'form'; camera: Camera | null } | { kind: 'remove'; camera: Camera }

/** #/cameras: the list; #/cameras/add: the list with the add dialog; #/cameras/detection/<id>: a camera's detection. */
export function CamerasPage() {
  const { sub, parts } = useLocation()
  const detectionOf = parseDetectionLink(parts)
  return detectionOf === null ? <CameraList sub={sub} /> : <DetectionPage key={detectionOf} cameraId={detectionOf} />
}

function CameraList({ sub }: { sub: string | null }) {
  const t = useT()
  const api = useApi()
  const cameras = useCameras()
  const statuses = useCameraStatuses()
  const { busy, run } = useAction()
  const [dialog, setDialog] = useState<DialogState>({ kind: 'none' })

  // #/cameras/add (from the demo banner) opens the add dialog.
  useEffect(() => {
    if (sub !== 'add') return
    setDialog({ kind: 'form', camera: null })
    replaceRoute('cameras')
  }, [sub])

  const toggle = (camera: Camera) => {
    void run(() => api['cameras.setEnabled']({ id: camera.id, enabled: !camera.enabled })).then(cameras.reload)
  }
  // Pushes refresh the list too; reloading here covers a push that has not arrived yet.
  const close = () => {
    setDialog({ kind: 'none' })
    cameras.reload()
  }

  return (
    <div className="page" data-testid="page-cameras">
      <div className="page__header">
        <h1>{t('cameras.title')}</h1>
        <button
          type="button"
          className="button button--primary"
          onClick={() => setDialog({ kind: 'form', camera: null })}
          data-testid="add-camera"
        >
          {t('cameras.add')}
        </button>
      </div>
      {cameras.error ? <ErrorBox error={cameras.error} onRetry={cameras.reload} testId="cameras-error" /> : null}
      {cameras.data && cameras.data.length === 0 ? (
        <p className="empty" data-testid="cameras-empty">
          {t('cameras.empty')}
        </p>
      ) : null}
      {cameras.data && cameras.data.length > 0 ? (
        <CameraTable
          cameras={cameras.data}
          statuses={statuses}
          busy={busy}
          onEdit={(camera) => setDialog({ kind: 'form', camera })}
          onToggle={toggle}
          onRemove={(camera) => setDialog({ kind: 'remove', camera })}
        />
      ) : null}
      {!cameras.data && !cameras.error ? <p className="muted">{t('common.loading')}</p> : null}
      {dialog.kind === 'form' ? <CameraFormDialog key={dialog.camera?.id ?? 'new'} camera={dialog.camera} onClose={close} /> : null}
      {dialog.kind === 'remove' ? <RemoveCameraDialog camera={dialog.camera} onClose={close} /> : null}
    </div>
  )
}
