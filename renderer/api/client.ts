// Picks the transport: the preload's IPC bridge in the desktop window, HTTP + WebSocket in a browser.
import { createClient, type VigilClient } from './contract'
import { createHttpTransport, type PushState } from './transport-http'
import { createIpcTransport } from './transport-ipc'

export interface Connection {
  kind: 'ipc' | 'http'
  client: VigilClient
  /** Fires when a call needs a login (HTTP only). */
  onUnauthenticated(listener: () => void): () => void
  /** Push channel state; `resumed` is true when it reopened after a loss, so views should reload. */
  onPushState(listener: (state: PushState, resumed: boolean) => void): () => void
  reconnect(): void
}

const noop = (): void => {}

export function createConnection(): Connection {
  const bridge = window.vigilBridge
  if (bridge) {
    return {
      kind: 'ipc',
      client: createClient(createIpcTransport(bridge)),
      onUnauthenticated: () => noop,
      onPushState: () => noop,
      reconnect: noop
    }
  }
  const transport = createHttpTransport()
  return {
    kind: 'http',
    client: createClient(transport),
    onUnauthenticated: (listener) => transport.onUnauthenticated(listener),
    onPushState: (listener) => transport.onPushState(listener),
    reconnect: () => transport.reconnect()
  }
}
