// Run a change (add, save, remove...) with a busy flag; failures go to the notice area unless the caller
// handles them (return true from onError, e.g. to show field errors in a form).
import { useCallback, useState } from 'react'
import type { ErrorPayload } from '../api/contract'
import { toErrorPayload } from './errors'
import { useNotices } from './useNotices'

export interface ActionOptions {
  onError?(error: ErrorPayload): boolean
}

export function useAction() {
  const { notifyError } = useNotices()
  const [busy, setBusy] = useState(false)

  const run = useCallback(
    async <T>(work: () => Promise<T>, options: ActionOptions = {}): Promise<T | undefined> => {
      setBusy(true)
      try {
        return await work()
      } catch (error) {
        const payload = toErrorPayload(error)
        if (!options.onError?.(payload)) notifyError(payload)
        return undefined
      } finally {
        setBusy(false)
      }
    },
    [notifyError]
  )

  return { busy, run }
}
