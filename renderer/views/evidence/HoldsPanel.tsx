// Evidence holds: recordings kept past their retention until released. Placed by an export (at once, with its
// scope) or by hand; releasing one needs a reason, which the export log keeps.
import { useState } from 'react'
import type { EvidenceHold } from '../../api/contract'
import { ErrorBox } from '../../components/ErrorText'
import { CheckboxField } from '../../components/Field'
import { useCall } from '../../hooks/useCall'
import { useFormat } from '../../hooks/useFormat'
import { useT } from '../../i18n'
import { PlaceHoldDialog } from './PlaceHoldDialog'
import { ReleaseHoldDialog } from './ReleaseHoldDialog'

export function HoldsPanel() {
  const t = useT()
  const format = useFormat()
  const [includeReleased, setIncludeReleased] = useState(false)
  const holds = useCall('holds.list', { includeReleased }, { refreshOn: ['evidenceChanged'] })
  const [placing, setPlacing] = useState(false)
  const [releasing, setReleasing] = useState<EvidenceHold | null>(null)
  const list = holds.data ?? []

  return (
    <section data-testid="holds">
      <p className="muted evidence__intro">{t('holds.intro')}</p>
      <div className="evidence__toolbar">
        <CheckboxField label={t('holds.showReleased')} checked={includeReleased} onChange={setIncludeReleased} testId="holds-show-released" />
        <button type="button" className="button button--primary" onClick={() => setPlacing(true)} data-testid="holds-place">
          {t('holds.place')}
        </button>
      </div>
      {holds.error ? <ErrorBox error={holds.error} onRetry={holds.reload} testId="holds-error" /> : null}
      {holds.data && list.length === 0 ? (
        <p className="empty" data-testid="holds-empty">
          {includeReleased ? t('holds.noneAtAll') : t('holds.none')}
        </p>
      ) : null}
      {list.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="holds-table">
            <thead>
              <tr>
                <th>{t('holds.col.camera')}</th>
                <th>{t('holds.col.range')}</th>
                <th>{t('holds.col.reason')}</th>
                <th>{t('holds.col.created')}</th>
                <th className="actions">{t('holds.col.state')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((hold) => (
                <tr key={hold.id} data-testid="holds-row" data-hold-id={hold.id} data-camera={hold.cameraId} data-released={hold.releasedAt !== null}>
                  <td>{hold.cameraName}</td>
                  <td className="evidence__nowrap">{format.range(hold.start, hold.end)}</td>
                  <td className="evidence__reason">{hold.reason}</td>
                  <td className="evidence__nowrap">{format.dateTime(hold.createdAt)}</td>
                  <td className="actions">
                    {hold.releasedAt === null ? (
                      <button type="button" className="button button--small" onClick={() => setReleasing(hold)} data-testid="holds-release">
                        {t('holds.release')}
                      </button>
                    ) : (
                      <span className="muted" data-testid="holds-released-info" title={hold.releaseReason ?? undefined}>
                        {t('holds.releasedAt', { time: format.dateTime(hold.releasedAt) })}
                        {hold.releaseReason ? <span className="evidence__release-reason">{hold.releaseReason}</span> : null}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {holds.loading && !holds.data ? <p className="muted">{t('common.loading')}</p> : null}
      {placing ? <PlaceHoldDialog onClose={() => setPlacing(false)} onPlaced={holds.reload} /> : null}
      {releasing ? <ReleaseHoldDialog hold={releasing} onClose={() => setReleasing(null)} onReleased={holds.reload} /> : null}
    </section>
  )
}
