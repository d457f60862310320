// The renderer's only way to the app. A transport moves (method, args) and pushes; this turns it into VigilApi.
import { VigilError, isErrorPayload } from './errors'
import type { EventName, VigilEvents } from './events'
import type { VigilApi } from './methods'
import { METHOD_NAMES, type MethodName } from './method-names'

/** Result envelope shared by IPC and HTTP, so errors keep their code across either transport. */
export type Envelope = { ok: true; value: unknown } | { ok: false; error: unknown }

export interface VigilTransport {
  call(method: MethodName, args: unknown): Promise<Envelope>
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void
}

export interface VigilClient {
  api: VigilApi
  on<E extends EventName>(event: E, listener: (payload: VigilEvents[E]) => void): () => void
}

export function createClient(transport: VigilTransport): VigilClient {
  const api = {} as Record<MethodName, (args: unknown) => Promise<unknown>>
  for (const method of METHOD_NAMES) {
    api[method] = async (args: unknown) => {
      const envelope = await transport.call(method, args ?? {})
      if (envelope.ok) return envelope.value
      if (isErrorPayload(envelope.error)) throw VigilError.fromPayload(envelope.error)
      throw new VigilError('INTERNAL', `Unexpected error from ${method}`)
    }
  }
  return {
    api: api as unknown as VigilApi,
    on: (event, listener) => transport.subscribe(event, listener as (payload: unknown) => void)
  }
}
