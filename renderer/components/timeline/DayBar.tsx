// One camera's part of the day: recorded spans, and gaps whose hover text names the cause and the duration.
import type { CameraEvent, Gap } from '../../api/contract'
import { useClockFormat } from '../../hooks/useClockFormat'
import { useT, type Translate } from '../../i18n'
import type { Span } from '../../timeline/spans'
import { fractionOf, type ViewWindow } from '../../timeline/view-window'
import { EventMarks } from './EventMarks'

export const BAR_HEIGHT = 28

export function formatDuration(ms: number, t: Translate): string {
  const total = Math.max(0, Math.round(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  if (h > 0) return t('timeline.duration.h', { h, m })
  if (m > 0) return t('timeline.duration.m', { m, s })
  return t('timeline.duration.s', { s })
}

interface DayBarProps {
  name: string
  view: ViewWindow
  /** Drawing width in pixels (the bar stretches to its box). */
  width: number
  spans: readonly Span[]
  gaps: readonly Gap[]
  events: readonly CameraEvent[]
  /** Where a gap or an event that is still open ends for now. */
  now: number
}

export function DayBar({ name, view, width, spans, gaps, events, now }: DayBarProps) {
  const t = useT()
  const clock = useClockFormat()
  const w = Math.max(1, width)
  const viewEnd = view.start + view.span
  const box = (start: number, end: number, minWidth: number) => {
    const x0 = Math.max(0, fractionOf(view, start) * w)
    const x1 = Math.min(w, fractionOf(view, end) * w)
    return { x: x0, width: Math.max(minWidth, x1 - x0) }
  }
  const shownGaps = gaps
    .map((gap) => ({ gap, end: gap.end ?? Math.max(gap.start, now) }))
    .filter(({ gap, end }) => end > view.start && gap.start < viewEnd)

  return (
    <svg
      className="tl-bar"
      data-testid={`timeline-bar-${name}`}
      data-view-start={Math.round(view.start)}
      data-view-end={Math.round(viewEnd)}
      width="100%"
      height={BAR_HEIGHT}
      viewBox={`0 0 ${w} ${BAR_HEIGHT}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={t('timeline.bar', { name })}
    >
      <rect className="tl-bar__ground" x={0} y={0} width={w} height={BAR_HEIGHT} />
      {spans
        .filter((span) => span.end > view.start && span.start < viewEnd)
        .map((span) => (
          <rect key={span.start} className="tl-bar__span" y={3} height={BAR_HEIGHT - 6} {...box(span.start, span.end, 1)}>
            <title>{t('timeline.recorded', { from: clock.hms(span.start), to: clock.hms(span.end) })}</title>
          </rect>
        ))}
      {shownGaps.map(({ gap, end }) => (
        <rect
          key={gap.id}
          className={`tl-bar__gap tl-bar__gap--${gap.cause}`}
          data-testid="timeline-gap"
          data-cause={gap.cause}
          y={0}
          height={BAR_HEIGHT}
          {...box(gap.start, end, 3)}
        >
          <title>
            {t('timeline.gapTitle', {
              cause: t(`timeline.gap.${gap.cause}`),
              from: clock.hms(gap.start),
              to: gap.end === null ? t('timeline.now') : clock.hms(gap.end),
              duration: formatDuration(end - gap.start, t)
            })}
          </title>
        </rect>
      ))}
      <EventMarks events={events} view={view} width={w} height={BAR_HEIGHT} now={now} />
    </svg>
  )
}
