// The camera's picture with the zones over it (SVG in the picture's own proportions, so handles stay round).
// Drawing: a click adds a point, a click on the first point closes the shape. Otherwise: a click selects the
// zone under it; the selected zone's points can be dragged (or moved with the arrow keys, Delete removes
// one), and dragging the small mark in the middle of an edge adds a point there.
import { useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react'
import type { MotionZone, NormPoint } from '../../api/contract'
import { edgeMidpoints, hitPoint, insertPoint, labelPoint, MAX_POINTS, movePoint, pointFromClient, svgPoints, zoneAt, type Size } from '../../detection/zones'
import { useElementWidth } from '../../hooks/useElementWidth'
import { ZoneHandles } from './ZoneHandles'
import { PictureOverlay, usePictureView } from '../../components/PictureOverlay'

interface ZoneCanvasProps {
  imageUrl: string | null
  zones: readonly MotionZone[]
  selectedId: string | null
  /** The shape being drawn, or null when not drawing. */
  draft: readonly NormPoint[] | null
  draftKind: MotionZone['kind']
  onDrawClick(at: NormPoint, size: Size): void
  onSelect(zoneId: string | null): void
  onPoints(zoneId: string, points: NormPoint[]): void
  /** Keys while drawing: Enter finishes, Escape cancels, Backspace takes the last point back. */
  onDrawKey(key: 'finish' | 'cancel' | 'undo'): void
  caption: string
}

const HANDLE_PX = 7

export function ZoneCanvas({ imageUrl, zones, selectedId, draft, draftKind, onDrawClick, onSelect, onPoints, onDrawKey, caption }: ZoneCanvasProps) {
  const box = useRef<HTMLDivElement>(null)
  const svg = useRef<SVGSVGElement>(null)
  const width = useElementWidth(box)
  const hatch = `hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`
  const { view, setAspect } = usePictureView()
  const [drag, setDrag] = useState<{ zoneId: string; index: number } | null>(null)
  const [hover, setHover] = useState<NormPoint | null>(null)
  /** viewBox units per screen pixel. */
  const unit = view.width / Math.max(1, width)
  const selected = zones.find((zone) => zone.id === selectedId) ?? null

  const locate = (event: PointerEvent) => {
    const rect = svg.current!.getBoundingClientRect()
    return { at: pointFromClient(event.clientX, event.clientY, rect), size: { width: rect.width, height: rect.height } }
  }

  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if (event.button !== 0) return
    const { at, size } = locate(event)
    if (draft) {
      onDrawClick(at, size)
      return
    }
    if (selected) {
      const vertex = hitPoint(selected.points, at, size)
      const edge = vertex === null && selected.points.length < MAX_POINTS ? hitPoint(edgeMidpoints(selected.points), at, size, HANDLE_PX + 2) : null
      if (vertex !== null || edge !== null) {
        event.currentTarget.setPointerCapture(event.pointerId)
        if (edge !== null) onPoints(selected.id, insertPoint(selected.points, edge, at))
        setDrag({ zoneId: selected.id, index: vertex ?? edge! + 1 })
        event.preventDefault()
        return
      }
    }
    const index = zoneAt(zones, at)
    onSelect(index === null ? null : zones[index].id)
  }

  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const { at } = locate(event)
    if (draft) setHover(at)
    if (!drag) return
    const zone = zones.find((candidate) => candidate.id === drag.zoneId)
    if (zone) onPoints(zone.id, movePoint(zone.points, drag.index, at))
  }

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    if (!draft) return
    const key = event.key === 'Enter' ? 'finish' : event.key === 'Escape' ? 'cancel' : event.key === 'Backspace' ? 'undo' : null
    if (!key) return
    event.preventDefault()
    event.stopPropagation()
    onDrawKey(key)
  }

  const last = draft?.[draft.length - 1]
  return (
    <PictureOverlay ref={box} imageUrl={imageUrl} className="zone-canvas" onAspect={setAspect} drawing={!!draft}>
      <svg
        ref={svg}
        className="picture-overlay__svg"
        viewBox={`0 0 ${view.width} ${view.height}`}
        preserveAspectRatio="none"
        role="group"
        aria-label={caption}
        tabIndex={draft ? 0 : -1}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => setDrag(null)}
        onPointerCancel={() => setDrag(null)}
        onPointerLeave={() => setHover(null)}
        onKeyDown={onKeyDown}
        data-testid="zone-canvas"
      >
        <defs>
          <pattern id={hatch} patternUnits="userSpaceOnUse" width={10 * unit} height={10 * unit} patternTransform="rotate(45)">
            <rect className="zone__hatch" width={4 * unit} height={10 * unit} />
          </pattern>
        </defs>
        {zones.map((zone) => {
          const label = labelPoint(zone.points)
          return (
            <g key={zone.id} className={`zone zone--${zone.kind}${zone.id === selectedId ? ' is-selected' : ''}`}>
              <polygon
                className="zone__shape"
                points={svgPoints(zone.points, view)}
                fill={zone.kind === 'exclude' ? `url(#${hatch})` : undefined}
                vectorEffect="non-scaling-stroke"
                data-testid="zone-polygon"
                data-zone-id={zone.id}
                data-kind={zone.kind}
                data-points={JSON.stringify(zone.points)}
              />
              <text className="zone__label" x={label.x * view.width} y={label.y * view.height} fontSize={13 * unit} strokeWidth={3 * unit} textAnchor="middle" dominantBaseline="middle">
                {zone.name}
              </text>
            </g>
          )
        })}
        {selected ? <ZoneHandles zone={selected} view={view} radius={HANDLE_PX * unit} onPoints={(points) => onPoints(selected.id, points)} /> : null}
        {draft ? (
          <g className={`zone-draft zone-draft--${draftKind}`} data-testid="zone-draft" data-points={draft.length}>
            <polyline className="zone-draft__line" points={svgPoints(hover && last ? [...draft, hover] : draft, view)} vectorEffect="non-scaling-stroke" />
            {draft.map((point, index) => (
              <circle
                key={index}
                className={index === 0 && draft.length >= 3 ? 'zone-handle zone-handle--close' : 'zone-handle'}
                cx={point.x * view.width}
                cy={point.y * view.height}
                r={(index === 0 && draft.length >= 3 ? HANDLE_PX + 2 : HANDLE_PX - 1) * unit}
              />
            ))}
          </g>
        ) : null}
      </svg>
    </PictureOverlay>
  )
}
