import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_WINDOW_SIZE,
  clampToWorkArea,
  loadWindowState,
  parseWindowState,
  placeWindow,
  saveWindowState,
  visibleWorkArea,
  type Rect
} from '../../../main/electron/window-state'

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1040 }
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 }

describe('parseWindowState', () => {
  it('reads a well-formed state', () => {
    const text = JSON.stringify({ bounds: { x: 10, y: 20, width: 1200, height: 700 }, maximized: true })
    expect(parseWindowState(text)).toEqual({ bounds: { x: 10, y: 20, width: 1200, height: 700 }, maximized: true })
  })

  it('treats a missing or non-boolean maximized as false', () => {
    expect(parseWindowState(JSON.stringify({ bounds: { x: 0, y: 0, width: 900, height: 600 } }))?.maximized).toBe(false)
    expect(parseWindowState(JSON.stringify({ bounds: { x: 0, y: 0, width: 900, height: 600 }, maximized: 'yes' }))?.maximized).toBe(false)
  })

  it.each([
    ['not JSON', '{bounds:'],
    ['null', 'null'],
    ['an array', '[]'],
    ['no bounds', JSON.stringify({ maximized: true })],
    ['a string coordinate', JSON.stringify({ bounds: { x: '10', y: 0, width: 900, height: 600 } })],
    ['a fractional size', JSON.stringify({ bounds: { x: 0, y: 0, width: 900.5, height: 600 } })],
    ['a tiny window', JSON.stringify({ bounds: { x: 0, y: 0, width: 20, height: 600 } })],
    ['an absurd coordinate', JSON.stringify({ bounds: { x: 1e9, y: 0, width: 900, height: 600 } })],
    ['a missing height', JSON.stringify({ bounds: { x: 0, y: 0, width: 900 } })]
  ])('rejects %s', (_label, text) => {
    expect(parseWindowState(text)).toBeNull()
  })

  it('accepts negative coordinates (a monitor left of the primary one)', () => {
    expect(parseWindowState(JSON.stringify({ bounds: { x: -1800, y: -40, width: 900, height: 600 } }))?.bounds.x).toBe(-1800)
  })
})

describe('visibleWorkArea', () => {
  it('finds the display the window is on', () => {
    expect(visibleWorkArea({ x: 2000, y: 100, width: 1000, height: 800 }, [laptop, rightMonitor])).toBe(rightMonitor)
  })

  it('picks the display showing most of a window that spans two', () => {
    expect(visibleWorkArea({ x: 1500, y: 100, width: 1000, height: 800 }, [laptop, rightMonitor])).toBe(rightMonitor)
    expect(visibleWorkArea({ x: 1000, y: 100, width: 1000, height: 800 }, [laptop, rightMonitor])).toBe(laptop)
  })

  it('returns null for a window on a monitor that is gone', () => {
    expect(visibleWorkArea({ x: 2000, y: 100, width: 1000, height: 800 }, [laptop])).toBeNull()
  })

  it('returns null when only a sliver is visible', () => {
    expect(visibleWorkArea({ x: 1880, y: 100, width: 1000, height: 800 }, [laptop])).toBeNull()
    expect(visibleWorkArea({ x: 100, y: 1010, width: 1000, height: 800 }, [laptop])).toBeNull()
  })
})

describe('clampToWorkArea', () => {
  it('moves a partly visible window fully inside', () => {
    expect(clampToWorkArea({ x: 1500, y: -50, width: 1000, height: 800 }, laptop)).toEqual({ x: 920, y: 0, width: 1000, height: 800 })
  })

  it('shrinks a window larger than the display', () => {
    expect(clampToWorkArea({ x: 0, y: 0, width: 3000, height: 2000 }, laptop)).toEqual({ x: 0, y: 0, width: 1920, height: 1040 })
  })

  it('keeps a window that fits untouched', () => {
    const bounds = { x: 2100, y: 50, width: 1200, height: 900 }
    expect(clampToWorkArea(bounds, rightMonitor)).toEqual(bounds)
  })
})

describe('placeWindow', () => {
  it('restores saved bounds and maximized on a connected display', () => {
    const saved = { bounds: { x: 2100, y: 50, width: 1200, height: 900 }, maximized: true }
    expect(placeWindow(saved, [laptop, rightMonitor], laptop)).toEqual(saved)
  })

  it('falls back to the default size, centered by the OS, when the display is gone', () => {
    const saved = { bounds: { x: 2100, y: 50, width: 1200, height: 900 }, maximized: false }
    const placement = placeWindow(saved, [laptop], laptop)
    expect(placement.bounds).toEqual(DEFAULT_WINDOW_SIZE)
    expect(placement.bounds.x).toBeUndefined()
  })

  it('never opens larger than a small primary display', () => {
    const small = { x: 0, y: 0, width: 1024, height: 700 }
    expect(placeWindow(null, [small], small)).toEqual({ bounds: { width: 1024, height: 700 }, maximized: false })
  })
})

describe('loadWindowState / saveWindowState', () => {
  let dir: string | undefined
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
    dir = undefined
  })

  it('round-trips through the file and creates its folder', () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-window-state-'))
    const file = join(dir, 'nested', 'window-state.json')
    const state = { bounds: { x: 5, y: 6, width: 1000, height: 700 }, maximized: false }
    saveWindowState(file, state)
    expect(loadWindowState(file)).toEqual(state)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(state)
  })

  it('gives null for a missing or corrupt file', () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-window-state-'))
    expect(loadWindowState(join(dir, 'absent.json'))).toBeNull()
    writeFileSync(join(dir, 'corrupt.json'), '{"bounds": {"x": 1')
    expect(loadWindowState(join(dir, 'corrupt.json'))).toBeNull()
  })
})
