// What the preload exposes with contextBridge (preload/index.ts): the transport, nothing more.
import type { Envelope, EventName, MethodName } from './contract'

export interface VigilBridge {
  call(method: MethodName, args: unknown): Promise<Envelope>
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void
}

declare global {
  interface Window {
    vigilBridge?: VigilBridge
  }
}
