// A camera's events on its day bar: a coloured band per event (at least a few pixels wide), with a hover text
// naming kind, zone and time. A click opens the event (handled by the track, which owns the pointer).
import type { CameraEvent } from '../../api/contract'
import { useClockFormat } from '../../hooks/useClockFormat'
import { useT } from '../../i18n'
import { fractionOf, type ViewWindow } from '../../timeline/view-window'
import { formatDuration } from './DayBar'

const MIN_WIDTH = 4
/**
 * Marks sit in a band along the bottom of the bar: a click there opens the event, a click anywhere above
 * still seeks to that instant, even where a long event covers the whole span.
 */
const MARK_BAND = 0.3

interface EventMarksProps {
  events: readonly CameraEvent[]
  view: ViewWindow
  width: number
  height: number
  /** Where an ongoing event ends for now. */
  now: number
}

export function EventMarks({ events, view, width, height, now }: EventMarksProps) {
  const t = useT()
  const clock = useClockFormat()
  const viewEnd = view.start + view.span
  return (
    <g className="tl-marks">
      {events
        .filter((event) => (event.end ?? now) >= view.start && event.start <= viewEnd)
        .map((event) => {
          const end = event.end ?? Math.max(event.start, now)
          const x0 = fractionOf(view, event.start) * width
          const x1 = Math.max(x0 + MIN_WIDTH, fractionOf(view, end) * width)
          const kind = t(`event.kind.${event.kind}`)
          const times = event.end === null ? t('timeline.eventOngoing', { from: clock.hms(event.start) }) : `${clock.hms(event.start)}–${clock.hms(event.end)} (${formatDuration(end - event.start, t)})`
          return (
            <rect
              key={event.id}
              className={`tl-mark tl-mark--${event.kind}`}
              x={x0}
              width={x1 - x0}
              y={height * (1 - MARK_BAND)}
              height={height * MARK_BAND}
              data-testid="timeline-event"
              data-event-id={event.id}
              data-kind={event.kind}
              data-start={event.start}
            >
              <title>{event.zoneName ? t('timeline.eventTitleZone', { kind, zone: event.zoneName, times }) : t('timeline.eventTitle', { kind, times })}</title>
            </rect>
          )
        })}
    </g>
  )
}
