// The events of the selected cameras on the day the timeline shows (marks on the day bars). Pushed events are
// merged in as they start, change and end; after a lost push channel the day loads afresh.
import { useCallback, useEffect, useState } from 'react'
import type { CameraEvent, ErrorPayload } from '../api/contract'
import { upsertMark } from '../events/event-list'
import type { DayRange } from '../timeline/days'
import { toErrorPayload } from './errors'
import { useConnection } from './useConnection'
import { useEvent } from './useEvent'

/** events.list answers at most this many; a day with more shows the newest. */
const DAY_LIMIT = 1000
const NO_EVENTS: ReadonlyMap<string, CameraEvent[]> = new Map()

export interface DayEvents {
  /** Per camera, oldest first. */
  byCamera: ReadonlyMap<string, CameraEvent[]>
  error: ErrorPayload | null
}

export function useDayEvents(cameraIds: readonly string[], range: DayRange | null): DayEvents {
  const connection = useConnection()
  const api = connection.client.api
  const ids = cameraIds.join(',')
  const start = range?.start ?? null
  const end = range?.end ?? null
  const key = `${ids}|${start}`
  const [state, setState] = useState<DayEvents & { key: string }>({ byCamera: NO_EVENTS, error: null, key: '' })
  const [generation, setGeneration] = useState(0)
  const reload = useCallback(() => setGeneration((value) => value + 1), [])

  useEffect(() => {
    if (start === null || end === null || !ids) return
    let cancelled = false
    const load = async (cameraId: string): Promise<[string, CameraEvent[]]> => {
      const events = await api['events.list']({ cameraId, from: start, to: end, limit: DAY_LIMIT })
      return [cameraId, [...events].sort((a, b) => a.start - b.start || a.id - b.id)]
    }
    Promise.all(ids.split(',').map(load)).then(
      (entries) => {
        if (!cancelled) setState({ byCamera: new Map(entries), error: null, key: `${ids}|${start}` })
      },
      (error: unknown) => {
        if (!cancelled) setState({ byCamera: NO_EVENTS, error: toErrorPayload(error), key: `${ids}|${start}` })
      }
    )
    return () => {
      cancelled = true
    }
  }, [api, ids, start, end, generation])

  useEffect(() => connection.onPushState((pushState, resumed) => pushState === 'open' && resumed && reload()), [connection, reload])

  useEvent('eventChanged', (event) => {
    // Like events.list: events that overlap the day (an ongoing one reaches up to now).
    if (start === null || end === null || (event.end !== null && event.end < start) || event.start >= end) return
    setState((previous) => {
      const events = previous.key === key ? previous.byCamera.get(event.cameraId) : undefined
      if (!events) return previous
      return { ...previous, byCamera: new Map(previous.byCamera).set(event.cameraId, upsertMark(events, event)) }
    })
  })

  return state.key === key ? state : { byCamera: NO_EVENTS, error: null }
}
