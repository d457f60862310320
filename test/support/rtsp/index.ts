// RTSP test cameras: one gst-rtsp-server (server.py) with a mount per stream, fed over UDP by
// one ffmpeg per stream. Feeders and server are separate processes so a test can take the
// camera offline (stop) and bring it back (start) while the picture keeps running, like a
// camera that reboots or drops off the network.
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createSocket, type Socket } from 'node:dgram'
import path from 'node:path'
import { drawtextSafe, drawtextWorks, videoCodecArgs } from '../media'
import { timecodeBandHeight, timecodeFilter } from '../timecode'

export interface TestStream {
  path: string
  codec?: 'h264' | 'h265'
  width?: number
  height?: number
  fps?: number
  audio?: 'aac' | null
  /** Pre-encoded file to loop with -c copy instead of live-encoding. */
  clip?: string
  /**
   * Burn a binary time code (test/support/timecode.ts) into the top rows: each frame's wall-clock capture
   * time in epoch ms, read back with readTimecode(). Live-encoded streams only (a clip is copied as it is).
   */
  timecode?: boolean
}

export interface RtspServerOptions {
  streams: TestStream[]
  /** 0 or undefined = a free port. */
  port?: number
  auth?: { user: string; password: string }
}

export interface RtspTestServer {
  port: number
  /** rtsp://127.0.0.1:port/path, with credentials if given. */
  url(path: string, creds?: { user: string; password: string }): string
  /** Kills the RTSP server (the camera goes offline); feeders keep running. */
  stop(): Promise<void>
  /** Starts it again on the same port (the camera comes back). */
  start(): Promise<void>
  /** Kills everything (server + feeders); idempotent. */
  close(): Promise<void>
  /** All running child pids, for CPU accounting in benchmarks. */
  pids(): number[]
}

export interface ProbeResult {
  ok: boolean
  code: number | null
  stdout: string
  stderr: string
  streams: Array<Record<string, unknown>>
}

// Debian's python3-gi is only importable by the system interpreter, not by a python3 on PATH.
const PYTHON = '/usr/bin/python3'
// __dirname exists under vitest and tsx alike; import.meta would depend on the tsconfig module mode.
const SERVER_PY = path.join(__dirname, 'server.py')
const READY_TIMEOUT_MS = 10_000
const MOUNT_TIMEOUT_MS = 30_000
const STDERR_TAIL = 4000

// ---------------------------------------------------------------------------------------------
// Child processes: tracked, killed with the test process, always reaped.

// If this process dies without running 'exit' handlers (SIGKILL, a torn-down worker), the kernel
// kills the child too (PR_SET_PDEATHSIG = 1). The wrapper execs the real program, so the pid we
// hold is the program's pid.
const DIE_WITH_PARENT = [
  'import ctypes, os, signal, sys',
  'ctypes.CDLL(None).prctl(1, signal.SIGKILL)',
  'if os.getppid() != int(sys.argv[1]): sys.exit(1)', // parent already gone before prctl
  'os.execvp(sys.argv[2], sys.argv[2:])'
].join('\n')

// One registry per process, even if a test runner loads this module more than once.
const REGISTRY = Symbol.for('vigil.test.rtsp.children')
const registry = globalThis as { [REGISTRY]?: Set<ChildProcess> }
const running = (registry[REGISTRY] ??= (() => {
  const set = new Set<ChildProcess>()
  process.on('exit', () => {
    for (const child of set) child.kill('SIGKILL')
  })
  return set
})())

interface Proc {
  child: ChildProcess
  exited: Promise<void>
  stderr(): string
}

