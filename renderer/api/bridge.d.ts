// What the preload exposes with contextBridge (preload/index.ts): the transport, nothing more.
import type { Envelope, EventName, LiveHello, MethodName } from './contract'

export interface LiveRequest {
  cameraId: string
  stream: 'main' | 'sub'
  transcode: boolean
}

/** One message of a live stream: the hello first, then fMP4 bytes (init segment, then fragments). */
export type LiveMessage = { kind: 'hello'; hello: LiveHello } | { kind: 'data'; bytes: Uint8Array } | { kind: 'error'; message: string }

export interface VigilBridge {
  call(method: MethodName, args: unknown): Promise<Envelope>
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void
  /** Desktop live view over IPC; returns a function that closes the stream. */
  openLive(request: LiveRequest, listener: (message: LiveMessage) => void): () => void
}

declare global {
  interface Window {
    vigilBridge?: VigilBridge
  }
}
