#!/usr/bin/env node
// `npm start`: build if needed, then the desktop app when Electron can run here, else the headless server.
// `npm run serve` (--headless): always the headless server. Extra arguments go to Electron or `vigil serve`.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { constants } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { electronVersionOf, ensureElectronSqlite, runCommand, shortReason } from './electron-native.mjs'

/** Everything electron-vite reads; a change to any of them (or a deleted file) means a new build. */
export const BUILD_SOURCES = [
  'main',
  'preload',
  'renderer',
  'electron.vite.config.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.node.json',
  'tsconfig.web.json'
]
export const BUILD_OUTPUTS = ['out/main/electron.js', 'out/main/cli.js', 'out/preload/index.cjs', 'out/renderer/index.html']

const INSTALL_TIMEOUT_MS = 60_000
const SKIPPED_DIRS = new Set(['node_modules', '.git'])

export function parseStartArgs(argv) {
  return { headless: argv.includes('--headless'), rest: argv.filter((arg) => arg !== '--headless') }
}

/**
 * Newest modification time (ms) under the given paths, directories included: deleting a file changes its
 * folder's mtime, so a deletion also counts as a change. Missing paths are ignored; none at all gives 0.
 */
export function newestMtime(paths) {
  let newest = 0
  const visit = (path) => {
    let stat
    try {
      stat = statSync(path)
    } catch {
      return
    }
    newest = Math.max(newest, stat.mtimeMs)
    if (!stat.isDirectory()) return
    for (const entry of readdirSync(path)) {
      if (!SKIPPED_DIRS.has(entry)) visit(join(path, entry))
    }
  }
  for (const path of paths) visit(path)
  return newest
}

/** Each output's mtime (ms), or undefined when it does not exist. */
export function outputMtimes(paths) {
  return paths.map((path) => {
    try {
      return statSync(path).mtimeMs
    } catch {
      return undefined
    }
  })
}

/** Up to date when every output exists and is newer than the newest source. */
export function isBuildUpToDate(outputs, newestSource) {
  return outputs.length > 0 && outputs.every((mtime) => typeof mtime === 'number' && mtime > newestSource)
}

