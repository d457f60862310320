import type { Camera, CameraStatus } from '../api/contract'
import { LiveTile } from '../components/LiveTile'
import { useT } from '../i18n'

export const LAYOUTS = [1, 4, 9, 16] as const
export type Layout = (typeof LAYOUTS)[number]

interface Props {
  cameras: Camera[]
  statuses: ReadonlyMap<string, CameraStatus>
  layout: Layout
  /** The page is kept by the live page, so it survives a visit to the single-camera view. */
  page: number
  setPage(page: number): void
}

/** Tiles in a 1/4/9/16 grid; more cameras than the layout holds are paged. Only the shown tiles stream. */
export function LiveGrid({ cameras, statuses, layout, page, setPage }: Props) {
  const t = useT()
  const pages = Math.max(1, Math.ceil(cameras.length / layout))
  const current = Math.min(page, pages - 1)
  const shown = cameras.slice(current * layout, current * layout + layout)

  return (
    <>
      <div className={`live-grid live-grid--${layout}`} data-testid="live-grid" data-layout={layout}>
        {shown.map((camera) => (
          <LiveTile key={camera.id} camera={camera} status={statuses.get(camera.id)} />
        ))}
      </div>
      {pages > 1 ? (
        <div className="pager">
          <button type="button" className="button button--small" disabled={current === 0} onClick={() => setPage(current - 1)} data-testid="live-prev">
            {t('live.prev')}
          </button>
          <span data-testid="live-page">{t('live.page', { page: current + 1, pages })}</span>
          <button
            type="button"
            className="button button--small"
            disabled={current >= pages - 1}
            onClick={() => setPage(current + 1)}
            data-testid="live-next"
          >
            {t('live.next')}
          </button>
        </div>
      ) : null}
    </>
  )
}
