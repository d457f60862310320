// Settings row for browser notifications (headless mode): the permission, a button to ask for it, a test.
import { showBrowserNotification, useNotificationPermission } from '../hooks/useBrowserNotifications'
import { useT } from '../i18n'

export function BrowserNotificationsPanel() {
  const t = useT()
  const { permission, request } = useNotificationPermission()
  const test = () =>
    showBrowserNotification({ title: t('notifications.testTitle'), body: t('notifications.testBody'), tag: 'vigil-test', onClick: () => undefined })

  return (
    <section className="panel" data-testid="settings-notifications">
      <h2>{t('notifications.title')}</h2>
      <dl className="facts">
        <div className="facts__row">
          <dt>{t('notifications.browser')}</dt>
          <dd className="notifications__state">
            <span data-testid="notifications-permission" data-permission={permission}>
              {t(`notifications.state.${permission}`)}
            </span>
            {permission === 'default' ? (
              <button type="button" className="button button--small button--primary" onClick={() => void request()} data-testid="notifications-allow">
                {t('notifications.allow')}
              </button>
            ) : null}
            {permission === 'granted' ? (
              <button type="button" className="button button--small" onClick={test} data-testid="notifications-test">
                {t('notifications.test')}
              </button>
            ) : null}
          </dd>
        </div>
      </dl>
      <p className="field__hint">{t('notifications.hint')}</p>
    </section>
  )
}
