// Browser transport for the headless server: calls are POST /api/call/<method>, pushes come over a WebSocket
// at /api/events as JSON {event, payload}. The socket reconnects by itself with a growing delay.
import type { Envelope, EventName, VigilTransport } from './contract'

export type PushState = 'connecting' | 'open' | 'closed'

export interface HttpTransport extends VigilTransport {
  /** Fires when a call is answered with HTTP 401 (the session is missing or expired). */
  onUnauthenticated(listener: () => void): () => void
  onPushState(listener: (state: PushState, resumed: boolean) => void): () => void
  /** Drop the waiting delay and reconnect the push socket now (e.g. right after logging in). */
  reconnect(): void
}

const RETRY_DELAYS_MS = [500, 1000, 2000, 5000, 10000]

function failure(message: string, code = 'INTERNAL'): Envelope {
  return { ok: false, error: { code, message } }
}

function isEnvelope(value: unknown): value is Envelope {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean'
}

export function createHttpTransport(origin: string = window.location.origin): HttpTransport {
  const pushListeners = new Map<EventName, Set<(payload: unknown) => void>>()
  const unauthenticatedListeners = new Set<() => void>()
  const stateListeners = new Set<(state: PushState, resumed: boolean) => void>()
  let socket: WebSocket | null = null
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  let attempt = 0
  let wasOpen = false

  function setState(state: PushState, resumed = false): void {
    for (const listener of stateListeners) listener(state, resumed)
  }

  function connect(): void {
    if (socket) return
    const url = new URL('/api/events', origin)
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
    setState('connecting')
    const ws = new WebSocket(url)
    socket = ws
    ws.onopen = () => {
      attempt = 0
      setState('open', wasOpen)
      wasOpen = true
    }
    ws.onmessage = (message) => {
      if (typeof message.data !== 'string') return
      let parsed: { event?: unknown; payload?: unknown }
      try {
        parsed = JSON.parse(message.data) as typeof parsed
      } catch {
        return
      }
      const listeners = pushListeners.get(parsed.event as EventName)
      if (listeners) for (const listener of [...listeners]) listener(parsed.payload)
    }
    ws.onclose = () => {
      if (socket !== ws) return
      socket = null
      setState('closed')
      const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]
      attempt += 1
      retryTimer = setTimeout(() => {
        retryTimer = null
        connect()
      }, delay)
    }
  }

  async function call(method: string, args: unknown): Promise<Envelope> {
    let response: Response
    try {
      response = await fetch(new URL(`/api/call/${encodeURIComponent(method)}`, origin), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(args ?? {})
      })
    } catch (error) {
      return failure(`Cannot reach Vigil at ${origin}: ${(error as Error).message}`)
    }
    if (response.status === 401) for (const listener of [...unauthenticatedListeners]) listener()
    let body: unknown
    try {
      body = await response.json()
    } catch {
      if (response.status === 401) return failure('Please log in again.', 'UNAUTHENTICATED')
      return failure(`Vigil answered ${method} with HTTP ${response.status} and no JSON body`)
    }
    return isEnvelope(body) ? body : failure(`Vigil answered ${method} with an unexpected body (HTTP ${response.status})`)
  }

  return {
    call,
    subscribe(event, listener) {
      let listeners = pushListeners.get(event)
      if (!listeners) pushListeners.set(event, (listeners = new Set()))
      listeners.add(listener)
      connect()
      return () => {
        listeners.delete(listener)
      }
    },
    onUnauthenticated(listener) {
      unauthenticatedListeners.add(listener)
      return () => unauthenticatedListeners.delete(listener)
    },
    onPushState(listener) {
      stateListeners.add(listener)
      return () => stateListeners.delete(listener)
    },
    reconnect() {
      if (retryTimer) clearTimeout(retryTimer)
      retryTimer = null
      attempt = 0
      if (socket && socket.readyState !== WebSocket.CLOSED) {
        const old = socket
        socket = null
        old.onclose = null
        old.close()
      }
      connect()
    }
  }
}
