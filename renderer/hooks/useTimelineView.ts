// The visible window of the day bar: zoom (centred on the playhead) and pan, following the playhead
// when playback carries it out of view.
import { useCallback, useEffect, useState } from 'react'
import type { DayRange } from '../timeline/days'
import { canZoom, centredOn, follow, pan, zoom, type ViewWindow } from '../timeline/view-window'

export interface TimelineView {
  view: ViewWindow
  zoomBy(direction: 1 | -1): void
  panBy(fraction: number): void
  /** Shows `span` around `at` (an opened event: close enough to tell its marks apart). */
  centreOn(at: number, span: number): void
  canZoomIn: boolean
  canZoomOut: boolean
}

export function useTimelineView(range: DayRange, playhead: number | null): TimelineView {
  const [stored, setStored] = useState<{ day: string; view: ViewWindow } | null>(null)
  const whole = centredOn(range.start, range.end - range.start, range)
  const view = stored && stored.day === range.day ? stored.view : whole

  useEffect(() => {
    if (playhead === null) return
    const next = follow(view, playhead, range)
    if (next !== view) setStored({ day: range.day, view: next })
  }, [playhead, view, range])

  const zoomBy = useCallback(
    (direction: 1 | -1) => setStored({ day: range.day, view: zoom(view, direction, playhead ?? view.start + view.span / 2, range) }),
    [view, playhead, range]
  )
  const panBy = useCallback((fraction: number) => setStored({ day: range.day, view: pan(view, fraction, range) }), [view, range])
  const centreOn = useCallback((at: number, span: number) => setStored({ day: range.day, view: centredOn(at, span, range) }), [range])

  return { view, zoomBy, panBy, centreOn, canZoomIn: canZoom(view, 1), canZoomOut: canZoom(view, -1) }
}
