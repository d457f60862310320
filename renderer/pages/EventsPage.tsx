// #/events: what happened, newest first, filtered by camera, day and type; a row opens the event on the
// timeline. #/events/<id> opens one event (links made from just an id, e.g. a desktop notification).
import { useEffect, useState } from 'react'
import type { Camera, ErrorPayload } from '../api/contract'
import { ErrorBox } from '../components/ErrorText'
import { NO_FILTER, type EventFilter } from '../events/event-list'
import { eventHref, parseEventId } from '../events/links'
import { toErrorPayload } from '../hooks/errors'
import { useAppInfo } from '../hooks/useAppInfo'
import { useCameras } from '../hooks/useCameras'
import { useApi } from '../hooks/useConnection'
import { useEventList } from '../hooks/useEventList'
import { useLocation } from '../hooks/useRoute'
import { useT } from '../i18n'
import { EventFilters } from '../views/events/EventFilters'
import { EventList } from '../views/events/EventList'
import '../views/events/events.css'

const FILTER_KEY = 'vigil.eventFilter'
const NO_CAMERAS: Camera[] = []

/** The filters survive a trip to the timeline and back (this tab only). */
function storedFilter(): EventFilter {
  try {
    const value = JSON.parse(window.sessionStorage.getItem(FILTER_KEY) ?? 'null') as Partial<EventFilter> | null
    return value ? { ...NO_FILTER, ...value } : NO_FILTER
  } catch {
    return NO_FILTER
  }
}

export function EventsPage() {
  const eventId = parseEventId(useLocation().parts)
  return eventId === null ? <EventsOverview /> : <OpenEvent key={eventId} id={eventId} />
}

function EventsOverview() {
  const t = useT()
  const info = useAppInfo()
  const cameras = useCameras()
  const [filter, setFilter] = useState<EventFilter>(storedFilter)
  const list = useEventList(filter, info?.timeZone, info !== null)

  const choose = (next: EventFilter) => {
    setFilter(next)
    try {
      window.sessionStorage.setItem(FILTER_KEY, JSON.stringify(next))
    } catch {
      // a convenience only
    }
  }

  const filtered = filter.cameraId !== null || filter.day !== null || filter.kind !== null
  return (
    <div className="page" data-testid="page-events">
      <div className="page__header">
        <h1>{t('events.title')}</h1>
        <EventFilters cameras={cameras.data ?? NO_CAMERAS} value={filter} onChange={choose} />
      </div>
      {list.error ? <ErrorBox error={list.error} onRetry={list.reload} testId="events-error" /> : null}
      {!list.loading && list.events.length === 0 && !list.error ? (
        <div className="empty" data-testid="events-empty">
          {filtered ? t('events.emptyFiltered') : t('events.empty')}
        </div>
      ) : null}
      {list.events.length > 0 ? (
        <EventList
          events={list.events}
          cameras={cameras.data ?? NO_CAMERAS}
          timeZone={info?.timeZone}
          hasMore={list.hasMore}
          loadingMore={list.loadingMore}
          onLoadMore={list.loadMore}
        />
      ) : null}
      {list.loading && !list.error ? <p className="muted">{t('common.loading')}</p> : null}
    </div>
  )
}

/** Looks the event up and replaces the address with its place on the timeline. */
function OpenEvent({ id }: { id: number }) {
  const t = useT()
  const api = useApi()
  const [error, setError] = useState<ErrorPayload | null>(null)

  useEffect(() => {
    let cancelled = false
    api['events.get']({ id }).then(
      (event) => {
        if (!cancelled) window.location.replace(eventHref(event))
      },
      (failure: unknown) => {
        if (!cancelled) setError(toErrorPayload(failure))
      }
    )
    return () => {
      cancelled = true
    }
  }, [api, id])

  return (
    <div className="page" data-testid="page-events">
      {error ? <ErrorBox error={error} testId="event-open-error" /> : <p className="muted">{t('common.loading')}</p>}
      <a className="button button--small" href="#/events">
        {t('events.all')}
      </a>
    </div>
  )
}
