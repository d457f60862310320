// The address a camera calls for its webhook. Pure.
import type { WebhookInfo } from '../api/contract'

/**
 * Full URLs a camera can call, best first: the webhook port on each of this computer's network addresses
 * when it is open; else, in a browser, the page's own origin (the headless server answers webhooks too).
 * Empty in the desktop app with the port closed: there is only the path, and nothing listening for it.
 */
export function webhookUrls(
  hook: Pick<WebhookInfo, 'path' | 'listener' | 'addresses'>,
  headless: boolean,
  location: Pick<Location, 'protocol' | 'origin'>
): string[] {
  const { listener } = hook
  if (listener?.state === 'listening' && listener.port !== null && hook.addresses.length > 0) {
    return hook.addresses.map((address) => `http://${address}:${listener.port}${hook.path}`)
  }
  return headless && (location.protocol === 'http:' || location.protocol === 'https:') ? [`${location.origin}${hook.path}`] : []
}

/** A page opened as localhost gives an address only this computer can call, not a camera. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || /^127\./.test(hostname) || hostname === '[::1]' || hostname === '::1'
}
