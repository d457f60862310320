// The in-page notice area: errors stay until dismissed, confirmations fade after a few seconds.
// Notices keep keys and payloads, not finished text, so switching the language re-translates them.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import type { ErrorPayload } from '../api/contract'
import type { MessageKey, Values } from '../i18n'
import { toErrorPayload } from './errors'

export type Notice =
  | { id: number; kind: 'error'; error: ErrorPayload }
  | { id: number; kind: 'success'; key: MessageKey; values?: Values }

interface NoticeApi {
  notices: Notice[]
  notifyError(error: unknown): void
  notifySuccess(key: MessageKey, values?: Values): void
  dismiss(id: number): void
}

const NoticeContext = createContext<NoticeApi | null>(null)
const SUCCESS_MS = 4000
let nextId = 1

export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([])

  const dismiss = useCallback((id: number) => {
    setNotices((list) => list.filter((notice) => notice.id !== id))
  }, [])

  const notifyError = useCallback((error: unknown) => {
    const payload = toErrorPayload(error)
    // A missing session is answered by the login page, not by a notice.
    if (payload.code === 'UNAUTHENTICATED') return
    setNotices((list) => [
      ...list.filter((n) => !(n.kind === 'error' && n.error.message === payload.message)).slice(-4),
      { id: nextId++, kind: 'error', error: payload }
    ])
  }, [])

  const notifySuccess = useCallback(
    (key: MessageKey, values?: Values) => {
      const id = nextId++
      setNotices((list) => [...list.slice(-4), { id, kind: 'success', key, values }])
      setTimeout(() => dismiss(id), SUCCESS_MS)
    },
    [dismiss]
  )

  const value = useMemo(
    () => ({ notices, notifyError, notifySuccess, dismiss }),
    [notices, notifyError, notifySuccess, dismiss]
  )
  return <NoticeContext.Provider value={value}>{children}</NoticeContext.Provider>
}

export function useNotices(): NoticeApi {
  const value = useContext(NoticeContext)
  if (!value) throw new Error('useNotices() needs a <NoticeProvider> above it')
  return value
}
