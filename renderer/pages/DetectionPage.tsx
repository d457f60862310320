// #/cameras/detection/<cameraId>: how a camera is watched (motion, zones), what is kept (continuous or events
// only) and who is told (alerts), plus events the camera reports itself (ONVIF, webhook).
import { ErrorBox } from '../components/ErrorText'
import { useCall } from '../hooks/useCall'
import { useCameras } from '../hooks/useCameras'
import { routeHref } from '../hooks/useRoute'
import { useT } from '../i18n'
import { DetectionForm } from '../views/detection/DetectionForm'
import '../views/detection/detection.css'

export function DetectionPage({ cameraId }: { cameraId: string }) {
  const t = useT()
  const cameras = useCameras()
  const settings = useCall('detection.get', { cameraId })
  const camera = cameras.data?.find((candidate) => candidate.id === cameraId)

  return (
    <div className="page" data-testid="page-detection" data-camera={cameraId}>
      <div className="page__header">
        <div className="detection__heading">
          <a className="button button--small" href={routeHref('cameras')} data-testid="detection-back">
            <span aria-hidden="true">←</span> {t('cameras.title')}
          </a>
          <h1>{camera ? t('detection.title', { name: camera.name }) : t('detection.titlePlain')}</h1>
        </div>
      </div>
      {cameras.data && !camera ? <ErrorBox error={{ code: 'CAMERA_NOT_FOUND', message: '' }} testId="detection-missing" /> : null}
      {settings.error ? <ErrorBox error={settings.error} onRetry={settings.reload} testId="detection-error" /> : null}
      {settings.data ? <DetectionForm key={cameraId} settings={settings.data} /> : null}
      {!settings.data && !settings.error ? <p className="muted">{t('common.loading')}</p> : null}
    </div>
  )
}
