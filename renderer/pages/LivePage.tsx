import { useState } from 'react'
import { ErrorBox } from '../components/ErrorText'
import { LayoutPicker } from '../components/LayoutPicker'
import { useCameras, useCameraStatuses } from '../hooks/useCameras'
import { useT } from '../i18n'
import { LAYOUTS, LiveGrid, type Layout } from '../views/LiveGrid'

const LAYOUT_KEY = 'vigil.liveLayout'

function storedLayout(): Layout {
  try {
    const value = Number(window.localStorage.getItem(LAYOUT_KEY))
    return (LAYOUTS as readonly number[]).includes(value) ? (value as Layout) : 4
  } catch {
    return 4
  }
}

export function LivePage() {
  const t = useT()
  const cameras = useCameras()
  const statuses = useCameraStatuses()
  const [layout, setLayout] = useState<Layout>(storedLayout)

  const choose = (next: Layout) => {
    setLayout(next)
    try {
      window.localStorage.setItem(LAYOUT_KEY, String(next))
    } catch {
      // the layout is a convenience; it need not survive a reload
    }
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
      {cameras.data && cameras.data.length > 0 ? <LiveGrid cameras={cameras.data} statuses={statuses} layout={layout} /> : null}
      {!cameras.data && !cameras.error ? <p className="muted">{t('common.loading')}</p> : null}
    </div>
  )
}
