// The sandboxed preload: exposes the contract's transport (call + subscribe) as window.vigilBridge.
// The renderer wraps it with createClient() from main/contract. Only contract names pass; everything else is
// refused here before it reaches IPC. Bundled into one CJS file (a sandboxed preload cannot require modules).
import { contextBridge, ipcRenderer } from 'electron'
import type { Envelope, VigilTransport } from '../main/contract/client'
import { EVENT_NAMES, type EventName } from '../main/contract/events'
import { METHOD_NAMES, type MethodName } from '../main/contract/method-names'

// Same strings as main/electron/ipc.ts (the preload may import only the contract); a unit test keeps them equal.
const CALL_CHANNEL_PREFIX = 'vigil:call:'
const EVENT_CHANNEL = 'vigil:event'

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

const bridge: VigilTransport = {
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
  }
}

contextBridge.exposeInMainWorld('vigilBridge', bridge)
