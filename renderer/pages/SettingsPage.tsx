import { ErrorBox } from '../components/ErrorText'
import { useAppInfo } from '../hooks/useAppInfo'
import { useCall } from '../hooks/useCall'
import { useT } from '../i18n'
import { AppInfoList } from '../views/AppInfoList'
import { BrowserNotificationsPanel } from '../views/BrowserNotificationsPanel'
import { GeneralSettingsForm } from '../views/GeneralSettingsForm'
import { JurisdictionSettings } from '../views/JurisdictionSettings'
import { WebhookPortSettings } from '../views/WebhookPortSettings'

export function SettingsPage() {
  const t = useT()
  const settings = useCall('settings.get', {})
  const info = useAppInfo()

  return (
    <div className="page" data-testid="page-settings">
      <div className="page__header">
        <h1>{t('settings.title')}</h1>
      </div>
      {settings.error ? <ErrorBox error={settings.error} onRetry={settings.reload} /> : null}
      {settings.data ? (
        <GeneralSettingsForm key={settings.data.segmentSeconds} settings={settings.data} onSaved={settings.reload} />
      ) : null}
      {settings.data ? <JurisdictionSettings settings={settings.data} onSaved={settings.reload} /> : null}
      {settings.data ? <WebhookPortSettings settings={settings.data} onSaved={settings.reload} /> : null}
      {/* The desktop app shows native notifications itself: the browser's permission is not its business. */}
      {info?.headless ? <BrowserNotificationsPanel /> : null}
      {info ? <AppInfoList info={info} /> : <p className="muted">{t('common.loading')}</p>}
    </div>
  )
}
