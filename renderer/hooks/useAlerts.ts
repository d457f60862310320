// Alerts pushed by the app (events that passed the camera's alert rules): kept for the in-page alert stack,
// and shown as a browser notification when the user allowed them (headless mode only: the desktop shell
// shows native notifications itself).
import { useCallback, useState } from 'react'
import type { Alert, CameraEvent } from '../api/contract'
import { eventHref } from '../events/links'
import { useT, type Translate } from '../i18n'
import { useAppInfo } from './useAppInfo'
import { showBrowserNotification } from './useBrowserNotifications'
import { useClockFormat, type ClockFormat } from './useClockFormat'
import { useApi } from './useConnection'
import { useEvent } from './useEvent'
import { loadEventSnapshot } from './useEventSnapshot'
import { navigate } from './useRoute'

/** At most this many alerts are shown at once; a new one pushes the oldest out. */
const MAX_SHOWN = 4
/** A notification waits this long for the event's still before it goes out without one. */
const ICON_WAIT_MS = 1500

function alertTitle(alert: Alert, t: Translate): string {
  return t('alert.title', { camera: alert.cameraName, kind: t(`event.kind.${alert.event.kind}`) })
}

export function alertBody(event: CameraEvent, t: Translate, clock: ClockFormat): string {
  const time = clock.hms(event.start)
  return event.zoneName ? t('alert.bodyZone', { time, zone: event.zoneName }) : t('alert.body', { time })
}

export function useAlerts(): { alerts: Alert[]; dismiss(eventId: number): void } {
  const api = useApi()
  const t = useT()
  const clock = useClockFormat()
  const headless = useAppInfo()?.headless ?? false
  const [alerts, setAlerts] = useState<Alert[]>([])

  const dismiss = useCallback((eventId: number) => {
    setAlerts((list) => list.filter((alert) => alert.event.id !== eventId))
  }, [])

  useEvent('alert', (alert) => {
    setAlerts((list) => [alert, ...list.filter((shown) => shown.event.id !== alert.event.id)].slice(0, MAX_SHOWN))
    if (!headless) return
    const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), ICON_WAIT_MS))
    void Promise.race([loadEventSnapshot(api, alert.event), timeout]).then((icon) =>
      showBrowserNotification({
        title: alertTitle(alert, t),
        body: alertBody(alert.event, t, clock),
        icon: icon ?? undefined,
        tag: `vigil-event-${alert.event.id}`,
        onClick: () => {
          dismiss(alert.event.id)
          navigate(eventHref(alert.event))
        }
      })
    )
  })

  // The alert usually comes as the event starts; its still and end follow as eventChanged.
  useEvent('eventChanged', (event) => {
    setAlerts((list) => (list.some((alert) => alert.event.id === event.id) ? list.map((alert) => (alert.event.id === event.id ? { ...alert, event } : alert)) : list))
  })

  return { alerts, dismiss }
}
