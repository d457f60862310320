// Hash routing (#/cameras, #/cameras/add, #/timeline/<cameraId>): works the same from file:// in Electron and from the headless server.
import { useMemo, useSyncExternalStore } from 'react'

export const ROUTES = ['live', 'timeline', 'cameras', 'storage', 'settings'] as const
export type Route = (typeof ROUTES)[number]

export interface Location {
  route: Route
  /** The part after the page, e.g. "add" in #/cameras/add. */
  sub: string | null
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

export function parseHash(hash: string): Location {
  const [name, sub] = hash.replace(/^#\/?/, '').split('/')
  const route = (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'live'
  return { route, sub: sub || null }
}

export function useLocation(): Location {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash)
  return useMemo(() => parseHash(hash), [hash])
}

export function routeHref(route: Route): string {
  return `#/${route}`
}

/** Drop a sub-route like "/add" once it has been acted on, without adding a history entry. */
export function replaceRoute(route: Route): void {
  window.history.replaceState(null, '', routeHref(route))
}
