import { EVENT_KINDS, type CameraEvent } from '../../api/contract'
import { useT } from '../../i18n'

/** What the colours of the marks mean, and how many of each the day has. */
export function EventLegend({ events }: { events: ReadonlyMap<string, readonly CameraEvent[]> }) {
  const t = useT()
  const all = [...events.values()].flat()
  if (all.length === 0) return null
  const count = (kind: string) => all.filter((event) => event.kind === kind).length
  return (
    <p className="tl-legend" data-testid="timeline-event-legend">
      {EVENT_KINDS.filter((kind) => count(kind) > 0).map((kind) => (
        <span key={kind} className={`kind-badge kind-badge--${kind}`}>
          {t('timeline.legendKind', { kind: t(`event.kind.${kind}`), count: count(kind) })}
        </span>
      ))}
      <span className="muted">{t('timeline.legendHint')}</span>
    </p>
  )
}
