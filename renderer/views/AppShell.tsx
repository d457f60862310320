import type { ComponentType } from 'react'
import { DemoBanner } from '../components/DemoBanner'
import { Header } from '../components/Header'
import { NoticeArea } from '../components/NoticeArea'
import { AppInfoProvider } from '../hooks/useAppInfo'
import { useLanguageSync } from '../hooks/useLanguageSync'
import { usePushLost } from '../hooks/usePushLost'
import { useLocation, type Route } from '../hooks/useRoute'
import { useT } from '../i18n'
import { CamerasPage } from '../pages/CamerasPage'
import { EventsPage } from '../pages/EventsPage'
import { EvidencePage } from '../pages/EvidencePage'
import { ExportPage } from '../pages/ExportPage'
import { LivePage } from '../pages/LivePage'
import { SettingsPage } from '../pages/SettingsPage'
import { StoragePage } from '../pages/StoragePage'
import { TimelinePage } from '../pages/TimelinePage'
import { AlertStack } from './AlertStack'

const PAGES: Record<Route, ComponentType> = {
  live: LivePage,
  timeline: TimelinePage,
  events: EventsPage,
  export: ExportPage,
  evidence: EvidencePage,
  cameras: CamerasPage,
  storage: StoragePage,
  settings: SettingsPage
}

/** Header, demo banner, notices and the current page, for a signed-in (or desktop) user. */
export function AppShell() {
  return (
    <AppInfoProvider>
      <Shell />
    </AppInfoProvider>
  )
}

function Shell() {
  const t = useT()
  const { route } = useLocation()
  const pushLost = usePushLost()
  useLanguageSync()
  const Page = PAGES[route]

  return (
    <div className="app">
      <Header route={route} />
      <DemoBanner />
      <main className="app-main">
        <NoticeArea extra={pushLost ? t('notice.pushLost') : null} />
        <Page />
      </main>
      <AlertStack />
    </div>
  )
}
