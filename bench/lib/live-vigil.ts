// Vigil as a user runs it headless (`node out/main/cli.js serve`), and Node viewers of its live WebSocket.
import { execFileSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import WebSocket from 'ws'
import type { CameraStatus, Envelope } from '../../main/contract'
import { Mp4Splitter } from '../../main/core/live/mp4-boxes'
import { nodeEnv, onCleanup, sleep, stopChild, tail, tempDir, track, within } from './live-procs'
import { FFMPEG } from './live-source'

export const ROOT = path.resolve(__dirname, '../..')
export const CLI = path.join(ROOT, 'out/main/cli.js')

/** The build every Vigil process of this run uses: out/ itself until snapshotBuild(). */
let build = { cli: CLI, env: nodeEnv() }

/**
 * Copies out/ to a temp dir and runs Vigil from there, so a rebuild during the run (tests build out/ too)
 * cannot change what is measured halfway. The bundle is CommonJS; NODE_PATH finds the project's
 * node_modules from the copy. Returns when out/ was built and a short hash of its main bundle.
 */
export function snapshotBuild(): { builtAt: string; hash: string } {
  const dir = tempDir('vigil-bench-build-')
  cpSync(path.join(ROOT, 'out'), path.join(dir, 'out'), { recursive: true })
  const cli = path.join(dir, 'out/main/cli.js')
  build = { cli, env: { ...nodeEnv(), NODE_PATH: path.join(ROOT, 'node_modules') } }
  const hash = createHash('sha256')
  const chunks = path.join(dir, 'out/main/chunks')
  for (const file of [cli, ...readdirSync(chunks).sort().map((name) => path.join(chunks, name))]) hash.update(readFileSync(file))
  return { builtAt: statSync(CLI).mtime.toISOString(), hash: hash.digest('hex').slice(0, 12) }
}

export interface Serve {
  /** http://127.0.0.1:port, no trailing slash. */
  url: string
  pid: number
  /** Camera ids by name. */
  ids: Map<string, string>
  output(): string
  stop(): Promise<void>
}

/** Cameras go in before the server starts, so recording runs from the first second (no probe: the mounts are known). */
export function addCameras(dataDir: string, cameras: { name: string; url: string }[]): void {
  for (const camera of cameras) {
    execFileSync(process.execPath, [build.cli, 'cameras', 'add', '--data-dir', dataDir, '--name', camera.name, '--url', camera.url, '--no-probe'], {
      env: build.env,
      stdio: ['ignore', 'ignore', 'inherit']
    })
  }
}

export async function call<T>(baseUrl: string, method: string, args: unknown = {}): Promise<T> {
  const response = await fetch(`${baseUrl}/api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(args)
  })
  const envelope = (await response.json()) as Envelope
  if (!envelope.ok) throw new Error(`${method} failed: ${JSON.stringify(envelope.error)}`)
  return envelope.value as T
}

/**
 * Starts `vigil serve` on a free port. --ffmpeg: the system ffmpeg, the same binary node-rtsp-stream and the
 * recording benchmark use. --segment-seconds 600: see the notes (segment cuts are kept out of the windows).
 */
export async function launchServe(dataDir: string, segmentSeconds: number): Promise<Serve> {
  const args = [build.cli, 'serve', '--data-dir', dataDir, '--port', '0', '--no-demo', '--ffmpeg', FFMPEG, '--segment-seconds', String(segmentSeconds)]
  const child = track(spawn(process.execPath, args, { cwd: ROOT, env: build.env, stdio: ['ignore', 'pipe', 'pipe'] }))
  const output = tail(child)
  const forget = onCleanup(() => stopChild(child, 20_000))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`vigil serve did not start within 30 s:\n${output()}`)), 30_000)
    const check = () => {
      const match = /Vigil is running at (http:\/\/\S+?)\/? \(/.exec(output())
      if (!match) return
      clearTimeout(timer)
      child.stdout!.off('data', check)
      resolve(match[1])
    }
    child.stdout!.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`vigil serve exited with ${code}:\n${output()}`))
    })
  })
  const cameras = await call<{ id: string; name: string }[]>(url, 'cameras.list')
  return {
    url,
    pid: child.pid!,
    ids: new Map(cameras.map((c) => [c.name, c.id])),
    output,
    stop: async () => {
      forget()
      const died = child.exitCode !== null || child.signalCode !== null
      // SIGTERM is Vigil's clean stop: recorders and relays end, the open segments are indexed.
      await stopChild(child, 20_000)
      if (died) throw new Error(`vigil serve exited during the run:\n${output()}`)
    }
  }
}

/** Waits until every camera records (its recorder's ffmpeg delivers media). */
export async function waitRecording(serve: Serve, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let statuses: CameraStatus[] = []
  while (Date.now() < deadline) {
    statuses = await call<CameraStatus[]>(serve.url, 'cameras.status')
    if (statuses.length >= serve.ids.size && statuses.every((s) => s.state === 'recording')) return
    await sleep(250)
  }
  throw new Error(`not every camera is recording after ${timeoutMs / 1000} s: ${JSON.stringify(statuses.map((s) => s.state))}`)
}

/**
 * Pids of the ffmpegs a live relay started for these URLs (argv holds the URL and `-f mp4`). A recorder's
 * ffmpeg (`-f segment`) may carry a live tap with `-f mp4` too: it is not a relay's, so it is left out.
 */
export function liveFfmpegPids(urls: string[]): number[] {
  const wanted = new Set(urls)
  const pids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let argv: string[]
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')
    } catch {
      continue
    }
    if (!argv[0]?.endsWith('ffmpeg') || !argv.some((arg) => wanted.has(arg))) continue
    const format = (name: string) => argv.some((arg, i) => arg === '-f' && argv[i + 1] === name)
    if (format('mp4') && !format('segment')) pids.push(Number(entry))
  }
  return pids
}

/** Milestones of one viewer, in ms after the WebSocket was created (performance.now clock). */
export interface VigilTimes {
  open: number | null
  hello: number | null
  init: number | null
  keyframe: number | null
}

/**
 * A viewer of /api/live?camera=<id>&stream=main that reads and discards, like a player that keeps up. It cuts
 * the stream into fMP4 units only until the first keyframe fragment (the first thing a player can show).
 */
export class VigilViewer {
  readonly createdAt = performance.now()
  readonly times: VigilTimes = { open: null, hello: null, init: null, keyframe: null }
  bytes = 0
  errors: string[] = []
  private readonly ws: WebSocket
  private splitter: Mp4Splitter | null = new Mp4Splitter()
  private readonly keyframeSeen: Promise<void>

  constructor(baseUrl: string, cameraId: string) {
    this.ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/live?camera=${encodeURIComponent(cameraId)}&stream=main`)
    let seen = () => {}
    this.keyframeSeen = new Promise((resolve) => (seen = resolve))
    const since = () => performance.now() - this.createdAt
    this.ws.on('open', () => (this.times.open = since()))
    this.ws.on('message', (data: Buffer, isBinary) => {
      if (!isBinary) {
        const message = JSON.parse(String(data)) as { hello?: unknown; error?: string }
        if (message.hello) this.times.hello ??= since()
        else this.errors.push(message.error ?? '(no text)')
        return
      }
      this.bytes += data.length
      if (!this.splitter) return
      for (const unit of this.splitter.push(data)) {
        if (unit.kind === 'init') this.times.init ??= since()
        else if (unit.keyframe) {
          this.times.keyframe = since()
          this.splitter = null
          seen()
          break
        }
      }
    })
    this.ws.on('error', (error) => this.errors.push(error.message))
  }

  /** Resolves with the time from WebSocket open to the first keyframe fragment (ms), or null after the timeout. */
  async firstFrame(timeoutMs = 20_000): Promise<number | null> {
    const done = await within(this.keyframeSeen.then(() => true), timeoutMs)
    if (!done || this.times.keyframe === null || this.times.open === null) return null
    return this.times.keyframe - this.times.open
  }

  close(): void {
    this.ws.terminate()
  }
}