function startProcess(cmd: string, args: string[]): Proc {
  const child = spawn(PYTHON, ['-c', DIE_WITH_PARENT, String(process.pid), cmd, ...args], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  running.add(child)
  let tail = ''
  // Always drain stderr: a full pipe would block ffmpeg.
  child.stderr!.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-STDERR_TAIL)
  })
  // Node reaps the child and emits 'exit' (also after a spawn error), so no zombies remain.
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve())
    child.once('error', (err) => {
      tail += `\n${err.message}`
      resolve()
    })
  }).finally(() => running.delete(child))
  return { child, exited, stderr: () => tail }
}

function isRunning(p: Proc | undefined): p is Proc {
  return !!p && p.child.exitCode === null && p.child.signalCode === null && p.child.pid !== undefined
}

async function stopProcess(p: Proc | undefined, graceMs = 3000): Promise<void> {
  if (!p) return
  if (isRunning(p)) {
    p.child.kill('SIGTERM')
    const timer = setTimeout(() => p.child.kill('SIGKILL'), graceMs)
    await p.exited
    clearTimeout(timer)
  }
  await p.exited
}

// ---------------------------------------------------------------------------------------------
// ffmpeg feeders

const PRESET = 'ultrafast'

/** The ffmpeg argv of a feeder that pushes MPEG-TS to 127.0.0.1:udpPort (pure; no I/O). */
export function feederArgs(stream: TestStream, udpPort: number, withText: boolean, now = Date.now()): string[] {
  // pkt_size=1316 = 7 TS packets, one datagram each, under the loopback MTU.
  const out = ['-f', 'mpegts', `udp://127.0.0.1:${udpPort}?pkt_size=1316`]
  const args = ['-nostdin', '-hide_banner', '-loglevel', 'error']
  if (stream.clip) {
    // -re paces the copy at the clip's own frame rate, like a live camera; MP4 keeps timestamps
    // across loops (a raw .h264/.ts would not).
    return [...args, '-re', '-stream_loop', '-1', '-i', stream.clip, '-c', 'copy', ...out]
  }
  const { codec = 'h264', width = 640, height = 360, fps = 15 } = stream
  args.push('-re', '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}`)
  if (stream.audio === 'aac') args.push('-re', '-f', 'lavfi', '-i', 'sine=frequency=1000:sample_rate=48000')
  const filters: string[] = []
  if (withText) {
    // Wall-clock time of day (UTC, ms) of each frame: start time + pts. With -re, pts tracks real
    // time, so a recording's picture can be compared with when it was captured.
    const startOfDay = ((now / 1000) % 86400).toFixed(3)
    const label = drawtextSafe(stream.path)
    const size = Math.max(16, Math.round(height / 15))
    const top = stream.timecode ? timecodeBandHeight(width) + 6 : 10
    filters.push(
      `drawtext=text='${label} %{pts\\:hms\\:${startOfDay}} UTC':x=10:y=${top}:fontsize=${size}:fontcolor=white:box=1:boxcolor=black@0.6`
    )
  }
  // After the text: the time code re-stamps the frames with the wall clock, then numbers them again.
  if (stream.timecode) filters.push(timecodeFilter(width, fps))
  if (filters.length > 0) args.push('-vf', filters.join(','))
  // Keyframe every second: a client (or a restarted server) gets a picture within 1 s.
  args.push(...videoCodecArgs(codec, fps, PRESET), '-tune', 'zerolatency')
  if (stream.audio === 'aac') args.push('-c:a', 'aac', '-b:a', '64k')
  return [...args, ...out]
}

// ---------------------------------------------------------------------------------------------
// Probing

function run(cmd: string, args: string[], timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 4 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0
      resolve({ code, stdout, stderr: stderr || (err && code === null ? err.message : '') })
    })
  })
}

/**
 * Runs the real `ffprobe -rtsp_transport tcp -of json -show_streams` on an RTSP URL.
 * `quick` trades stream details (fps, size) for speed: it only needs the SDP, which the server
 * sends once its pipeline has data, so it is enough to know a mount is live.
 */
