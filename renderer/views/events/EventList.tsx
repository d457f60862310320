import type { Camera, CameraEvent } from '../../api/contract'
import { groupByDay } from '../../events/event-list'
import { useClockFormat } from '../../hooks/useClockFormat'
import { useT } from '../../i18n'
import { dayOf } from '../../timeline/days'
import { EventRow } from './EventRow'

interface EventListProps {
  events: readonly CameraEvent[]
  cameras: readonly Camera[]
  timeZone: string | undefined
  hasMore: boolean
  loadingMore: boolean
  onLoadMore(): void
}

/** Events newest first under a heading per day, and "load more" for older ones. */
export function EventList({ events, cameras, timeZone, hasMore, loadingMore, onLoadMore }: EventListProps) {
  const t = useT()
  const clock = useClockFormat()
  const names = new Map(cameras.map((camera) => [camera.id, camera.name]))
  const today = dayOf(Date.now(), timeZone)
  const yesterday = dayOf(Date.now() - 24 * 3600_000, timeZone)
  const dayLabel = (day: string) =>
    day === today ? t('events.today', { day: clock.day(day) }) : day === yesterday ? t('events.yesterday', { day: clock.day(day) }) : clock.day(day)

  return (
    <div className="event-list" data-testid="events-list">
      {groupByDay(events, timeZone).map((group) => (
        <section key={group.day} className="event-day" data-testid="events-day" data-day={group.day}>
          <h2 className="event-day__title">
            {dayLabel(group.day)} <span className="muted">· {group.events.length === 1 ? t('events.countOne') : t('events.count', { count: group.events.length })}</span>
          </h2>
          <ul className="event-day__list">
            {group.events.map((event) => (
              <EventRow key={event.id} event={event} cameraName={names.get(event.cameraId) ?? t('events.removedCamera')} />
            ))}
          </ul>
        </section>
      ))}
      {hasMore ? (
        <div className="event-list__more">
          <button type="button" className="button" onClick={onLoadMore} disabled={loadingMore} data-testid="events-load-more">
            {loadingMore ? t('common.loading') : t('events.loadMore')}
          </button>
        </div>
      ) : null}
    </div>
  )
}
