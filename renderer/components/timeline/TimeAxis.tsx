// Tick labels above the day bars; the step adapts to the zoom and the width.
import { useClockFormat } from '../../hooks/useClockFormat'
import { labelsNeedSeconds, tickStep, ticks } from '../../timeline/ticks'
import { fractionOf, type ViewWindow } from '../../timeline/view-window'

export const AXIS_HEIGHT = 22

export function TimeAxis({ view, width, dayStart }: { view: ViewWindow; width: number; dayStart: number }) {
  const clock = useClockFormat()
  const w = Math.max(1, width)
  const step = tickStep(view.span, w)
  const label = labelsNeedSeconds(step) ? clock.hms : clock.hm
  return (
    <svg className="tl-axis" width="100%" height={AXIS_HEIGHT} viewBox={`0 0 ${w} ${AXIS_HEIGHT}`} aria-hidden="true">
      {ticks(view.start, view.start + view.span, dayStart, step).map((at) => {
        const x = fractionOf(view, at) * w
        // Keep the first and last labels inside the bar.
        const anchor = x < 30 ? 'start' : x > w - 30 ? 'end' : 'middle'
        return (
          <g key={at}>
            <line className="tl-axis__tick" x1={x} x2={x} y1={AXIS_HEIGHT - 5} y2={AXIS_HEIGHT} />
            <text className="tl-axis__label" x={x} y={AXIS_HEIGHT - 8} textAnchor={anchor}>
              {label(at)}
            </text>
          </g>
        )
      })}
    </svg>
  )
}
