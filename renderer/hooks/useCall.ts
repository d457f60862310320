// Load one contract call and keep it fresh: reload on the named push events (throttled) and after the push
// channel comes back from a disconnect (events may have been missed).
import { useCallback, useEffect, useState } from 'react'
import type { ErrorPayload, EventName, MethodArgs, MethodName, MethodResults } from '../api/contract'
import { toErrorPayload } from './errors'
import { useConnection } from './useConnection'

export interface CallState<T> {
  data: T | undefined
  error: ErrorPayload | null
  loading: boolean
  reload(): void
}

export interface CallOptions {
  refreshOn?: EventName[]
  /** Reload at most once per this many milliseconds when events arrive in bursts. */
  throttleMs?: number
  /** false: ask nothing for now (the caller uses other data meanwhile); the last answer stays. */
  enabled?: boolean
}

export function useCall<M extends MethodName>(
  method: M,
  args: MethodArgs<M>,
  options: CallOptions = {}
): CallState<MethodResults[M]> {
  const connection = useConnection()
  const argsKey = JSON.stringify(args)
  const eventsKey = (options.refreshOn ?? []).join(',')
  const throttleMs = options.throttleMs ?? 0
  const enabled = options.enabled ?? true
  const [generation, setGeneration] = useState(0)
  const [state, setState] = useState<Omit<CallState<MethodResults[M]>, 'reload'>>({
    data: undefined,
    error: null,
    loading: true
  })
  const reload = useCallback(() => setGeneration((value) => value + 1), [])

  useEffect(() => {
    if (!enabled) return
    let cancelled = false
    const call = connection.client.api[method] as (args: unknown) => Promise<MethodResults[M]>
    call(JSON.parse(argsKey)).then(
      (data) => {
        if (!cancelled) setState({ data, error: null, loading: false })
      },
      (error: unknown) => {
        if (!cancelled) setState((previous) => ({ ...previous, error: toErrorPayload(error), loading: false }))
      }
    )
    return () => {
      cancelled = true
    }
  }, [connection, method, argsKey, generation, enabled])

  useEffect(() => {
    if (!enabled) return
    const events = eventsKey ? (eventsKey.split(',') as EventName[]) : []
    let timer: ReturnType<typeof setTimeout> | null = null
    let last = 0
    const schedule = () => {
      if (timer) return
      timer = setTimeout(
        () => {
          timer = null
          last = Date.now()
          reload()
        },
        Math.max(0, last + throttleMs - Date.now())
      )
    }
    const unsubscribers = events.map((event) => connection.client.on(event, schedule))
    unsubscribers.push(
      connection.onPushState((pushState, resumed) => {
        if (pushState === 'open' && resumed) schedule()
      })
    )
    return () => {
      for (const unsubscribe of unsubscribers) unsubscribe()
      if (timer) clearTimeout(timer)
    }
  }, [connection, eventsKey, throttleMs, reload, enabled])

  return { ...state, reload }
}
