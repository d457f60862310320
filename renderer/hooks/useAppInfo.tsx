// app.info for the whole shell (demo banner, time zone, settings page); reloaded when cameras change,
// because adding the first camera ends the demo.
import { createContext, useContext, type ReactNode } from 'react'
import type { AppInfo } from '../api/contract'
import { useCall } from './useCall'

const AppInfoContext = createContext<AppInfo | null>(null)

export function AppInfoProvider({ children }: { children: ReactNode }) {
  const { data } = useCall('app.info', {}, { refreshOn: ['camerasChanged'] })
  return <AppInfoContext.Provider value={data ?? null}>{children}</AppInfoContext.Provider>
}

/** null until app.info has answered. */
export function useAppInfo(): AppInfo | null {
  return useContext(AppInfoContext)
}
