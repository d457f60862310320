// Binary media: recorded segments and live streams. Like the JSON contract, it has two transports:
// the headless server (HTTP range requests, a WebSocket) and the desktop shell (the vigil-media: protocol,
// IPC through the preload). Components use only these functions.
import { LIVE_PATH, segmentPath, type LiveHello } from './contract'
import type { LiveMessage, LiveRequest } from './bridge'

export type { LiveMessage, LiveRequest } from './bridge'

const desktop = () => typeof window.vigilBridge !== 'undefined'

/**
 * The error a listener gets when the stream itself is over (the socket or IPC stream closed; the preload uses
 * the same words). Any other error is the server saying why there is no picture right now: the stream stays
 * open and goes on with a new hello when the camera is back.
 */
export const LIVE_ENDED = 'The live stream ended'
export const isLiveEnd = (message: LiveMessage) => message.kind === 'error' && message.message === LIVE_ENDED

/**
 * URL of a media route (`/media/...`: a segment, an export's preview, a package's ZIP): served over HTTP by the
 * headless server, through the vigil-media: protocol in the desktop app.
 */
export function mediaUrl(path: string): string {
  return desktop() ? `vigil-media://app${path}` : path
}

/** URL of a recorded segment (fragmented MP4), fetchable with Range requests. */
export function segmentUrl(segmentId: number): string {
  return mediaUrl(segmentPath(segmentId))
}

/** Opens a live stream; the listener gets the hello, then fMP4 bytes. Returns a function that closes it. */
export function openLive(request: LiveRequest, listener: (message: LiveMessage) => void): () => void {
  if (window.vigilBridge) return window.vigilBridge.openLive(request, listener)
  const url = new URL(LIVE_PATH, window.location.href)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  url.searchParams.set('camera', request.cameraId)
  url.searchParams.set('stream', request.stream)
  if (request.transcode) url.searchParams.set('transcode', '1')
  const socket = new WebSocket(url)
  socket.binaryType = 'arraybuffer'
  let closedByUs = false
  socket.onmessage = (event: MessageEvent<string | ArrayBuffer>) => {
    if (closedByUs) return
    if (typeof event.data === 'string') {
      let parsed: { hello?: LiveHello; error?: string }
      try {
        parsed = JSON.parse(event.data) as typeof parsed
      } catch {
        return
      }
      if (parsed.error) listener({ kind: 'error', message: parsed.error })
      else if (parsed.hello) listener({ kind: 'hello', hello: parsed.hello })
      return
    }
    listener({ kind: 'data', bytes: new Uint8Array(event.data) })
  }
  socket.onclose = () => {
    if (!closedByUs) listener({ kind: 'error', message: LIVE_ENDED })
  }
  return () => {
    closedByUs = true
    socket.close()
  }
}
