// The selected zone's points (drag targets, and focusable: arrow keys move one, Delete removes it) and the
// marks in the middle of its edges (drag one to add a point there). Dragging itself is handled by the canvas.
import type { KeyboardEvent } from 'react'
import type { MotionZone, NormPoint } from '../../api/contract'
import { edgeMidpoints, MAX_POINTS, nudgePoint, removePoint, type Size } from '../../detection/zones'
import { useT } from '../../i18n'

/** One arrow key press moves a point by this share of the picture; with Shift ten times as far. */
const STEP = 0.005

interface ZoneHandlesProps {
  zone: MotionZone
  /** The canvas's viewBox size. */
  view: Size
  /** Handle radius in viewBox units. */
  radius: number
  onPoints(points: NormPoint[]): void
}

export function ZoneHandles({ zone, view, radius, onPoints }: ZoneHandlesProps) {
  const t = useT()
  const onKey = (index: number) => (event: KeyboardEvent<SVGCircleElement>) => {
    const step = event.shiftKey ? STEP * 10 : STEP
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }
    if (moves[event.key]) onPoints(nudgePoint(zone.points, index, ...moves[event.key]))
    else if (event.key === 'Delete' || event.key === 'Backspace') onPoints(removePoint(zone.points, index))
    else return
    event.preventDefault()
    event.stopPropagation()
  }

  return (
    <g className="zone-handles">
      {zone.points.length < MAX_POINTS
        ? edgeMidpoints(zone.points).map((point, index) => (
            <circle key={`m${index}`} className="zone-handle zone-handle--mid" cx={point.x * view.width} cy={point.y * view.height} r={radius * 0.7} />
          ))
        : null}
      {zone.points.map((point, index) => (
        <circle
          key={index}
          className="zone-handle"
          cx={point.x * view.width}
          cy={point.y * view.height}
          r={radius}
          tabIndex={0}
          role="button"
          aria-label={t('zones.point', { n: index + 1, count: zone.points.length, name: zone.name })}
          onKeyDown={onKey(index)}
          data-testid="zone-handle"
          data-index={index}
        />
      ))}
    </g>
  )
}
