import type { LiveRequest } from '../host'

const MAX_CAMERA_ID = 128

/**
 * Checks a live request from a transport (IPC payload, or the WebSocket's query turned into an object).
 * Returns null for anything malformed: a client bug, answered with a refusal rather than a guess.
 */
export function validateLiveRequest(value: unknown): LiveRequest | null {
  if (typeof value !== 'object' || value === null) return null
  const { cameraId, stream, transcode } = value as Record<string, unknown>
  if (typeof cameraId !== 'string' || cameraId.length === 0 || cameraId.length > MAX_CAMERA_ID) return null
  if (stream !== 'main' && stream !== 'sub') return null
  if (typeof transcode !== 'boolean') return null
  return { cameraId, stream, transcode }
}

/** `/api/live?camera=<id>&stream=main|sub[&transcode=1]` (see main/contract/media-routes.ts). */
export function liveRequestFromQuery(params: URLSearchParams): LiveRequest | null {
  const transcode = params.get('transcode')
  if (transcode !== null && !['0', '1', 'true', 'false'].includes(transcode)) return null
  return validateLiveRequest({
    cameraId: params.get('camera'),
    stream: params.get('stream') ?? 'main',
    transcode: transcode === '1' || transcode === 'true'
  })
}
