import type { Camera, CameraStatus } from '../api/contract'
import { CameraStatusCell } from '../components/CameraStatusCell'
import { detectionHref } from '../events/links'
import { useT } from '../i18n'

interface CameraTableProps {
  cameras: Camera[]
  statuses: ReadonlyMap<string, CameraStatus>
  busy: boolean
  onEdit(camera: Camera): void
  onToggle(camera: Camera): void
  onRemove(camera: Camera): void
}

/** The camera list with live status and the per-camera actions. */
export function CameraTable({ cameras, statuses, busy, onEdit, onToggle, onRemove }: CameraTableProps) {
  const t = useT()
  return (
    <div className="table-wrap">
      <table className="table" data-testid="camera-table">
        <thead>
          <tr>
            <th>{t('cameras.col.name')}</th>
            <th>{t('cameras.col.status')}</th>
            <th className="hide-narrow">{t('cameras.col.stream')}</th>
            <th className="num">{t('cameras.col.retention')}</th>
            <th className="actions">{t('cameras.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {cameras.map((camera) => (
            <tr key={camera.id} data-testid={`camera-row-${camera.name}`} data-demo={camera.demo || undefined}>
              <td>
                <div className="camera-name">
                  {camera.name}
                  {camera.demo ? (
                    <span className="tag" title={t('cameras.demoHint')} data-testid={`camera-demo-${camera.name}`}>
                      {t('cameras.demo')}
                    </span>
                  ) : null}
                </div>
                {camera.location ? <div className="muted">{camera.location}</div> : null}
              </td>
              <td>
                <CameraStatusCell name={camera.name} status={statuses.get(camera.id)} />
              </td>
              <td className="mono muted hide-narrow">{camera.mainUrl}</td>
              <td className="num">{t('cameras.hours', { hours: camera.retentionHours })}</td>
              <td className="actions">
                {!camera.demo ? (
                  <button type="button" className="button button--small" onClick={() => onEdit(camera)} data-testid={`camera-edit-${camera.name}`}>
                    {t('cameras.edit')}
                  </button>
                ) : null}
                <a className="button button--small" href={detectionHref(camera.id)} title={t('cameras.detectionHint')} data-testid={`camera-detection-${camera.name}`}>
                  {t('cameras.detection')}
                </a>
                <button
                  type="button"
                  className="button button--small"
                  disabled={busy}
                  onClick={() => onToggle(camera)}
                  data-testid={`camera-toggle-${camera.name}`}
                >
                  {camera.enabled ? t('cameras.pause') : t('cameras.resume')}
                </button>
                {!camera.demo ? (
                  <button
                    type="button"
                    className="button button--small button--danger"
                    onClick={() => onRemove(camera)}
                    data-testid={`camera-remove-${camera.name}`}
                  >
                    {t('cameras.remove')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
