import { describe, expect, it } from 'vitest'
import {
  EVENT_LEAD_MS,
  detectionHref,
  eventHref,
  eventIdHref,
  parseDetectionLink,
  parseEventId,
  parseTimelineLink,
  timelineHref
} from '../../../../renderer/events/links'
import { parseHash } from '../../../../renderer/routes'

describe('links into the app', () => {
  it('opens an event on the timeline a few seconds before it started', () => {
    const href = eventHref({ cameraId: 'front door', start: 1_700_000_010_000 })
    expect(href).toBe(`#/timeline/front%20door/${1_700_000_010_000 - EVENT_LEAD_MS}`)
    const { route, parts } = parseHash(href)
    expect(route).toBe('timeline')
    expect(parseTimelineLink(parts)).toEqual({ cameraIds: ['front door'], at: 1_700_000_005_000 })
  })

  it('round-trips several cameras, also with commas and slashes in an id', () => {
    const href = timelineHref(['a,b', 'c/d', 'e'], 42.4)
    expect(parseTimelineLink(parseHash(href).parts)).toEqual({ cameraIds: ['a,b', 'c/d', 'e'], at: 42 })
    expect(parseTimelineLink(parseHash(timelineHref(['x'])).parts)).toEqual({ cameraIds: ['x'], at: null })
  })

  it('ignores a malformed time or escape', () => {
    expect(parseTimelineLink(['cam', 'soon'])).toEqual({ cameraIds: ['cam'], at: null })
    expect(parseTimelineLink(['cam', '-5'])).toEqual({ cameraIds: ['cam'], at: null })
    expect(parseTimelineLink(['%E0%A4%A'])).toEqual({ cameraIds: ['%E0%A4%A'], at: null })
    expect(parseTimelineLink([])).toEqual({ cameraIds: [], at: null })
  })

  it('never links before the epoch', () => {
    expect(eventHref({ cameraId: 'c', start: 1000 })).toBe('#/timeline/c/0')
  })

  it('links an event by id and a camera’s detection settings', () => {
    expect(eventIdHref(17)).toBe('#/events/17')
    expect(parseEventId(parseHash('#/events/17').parts)).toBe(17)
    expect(parseEventId(['0'])).toBeNull()
    expect(parseEventId(['abc'])).toBeNull()
    expect(parseEventId([])).toBeNull()
    const href = detectionHref('cam 1')
    expect(href).toBe('#/cameras/detection/cam%201')
    expect(parseDetectionLink(parseHash(href).parts)).toBe('cam 1')
    expect(parseDetectionLink(['add'])).toBeNull()
    expect(parseDetectionLink(['detection'])).toBeNull()
  })
})
