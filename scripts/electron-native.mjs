#!/usr/bin/env node
// better-sqlite3 for Electron's ABI, next to (never instead of) the Node build in node_modules.
//
// node_modules/better-sqlite3/build stays compiled for Node: tests and headless mode load it untouched.
// The desktop app loads a second copy from .native/electron-<version>-<platform>-<arch>/better_sqlite3.node
// (main/electron/native-binding.ts spells the same path). Obtained by, in order:
//   1. prebuild-install (a dependency of better-sqlite3) in a temp folder: downloads the prebuilt binary;
//   2. @electron/rebuild, when installed: compiles a temp copy of better-sqlite3 against Electron's headers.
//
//   node scripts/electron-native.mjs [--force]
import { spawn } from 'node:child_process'
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const SQLITE_BINARY = 'better_sqlite3.node'
export const NATIVE_DIR = '.native'
/** Written next to the binary: which better-sqlite3 it was made from, so an upgrade triggers a new copy. */
export const STAMP_FILE = 'source.json'

const PREBUILD_TIMEOUT_MS = 120_000
const REBUILD_TIMEOUT_MS = 15 * 60_000

export function nativeDirName(electronVersion, platform, arch) {
  return `electron-${electronVersion}-${platform}-${arch}`
}

export function electronSqlitePath(projectDir, electronVersion, platform, arch) {
  return join(projectDir, NATIVE_DIR, nativeDirName(electronVersion, platform, arch), SQLITE_BINARY)
}

export function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'))
}

/** The stamp matches when the binary was made from this better-sqlite3 version for this Electron. */
export function isStampCurrent(stamp, { sqliteVersion, electronVersion }) {
  return Boolean(stamp) && stamp.betterSqlite3 === sqliteVersion && stamp.electron === electronVersion
}

/** First meaningful line of a failed command's output, for a one-line reason. */
export function shortReason(output, fallback) {
  const lines = String(output ?? '')
    .split(/\r?\n/)
    .map((line) => line.replace(/^prebuild-install (warn|info|http|verb|ERR!)\s+(install\s+)?/i, '').trim())
    .filter((line) => line.length > 0 && !/^at\s/.test(line))
  const interesting = lines.find((line) => /error|fail|not found|404|ENOTFOUND|EAI_AGAIN|ECONN|timed out/i.test(line))
  const line = interesting ?? lines.at(-1) ?? fallback
  return line.length > 160 ? `${line.slice(0, 157)}...` : line
}

/** Runs a command without a shell; resolves with its exit code and combined output (never rejects). */
export function runCommand(command, args, { cwd, timeoutMs, env = process.env }) {
  return new Promise((resolvePromise) => {
    let output = ''
    let timedOut = false
    let child
    try {
      child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true })
    } catch (error) {
      resolvePromise({ code: -1, output: String(error), timedOut })
      return
    }
    const collect = (chunk) => {
      output += chunk
      if (output.length > 64_000) output = output.slice(-32_000)
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    child.on('error', (error) => collect(`${error.message}\n`))
    child.on('close', (code) => {
      clearTimeout(timer)
      if (timedOut) resolvePromise({ code: -1, output: `timed out after ${timeoutMs / 1000} s\n${output}`, timedOut })
      else resolvePromise({ code: code ?? -1, output, timedOut })
    })
  })
}

function resolveFrom(baseDir, request) {
  try {
    return createRequire(join(baseDir, 'noop.js')).resolve(request)
  } catch {
    return null
  }
}

function installAtomically(source, target) {
  mkdirSync(dirname(target), { recursive: true })
  const temp = `${target}.${process.pid}.tmp`
  copyFileSync(source, temp)
  renameSync(temp, target)
}

/** Refuses to write into better-sqlite3's own build folder, whatever a caller passes. */
function assertOutside(target, sqliteDir) {
  const rel = relative(resolve(sqliteDir), resolve(target))
  if (rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))) {
    throw new Error(`refusing to write ${target}: it is inside ${sqliteDir}`)
  }
}

/** Runs `attempt` in a fresh temp folder. On success the caller copies the file out, then calls cleanup(). */
async function inWorkDir(prefix, label, attempt) {
  const work = mkdtempSync(join(tmpdir(), prefix))
  const cleanup = () => rmSync(work, { recursive: true, force: true })
  try {
    const result = await attempt(work)
    if (result.ok) return { ...result, cleanup }
    cleanup()
    return result
  } catch (error) {
    cleanup()
    return { ok: false, reason: `${label} failed: ${error.message}` }
  }
}

/** The command's product, or its one-line reason for failing. */
function outcome(result, built, label) {
  if (result.code === 0 && existsSync(built)) return { ok: true, file: built }
  return { ok: false, reason: `${label} failed: ${shortReason(result.output, `exit code ${result.code}`)}` }
}

