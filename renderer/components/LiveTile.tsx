import type { Camera, CameraStatus } from '../api/contract'
import { useFormat } from '../hooks/useFormat'
import { useSnapshot } from '../hooks/useSnapshot'
import { useT } from '../i18n'
import { ErrorText } from './ErrorText'
import { StatusBadge } from './StatusBadge'

/** One camera in the live grid: its latest still, name, state and the time the still was taken. */
export function LiveTile({ camera, status }: { camera: Camera; status: CameraStatus | undefined }) {
  const t = useT()
  const format = useFormat()
  const paused = !camera.enabled || status?.state === 'paused'
  const snapshot = useSnapshot(camera.id, !paused)
  // While a camera starts, a missing still is expected: keep waiting instead of showing an error.
  const starting = status?.state === 'starting'
  const reason = snapshot.error && !starting ? (status?.reason ?? snapshot.error) : null

  let picture
  if (paused) picture = <div className="tile__placeholder">{t('live.paused')}</div>
  else if (snapshot.url) picture = <img className="tile__image" src={snapshot.url} alt={camera.name} />
  else if (reason)
    picture = (
      <div className="tile__placeholder tile__placeholder--error" data-testid={`live-tile-error-${camera.name}`}>
        <ErrorText error={reason} />
      </div>
    )
  else picture = <div className="tile__placeholder">{t('live.waiting')}</div>

  return (
    <figure className="tile" data-testid={`live-tile-${camera.name}`} data-state={status?.state ?? 'unknown'}>
      <div className="tile__picture">{picture}</div>
      <figcaption className="tile__caption">
        <span className="tile__name" title={camera.location || undefined}>
          {camera.name}
        </span>
        <StatusBadge state={status?.state ?? null} testId={`live-status-${camera.name}`} />
        <span className="tile__time" data-testid={`live-time-${camera.name}`}>
          {snapshot.takenAt !== null && !paused ? format.time(snapshot.takenAt) : ''}
        </span>
      </figcaption>
    </figure>
  )
}
