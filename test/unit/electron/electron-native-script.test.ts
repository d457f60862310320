import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  electronSqlitePath,
  ensureElectronSqlite,
  isStampCurrent,
  nativeDirName,
  shortReason,
  type RunCommand
} from '../../../scripts/electron-native.mjs'

let project: string | undefined
afterEach(() => {
  if (project) rmSync(project, { recursive: true, force: true })
  project = undefined
})

/** A project with better-sqlite3 (its Node build) and prebuild-install in node_modules; nothing real runs. */
function fakeProject({ rebuild = false, sqliteVersion = '12.11.1' } = {}) {
  project = mkdtempSync(join(tmpdir(), 'vigil-native-'))
  const sqlite = join(project, 'node_modules', 'better-sqlite3')
  mkdirSync(join(sqlite, 'build', 'Release'), { recursive: true })
  mkdirSync(join(sqlite, 'src'), { recursive: true })
  writeFileSync(join(sqlite, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: sqliteVersion }))
  writeFileSync(join(sqlite, 'src', 'better_sqlite3.cpp'), '// source')
  writeFileSync(join(sqlite, 'build', 'Release', 'better_sqlite3.node'), 'NODE ABI BUILD')
  mkdirSync(join(project, 'node_modules', 'prebuild-install'), { recursive: true })
  writeFileSync(join(project, 'node_modules', 'prebuild-install', 'bin.js'), '')
  if (rebuild) {
    const dir = join(project, 'node_modules', '@electron', 'rebuild')
    mkdirSync(join(dir, 'lib'), { recursive: true })
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@electron/rebuild', bin: { 'electron-rebuild': 'lib/cli.js' } }))
    writeFileSync(join(dir, 'lib', 'cli.js'), '')
  }
  return { project, sqlite }
}

const produce = (dir: string, content: string) => {
  mkdirSync(join(dir, 'build', 'Release'), { recursive: true })
  writeFileSync(join(dir, 'build', 'Release', 'better_sqlite3.node'), content)
}
const ok = { code: 0, output: '', timedOut: false }
const offline = { code: 1, output: 'prebuild-install warn install request to https://github.com/... failed, reason: getaddrinfo ENOTFOUND github.com\n', timedOut: false }
const base = { electronVersion: '45.4.1', platform: 'linux', arch: 'x64' }

describe('naming and helpers', () => {
  it('names the folder after Electron version, platform and arch', () => {
    expect(nativeDirName('45.4.1', 'win32', 'arm64')).toBe('electron-45.4.1-win32-arm64')
    expect(electronSqlitePath('/p', '45.4.1', 'linux', 'x64')).toBe(join('/p', '.native', 'electron-45.4.1-linux-x64', 'better_sqlite3.node'))
  })

  it('accepts a stamp only for the same better-sqlite3 and Electron', () => {
    const current = { sqliteVersion: '12.11.1', electronVersion: '45.4.1' }
    expect(isStampCurrent({ betterSqlite3: '12.11.1', electron: '45.4.1' }, current)).toBe(true)
    expect(isStampCurrent({ betterSqlite3: '12.10.0', electron: '45.4.1' }, current)).toBe(false)
    expect(isStampCurrent({ betterSqlite3: '12.11.1', electron: '45.4.0' }, current)).toBe(false)
    expect(isStampCurrent(null, current)).toBe(false)
  })

  it('boils command output down to the line that says what failed', () => {
    expect(shortReason(offline.output, 'x')).toContain('ENOTFOUND github.com')
    expect(shortReason('Error: fetch failed\n    at foo (bar.js:1:1)\n', 'x')).toBe('Error: fetch failed')
    expect(shortReason('', 'exit code 1')).toBe('exit code 1')
    expect(shortReason(`Error: ${'y'.repeat(300)}`, 'x')).toHaveLength(160)
  })
})

