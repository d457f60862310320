import type { Camera, CameraStatus } from '../api/contract'
import { useFormat } from '../hooks/useFormat'
import { useSnapshot } from '../hooks/useSnapshot'
import { useT } from '../i18n'
import { ErrorText } from './ErrorText'

/** A camera's latest still, refreshed every few seconds: the live picture where Media Source Extensions are missing. */
export function LiveStill({ camera, status }: { camera: Camera; status: CameraStatus | undefined }) {
  const t = useT()
  const format = useFormat()
  const snapshot = useSnapshot(camera.id, true)
  // While a camera starts, a missing still is expected: keep waiting instead of showing an error.
  const starting = status?.state === 'starting'
  const reason = snapshot.error && !starting ? (status?.reason ?? snapshot.error) : null

  if (snapshot.url)
    return (
      <>
        <img className="tile__image" src={snapshot.url} alt={camera.name} />
        {snapshot.takenAt !== null ? (
          <span className="tile__time" data-testid={`live-time-${camera.name}`}>
            {format.time(snapshot.takenAt)}
          </span>
        ) : null}
      </>
    )
  if (reason)
    return (
      <div className="tile__placeholder tile__placeholder--error" data-testid={`live-tile-error-${camera.name}`}>
        <ErrorText error={reason} />
      </div>
    )
  return <div className="tile__placeholder">{t('live.waiting')}</div>
}
