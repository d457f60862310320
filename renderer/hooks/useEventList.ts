// The events page's list: the first page for the filters, "load more" for older ones, and pushed events
// (new, changed, ended) merged in as they happen. After a lost push channel the list loads afresh.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ErrorPayload } from '../api/contract'
import {
  EMPTY_LIST,
  PAGE_SIZE,
  appendPage,
  applyEventChange,
  filterBounds,
  listArgs,
  type EventFilter,
  type EventList
} from '../events/event-list'
import { toErrorPayload } from './errors'
import { useConnection } from './useConnection'
import { useEvent } from './useEvent'

export interface EventListState extends EventList {
  /** The first page has not answered yet. */
  loading: boolean
  loadingMore: boolean
  error: ErrorPayload | null
  loadMore(): void
  reload(): void
}

interface Loaded extends EventList {
  key: string
  error: ErrorPayload | null
}

/** `ready` is false while the recorder's time zone (for a day filter) is unknown: nothing is asked then. */
export function useEventList(filter: EventFilter, timeZone: string | undefined, ready: boolean): EventListState {
  const connection = useConnection()
  const api = connection.client.api
  const key = JSON.stringify([filter, timeZone ?? null])
  const bounds = useMemo(() => filterBounds(filter, timeZone), [filter, timeZone])
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const [generation, setGeneration] = useState(0)
  const reload = useCallback(() => setGeneration((value) => value + 1), [])
  // "Load more" must not stack: one request at a time, for the list it was asked for.
  const moreFor = useRef<string | null>(null)

  useEffect(() => {
    if (!ready) return
    let cancelled = false
    api['events.list'](listArgs(filter, bounds, null)).then(
      (page) => {
        if (!cancelled) setLoaded({ key, ...appendPage(EMPTY_LIST, page, PAGE_SIZE), error: null })
      },
      (error: unknown) => {
        if (!cancelled) setLoaded({ key, ...EMPTY_LIST, error: toErrorPayload(error) })
      }
    )
    return () => {
      cancelled = true
    }
  }, [api, ready, key, filter, bounds, generation])

  useEffect(() => connection.onPushState((state, resumed) => state === 'open' && resumed && reload()), [connection, reload])

  useEvent('eventChanged', (event) => {
    setLoaded((previous) => (previous && previous.key === key ? { ...previous, ...applyEventChange(previous, event, filter, bounds) } : previous))
  })

  const current = loaded?.key === key ? loaded : null

  const loadMore = () => {
    const oldest = current?.events[current.events.length - 1]
    if (!current || !oldest || moreFor.current === key) return
    moreFor.current = key
    setLoadingMore(true)
    api['events.list'](listArgs(filter, bounds, oldest.start)).then(
      (page) => setLoaded((previous) => (previous && previous.key === key ? { ...previous, ...appendPage(previous, page, PAGE_SIZE) } : previous)),
      (error: unknown) => setLoaded((previous) => (previous && previous.key === key ? { ...previous, error: toErrorPayload(error) } : previous))
    ).finally(() => {
      moreFor.current = null
      setLoadingMore(false)
    })
  }

  return {
    events: current?.events ?? [],
    hasMore: current?.hasMore ?? false,
    loading: !current,
    loadingMore,
    error: current?.error ?? null,
    loadMore,
    reload
  }
}
