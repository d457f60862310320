// Native notifications for alerts, with the event's snapshot. Clicking one opens the event in the window.
import { Notification, nativeImage } from 'electron'
import type { Alert, Language } from '../contract'
import type { Notifier } from '../core/host'
import { alertBody, alertTitle, eventRoute } from './alert-text'

export interface DesktopNotifierOptions {
  language(): Language
  /** Shows the window at a route of the UI (e.g. the event). */
  open(route: string): void
}

export function createDesktopNotifier(options: DesktopNotifierOptions): Notifier {
  // Notifications are kept referenced until closed: a collected Notification loses its click handler.
  const live = new Set<Notification>()
  return {
    notify(alert: Alert, jpeg: Buffer | null) {
      if (!Notification.isSupported()) return
      const language = options.language()
      const notification = new Notification({
        title: alertTitle(alert, language),
        body: alertBody(alert, language),
        ...(jpeg ? { icon: nativeImage.createFromBuffer(jpeg) } : {}),
        silent: alert.event.kind !== 'doorbell'
      })
      live.add(notification)
      notification.on('click', () => options.open(eventRoute(alert)))
      notification.on('close', () => live.delete(notification))
      notification.show()
    }
  }
}