export async function probeRtsp(url: string, { timeoutMs = 15_000, quick = false } = {}): Promise<ProbeResult> {
  const args = ['-v', 'error', '-rtsp_transport', 'tcp', '-timeout', '5000000']
  if (quick) args.push('-analyzeduration', '100000', '-probesize', '32768', '-fpsprobesize', '0')
  const r = await run('ffprobe', [...args, '-of', 'json', '-show_streams', url], timeoutMs)
  let streams: ProbeResult['streams'] = []
  try {
    streams = JSON.parse(r.stdout).streams ?? []
  } catch {
    // no JSON: ffprobe failed before printing anything
  }
  return { ...r, ok: r.code === 0 && streams.length > 0, streams }
}

function streamsOfFile(file: string): Array<Record<string, unknown>> {
  const r = spawnSync('ffprobe', ['-v', 'error', '-of', 'json', '-show_streams', file], { encoding: 'utf8', timeout: 15_000 })
  if (r.status !== 0) throw new Error(`test clip ${file} is not readable by ffprobe: ${r.stderr}`)
  return JSON.parse(r.stdout).streams ?? []
}

// ---------------------------------------------------------------------------------------------

/** Free UDP ports for the feeds; all sockets stay open until every port is picked, so none repeat. */
async function freeUdpPorts(n: number): Promise<number[]> {
  const sockets: Socket[] = []
  try {
    for (let i = 0; i < n; i++) {
      const s = createSocket('udp4')
      sockets.push(s)
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject)
        s.bind(0, '127.0.0.1', () => resolve())
      })
    }
    return sockets.map((s) => s.address().port)
  } finally {
    for (const s of sockets) s.close()
  }
}

interface Mount {
  path: string
  udpPort: number
  codec: 'h264' | 'h265'
  audio: boolean
}

