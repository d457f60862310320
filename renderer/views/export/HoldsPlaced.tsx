import type { Camera } from '../../api/contract'
import { useCall } from '../../hooks/useCall'
import { useFormat } from '../../hooks/useFormat'
import { routeHref } from '../../hooks/useRoute'
import { useT } from '../../i18n'

/** The evidence holds this export placed: the footage is kept past its retention until they are released. */
export function HoldsPlaced({ holdIds, cameras }: { holdIds: readonly number[]; cameras: readonly Camera[] }) {
  const t = useT()
  const format = useFormat()
  const holds = useCall('holds.list', { includeReleased: true }, { refreshOn: ['evidenceChanged'] })
  const mine = (holds.data ?? []).filter((hold) => holdIds.includes(hold.id))
  return (
    <div className="wizard__note wizard__note--hold" data-testid="export-holds" data-count={holdIds.length}>
      <strong>{t('export.holdsPlaced', { count: holdIds.length })}</strong>
      <ul className="wizard__holds">
        {mine.map((hold) => (
          <li key={hold.id} data-testid="export-hold" data-hold-id={hold.id} data-released={hold.releasedAt !== null || undefined}>
            {cameras.find((camera) => camera.id === hold.cameraId)?.name ?? hold.cameraName}: {format.range(hold.start, hold.end)}
            {hold.releasedAt !== null ? <span className="muted"> · {t('holds.released')}</span> : null}
          </li>
        ))}
      </ul>
      <span className="muted">
        {t('export.holdsExplain')} <a href={`${routeHref('evidence')}/holds`}>{t('export.holdsLink')}</a>
      </span>
    </div>
  )
}
