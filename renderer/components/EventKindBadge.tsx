import type { EventKind } from '../api/contract'
import { useT } from '../i18n'

/** The kind of an event as a coloured label (the same colours as the marks on the timeline). */
export function EventKindBadge({ kind }: { kind: EventKind }) {
  const t = useT()
  return (
    <span className={`kind-badge kind-badge--${kind}`} data-kind={kind} data-testid="event-kind">
      {t(`event.kind.${kind}`)}
    </span>
  )
}