describe('ensureElectronSqlite', () => {
  it('downloads with prebuild-install in a temp folder and never touches node_modules/better-sqlite3/build', async () => {
    const { project, sqlite } = fakeProject()
    const workDirs: string[] = []
    const run = vi.fn<RunCommand>(async (_command, args, { cwd }) => {
      workDirs.push(cwd)
      expect(args[0]).toBe(join(project, 'node_modules', 'prebuild-install', 'bin.js'))
      expect(args).toEqual(expect.arrayContaining(['--runtime', 'electron', '--target', '45.4.1', '--arch', 'x64', '--platform', 'linux']))
      expect(relative(project, cwd).startsWith('..')).toBe(true)
      expect(JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')).version).toBe('12.11.1')
      produce(cwd, 'ELECTRON ABI BUILD')
      return ok
    })
    const result = await ensureElectronSqlite({ projectDir: project, ...base, run })
    const target = electronSqlitePath(project, '45.4.1', 'linux', 'x64')
    expect(result).toEqual({ ok: true, path: target, how: 'prebuild' })
    expect(readFileSync(target, 'utf8')).toBe('ELECTRON ABI BUILD')
    expect(readFileSync(join(sqlite, 'build', 'Release', 'better_sqlite3.node'), 'utf8')).toBe('NODE ABI BUILD')
    expect(existsSync(workDirs[0])).toBe(false)
  })

  it('reuses a current copy without running anything, and redoes it after a better-sqlite3 upgrade', async () => {
    const { project, sqlite } = fakeProject()
    const run = vi.fn<RunCommand>(async (_command, _args, { cwd }) => {
      produce(cwd, 'ELECTRON ABI BUILD')
      return ok
    })
    await ensureElectronSqlite({ projectDir: project, ...base, run })
    expect(await ensureElectronSqlite({ projectDir: project, ...base, run })).toMatchObject({ ok: true, how: 'cached' })
    expect(run).toHaveBeenCalledTimes(1)

    writeFileSync(join(sqlite, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.12.0' }))
    expect(await ensureElectronSqlite({ projectDir: project, ...base, run })).toMatchObject({ ok: true, how: 'prebuild' })
    expect(run).toHaveBeenCalledTimes(2)
  })

  it('falls back to @electron/rebuild on a copy without build/', async () => {
    const { project, sqlite } = fakeProject({ rebuild: true })
    const run = vi.fn<RunCommand>(async (_command, args, { cwd }) => {
      if (args[0].endsWith('bin.js')) return offline
      expect(args[0]).toBe(join(project, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js'))
      expect(args).toEqual(expect.arrayContaining(['--version', '45.4.1', '--module-dir', cwd, '--only', 'better-sqlite3']))
      const copy = join(cwd, 'node_modules', 'better-sqlite3')
      expect(existsSync(join(copy, 'src', 'better_sqlite3.cpp'))).toBe(true)
      expect(existsSync(join(copy, 'build'))).toBe(false)
      produce(copy, 'REBUILT FOR ELECTRON')
      return ok
    })
    const result = await ensureElectronSqlite({ projectDir: project, ...base, run })
    expect(result).toMatchObject({ ok: true, how: 'rebuild' })
    expect(readFileSync(electronSqlitePath(project, '45.4.1', 'linux', 'x64'), 'utf8')).toBe('REBUILT FOR ELECTRON')
    expect(readFileSync(join(sqlite, 'build', 'Release', 'better_sqlite3.node'), 'utf8')).toBe('NODE ABI BUILD')
  })

  it('says why when neither way works, and leaves no half copy', async () => {
    const { project } = fakeProject()
    const result = await ensureElectronSqlite({ projectDir: project, ...base, run: async () => offline })
    expect(result.ok).toBe(false)
    expect(!result.ok && result.reason).toContain('ENOTFOUND github.com')
    expect(!result.ok && result.reason).toContain('@electron/rebuild is not installed')
    expect(existsSync(join(project, '.native'))).toBe(false)
  })

  it('does not count a zero exit without a binary as success', async () => {
    const { project } = fakeProject()
    const result = await ensureElectronSqlite({ projectDir: project, ...base, run: async () => ok })
    expect(result.ok).toBe(false)
  })
})
