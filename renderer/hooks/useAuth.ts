// Whether to show the login page. Only the headless server (HTTP) has one; the desktop window is trusted.
import { useCallback, useEffect, useState } from 'react'
import { fetchSession } from '../api/session'
import { useConnection } from './useConnection'

export type AuthState = 'checking' | 'login' | 'ready'

export function useAuth(): { auth: AuthState; loggedIn(): void } {
  const connection = useConnection()
  const [auth, setAuth] = useState<AuthState>(connection.kind === 'ipc' ? 'ready' : 'checking')

  useEffect(() => {
    if (connection.kind === 'ipc') return
    let cancelled = false
    fetchSession().then(
      (session) => {
        if (!cancelled) setAuth(session.authenticated || !session.passwordRequired ? 'ready' : 'login')
      },
      // No session endpoint answering: let the calls themselves report what is wrong.
      () => {
        if (!cancelled) setAuth('ready')
      }
    )
    const unsubscribe = connection.onUnauthenticated(() => setAuth('login'))
    return () => {
      cancelled = true
      unsubscribe()
    }
  }, [connection])

  const loggedIn = useCallback(() => {
    setAuth('ready')
    connection.reconnect()
  }, [connection])

  return { auth, loggedIn }
}
