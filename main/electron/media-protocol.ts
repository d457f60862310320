// The desktop transport for media: vigil-media://app/media/... (segments, export previews, package ZIPs), with
// range support.
// Like the headless route, it resolves an indexed segment id to its file; no path from the renderer reaches
// the filesystem. The decision is a pure function; only registerMediaProtocol touches Electron and the disk.
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { protocol } from 'electron'
import type { Logger, MediaService } from '../core/host'
import { planRange } from '../core/media/byte-range'
import { lookupMedia, type MediaFiles } from '../core/media/media-files'
import type { AppPage } from './window'

export const MEDIA_SCHEME = 'vigil-media'
export const MEDIA_HOST = 'app'

export interface MediaRequest {
  url: string
  method: string
  range: string | null
  /** Electron's request.initiatorOrigin: who asked (absent when the browser itself did, e.g. a media element). */
  initiatorOrigin?: string
}

export type MediaPlan =
  | { status: number; headers: Record<string, string>; file?: undefined }
  | { status: 200 | 206; headers: Record<string, string>; file: { path: string; start: number; end: number } }

/** The origins of the app's own page: a file:// page is an opaque origin ('null'); the dev server has its own. */
export function isAppOrigin(origin: string | undefined, page: AppPage): boolean {
  if (origin === undefined || origin === 'null' || origin === 'file://') return true
  if (!page.devServerUrl) return false
  try {
    return new URL(page.devServerUrl).origin === origin
  } catch {
    return false
  }
}

/**
 * What to answer for one vigil-media: request. The renderer fetches segments for MediaSource from its
 * file:// page, which is another origin to this scheme, so the answer carries CORS headers for the app's
 * own origin (and nobody else's).
 */
export function planMediaRequest(request: MediaRequest, media: MediaFiles, page: AppPage): MediaPlan {
  if (!isAppOrigin(request.initiatorOrigin, page)) return { status: 403, headers: {} }
  const cors: Record<string, string> = {
    'Access-Control-Allow-Origin': request.initiatorOrigin ?? 'null',
    'Access-Control-Expose-Headers': 'Content-Range, Content-Length, Accept-Ranges',
    Vary: 'Origin'
  }
  if (request.method === 'OPTIONS') {
    return {
      status: 204,
      headers: { ...cors, 'Access-Control-Allow-Methods': 'GET, HEAD', 'Access-Control-Allow-Headers': 'Range' }
    }
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return { status: 405, headers: { ...cors, Allow: 'GET, HEAD' } }
  let url: URL
  try {
    url = new URL(request.url)
  } catch {
    return { status: 400, headers: cors }
  }
  // Decided on the raw text as well: URL parsing folds "/media/segments/../../x" into "/x".
  const rawPath = request.url.replace(/^[a-z-]+:\/\/[^/]*/i, '').split(/[?#]/)[0]
  if (url.protocol !== `${MEDIA_SCHEME}:` || url.host !== MEDIA_HOST) return { status: 404, headers: cors }
  if (rawPath !== url.pathname) return { status: rawPath.startsWith('/media/') ? 400 : 404, headers: cors }
  const found = lookupMedia(rawPath, media)
  if (found.kind !== 'file') return { status: found.kind === 'bad' ? 400 : 404, headers: cors }
  const file = found
  const plan = planRange(request.range, file.bytes, file.mime)
  if (plan.status === 416) return { status: 416, headers: { ...cors, ...plan.headers } }
  const headers = { ...cors, ...plan.headers, ...(file.download ? { 'Content-Disposition': `attachment; filename="${file.download}"` } : {}) }
  if (request.method === 'HEAD' || plan.end < plan.start) return { status: plan.status, headers }
  return { status: plan.status, headers, file: { path: file.path, start: plan.start, end: plan.end } }
}

/**
 * Must run before the app is ready. standard + secure: a proper origin that counts as a secure context;
 * supportFetchAPI + corsEnabled: the renderer may fetch() it; stream: media elements accept streamed bodies.
 */
export function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true } }
  ])
}

/** Serves vigil-media: from the default session. Returns an undo. */
export function registerMediaProtocol(media: MediaService, page: AppPage, logger: Logger): () => void {
  protocol.handle(MEDIA_SCHEME, (request) => {
    const plan = planMediaRequest(
      {
        url: request.url,
        method: request.method,
        range: request.headers.get('range'),
        initiatorOrigin: (request as Request & { initiatorOrigin?: string }).initiatorOrigin
      },
      media,
      page
    )
    if (plan.status === 403) logger.warn(`refused a media request from ${(request as Request & { initiatorOrigin?: string }).initiatorOrigin}`)
    if (!plan.file) return new Response(null, { status: plan.status, headers: plan.headers })
    const stream = createReadStream(plan.file.path, { start: plan.file.start, end: plan.file.end })
    stream.on('error', (error) => logger.warn(`reading a segment failed: ${error.message}`))
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status: plan.status, headers: plan.headers })
  })
  return () => protocol.unhandle(MEDIA_SCHEME)
}
