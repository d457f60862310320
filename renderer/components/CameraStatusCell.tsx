import type { CameraStatus } from '../api/contract'
import { useFormat } from '../hooks/useFormat'
import { useT } from '../i18n'
import { ErrorText } from './ErrorText'
import { StatusBadge } from './StatusBadge'

/** Badge plus, while offline, why and when Vigil tries again. */
export function CameraStatusCell({ name, status }: { name: string; status: CameraStatus | undefined }) {
  const t = useT()
  const format = useFormat()
  const state = status?.state ?? null
  return (
    <div className="status-cell">
      <StatusBadge state={state} testId={`camera-status-${name}`} />
      {status?.reason && (state === 'offline' || state === 'starting') ? (
        <ErrorText error={status.reason} compact testId={`camera-reason-${name}`} />
      ) : null}
      {state === 'offline' && status?.retryAt ? (
        <div className="status-cell__retry" data-testid={`camera-retry-${name}`}>
          {t('status.retryAt', { time: format.time(status.retryAt) })}
        </div>
      ) : null}
    </div>
  )
}
