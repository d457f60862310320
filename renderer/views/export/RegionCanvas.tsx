// A still of the camera with the rectangles to cover over it (SVG in the picture's own proportions).
// Drag on free space to draw a rectangle; drag a rectangle to move it. With the keyboard: the selected one
// moves with the arrow keys, Shift + arrows resize it, Delete removes it.
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react'
import type { NormPoint } from '../../api/contract'
import { pointFromClient } from '../../detection/zones'
import { boxAt, boxFromCorners, isUsable, moveBox, resizeBox, type Box } from '../../export/regions'
import { PictureOverlay, usePictureView } from '../../components/PictureOverlay'

interface RegionCanvasProps {
  imageUrl: string | null
  regions: readonly { key: string; label: string; box: Box }[]
  selectedKey: string | null
  onSelect(key: string | null): void
  onDraw(box: Box): void
  onBox(key: string, box: Box): void
  onDelete(key: string): void
  caption: string
}

type Gesture = { kind: 'draw'; from: NormPoint; to: NormPoint } | { kind: 'move'; key: string; from: NormPoint; start: Box }

const STEP = 0.01

export function RegionCanvas({ imageUrl, regions, selectedKey, onSelect, onDraw, onBox, onDelete, caption }: RegionCanvasProps) {
  const svg = useRef<SVGSVGElement>(null)
  const { view, setAspect } = usePictureView()
  const [gesture, setGesture] = useState<Gesture | null>(null)
  const selected = regions.find((region) => region.key === selectedKey) ?? null

  const locate = (event: PointerEvent) => pointFromClient(event.clientX, event.clientY, svg.current!.getBoundingClientRect())

  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if (event.button !== 0) return
    const at = locate(event)
    const index = boxAt(
      regions.map((region) => region.box),
      at
    )
    event.currentTarget.setPointerCapture(event.pointerId)
    event.currentTarget.focus()
    if (index === null) {
      onSelect(null)
      setGesture({ kind: 'draw', from: at, to: at })
    } else {
      onSelect(regions[index].key)
      setGesture({ kind: 'move', key: regions[index].key, from: at, start: regions[index].box })
    }
    event.preventDefault()
  }

  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    if (!gesture) return
    const at = locate(event)
    if (gesture.kind === 'draw') setGesture({ ...gesture, to: at })
    else onBox(gesture.key, moveBox(gesture.start, at.x - gesture.from.x, at.y - gesture.from.y))
  }

  const onPointerUp = () => {
    if (gesture?.kind === 'draw') {
      const box = boxFromCorners(gesture.from, gesture.to)
      if (isUsable(box)) onDraw(box)
    }
    setGesture(null)
  }

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    if (!selected) return
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-STEP, 0], ArrowRight: [STEP, 0], ArrowUp: [0, -STEP], ArrowDown: [0, STEP] }
    const arrow = arrows[event.key]
    if (arrow) onBox(selected.key, event.shiftKey ? resizeBox(selected.box, arrow[0], arrow[1]) : moveBox(selected.box, arrow[0], arrow[1]))
    else if (event.key === 'Delete' || event.key === 'Backspace') onDelete(selected.key)
    else if (event.key === 'Escape') onSelect(null)
    else return
    event.preventDefault()
  }

  const drawing = gesture?.kind === 'draw' ? boxFromCorners(gesture.from, gesture.to) : null
  const rect = (box: Box) => ({ x: box.x * view.width, y: box.y * view.height, width: box.w * view.width, height: box.h * view.height })

  return (
    <PictureOverlay imageUrl={imageUrl} className="region-canvas" onAspect={setAspect}>
      <svg
        ref={svg}
        className="picture-overlay__svg"
        viewBox={`0 0 ${view.width} ${view.height}`}
        preserveAspectRatio="none"
        role="group"
        aria-label={caption}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => setGesture(null)}
        onKeyDown={onKeyDown}
        data-testid="region-canvas"
      >
        {regions.map((region) => (
          <g key={region.key} className={region.key === selectedKey ? 'region is-selected' : 'region'}>
            <rect className="region__box" {...rect(region.box)} vectorEffect="non-scaling-stroke" data-testid="region-box" data-key={region.key} data-box={JSON.stringify(region.box)} />
            <text className="region__label" x={(region.box.x + 0.005) * view.width} y={(region.box.y + 0.005) * view.height} dominantBaseline="hanging">
              {region.label}
            </text>
          </g>
        ))}
        {drawing ? <rect className="region__draft" {...rect(drawing)} vectorEffect="non-scaling-stroke" data-testid="region-draft" /> : null}
      </svg>
    </PictureOverlay>
  )
}
