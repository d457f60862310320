// The time axis and a day bar per camera, one playhead across them. Click or drag to seek, Ctrl + wheel to
// zoom (centred on the playhead), Shift + wheel to pan, arrow keys to nudge the playhead. A click on an event
// mark opens that event (a little before it started).
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react'
import type { Camera, CameraEvent } from '../../api/contract'
import { BAR_HEIGHT, DayBar } from '../../components/timeline/DayBar'
import { AXIS_HEIGHT, TimeAxis } from '../../components/timeline/TimeAxis'
import { useClockFormat } from '../../hooks/useClockFormat'
import { useElementWidth } from '../../hooks/useElementWidth'
import type { CameraDay } from '../../hooks/useTimelineData'
import type { TimelineView } from '../../hooks/useTimelineView'
import { useT } from '../../i18n'
import type { DayRange } from '../../timeline/days'
import { fractionOf, timeAt } from '../../timeline/view-window'

/** While dragging, seek at most this often; the last position is always sought on release. */
const DRAG_SEEK_MS = 200

interface TimelineTrackProps {
  cameras: readonly Camera[]
  data: ReadonlyMap<string, CameraDay>
  events: ReadonlyMap<string, readonly CameraEvent[]>
  range: DayRange
  timeline: TimelineView
  playhead: number | null
  onSeek(wall: number): void
  onOpenEvent(event: CameraEvent): void
}

const NO_EVENTS: readonly CameraEvent[] = []

export function TimelineTrack({ cameras, data, events, range, timeline, playhead, onSeek, onOpenEvent }: TimelineTrackProps) {
  const t = useT()
  const clock = useClockFormat()
  const lanes = useRef<HTMLDivElement>(null)
  const width = useElementWidth(lanes)
  const [scrub, setScrub] = useState<number | null>(null)
  /** When and where the last seek of a drag went. */
  const lastSeek = useRef({ at: 0, to: 0 })
  const { view, zoomBy, panBy } = timeline

  const wheel = useRef({ zoomBy, panBy })
  useEffect(() => {
    wheel.current = { zoomBy, panBy }
  }, [zoomBy, panBy])
  useEffect(() => {
    const element = lanes.current
    if (!element) return
    // One zoom level per wheel notch (about 100 units); a touchpad's small steps add up to one.
    let pending = 0
    let lastEvent = 0
    // Native and non-passive: React's wheel listener cannot prevent the browser's page zoom.
    const onWheel = (event: WheelEvent) => {
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault()
        if (event.timeStamp - lastEvent > 300) pending = 0
        lastEvent = event.timeStamp
        pending += event.deltaMode === 0 ? event.deltaY : event.deltaY * 40
        if (Math.abs(pending) < 80) return
        wheel.current.zoomBy(pending < 0 ? 1 : -1)
        pending = 0
      } else if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        event.preventDefault()
        wheel.current.panBy(((event.shiftKey ? event.deltaY : 0) + event.deltaX) / 1000)
      }
    }
    element.addEventListener('wheel', onWheel, { passive: false })
    return () => element.removeEventListener('wheel', onWheel)
  }, [])

  const timeOf = (event: PointerEvent) => {
    const rect = lanes.current!.getBoundingClientRect()
    return Math.round(timeAt(view, (event.clientX - rect.left) / rect.width))
  }
  /** The event whose mark is under the pointer, if any. */
  const markAt = (event: PointerEvent): CameraEvent | null => {
    const mark = (event.target as Element).closest?.('[data-event-id]')
    if (!mark) return null
    const id = Number(mark.getAttribute('data-event-id'))
    for (const list of events.values()) for (const candidate of list) if (candidate.id === id) return candidate
    return null
  }
  const onPointerDown = (event: PointerEvent) => {
    if (event.button !== 0) return
    const mark = markAt(event)
    if (mark) {
      onOpenEvent(mark)
      return
    }
    event.currentTarget.setPointerCapture(event.pointerId)
    const at = timeOf(event)
    setScrub(at)
    seek(at)
  }
  const seek = (at: number) => {
    lastSeek.current = { at: Date.now(), to: at }
    onSeek(at)
  }
  const onPointerMove = (event: PointerEvent) => {
    if (scrub === null) return
    const at = timeOf(event)
    setScrub(at)
    if (Date.now() - lastSeek.current.at >= DRAG_SEEK_MS) seek(at)
  }
  const onPointerUp = (event: PointerEvent) => {
    if (scrub === null) return
    const at = timeOf(event)
    setScrub(null)
    if (at !== lastSeek.current.to) seek(at)
  }
  const onKeyDown = (event: KeyboardEvent) => {
    const direction = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (!direction || playhead === null) return
    event.preventDefault()
    onSeek(Math.round(playhead + (direction * view.span) / 60))
  }

  const shown = scrub ?? playhead
  const x = shown === null ? null : fractionOf(view, shown) * width
  const height = AXIS_HEIGHT + cameras.length * (BAR_HEIGHT + 6)
  return (
    <div className="tl-track">
      <div className="tl-track__names" aria-hidden="true">
        {cameras.map((camera) => (
          <div key={camera.id} className="tl-track__name" title={camera.name}>
            {camera.name}
          </div>
        ))}
      </div>
      <div
        ref={lanes}
        className="tl-track__lanes"
        role="slider"
        tabIndex={0}
        aria-label={t('timeline.playhead')}
        aria-valuemin={range.start}
        aria-valuemax={range.end}
        aria-valuenow={shown ?? undefined}
        aria-valuetext={shown === null ? undefined : clock.hms(shown)}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => setScrub(null)}
        onKeyDown={onKeyDown}
      >
        <TimeAxis view={view} width={width} dayStart={range.start} />
        {cameras.map((camera) => (
          <DayBar
            key={camera.id}
            name={camera.name}
            view={view}
            width={width}
            spans={data.get(camera.id)?.spans ?? []}
            gaps={data.get(camera.id)?.gaps ?? []}
            events={events.get(camera.id) ?? NO_EVENTS}
            now={Date.now()}
          />
        ))}
        {x !== null && x >= 0 && x <= width ? (
          <svg className="tl-playhead" width="100%" height={height} viewBox={`0 0 ${Math.max(1, width)} ${height}`} aria-hidden="true">
            <line x1={x} x2={x} y1={AXIS_HEIGHT - 4} y2={height} />
            <path d={`M${x - 5} ${AXIS_HEIGHT - 9} L${x + 5} ${AXIS_HEIGHT - 9} L${x} ${AXIS_HEIGHT - 3} Z`} />
          </svg>
        ) : null}
      </div>
    </div>
  )
}
