// The desktop window talks to nothing but the app's own files. Everything the UI needs from the outside
// world goes through IPC (calls, live view) or the app's own vigil-media: protocol (recorded segments, which
// main.ts declares in appSchemes); a request anywhere else is a bug or an attack, so it is cancelled.
import { isAbsolute, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Session } from 'electron'
import type { Logger } from '../core/host'

export interface RequestPolicy {
  /** When set, file: requests must stay inside this folder (out/renderer). */
  filesRoot?: string
  /** Custom protocols the app registers itself (e.g. a media protocol), written with the colon: 'vigil-media:'. */
  appSchemes?: readonly string[]
}

/** Always local, never network: the built-in DevTools, inline data and in-memory blobs (MSE uses blob:). */
const LOCAL_SCHEMES = new Set(['devtools:', 'data:', 'blob:'])
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

export function isAllowedRequest(url: string, devServerUrl?: string, policy: RequestPolicy = {}): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  const scheme = parsed.protocol
  if (LOCAL_SCHEMES.has(scheme)) return true
  if (policy.appSchemes?.includes(scheme)) return true
  if (scheme === 'file:') {
    if (policy.filesRoot === undefined) return true
    const file = filePath(parsed)
    return file !== null && isInside(file, policy.filesRoot)
  }
  if (devServerUrl && ['http:', 'https:', 'ws:', 'wss:'].includes(scheme)) return isDevServer(parsed, devServerUrl)
  return false
}

/** The electron-vite dev server and its HMR socket: loopback only, and only the dev server's own port. */
function isDevServer(target: URL, devServerUrl: string): boolean {
  let dev: URL
  try {
    dev = new URL(devServerUrl)
  } catch {
    return false
  }
  if (!LOOPBACK_HOSTS.has(dev.hostname) || !LOOPBACK_HOSTS.has(target.hostname)) return false
  return effectivePort(target) === effectivePort(dev)
}

function effectivePort(url: URL): string {
  if (url.port) return url.port
  return url.protocol === 'https:' || url.protocol === 'wss:' ? '443' : '80'
}

function isInside(file: string, root: string): boolean {
  const rel = relative(root, file)
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
}

function filePath(url: URL): string | null {
  try {
    return fileURLToPath(url)
  } catch {
    return null
  }
}

/** Scheme, host and path only: query strings may carry tokens and have no place in a log. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`
  } catch {
    return '(malformed URL)'
  }
}

/** Cancels every request `isAllowedRequest` refuses, and logs each blocked origin once. */
export function installNetworkGuard(
  session: Session,
  options: { devServerUrl?: string; policy?: RequestPolicy; logger: Logger }
): void {
  const reported = new Set<string>()
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, options.devServerUrl, options.policy)
    if (!allowed) {
      const where = describeUrl(details.url)
      if (!reported.has(where)) {
        reported.add(where)
        options.logger.warn(`blocked a request to ${where} (the desktop window only loads the app's own files)`)
      }
    }
    callback({ cancel: !allowed })
  })
}
