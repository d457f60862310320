// An event's still (events.snapshot) as a data: URL, fetched once and kept in a small cache shared by the
// events list, the alerts and browser notifications. An ongoing event's still is asked for again when it ends
// (the server may keep a better picture by then).
import { useEffect, useState } from 'react'
import type { CameraEvent, VigilApi } from '../api/contract'
import { useApi } from './useConnection'

const CACHE_SIZE = 300
const cache = new Map<string, string>()
const pending = new Map<string, Promise<string | null>>()

type SnapshotEvent = Pick<CameraEvent, 'id' | 'end' | 'hasSnapshot'>

const keyOf = (event: SnapshotEvent) => `${event.id}:${event.end === null ? 'open' : 'done'}`

/** The cached still, if it has been fetched. */
function cachedEventSnapshot(event: SnapshotEvent): string | null {
  return event.hasSnapshot ? (cache.get(keyOf(event)) ?? null) : null
}

/** Fetches (once, however many ask at the same time) and caches the still; null when there is none. */
export function loadEventSnapshot(api: VigilApi, event: SnapshotEvent): Promise<string | null> {
  if (!event.hasSnapshot) return Promise.resolve(null)
  const key = keyOf(event)
  const hit = cache.get(key)
  if (hit) return Promise.resolve(hit)
  let request = pending.get(key)
  if (!request) {
    request = api['events.snapshot']({ id: event.id }).then(
      (snapshot) => {
        const url = `data:image/jpeg;base64,${snapshot.jpegBase64}`
        cache.set(key, url)
        // A Map keeps insertion order: the first key is the oldest.
        while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string)
        return url
      },
      // No picture is not worth an error notice: the row shows a placeholder and a later mount asks again.
      () => null
    )
    pending.set(key, request)
    void request.finally(() => pending.delete(key))
  }
  return request
}

export interface EventSnapshotState {
  url: string | null
  /** Still on its way (false when there is none). */
  loading: boolean
}

/** The still of an event while `active` (e.g. its row is on screen). */
export function useEventSnapshot(event: SnapshotEvent, active: boolean): EventSnapshotState {
  const api = useApi()
  const key = keyOf(event)
  const [loaded, setLoaded] = useState<{ key: string; url: string | null } | null>(null)
  const { hasSnapshot, id, end } = event

  useEffect(() => {
    if (!active || !hasSnapshot) return
    let cancelled = false
    void loadEventSnapshot(api, { id, end, hasSnapshot }).then((url) => {
      if (!cancelled) setLoaded({ key, url })
    })
    return () => {
      cancelled = true
    }
  }, [api, active, key, id, end, hasSnapshot])

  const cached = cachedEventSnapshot(event)
  if (cached) return { url: cached, loading: false }
  if (loaded?.key === key) return { url: loaded.url, loading: false }
  return { url: null, loading: hasSnapshot && active }
}
