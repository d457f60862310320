// The app's addresses (hash routing, so they work the same from file:// in Electron and from the headless
// server): #/<page>[/<part>...][?<query>]. Pure, so links can be built and parsed anywhere.

export const ROUTES = ['live', 'timeline', 'events', 'export', 'evidence', 'cameras', 'storage', 'settings'] as const
export type Route = (typeof ROUTES)[number]

export interface Location {
  route: Route
  /** The first part after the page, e.g. "add" in #/cameras/add. */
  sub: string | null
  /** Every part after the page, still URI-encoded: #/cameras/detection/cam1 -> ["detection", "cam1"]. */
  parts: string[]
}

export function parseHash(hash: string): Location {
  const [first, ...rest] = hash.replace(/^#\/?/, '').split('/')
  // A query straight after the page (#/export?camera=...) belongs to the page's parts, not to its name.
  const [name, query] = splitQuery(first)
  if (query !== null) rest.unshift(`?${query}`)
  const route = (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'live'
  while (rest.length > 0 && rest[rest.length - 1] === '') rest.pop()
  return { route, sub: rest[0] || null, parts: rest }
}

function splitQuery(part: string): [string, string | null] {
  const at = part.indexOf('?')
  return at < 0 ? [part, null] : [part.slice(0, at), part.slice(at + 1)]
}

export function routeHref(route: Route): string {
  return `#/${route}`
}

/** decodeURIComponent that gives the raw text back instead of throwing on a malformed escape. */
export function decodePart(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}
