// In-page alerts, top right: the event's still, camera, kind and time. A click opens the event on the
// timeline; each one goes away by itself after a while (not while the pointer or focus is on it).
import { useEffect, useState } from 'react'
import type { Alert } from '../api/contract'
import { EventKindBadge } from '../components/EventKindBadge'
import { EventThumb } from '../components/EventThumb'
import { eventHref } from '../events/links'
import { alertBody, useAlerts } from '../hooks/useAlerts'
import { useClockFormat } from '../hooks/useClockFormat'
import { useT } from '../i18n'

const SHOWN_MS = 15_000

export function AlertStack() {
  const t = useT()
  const { alerts, dismiss } = useAlerts()
  return (
    <section className="alert-stack" aria-label={t('alert.region')} data-testid="alert-stack">
      {alerts.map((alert) => (
        <AlertToast key={alert.event.id} alert={alert} dismiss={dismiss} />
      ))}
    </section>
  )
}

function AlertToast({ alert, dismiss }: { alert: Alert; dismiss(eventId: number): void }) {
  const t = useT()
  const clock = useClockFormat()
  const [held, setHeld] = useState(false)
  const { event } = alert
  const eventId = event.id
  const onDismiss = () => dismiss(eventId)

  useEffect(() => {
    if (held) return
    const timer = setTimeout(() => dismiss(eventId), SHOWN_MS)
    return () => clearTimeout(timer)
  }, [held, dismiss, eventId])

  return (
    <div
      className={`alert-toast alert-toast--${event.kind}`}
      role="alert"
      data-testid="alert-toast"
      data-event-id={event.id}
      data-kind={event.kind}
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      <a className="alert-toast__open" href={eventHref(event)} onClick={onDismiss} title={t('alert.open')} data-testid="alert-toast-open">
        <EventThumb event={event} alt="" />
        <span className="alert-toast__text">
          <span className="alert-toast__camera">{alert.cameraName}</span>
          <EventKindBadge kind={event.kind} />
          <span className="alert-toast__time">{alertBody(event, t, clock)}</span>
        </span>
      </a>
      <button type="button" className="notice__dismiss alert-toast__dismiss" onClick={onDismiss} aria-label={t('notice.dismiss')} data-testid="alert-toast-dismiss">
        ×
      </button>
    </div>
  )
}
