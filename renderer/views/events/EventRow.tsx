import type { CameraEvent } from '../../api/contract'
import { EventKindBadge } from '../../components/EventKindBadge'
import { EventThumb } from '../../components/EventThumb'
import { formatDuration } from '../../components/timeline/DayBar'
import { eventHref } from '../../events/links'
import { eventExportRange, exportHref } from '../../export/links'
import { useClockFormat } from '../../hooks/useClockFormat'
import { useT } from '../../i18n'

/** One event: still, camera, kind, zone, time and duration; the whole row opens it on the timeline. Beside it,
 * "Export…" opens the export wizard for the event's camera and time. */
export function EventRow({ event, cameraName }: { event: CameraEvent; cameraName: string }) {
  const t = useT()
  const clock = useClockFormat()
  const ongoing = event.end === null
  return (
    <li className="event-row-item">
      <a
        className="event-row"
        href={eventHref(event)}
        title={t('events.openHint')}
        data-testid="event-row"
        data-event-id={event.id}
        data-kind={event.kind}
        data-camera={event.cameraId}
        data-start={event.start}
        data-ongoing={ongoing || undefined}
      >
        <EventThumb event={event} alt="" />
        <div className="event-row__main">
          <div className="event-row__title">
            <span className="event-row__camera">{cameraName}</span>
            <EventKindBadge kind={event.kind} />
          </div>
          {event.zoneName ? <div className="event-row__zone">{t('events.zone', { zone: event.zoneName })}</div> : null}
          <div className="event-row__time">
            <time dateTime={new Date(event.start).toISOString()}>{clock.hms(event.start)}</time>
            {ongoing ? (
              <span className="event-row__ongoing" data-testid="event-duration">
                {t('events.ongoing')}
              </span>
            ) : (
              <span className="muted" data-testid="event-duration">
                {formatDuration(event.end! - event.start, t)}
              </span>
            )}
          </div>
        </div>
      </a>
      <a
        className="button button--small event-row__export"
        href={exportHref({ cameraIds: [event.cameraId], ...eventExportRange(event, Date.now()) })}
        title={t('events.exportHint')}
        data-testid="event-export"
        data-event-id={event.id}
      >
        {t('events.export')}
      </a>
    </li>
  )
}
