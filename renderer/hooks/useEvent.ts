// Subscribe to a push event for the lifetime of the component; the listener may change every render.
import { useEffect, useEffectEvent } from 'react'
import type { EventName, VigilEvents } from '../api/contract'
import { useConnection } from './useConnection'

export function useEvent<E extends EventName>(event: E, listener: (payload: VigilEvents[E]) => void): void {
  const { client } = useConnection()
  const onEvent = useEffectEvent(listener)
  useEffect(() => client.on(event, (payload) => onEvent(payload)), [client, event])
}
