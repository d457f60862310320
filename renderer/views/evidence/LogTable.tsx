import type { LogEntryView } from '../../api/contract'
import { useCameras } from '../../hooks/useCameras'
import { useFormat } from '../../hooks/useFormat'
import { useT } from '../../i18n'

/**
 * The log's entries in the order the server keeps them (the chain's order); the hash is shortened (the full one
 * on hover). Cameras are named as they are called now when the entry gives an id.
 */
export function LogTable({ entries, basisTitle }: { entries: readonly LogEntryView[]; basisTitle(code: string | null): string }) {
  const t = useT()
  const format = useFormat()
  const cameras = useCameras().data
  const none = t('common.none')
  const cameraName = (value: string) => cameras?.find((camera) => camera.id === value)?.name ?? value
  return (
    <div className="table-wrap">
      <table className="table log-table" data-testid="log-table">
        <thead>
          <tr>
            <th>{t('log.col.time')}</th>
            <th>{t('log.col.kind')}</th>
            <th>{t('log.col.recipient')}</th>
            <th>{t('log.col.basis')}</th>
            <th>{t('log.col.case')}</th>
            <th>{t('log.col.cameras')}</th>
            <th>{t('log.col.range')}</th>
            <th>{t('log.col.package')}</th>
            <th>{t('log.col.hash')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-testid="log-row" data-id={entry.id} data-kind={entry.kind} data-package-id={entry.packageId ?? undefined}>
              <td className="evidence__nowrap">
                <span className="muted">#{entry.id}</span> {format.dateTime(entry.at)}
              </td>
              <td>
                <span className={`tag log-kind log-kind--${entry.kind}`}>{t(`log.kind.${entry.kind}`)}</span>
              </td>
              <td>{entry.recipient ?? none}</td>
              <td>{entry.basis ? basisTitle(entry.basis) : none}</td>
              <td>{entry.caseNumber ?? none}</td>
              <td>{entry.cameras.length > 0 ? entry.cameras.map(cameraName).join(', ') : none}</td>
              <td className="evidence__nowrap">{entry.range ? format.range(entry.range.from, entry.range.to) : none}</td>
              <td className="mono">{entry.packageId ?? none}</td>
              <td className="mono evidence__nowrap" title={entry.hash} data-testid="log-hash">
                {entry.hash.slice(0, 12)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
