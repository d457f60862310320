import { describe, expect, it } from 'vitest'
import { AROUND_PLAYHEAD_MS, EVENT_MARGIN_MS, eventExportRange, exportHref, parseExportLink, timelineExportRange } from '../../../../renderer/export/links'
import { parseHash } from '../../../../renderer/routes'

describe('links into the export wizard', () => {
  it('round-trips cameras and a range through the address', () => {
    const href = exportHref({ cameraIds: ['front door', 'a/b', 'c,d'], from: 1_700_000_000_000.4, to: 1_700_000_300_000 })
    expect(href.startsWith('#/export/new?camera=front+door&camera=a%2Fb')).toBe(true)
    const { route, parts } = parseHash(href)
    expect(route).toBe('export')
    // "c,d" is read as two cameras: commas separate ids in a hand-written link.
    expect(parseExportLink(parts)).toEqual({ cameraIds: ['front door', 'a/b', 'c', 'd'], from: 1_700_000_000_000, to: 1_700_000_300_000 })
  })

  it('reads the path form and a query straight after the page', () => {
    expect(parseExportLink(parseHash('#/export/new/cam%201,cam2/1000/2000').parts)).toEqual({ cameraIds: ['cam 1', 'cam2'], from: 1000, to: 2000 })
    expect(parseExportLink(parseHash('#/export?camera=cam1&from=5&to=9').parts)).toEqual({ cameraIds: ['cam1'], from: 5, to: 9 })
    expect(parseExportLink(parseHash('#/export/new').parts)).toEqual({ cameraIds: [], from: null, to: null })
  })

  it('is no link without "new", and ignores malformed times', () => {
    expect(parseExportLink(parseHash('#/export').parts)).toBeNull()
    expect(parseExportLink(['draft'])).toBeNull()
    expect(parseExportLink(parseHash('#/export/new?camera=c&from=soon&to=-5').parts)).toEqual({ cameraIds: ['c'], from: null, to: null })
  })

  it('exports an event with a margin on both sides; an ongoing one until now', () => {
    expect(eventExportRange({ start: 100_000, end: 130_000 }, 999_999)).toEqual({ from: 100_000 - EVENT_MARGIN_MS, to: 130_000 + EVENT_MARGIN_MS })
    expect(eventExportRange({ start: 100_000, end: null }, 160_000)).toEqual({ from: 95_000, to: 165_000 })
    expect(eventExportRange({ start: 1000, end: 1000 }, 0)).toEqual({ from: 0, to: 6000 })
  })

  it('takes the visible range when it is short, else a window around the playhead', () => {
    const now = 10_000_000_000
    expect(timelineExportRange({ start: 1_000_000, span: 600_000 }, 1_200_000, now)).toEqual({ from: 1_000_000, to: 1_600_000, around: 'view' })
    expect(timelineExportRange({ start: 0, span: 24 * 3_600_000 }, 7_200_000, now)).toEqual({
      from: 7_200_000 - AROUND_PLAYHEAD_MS,
      to: 7_200_000 + AROUND_PLAYHEAD_MS,
      around: 'playhead'
    })
    // No playhead yet: the middle of the view.
    expect(timelineExportRange({ start: 0, span: 2 * 3_600_000 }, null, now).from).toBe(3_600_000 - AROUND_PLAYHEAD_MS)
  })

  it('never reaches into the future', () => {
    const now = 1_000_000
    expect(timelineExportRange({ start: 900_000, span: 600_000 }, null, now)).toEqual({ from: 900_000, to: now, around: 'view' })
    expect(timelineExportRange({ start: 0, span: 3_600_000 }, now - 1000, now)).toEqual({ from: now - 1000 - AROUND_PLAYHEAD_MS, to: now, around: 'playhead' })
  })
})
