// Privacy mode for the whole house: recording and detection paused until a time, and the global alert switch.
// Starts from privacy.get, then follows the privacyChanged push (another window or the pause running out).
import { useEffect, useState } from 'react'
import type { MethodArgs, PrivacyState } from '../api/contract'
import { useAction } from './useAction'
import { useCall } from './useCall'
import { useApi } from './useConnection'
import { useEvent } from './useEvent'

export interface Privacy {
  state: PrivacyState | null
  busy: boolean
  set(change: MethodArgs<'privacy.set'>): Promise<void>
}

export function usePrivacy(): Privacy {
  const api = useApi()
  const { busy, run } = useAction()
  const { data } = useCall('privacy.get', {})
  const [state, setState] = useState<PrivacyState | null>(null)

  useEffect(() => {
    if (data) setState(data)
  }, [data])
  useEvent('privacyChanged', setState)

  const set = async (change: MethodArgs<'privacy.set'>) => {
    const next = await run(() => api['privacy.set'](change))
    if (next) setState(next)
  }
  return { state, busy, set }
}

/** The current time, rendered again once `at` (epoch ms) has passed: "paused until" turns back into "recording" on time. */
export function useNowAfter(at: number | null): number {
  const [, setTick] = useState(0)
  useEffect(() => {
    if (at === null) return
    const wait = at - Date.now()
    if (wait <= 0) return
    // setTimeout takes at most about 24.8 days; a pause is at most 24 hours.
    const timer = setTimeout(() => setTick((tick) => tick + 1), wait + 50)
    return () => clearTimeout(timer)
  }, [at])
  return Date.now()
}
