import type { CameraState } from '../api/contract'
import { useT } from '../i18n'

/** A coloured pill for a camera state; `data-state` carries the raw state for tests. */
export function StatusBadge({ state, testId }: { state: CameraState | null; testId?: string }) {
  const t = useT()
  const shown = state ?? 'unknown'
  return (
    <span className={`badge badge--${shown}`} data-testid={testId} data-state={shown}>
      {t(`state.${shown}`)}
    </span>
  )
}
