import type { Camera, CameraStatus } from '../api/contract'
import { liveVideoSupported, useLiveStream } from '../hooks/useLiveStream'
import { routeHref } from '../hooks/useRoute'
import { useT } from '../i18n'
import { LiveStill } from './LiveStill'
import { LiveVideo } from './LiveVideo'
import { StatusBadge } from './StatusBadge'

export const singleCameraHref = (cameraId: string) => `${routeHref('live')}/${encodeURIComponent(cameraId)}`

/** One camera in the live grid: its live picture (the substream where there is one), name and state; opens the single view. */
export function LiveTile({ camera, status }: { camera: Camera; status: CameraStatus | undefined }) {
  const t = useT()
  const paused = !camera.enabled || status?.state === 'paused'

  let picture
  if (paused) picture = <div className="tile__placeholder">{t('live.paused')}</div>
  else if (liveVideoSupported()) picture = <TileVideo camera={camera} status={status} />
  else picture = <LiveStill camera={camera} status={status} />

  return (
    <figure className="tile" data-testid={`live-tile-${camera.name}`} data-state={status?.state ?? 'unknown'}>
      <a
        className="tile__picture tile__open"
        href={singleCameraHref(camera.id)}
        title={t('live.open', { name: camera.name })}
        aria-label={t('live.open', { name: camera.name })}
        data-testid={`live-open-${camera.name}`}
      >
        {picture}
      </a>
      <figcaption className="tile__caption">
        <span className="tile__name" title={camera.location || undefined}>
          {camera.name}
        </span>
        <StatusBadge state={status?.state ?? null} testId={`live-status-${camera.name}`} />
      </figcaption>
    </figure>
  )
}

function TileVideo({ camera, status }: { camera: Camera; status: CameraStatus | undefined }) {
  const live = useLiveStream(camera.id, camera.subUrl ? 'sub' : 'main', true)
  return <LiveVideo name={camera.name} live={live} reason={status?.state === 'offline' ? status.reason : null} />
}
