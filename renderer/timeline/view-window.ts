// The visible part of the day: a window [start, start + span) inside [day.start, day.end).
import type { DayRange } from './days'
import { ZOOM_LEVELS } from './ticks'

export interface ViewWindow {
  start: number
  span: number
}

function clampStart(start: number, span: number, day: DayRange): number {
  return Math.min(Math.max(start, day.start), Math.max(day.start, day.end - span))
}

/** A window of `span` centred on `at`, kept inside the day. */
export function centredOn(at: number, span: number, day: DayRange): ViewWindow {
  const width = Math.min(span, day.end - day.start)
  return { start: clampStart(at - width / 2, width, day), span: width }
}

/** One zoom level in (+1) or out (-1), centred on the playhead. */
export function zoom(view: ViewWindow, direction: 1 | -1, playhead: number, day: DayRange): ViewWindow {
  const current = ZOOM_LEVELS.findIndex((level) => level <= view.span)
  const index = Math.min(ZOOM_LEVELS.length - 1, Math.max(0, (current < 0 ? ZOOM_LEVELS.length - 1 : current) + direction))
  return centredOn(playhead, ZOOM_LEVELS[index], day)
}

export const canZoom = (view: ViewWindow, direction: 1 | -1): boolean =>
  direction > 0 ? view.span > ZOOM_LEVELS[ZOOM_LEVELS.length - 1] : view.span < ZOOM_LEVELS[0]

/** Moves the window by a fraction of its width (positive = later). */
export function pan(view: ViewWindow, fraction: number, day: DayRange): ViewWindow {
  return { start: clampStart(view.start + fraction * view.span, view.span, day), span: view.span }
}

/** Keeps the playhead in view: recentres only when it has left the window. */
export function follow(view: ViewWindow, playhead: number, day: DayRange): ViewWindow {
  if (playhead >= view.start && playhead <= view.start + view.span) return view
  return centredOn(playhead, view.span, day)
}

/** The instant at a fraction (0..1) of the window's width. */
export const timeAt = (view: ViewWindow, fraction: number) => view.start + Math.min(1, Math.max(0, fraction)) * view.span

/** Where an instant lies in the window, as a fraction of its width (may be outside 0..1). */
export const fractionOf = (view: ViewWindow, at: number) => (at - view.start) / view.span
