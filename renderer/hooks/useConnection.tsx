// The one Connection (client + transport extras) for the whole UI, and the typed API from it.
import { createContext, useContext, type ReactNode } from 'react'
import type { Connection } from '../api/client'
import type { VigilApi } from '../api/contract'

const ConnectionContext = createContext<Connection | null>(null)

export function ConnectionProvider({ connection, children }: { connection: Connection; children: ReactNode }) {
  return <ConnectionContext.Provider value={connection}>{children}</ConnectionContext.Provider>
}

export function useConnection(): Connection {
  const connection = useContext(ConnectionContext)
  if (!connection) throw new Error('useConnection() needs a <ConnectionProvider> above it')
  return connection
}

export function useApi(): VigilApi {
  return useConnection().client.api
}
