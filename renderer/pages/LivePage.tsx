import { useState } from 'react'
import { ErrorBox } from '../components/ErrorText'
import { LayoutPicker } from '../components/LayoutPicker'
import { useCameras, useCameraStatuses } from '../hooks/useCameras'
import { routeHref, useLocation } from '../hooks/useRoute'
import { useT } from '../i18n'
import { LAYOUTS, LiveGrid, type Layout } from '../views/LiveGrid'
import { LiveSingle } from '../views/LiveSingle'

const LAYOUT_KEY = 'vigil.liveLayout'

function storedLayout(): Layout {
  try {
    const value = Number(window.localStorage.getItem(LAYOUT_KEY))
    return (LAYOUTS as readonly number[]).includes(value) ? (value as Layout) : 4
  } catch {
    return 4
  }
}

function decoded(sub: string | null): string | null {
  try {
    return sub ? decodeURIComponent(sub) : null
  } catch {
    return sub
  }
}

/** #/live: the grid of all cameras; #/live/<camera id>: one camera large. */
export function LivePage() {
  const t = useT()
  const cameras = useCameras()
  const statuses = useCameraStatuses()
  const [layout, setLayout] = useState<Layout>(storedLayout)
  const [page, setPage] = useState(0)
  const cameraId = decoded(useLocation().sub)

  const choose = (next: Layout) => {
    setLayout(next)
    try {
      window.localStorage.setItem(LAYOUT_KEY, String(next))
    } catch {
      // the layout is a convenience; it need not survive a reload
    }
  }

  if (cameraId !== null && cameras.data) {
    const camera = cameras.data.find((candidate) => candidate.id === cameraId)
    return (
      <div className="page page--live" data-testid="page-live">
        {camera ? (
          <LiveSingle key={camera.id} camera={camera} status={statuses.get(camera.id)} />
        ) : (
          <div className="empty" data-testid="live-missing">
            <p>{t('error.CAMERA_NOT_FOUND')}</p>
            <a className="button button--small" href={routeHref('live')} data-testid="live-back">
              {t('live.back')}
            </a>
          </div>
        )}
      </div>
    )
  }

  return (
    <div className="page page--live" data-testid="page-live">
      <div className="page__header">
        <h1>{t('live.title')}</h1>
        <LayoutPicker layouts={LAYOUTS} value={layout} onChange={choose} />
      </div>
      {cameras.error ? <ErrorBox error={cameras.error} onRetry={cameras.reload} /> : null}
      {cameras.data && cameras.data.length === 0 ? (
        <p className="empty" data-testid="live-empty">
          {t('live.empty')}
        </p>
      ) : null}
      {cameras.data && cameras.data.length > 0 ? (
        <LiveGrid cameras={cameras.data} statuses={statuses} layout={layout} page={page} setPage={setPage} />
      ) : null}
      {!cameras.data && !cameras.error ? <p className="muted">{t('common.loading')}</p> : null}
    </div>
  )
}
