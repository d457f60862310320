import type { Camera, ExportProgress } from '../../api/contract'
import { clockDuration } from '../../export/time'
import { useFormat } from '../../hooks/useFormat'
import { useT } from '../../i18n'
import { cameraName } from './stepProps'

/** What the server is doing, per camera: phase, frames done of all, time left. */
export function ExportProgressList({ progress, cameraIds, cameras }: { progress: Readonly<Record<string, ExportProgress>>; cameraIds: readonly string[]; cameras: readonly Camera[] }) {
  const t = useT()
  const format = useFormat()
  return (
    <ul className="export-progress" data-testid="export-progress" aria-live="polite">
      {cameraIds.map((cameraId) => {
        const report = progress[cameraId]
        const total = report?.framesTotal ?? 0
        return (
          <li
            key={cameraId}
            className="export-progress__row"
            data-testid="export-progress-camera"
            data-camera={cameraId}
            data-phase={report?.phase}
            data-done={report?.framesDone}
            data-total={report?.framesTotal}
          >
            <span className="export-progress__camera">{cameraName(cameras, cameraId)}</span>
            <span className="export-progress__phase">{report ? t(`export.phase.${report.phase}`) : t('export.phase.waiting')}</span>
            <progress max={total > 0 ? total : undefined} value={total > 0 ? Math.min(report!.framesDone, total) : undefined} />
            <span className="export-progress__numbers muted">
              {total > 0 ? t('export.progress.frames', { done: format.number(report!.framesDone), total: format.number(total) }) : ''}
              {report?.etaMs != null ? ` · ${t('export.progress.eta', { time: clockDuration(report.etaMs) })}` : ''}
            </span>
          </li>
        )
      })}
    </ul>
  )
}
