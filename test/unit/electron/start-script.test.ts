import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  BUILD_OUTPUTS,
  electronBinary,
  exitCodeFor,
  hasDisplay,
  headlessNotice,
  isBuildUpToDate,
  newestMtime,
  outputMtimes,
  parseStartArgs
} from '../../../scripts/start.mjs'

let dir: string | undefined
const scratch = () => (dir = mkdtempSync(join(tmpdir(), 'vigil-start-')))
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds)
const write = (path: string, seconds: number) => {
  mkdirSync(resolve(path, '..'), { recursive: true })
  writeFileSync(path, 'x')
  at(path, seconds)
}

describe('parseStartArgs', () => {
  it('takes out --headless and passes the rest through', () => {
    expect(parseStartArgs(['--headless', '--port', '8080'])).toEqual({ headless: true, rest: ['--port', '8080'] })
    expect(parseStartArgs(['--inspect'])).toEqual({ headless: false, rest: ['--inspect'] })
  })
})

describe('isBuildUpToDate', () => {
  it('is up to date only when every output exists and is newer than every source', () => {
    expect(isBuildUpToDate([200, 300], 100)).toBe(true)
    expect(isBuildUpToDate([200, 300], 250)).toBe(false)
    expect(isBuildUpToDate([200, undefined], 100)).toBe(false)
    expect(isBuildUpToDate([100], 100)).toBe(false)
    expect(isBuildUpToDate([], 0)).toBe(false)
  })
})

describe('newestMtime / outputMtimes', () => {
  it('walks folders, counts folder mtimes (deletions), and skips node_modules', () => {
    const root = scratch()
    write(join(root, 'main', 'core', 'a.ts'), 1000)
    write(join(root, 'main', 'node_modules', 'dep', 'index.js'), 9000)
    write(join(root, 'package.json'), 1500)
    at(join(root, 'main', 'node_modules', 'dep'), 9000)
    at(join(root, 'main', 'node_modules'), 9000)
    at(join(root, 'main', 'core'), 1200)
    at(join(root, 'main'), 1100)
    expect(newestMtime([join(root, 'main'), join(root, 'package.json'), join(root, 'missing')])).toBe(1500 * 1000)

    // a deleted file leaves its folder newer
    at(join(root, 'main', 'core'), 2000)
    expect(newestMtime([join(root, 'main')])).toBe(2000 * 1000)
    expect(newestMtime([join(root, 'nothing-here')])).toBe(0)
  })

  it('reports a missing output as undefined', () => {
    const root = scratch()
    write(join(root, 'out', 'main', 'cli.js'), 3000)
    expect(outputMtimes([join(root, 'out', 'main', 'cli.js'), join(root, 'out', 'main', 'electron.js')])).toEqual([3000 * 1000, undefined])
  })

  it('checks the entry package.json starts', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'))
    expect(BUILD_OUTPUTS).toContain(pkg.main)
    expect(BUILD_OUTPUTS).toContain('out/main/cli.js')
    expect(BUILD_OUTPUTS).toContain('out/preload/index.cjs')
  })
})

describe('electronBinary', () => {
  it('reports a binary that was never downloaded', () => {
    const electronDir = scratch()
    expect(electronBinary(electronDir, {})).toEqual({ ok: false, reason: 'its binary was never downloaded' })
  })

  it('reports path.txt pointing at a missing file', () => {
    const electronDir = scratch()
    writeFileSync(join(electronDir, 'path.txt'), 'electron')
    const result = electronBinary(electronDir, {})
    expect(result.ok).toBe(false)
    expect(!result.ok && result.reason).toContain(join('dist', 'electron'))
  })

  it('finds the binary path.txt names', () => {
    const electronDir = scratch()
    writeFileSync(join(electronDir, 'path.txt'), 'Electron.app/Contents/MacOS/Electron')
    write(join(electronDir, 'dist', 'Electron.app', 'Contents', 'MacOS', 'Electron'), 1)
    expect(electronBinary(electronDir, {})).toEqual({ ok: true, path: join(electronDir, 'dist', 'Electron.app', 'Contents', 'MacOS', 'Electron') })
  })

  it('honours ELECTRON_OVERRIDE_DIST_PATH like electron itself', () => {
    const electronDir = scratch()
    write(join(electronDir, 'custom', 'electron'), 1)
    expect(electronBinary(electronDir, { ELECTRON_OVERRIDE_DIST_PATH: join(electronDir, 'custom') })).toEqual({
      ok: true,
      path: join(electronDir, 'custom', 'electron')
    })
    expect(electronBinary(electronDir, { ELECTRON_OVERRIDE_DIST_PATH: join(electronDir, 'nowhere') }).ok).toBe(false)
  })
})

describe('hasDisplay', () => {
  it('needs DISPLAY or WAYLAND_DISPLAY on Linux only', () => {
    expect(hasDisplay('linux', {})).toBe(false)
    expect(hasDisplay('linux', { DISPLAY: ':0' })).toBe(true)
    expect(hasDisplay('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true)
    expect(hasDisplay('darwin', {})).toBe(true)
    expect(hasDisplay('win32', {})).toBe(true)
  })
})

describe('messages and exit codes', () => {
  it('explains headless mode in one line', () => {
    const line = headlessNotice('download failed: fetch failed')
    expect(line).toBe(
      'Electron is not available on this machine (download failed: fetch failed); starting headless mode — open the URL below in a browser.'
    )
    expect(line).not.toContain('\n')
  })

  it('mirrors the child: its code, or 128 + signal number', () => {
    expect(exitCodeFor(0, null)).toBe(0)
    expect(exitCodeFor(3, null)).toBe(3)
    expect(exitCodeFor(null, 'SIGINT')).toBe(130)
    expect(exitCodeFor(null, 'SIGTERM')).toBe(143)
    expect(exitCodeFor(null, null)).toBe(1)
  })
})
