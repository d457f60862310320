import { describe, expect, it } from 'vitest'
import { parseHash, routeHref } from '../../../renderer/routes'

describe('hash routes', () => {
  it('names the page and every part after it', () => {
    expect(parseHash('#/cameras/add')).toEqual({ route: 'cameras', sub: 'add', parts: ['add'] })
    expect(parseHash('#/timeline/a%2Cb,c/1700000000000')).toEqual({ route: 'timeline', sub: 'a%2Cb,c', parts: ['a%2Cb,c', '1700000000000'] })
    expect(parseHash('#/cameras/detection/cam1/')).toEqual({ route: 'cameras', sub: 'detection', parts: ['detection', 'cam1'] })
  })

  it('knows the events page and falls back to live', () => {
    expect(parseHash('#/events').route).toBe('events')
    expect(parseHash('#/nope/x')).toEqual({ route: 'live', sub: 'x', parts: ['x'] })
    expect(parseHash('')).toEqual({ route: 'live', sub: null, parts: [] })
    expect(routeHref('events')).toBe('#/events')
  })
})

describe('a query in the address', () => {
  it('belongs to the parts, also straight after the page', () => {
    expect(parseHash('#/export/new?camera=a&from=1')).toEqual({ route: 'export', sub: 'new?camera=a&from=1', parts: ['new?camera=a&from=1'] })
    expect(parseHash('#/export?camera=a')).toEqual({ route: 'export', sub: '?camera=a', parts: ['?camera=a'] })
    expect(parseHash('#/evidence/log').route).toBe('evidence')
  })
})
