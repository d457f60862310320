// The sandboxed preload: exposes the contract's transport (call + subscribe, and openLive for live view) as
// window.vigilBridge.
// The renderer wraps it with createClient() from main/contract. Only contract names pass; everything else is
// refused here before it reaches IPC. Bundled into one CJS file (a sandboxed preload cannot require modules).
import { contextBridge, ipcRenderer } from 'electron'
import type { Envelope, VigilTransport } from '../main/contract/client'
import { EVENT_NAMES, type EventName } from '../main/contract/events'
import type { LiveHello } from '../main/contract/media-routes'
import { METHOD_NAMES, type MethodName } from '../main/contract/method-names'

// Same strings as main/electron/ipc.ts (the preload may import only the contract); a unit test keeps them equal.
const CALL_CHANNEL_PREFIX = 'vigil:call:'
const EVENT_CHANNEL = 'vigil:event'
// Same strings as main/electron/live-ipc.ts.
const LIVE_OPEN_CHANNEL = 'vigil:live:open'
const LIVE_CLOSE_CHANNEL = 'vigil:live:close'
const LIVE_ACK_CHANNEL = 'vigil:live:ack'
const LIVE_MESSAGE_CHANNEL = 'vigil:live:message'

// The shapes of renderer/api/bridge.d.ts (the preload may not import the renderer).
interface LiveRequest {
  cameraId: string
  stream: 'main' | 'sub'
  transcode: boolean
}
type LiveMessage = { kind: 'hello'; hello: LiveHello } | { kind: 'data'; bytes: Uint8Array } | { kind: 'error'; message: string }

const methods = new Set<string>(METHOD_NAMES)
const events = new Set<string>(EVENT_NAMES)
const listeners = new Map<string, Set<(payload: unknown) => void>>()

ipcRenderer.on(EVENT_CHANNEL, (_event, message: unknown) => {
  if (typeof message !== 'object' || message === null) return
  const { event, payload } = message as { event?: unknown; payload?: unknown }
  if (typeof event !== 'string') return
  for (const listener of listeners.get(event) ?? []) {
    try {
      listener(payload)
    } catch (error) {
      console.error(`[vigil] a listener for ${event} failed`, error)
    }
  }
})

const liveListeners = new Map<string, (message: LiveMessage) => void>()
let liveCounter = 0

ipcRenderer.on(LIVE_MESSAGE_CHANNEL, (_event, push: unknown) => {
  if (typeof push !== 'object' || push === null) return
  const { streamId, message, end } = push as { streamId?: unknown; message?: LiveMessage; end?: unknown }
  if (typeof streamId !== 'string') return
  const listener = liveListeners.get(streamId)
  if (!listener) return
  if (end === true) {
    // main closed the stream (after telling why): the renderer sees it end the way a closed socket ends.
    liveListeners.delete(streamId)
    deliver(listener, { kind: 'error', message: 'The live stream ended' })
    return
  }
  if (typeof message !== 'object' || message === null) return
  if (message.kind === 'data') {
    // Acknowledge what was handed on, so main can tell a window that keeps up from one that does not.
    ipcRenderer.send(LIVE_ACK_CHANNEL, { streamId, bytes: message.bytes.byteLength })
  }
  deliver(listener, message)
})

function deliver(listener: (message: LiveMessage) => void, message: LiveMessage): void {
  try {
    listener(message)
  } catch (error) {
    console.error('[vigil] a live stream listener failed', error)
  }
}

function isLiveRequest(value: unknown): value is LiveRequest {
  if (typeof value !== 'object' || value === null) return false
  const { cameraId, stream, transcode } = value as Record<string, unknown>
  return typeof cameraId === 'string' && cameraId.length > 0 && (stream === 'main' || stream === 'sub') && typeof transcode === 'boolean'
}

const bridge: VigilTransport & { openLive(request: LiveRequest, listener: (message: LiveMessage) => void): () => void } = {
  call(method: MethodName, args: unknown): Promise<Envelope> {
    if (typeof method !== 'string' || !methods.has(method)) {
      return Promise.reject(new Error(`Unknown Vigil method "${String(method)}"`))
    }
    return ipcRenderer.invoke(CALL_CHANNEL_PREFIX + method, args) as Promise<Envelope>
  },
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void {
    if (typeof event !== 'string' || !events.has(event)) throw new Error(`Unknown Vigil event "${String(event)}"`)
    if (typeof listener !== 'function') throw new Error('subscribe expects a listener function')
    let set = listeners.get(event)
    if (!set) listeners.set(event, (set = new Set()))
    set.add(listener)
    return () => {
      set.delete(listener)
    }
  },
  openLive(request: LiveRequest, listener: (message: LiveMessage) => void): () => void {
    if (!isLiveRequest(request)) throw new Error('openLive expects { cameraId, stream: "main" | "sub", transcode }')
    if (typeof listener !== 'function') throw new Error('openLive expects a listener function')
    const streamId = `live-${++liveCounter}`
    liveListeners.set(streamId, listener)
    ipcRenderer.send(LIVE_OPEN_CHANNEL, { streamId, cameraId: request.cameraId, stream: request.stream, transcode: request.transcode })
    return () => {
      if (!liveListeners.delete(streamId)) return
      ipcRenderer.send(LIVE_CLOSE_CHANNEL, { streamId })
    }
  }
}

contextBridge.exposeInMainWorld('vigilBridge', bridge)
