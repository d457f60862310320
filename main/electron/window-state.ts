// Remembers where the window was (bounds + maximized) in <userData>/window-state.json.
// The decisions are pure functions over plain rectangles; only load/save/track touch the disk or a window.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { BrowserWindow } from 'electron'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState {
  bounds: Rect
  maximized: boolean
}

/** What the window is created with: no x/y means "let the OS center it". */
export interface WindowPlacement {
  bounds: { x?: number; y?: number; width: number; height: number }
  maximized: boolean
}

export const WINDOW_STATE_FILE = 'window-state.json'
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 800 }
/** How much of a saved window must overlap a display's work area to count as visible (enough to grab it). */
export const MIN_VISIBLE = { width: 100, height: 50 }
const MIN_SIZE = 200
const MAX_COORDINATE = 100_000

function isInt(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
}

/** Reads the saved JSON; anything malformed or implausible gives null (the window then opens at the default). */
export function parseWindowState(text: string): WindowState | null {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof data !== 'object' || data === null) return null
  const { bounds, maximized } = data as { bounds?: Partial<Rect>; maximized?: unknown }
  if (typeof bounds !== 'object' || bounds === null) return null
  const { x, y, width, height } = bounds
  if (!isInt(x, -MAX_COORDINATE, MAX_COORDINATE) || !isInt(y, -MAX_COORDINATE, MAX_COORDINATE)) return null
  if (!isInt(width, MIN_SIZE, MAX_COORDINATE) || !isInt(height, MIN_SIZE, MAX_COORDINATE)) return null
  return { bounds: { x, y, width, height }, maximized: maximized === true }
}

export function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y))
  }
}

/** The work area the saved bounds are most visible on, or null when no display shows enough of it. */
export function visibleWorkArea(bounds: Rect, workAreas: readonly Rect[]): Rect | null {
  let best: Rect | null = null
  let bestArea = 0
  for (const area of workAreas) {
    const { width, height } = overlap(bounds, area)
    const visible =
      width >= Math.min(MIN_VISIBLE.width, bounds.width) && height >= Math.min(MIN_VISIBLE.height, bounds.height)
    if (visible && width * height > bestArea) {
      best = area
      bestArea = width * height
    }
  }
  return best
}

/** Shrinks the bounds to fit the work area and moves them fully inside it. */
export function clampToWorkArea(bounds: Rect, area: Rect): Rect {
  const width = Math.min(bounds.width, area.width)
  const height = Math.min(bounds.height, area.height)
  return {
    width,
    height,
    x: Math.min(Math.max(bounds.x, area.x), area.x + area.width - width),
    y: Math.min(Math.max(bounds.y, area.y), area.y + area.height - height)
  }
}

/**
 * Where to open the window: the saved bounds (clamped) when they are on a display that is connected now,
 * otherwise the default size on the primary display, centered by the OS.
 */
export function placeWindow(saved: WindowState | null, workAreas: readonly Rect[], primary: Rect): WindowPlacement {
  const area = saved ? visibleWorkArea(saved.bounds, workAreas) : null
  if (saved && area) return { bounds: clampToWorkArea(saved.bounds, area), maximized: saved.maximized }
  return {
    bounds: {
      width: Math.min(DEFAULT_WINDOW_SIZE.width, primary.width),
      height: Math.min(DEFAULT_WINDOW_SIZE.height, primary.height)
    },
    maximized: saved?.maximized ?? false
  }
}

export function loadWindowState(file: string): WindowState | null {
  try {
    return parseWindowState(readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

/** Writes via a temp file and rename, so a crash mid-write never leaves a half file behind. */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true })
  const temp = `${file}.tmp`
  writeFileSync(temp, JSON.stringify(state, null, 2) + '\n')
  renameSync(temp, file)
}

/** Saves the window's state (debounced while moving or resizing, at once on close). */
export function trackWindowState(win: BrowserWindow, file: string, onError: (error: unknown) => void): void {
  let timer: NodeJS.Timeout | undefined
  const save = (): void => {
    clearTimeout(timer)
    timer = undefined
    if (win.isDestroyed() || win.isMinimized()) return
    try {
      saveWindowState(file, { bounds: win.getNormalBounds(), maximized: win.isMaximized() })
    } catch (error) {
      onError(error)
    }
  }
  const later = (): void => {
    clearTimeout(timer)
    timer = setTimeout(save, 500)
  }
  win.on('resize', later)
  win.on('move', later)
  win.on('maximize', save)
  win.on('unmaximize', save)
  win.on('close', save)
}