async function viaPrebuild({ sqliteDir, electronVersion, platform, arch, run, log }) {
  const bin = resolveFrom(sqliteDir, 'prebuild-install/bin.js')
  if (!bin) return { ok: false, reason: 'prebuild-install is not installed' }
  return inWorkDir('vigil-prebuild-', 'prebuilt download', async (work) => {
    // prebuild-install needs only the package manifest (name, version, repository) and writes build/Release.
    copyFileSync(join(sqliteDir, 'package.json'), join(work, 'package.json'))
    log(`downloading better-sqlite3 prebuilt for Electron ${electronVersion} (${platform}-${arch})`)
    const args = ['--runtime', 'electron', '--target', electronVersion, '--arch', arch, '--platform', platform, '--verbose']
    const result = await run(process.execPath, [bin, ...args], { cwd: work, timeoutMs: PREBUILD_TIMEOUT_MS })
    return outcome(result, join(work, 'build', 'Release', SQLITE_BINARY), 'prebuilt download')
  })
}

async function viaRebuild({ projectDir, sqliteDir, sqliteVersion, electronVersion, arch, run, log }) {
  const manifest = resolveFrom(projectDir, '@electron/rebuild/package.json')
  if (!manifest) return { ok: false, reason: '@electron/rebuild is not installed' }
  const pkg = readJson(manifest)
  const cli = join(dirname(manifest), typeof pkg.bin === 'string' ? pkg.bin : (pkg.bin?.['electron-rebuild'] ?? 'lib/cli.js'))
  return inWorkDir('vigil-rebuild-', '@electron/rebuild', async (work) => {
    // A throwaway project holding a copy of better-sqlite3 without its build/, compiled in place there.
    const project = { name: 'vigil-native-build', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }
    writeFileSync(join(work, 'package.json'), JSON.stringify(project))
    const copy = join(work, 'node_modules', 'better-sqlite3')
    const skipped = (rel) => ['build', 'node_modules'].some((dir) => rel === dir || rel.startsWith(`${dir}${sep}`))
    cpSync(sqliteDir, copy, { recursive: true, filter: (source) => !skipped(relative(sqliteDir, source)) })
    log(`compiling better-sqlite3 for Electron ${electronVersion} with @electron/rebuild (takes a minute or two)`)
    const args = ['--version', electronVersion, '--arch', arch, '--module-dir', work, '--only', 'better-sqlite3', '--force']
    const result = await run(process.execPath, [cli, ...args], { cwd: work, timeoutMs: REBUILD_TIMEOUT_MS })
    return outcome(result, join(copy, 'build', 'Release', SQLITE_BINARY), '@electron/rebuild')
  })
}

/**
 * Makes sure the Electron copy exists and is current. Resolves with
 * { ok: true, path, how: 'cached' | 'prebuild' | 'rebuild' } or { ok: false, reason }.
 * `run` is injectable so tests need neither network nor a compiler.
 */
export async function ensureElectronSqlite({
  projectDir,
  electronVersion,
  platform = process.platform,
  arch = process.arch,
  force = false,
  run = runCommand,
  log = () => {}
}) {
  const sqliteManifest = resolveFrom(projectDir, 'better-sqlite3/package.json')
  if (!sqliteManifest) return { ok: false, reason: 'better-sqlite3 is not installed (run npm install)' }
  const sqliteDir = dirname(sqliteManifest)
  const sqliteVersion = readJson(sqliteManifest).version
  const target = electronSqlitePath(projectDir, electronVersion, platform, arch)
  const stampFile = join(dirname(target), STAMP_FILE)
  assertOutside(target, sqliteDir)

  if (!force && existsSync(target)) {
    let stamp = null
    try {
      stamp = readJson(stampFile)
    } catch {
      stamp = null
    }
    if (isStampCurrent(stamp, { sqliteVersion, electronVersion })) return { ok: true, path: target, how: 'cached' }
  }

  const reasons = []
  const attempts = [
    ['prebuild', () => viaPrebuild({ sqliteDir, electronVersion, platform, arch, run, log })],
    ['rebuild', () => viaRebuild({ projectDir, sqliteDir, sqliteVersion, electronVersion, arch, run, log })]
  ]
  for (const [how, attempt] of attempts) {
    const result = await attempt()
    if (!result.ok) {
      reasons.push(result.reason)
      continue
    }
    try {
      installAtomically(result.file, target)
      const stamp = { betterSqlite3: sqliteVersion, electron: electronVersion, platform, arch, how }
      writeFileSync(stampFile, JSON.stringify(stamp, null, 2) + '\n')
    } finally {
      result.cleanup()
    }
    return { ok: true, path: target, how }
  }
  return { ok: false, reason: reasons.join('; ') }
}

export function projectRoot() {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..')
}

export function electronVersionOf(projectDir) {
  const manifest = resolveFrom(projectDir, 'electron/package.json')
  return manifest ? readJson(manifest).version : null
}

async function main() {
  const projectDir = projectRoot()
  const electronVersion = electronVersionOf(projectDir)
  if (!electronVersion) {
    console.error('electron is not installed (run npm install)')
    process.exit(1)
  }
  const result = await ensureElectronSqlite({
    projectDir,
    electronVersion,
    force: process.argv.includes('--force'),
    log: (line) => console.log(line)
  })
  if (!result.ok) {
    console.error(`better-sqlite3 for Electron ${electronVersion} is not available: ${result.reason}`)
    process.exit(1)
  }
  console.log(`${result.how === 'cached' ? 'up to date' : `ready (${result.how})`}: ${relative(projectDir, result.path)}`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main()
