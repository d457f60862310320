import type { Connection } from './api/client'
import { useAuth } from './hooks/useAuth'
import { ConnectionProvider } from './hooks/useConnection'
import { NoticeProvider } from './hooks/useNotices'
import { I18nProvider } from './i18n'
import { LoginPage } from './pages/LoginPage'
import { AppShell } from './views/AppShell'

export function App({ connection }: { connection: Connection }) {
  return (
    <I18nProvider>
      <ConnectionProvider connection={connection}>
        <NoticeProvider>
          <AuthGate />
        </NoticeProvider>
      </ConnectionProvider>
    </I18nProvider>
  )
}

function AuthGate() {
  const { auth, loggedIn } = useAuth()
  if (auth === 'checking') return null
  if (auth === 'login') return <LoginPage onLoggedIn={loggedIn} />
  return <AppShell />
}