/** Where node_modules/electron keeps its binary (the same lookup as electron's index.js, without downloading). */
export function electronBinary(electronDir, env = process.env) {
  const pathFile = join(electronDir, 'path.txt')
  const relPath = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : ''
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const file = join(env.ELECTRON_OVERRIDE_DIST_PATH, relPath || 'electron')
    if (existsSync(file)) return { ok: true, path: file }
    return { ok: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${relPath || 'electron'}` }
  }
  if (!relPath) return { ok: false, reason: 'its binary was never downloaded' }
  const file = join(electronDir, 'dist', relPath)
  return existsSync(file) ? { ok: true, path: file } : { ok: false, reason: `the binary ${join('dist', relPath)} is missing` }
}

/** Electron needs a graphical session; on a Linux/BSD server without one, go headless right away. */
export function hasDisplay(platform = process.platform, env = process.env) {
  if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY)
  return true
}

export function headlessNotice(reason) {
  return `Electron is not available on this machine (${reason}); starting headless mode — open the URL below in a browser.`
}

export function exitCodeFor(code, signal) {
  if (typeof code === 'number') return code
  return signal ? 128 + (constants.signals[signal] ?? 1) : 1
}

function resolvePackageDir(projectDir, name) {
  const manifest = join(projectDir, 'node_modules', name, 'package.json')
  return existsSync(manifest) ? dirname(manifest) : null
}

async function build(projectDir) {
  const sources = newestMtime(BUILD_SOURCES.map((path) => join(projectDir, path)))
  if (isBuildUpToDate(outputMtimes(BUILD_OUTPUTS.map((path) => join(projectDir, path))), sources)) {
    console.log('Build is up to date.')
    return
  }
  const viteDir = resolvePackageDir(projectDir, 'electron-vite')
  if (!viteDir) throw new Error('electron-vite is not installed (run npm install)')
  console.log('Building Vigil (electron-vite build)...')
  const code = await new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [join(viteDir, 'bin', 'electron-vite.js'), 'build'], { cwd: projectDir, stdio: 'inherit' })
    child.on('error', () => resolvePromise(1))
    child.on('close', (exitCode, signal) => resolvePromise(exitCodeFor(exitCode, signal)))
  })
  if (code !== 0) {
    console.error('The build failed; see the messages above.')
    process.exit(code)
  }
}

/** Finds a runnable Electron, downloading it once if it is missing. Resolves { ok, path } or { ok: false, reason }. */
async function findElectron(projectDir) {
  if (!hasDisplay()) return { ok: false, reason: 'no graphical display: DISPLAY and WAYLAND_DISPLAY are unset' }
  const electronDir = resolvePackageDir(projectDir, 'electron')
  if (!electronDir) return { ok: false, reason: 'the electron package is not installed' }
  const found = electronBinary(electronDir)
  if (found.ok) return found
  console.log(`Electron's binary is missing (${found.reason}); trying to download it once...`)
  const install = await runCommand(process.execPath, [join(electronDir, 'install.js')], {
    cwd: electronDir,
    timeoutMs: INSTALL_TIMEOUT_MS
  })
  if (install.code !== 0) {
    return { ok: false, reason: `download failed: ${shortReason(install.output, `exit code ${install.code}`)}` }
  }
  const again = electronBinary(electronDir)
  return again.ok ? again : { ok: false, reason: `download finished but ${again.reason}` }
}

/**
 * Runs the child and mirrors its exit. On POSIX it gets its own process group and no stdin, so a terminal's
 * Ctrl+C reaches only this script, which forwards it exactly once (a doubled SIGINT could cut a clean stop short).
 */
function runChild(command, args, { cwd, env }) {
  const posix = process.platform !== 'win32'
  const child = spawn(command, args, { cwd, env, stdio: [posix ? 'ignore' : 'inherit', 'inherit', 'inherit'], detached: posix })
  // On Windows the console delivers Ctrl+C to the child itself, and kill('SIGINT') there would be a hard kill.
  const forwarded = posix ? ['SIGINT', 'SIGTERM', 'SIGHUP'] : ['SIGTERM']
  for (const signal of forwarded) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    })
  }
  child.on('error', (error) => {
    console.error(`Could not start ${command}: ${error.message}`)
    process.exit(1)
  })
  child.on('exit', (code, signal) => process.exit(exitCodeFor(code, signal)))
}

function runHeadless(projectDir, rest) {
  runChild(process.execPath, [join(projectDir, 'out', 'main', 'cli.js'), 'serve', ...rest], { cwd: projectDir, env: process.env })
}

async function main() {
  const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..')
  const { headless, rest } = parseStartArgs(process.argv.slice(2))
  await build(projectDir)
  if (headless) return runHeadless(projectDir, rest)

  const electron = await findElectron(projectDir)
  if (!electron.ok) {
    console.log(headlessNotice(electron.reason))
    return runHeadless(projectDir, rest)
  }
  const electronVersion = electronVersionOf(projectDir)
  const sqlite = await ensureElectronSqlite({ projectDir, electronVersion, log: (line) => console.log(line) })
  if (!sqlite.ok) {
    console.log(headlessNotice(`better-sqlite3 for Electron ${electronVersion} could not be prepared: ${sqlite.reason}`))
    return runHeadless(projectDir, rest)
  }
  if (sqlite.how !== 'cached') console.log(`Prepared ${relative(projectDir, sqlite.path)} (${sqlite.how}).`)
  const env = { ...process.env }
  delete env.ELECTRON_RUN_AS_NODE // set, it would make Electron behave as plain Node
  runChild(electron.path, [projectDir, ...rest], { cwd: projectDir, env })
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : String(error))
    process.exit(1)
  })
}
