import type { StorageSummary } from '../api/contract'
import { useFormat } from '../hooks/useFormat'
import { useT } from '../i18n'

/** Totals, disk space and what each camera uses. */
export function StorageOverview({ summary }: { summary: StorageSummary }) {
  const t = useT()
  const format = useFormat()
  const used = summary.diskTotalBytes - summary.diskFreeBytes
  const when = (ms: number | null) => (ms === null ? t('common.none') : format.dateTime(ms))

  return (
    <>
      <div className="cards">
        <div className="card">
          <div className="card__label">{t('storage.recordings')}</div>
          <div className="card__value" data-testid="storage-total">
            {format.bytes(summary.recordingsBytes)}
          </div>
          <div className="card__note">
            {summary.limits.maxBytes === null
              ? t('storage.limitNone')
              : t('storage.limitNow', { size: format.bytes(summary.limits.maxBytes) })}
          </div>
        </div>
        <div className="card">
          <div className="card__label">{t('storage.disk')}</div>
          <div className="card__value" data-testid="storage-disk">
            {t('storage.diskFree', { free: format.bytes(summary.diskFreeBytes), total: format.bytes(summary.diskTotalBytes) })}
          </div>
          <meter className="meter" min={0} max={summary.diskTotalBytes || 1} value={used} high={(summary.diskTotalBytes || 1) * 0.9} />
          <div className="card__note mono" title={t('storage.dataDir')}>
            {summary.dataDir}
          </div>
        </div>
      </div>

      <h2>{t('storage.perCamera')}</h2>
      {summary.cameras.length === 0 ? (
        <p className="empty">{t('storage.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="storage-table">
            <thead>
              <tr>
                <th>{t('storage.col.camera')}</th>
                <th className="num">{t('storage.col.used')}</th>
                <th className="num">{t('storage.col.segments')}</th>
                <th>{t('storage.col.oldest')}</th>
                <th>{t('storage.col.newest')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.cameras.map((camera) => (
                <tr key={camera.cameraId} data-testid={`storage-camera-${camera.name}`}>
                  <td>{camera.name}</td>
                  <td className="num">{format.bytes(camera.usedBytes)}</td>
                  <td className="num">{format.number(camera.segments)}</td>
                  <td>{when(camera.oldestStart)}</td>
                  <td>{when(camera.newestEnd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
