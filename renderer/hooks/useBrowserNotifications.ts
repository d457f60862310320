// Browser notifications (headless mode; the desktop shell shows native ones itself). Browsers offer them only
// on a secure page (https or localhost) and only after the user allowed them.
import { useCallback, useEffect, useState } from 'react'

export type NotificationSupport = 'unsupported' | 'insecure' | NotificationPermission

function notificationSupport(): NotificationSupport {
  if (typeof window === 'undefined' || !('Notification' in window)) return 'unsupported'
  if (!window.isSecureContext) return 'insecure'
  return Notification.permission
}

/** The permission, following changes made in the browser's site settings; request() asks the user. */
export function useNotificationPermission(): { permission: NotificationSupport; request(): Promise<void> } {
  const [permission, setPermission] = useState<NotificationSupport>(notificationSupport)

  useEffect(() => {
    if (!navigator.permissions?.query) return
    let status: PermissionStatus | null = null
    let cancelled = false
    const update = () => setPermission(notificationSupport())
    navigator.permissions.query({ name: 'notifications' }).then(
      (result) => {
        if (cancelled) return
        status = result
        status.addEventListener('change', update)
      },
      () => undefined
    )
    return () => {
      cancelled = true
      status?.removeEventListener('change', update)
    }
  }, [])

  const request = useCallback(async () => {
    if (notificationSupport() !== 'default') return
    try {
      await Notification.requestPermission()
    } finally {
      setPermission(notificationSupport())
    }
  }, [])

  return { permission, request }
}

export interface BrowserNotice {
  title: string
  body: string
  /** A data: URL (the event's still) or nothing. */
  icon?: string
  /** Notifications with the same tag replace each other (one per event, also across several open tabs). */
  tag: string
  onClick(): void
}

/** Shows a notification if the user allowed them; a click brings this window forward and runs onClick. */
export function showBrowserNotification(notice: BrowserNotice): void {
  if (notificationSupport() !== 'granted') return
  try {
    const notification = new Notification(notice.title, { body: notice.body, icon: notice.icon, tag: notice.tag })
    notification.onclick = () => {
      window.focus()
      notice.onClick()
      notification.close()
    }
  } catch {
    // Some browsers (Android Chrome) allow notifications only from a service worker: the in-page alert remains.
  }
}
