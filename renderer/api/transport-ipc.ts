// Desktop transport: the preload's bridge already speaks (method, args) -> Envelope.
import type { VigilBridge } from './bridge'
import type { VigilTransport } from './contract'

export function createIpcTransport(bridge: VigilBridge): VigilTransport {
  return {
    call: (method, args) => bridge.call(method, args),
    subscribe: (event, listener) => bridge.subscribe(event, listener)
  }
}
