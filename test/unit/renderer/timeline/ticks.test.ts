import { describe, expect, it } from 'vitest'
import { labelsNeedSeconds, tickStep, ticks, ZOOM_LEVELS } from '../../../../renderer/timeline/ticks'
import { canZoom, centredOn, follow, fractionOf, pan, timeAt, zoom } from '../../../../renderer/timeline/view-window'

const HOUR = 3600_000
const day = { day: '2025-03-14', start: 10 * 24 * HOUR, end: 11 * 24 * HOUR }

describe('zoom levels and ticks', () => {
  it('zooms from a day to a minute', () => {
    expect(ZOOM_LEVELS[0]).toBe(24 * HOUR)
    expect(ZOOM_LEVELS.at(-1)).toBe(60_000)
  })

  it('picks ticks far enough apart for their labels', () => {
    expect(tickStep(24 * HOUR, 1000)).toBe(2 * HOUR)
    expect(tickStep(HOUR, 1000)).toBe(5 * 60_000)
    expect(tickStep(60_000, 1000)).toBe(5000)
    expect(labelsNeedSeconds(5000)).toBe(true)
    expect(labelsNeedSeconds(60_000)).toBe(false)
  })

  it('places ticks on round times counted from midnight', () => {
    expect(ticks(day.start + 100, day.start + 3 * HOUR, day.start, HOUR)).toEqual([day.start + HOUR, day.start + 2 * HOUR, day.start + 3 * HOUR])
    // In a zone with a half-hour offset, midnight is not a round UTC hour; ticks follow midnight.
    const kolkata = day.start - 5.5 * HOUR
    expect(ticks(kolkata, kolkata + HOUR, kolkata, 30 * 60_000)).toEqual([kolkata, kolkata + 30 * 60_000, kolkata + HOUR])
  })
})

describe('the visible window', () => {
  it('zooms in and out centred on the playhead, staying inside the day', () => {
    const whole = centredOn(day.start, 24 * HOUR, day)
    expect(whole).toEqual({ start: day.start, span: 24 * HOUR })
    const playhead = day.start + 6 * HOUR
    const in1 = zoom(whole, 1, playhead, day)
    expect(in1).toEqual({ start: day.start, span: 12 * HOUR })
    const deep = [1, 1, 1, 1, 1, 1, 1].reduce((view) => zoom(view, 1, playhead, day), in1)
    expect(deep).toEqual({ start: playhead - 30_000, span: 60_000 })
    expect(canZoom(deep, 1)).toBe(false)
    expect(zoom(deep, 1, playhead, day)).toEqual(deep)
    expect(zoom(deep, -1, playhead, day).span).toBe(5 * 60_000)
    expect(canZoom(whole, -1)).toBe(false)
    // Near the end of the day the window is pushed back inside.
    expect(zoom(whole, 1, day.end - 1000, day)).toEqual({ start: day.start + 12 * HOUR, span: 12 * HOUR })
  })

  it('pans, follows a playhead that left the window, and maps positions to times', () => {
    const view = { start: day.start + HOUR, span: HOUR }
    expect(pan(view, 0.5, day).start).toBe(day.start + 1.5 * HOUR)
    expect(pan(view, -5, day).start).toBe(day.start)
    expect(follow(view, day.start + 1.5 * HOUR, day)).toBe(view)
    expect(follow(view, day.start + 5 * HOUR, day)).toEqual({ start: day.start + 4.5 * HOUR, span: HOUR })
    expect(timeAt(view, 0.25)).toBe(day.start + 1.25 * HOUR)
    expect(timeAt(view, 2)).toBe(day.start + 2 * HOUR)
    expect(fractionOf(view, day.start + 1.75 * HOUR)).toBe(0.75)
  })
})
