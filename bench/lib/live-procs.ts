// Bookkeeping for the live benchmark: every process, server, browser and temp dir it starts is registered
// here, so a failure or Ctrl+C leaves nothing behind. Also the "is the machine quiet?" gate.
import { spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { stillAlive } from './proc-stats'

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** The promise's value, or null if it takes longer than `ms` (the timer is cleared either way). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)))
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}

const tempDirs = new Set<string>()
const children = new Set<ChildProcess>()
/** Things with their own stop (RTSP servers, Chromium, Vigil): run before the children are killed. */
const closers = new Set<() => Promise<unknown>>()
/** Descendants the samplers saw: if a parent dies badly they are orphans we must still reap. */
const seenDescendants: { pid: number; startTime: number }[] = []

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix))
  tempDirs.add(dir)
  return dir
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
  tempDirs.delete(dir)
}

export function track(child: ChildProcess): ChildProcess {
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}

/** Registers a stop function; the returned function unregisters it (call it once stopped normally). */
export function onCleanup(close: () => Promise<unknown>): () => void {
  closers.add(close)
  return () => closers.delete(close)
}

export function rememberSeen(seen: { pid: number; startTime: number }[]): void {
  seenDescendants.push(...seen)
}

export async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
}

export function reapOrphans(): void {
  for (const { pid, startTime } of seenDescendants.splice(0)) {
    if (stillAlive(pid, startTime)) process.kill(pid, 'SIGKILL')
  }
}

let cleaning: Promise<void> | null = null
export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.allSettled([...closers].map((close) => close()))
    await Promise.all([...children].map((c) => stopChild(c, 8000)))
    reapOrphans()
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
  })()
  return cleaning
}

export function cleanUpOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping servers and viewers, removing temp dirs...\n`)
      void cleanup().finally(() => process.exit(130))
    })
  }
}

/** Node without tsx's loader flags: Vigil and node-rtsp-stream run as plain JavaScript, as a user runs them. */
export function nodeEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env }
  delete env.NODE_OPTIONS
  return env
}

/** Keeps the last few KB of a child's output for error messages; draining also keeps its pipes from filling. */
export function tail(child: ChildProcess): () => string {
  let text = ''
  const keep = (chunk: Buffer) => (text = (text + chunk.toString()).slice(-4000))
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  return () => text
}

/** node-rtsp-stream needs a fixed port per camera. */
export { freePort } from '../../test/support/ports'

const OTHER_BENCH = 'record.bench'
const QUIET_TIMEOUT_MS = 60 * 60_000

/**
 * CPU figures mean something only on a quiet machine: another benchmark (the recording one) running at the
 * same time would add to ours and we to its. Polls until no such process exists. pgrep is run without a
 * shell, so no shell command line of ours matches the pattern.
 */
export const otherBenchRunning = () => spawnSync('pgrep', ['-f', OTHER_BENCH]).status === 0

export async function waitQuiet(log: (line: string) => void = console.log): Promise<void> {
  const deadline = Date.now() + QUIET_TIMEOUT_MS
  let told = false
  while (otherBenchRunning()) {
    if (!told) log(`  waiting for ${OTHER_BENCH} to finish (CPU figures need a quiet machine)...`)
    told = true
    if (Date.now() > deadline) throw new Error(`${OTHER_BENCH} still running after ${QUIET_TIMEOUT_MS / 60_000} min`)
    await sleep(2000)
  }
  // Let its processes' exit and the page cache settle before a window opens.
  if (told) await sleep(5000)
}
