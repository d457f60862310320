// The address a camera calls for its webhook. Pure.

/**
 * In a browser the page's own origin is an address the camera can reach too (same network); the desktop app
 * has no http origin (null: show the path, to be put behind this computer's address).
 */
export function webhookUrl(path: string, headless: boolean, location: Pick<Location, 'protocol' | 'origin'>): string | null {
  return headless && (location.protocol === 'http:' || location.protocol === 'https:') ? `${location.origin}${path}` : null
}

/** A page opened as localhost gives an address only this computer can call, not a camera. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || /^127\./.test(hostname) || hostname === '[::1]' || hostname === '::1'
}