function mountFor(stream: TestStream, udpPort: number): Mount {
  const p = stream.path.startsWith('/') ? stream.path : `/${stream.path}`
  if (!stream.clip) return { path: p, udpPort, codec: stream.codec ?? 'h264', audio: stream.audio === 'aac' }
  // The server's depayloader chain must match what is inside the clip, whatever the caller says.
  const streams = streamsOfFile(stream.clip)
  const video = streams.find((s) => s.codec_type === 'video')?.codec_name
  if (video !== 'h264' && video !== 'hevc') throw new Error(`test clip ${stream.clip}: video must be h264 or hevc, got ${video}`)
  const audio = streams.some((s) => s.codec_type === 'audio' && s.codec_name === 'aac')
  return { path: p, udpPort, codec: video === 'hevc' ? 'h265' : 'h264', audio }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function startRtspServer(opts: RtspServerOptions): Promise<RtspTestServer> {
  if (opts.streams.length === 0) throw new Error('startRtspServer: give at least one stream')
  const udpPorts = await freeUdpPorts(opts.streams.length)
  const mounts = opts.streams.map((s, i) => mountFor(s, udpPorts[i]))
  const withText = drawtextWorks()
  // Feeders start first and run for the harness' lifetime: datagrams sent while no server
  // listens are simply dropped, and a restarted server picks up the live feed.
  const feeders = opts.streams.map((s, i) => startProcess('ffmpeg', feederArgs(s, udpPorts[i], withText)))

  let port = opts.port ?? 0
  let server: Proc | undefined
  let closing: Promise<void> | undefined

  const url = (p: string, creds?: { user: string; password: string }) => {
    const auth = creds ? `${encodeURIComponent(creds.user)}:${encodeURIComponent(creds.password)}@` : ''
    return `rtsp://${auth}127.0.0.1:${port}${p.startsWith('/') ? p : `/${p}`}`
  }

  const diagnostics = () =>
    [
      `server stderr: ${server?.stderr().trim() || '(empty)'}`,
      ...feeders.map((f, i) => `feeder ${mounts[i].path} ${isRunning(f) ? 'running' : 'exited'}: ${f.stderr().trim() || '(no stderr)'}`)
    ].join('\n')

  async function launchServer(): Promise<void> {
    const config = { port, mounts, ...(opts.auth ?? {}) }
    const proc = startProcess(PYTHON, [SERVER_PY, JSON.stringify(config)])
    server = proc
    const ready = await new Promise<number | undefined>((resolve) => {
      let out = ''
      const timer = setTimeout(() => resolve(undefined), READY_TIMEOUT_MS)
      proc.child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        const m = /^READY (\d+)$/m.exec(out)
        if (m) {
          clearTimeout(timer)
          resolve(Number(m[1]))
        }
      })
      void proc.exited.then(() => {
        clearTimeout(timer)
        resolve(undefined)
      })
    })
    if (ready === undefined) {
      await stopProcess(proc)
      throw new Error(`RTSP test server did not start on port ${port}:\n${diagnostics()}`)
    }
    port = ready
    await waitForMounts()
  }

  // Ready means every mount serves media, not merely that the socket listens: the first
  // DESCRIBE only succeeds once its feeder's data reaches the pipeline.
  async function waitForMounts(): Promise<void> {
    const deadline = Date.now() + MOUNT_TIMEOUT_MS
    await Promise.all(
      mounts.map(async (m) => {
        let last: ProbeResult | undefined
        while (Date.now() < deadline) {
          if (!isRunning(server)) break
          last = await probeRtsp(url(m.path, opts.auth), { quick: true, timeoutMs: Math.max(1000, deadline - Date.now()) })
          if (last.ok) return
          await sleep(200)
        }
        throw new Error(
          `RTSP test mount ${m.path} did not answer within ${MOUNT_TIMEOUT_MS} ms ` +
            `(last ffprobe: ${last?.stderr.trim() || 'none'})\n${diagnostics()}`
        )
      })
    )
  }

  const handle: RtspTestServer = {
    get port() {
      return port
    },
    url,
    async stop() {
      await stopProcess(server)
    },
    async start() {
      if (closing) throw new Error('RTSP test server is closed')
      if (isRunning(server)) return
      await launchServer()
    },
    close() {
      closing ??= Promise.all([stopProcess(server), ...feeders.map((f) => stopProcess(f))]).then(() => undefined)
      return closing
    },
    pids() {
      return [server, ...feeders].filter(isRunning).map((p) => p.child.pid!)
    }
  }

  try {
    await launchServer()
  } catch (err) {
    await handle.close()
    throw err
  }
  return handle
}

/** Whether this machine can run the harness; `missing` names what to install. */
export function haveRtspTooling(): { ok: boolean; missing: string[] } {
  const missing: string[] = []
  const check = [
    'import gi',
    "gi.require_version('Gst', '1.0')",
    "gi.require_version('GstRtspServer', '1.0')",
    'from gi.repository import Gst, GstRtspServer',
    'Gst.init(None)',
    "need = ['udpsrc', 'tsdemux', 'queue', 'h264parse', 'h265parse', 'aacparse', 'rtph264pay', 'rtph265pay', 'rtpmp4gpay']",
    "print(' '.join(e for e in need if Gst.ElementFactory.find(e) is None))"
  ].join('\n')
  const py = spawnSync(PYTHON, ['-c', check], { encoding: 'utf8', timeout: 15_000 })
  if (py.error) missing.push(`${PYTHON} (python3-gi)`)
  else if (py.status !== 0) missing.push('gi GstRtspServer (python3-gi, gir1.2-gst-rtsp-server-1.0)')
  else if (py.stdout.trim()) missing.push(`GStreamer elements: ${py.stdout.trim()} (gstreamer1.0-plugins-good/-bad)`)
  for (const tool of ['ffmpeg', 'ffprobe']) {
    if (spawnSync(tool, ['-version'], { stdio: 'ignore', timeout: 15_000 }).status !== 0) missing.push(tool)
  }
  return { ok: missing.length === 0, missing }
}
