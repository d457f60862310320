// Hash routing (#/cameras, #/cameras/add, #/timeline/<cameraId>[/<epochMs>]): the address as React state.
import { useMemo, useSyncExternalStore } from 'react'
import { parseHash, routeHref, type Location, type Route } from '../routes'

export { ROUTES, parseHash, routeHref, type Location, type Route } from '../routes'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

export function useLocation(): Location {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash)
  return useMemo(() => parseHash(hash), [hash])
}

/** Drop a sub-route like "/add" once it has been acted on, without adding a history entry. */
export function replaceRoute(route: Route): void {
  window.history.replaceState(null, '', routeHref(route))
}

/** Go to an address inside the app (a history entry, like following a link). */
export function navigate(href: string): void {
  window.location.hash = href.replace(/^#/, '')
}
