// The baseline: node-rtsp-stream, the design card's library (RTSP -> ffmpeg MPEG-1 in MPEG-TS -> WebSocket,
// for jsmpeg in the browser). It runs in a child Node process of its own, so its process tree (node plus
// one ffmpeg per camera) is measured alone, and viewers connect to it over WebSocket like jsmpeg does.
import { spawn } from 'node:child_process'
import path from 'node:path'
import WebSocket from 'ws'
import { freePort, nodeEnv, onCleanup, stopChild, tail, track, within } from './live-procs'

const LIBRARY = path.dirname(require.resolve('node-rtsp-stream/package.json'))

/**
 * The child: one `new Stream(...)` per camera, exactly as the library's README shows, with `-stats` so ffmpeg
 * reports its progress. It answers "stats" on stdin with the last frame count and speed of each camera's
 * ffmpeg (parsed from the stderr lines node-rtsp-stream already receives), so the parent can tell whether
 * the transcode kept up with real time. SIGTERM stops the streams (and their ffmpegs) before exiting.
 */
const CHILD_SCRIPT = `
const Stream = require(process.env.NRS_LIBRARY)
const cameras = JSON.parse(process.env.NRS_CAMERAS)
const progress = {}
const streams = cameras.map((camera) => {
  const stream = new Stream({ name: camera.name, streamUrl: camera.url, wsPort: camera.port, ffmpegOptions: { '-stats': '', '-r': 25 } })
  progress[camera.name] = { frame: 0, speed: null }
  stream.mpeg1Muxer.on('ffmpegStderr', (data) => {
    const text = data.toString()
    const frames = text.match(/frame=\\s*(\\d+)/g)
    const speeds = text.match(/speed=\\s*([\\d.]+)x/g)
    if (frames) progress[camera.name].frame = Number(frames[frames.length - 1].replace(/\\D+/g, ''))
    if (speeds) progress[camera.name].speed = Number(speeds[speeds.length - 1].replace(/[^\\d.]/g, ''))
  })
  return stream
})
process.stdin.setEncoding('utf8')
process.stdin.on('data', (text) => {
  if (text.includes('stats')) process.stdout.write('STATS ' + JSON.stringify(progress) + '\\n')
})
const stop = () => {
  for (const stream of streams) {
    try { stream.stop() } catch (error) {}
  }
  setTimeout(() => process.exit(0), 300)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
process.stdout.write('READY\\n')
`

export interface JsmpegProgress {
  frame: number
  speed: number | null
}

export interface JsmpegServer {
  pid: number
  /** WebSocket URL by camera name. */
  urls: Map<string, string>
  progress(): Promise<Record<string, JsmpegProgress>>
  output(): string
  stop(): Promise<void>
}

export async function startJsmpeg(cameras: { name: string; url: string }[]): Promise<JsmpegServer> {
  const withPorts = []
  for (const camera of cameras) withPorts.push({ ...camera, port: await freePort() })
  const env = { ...nodeEnv(), NRS_LIBRARY: LIBRARY, NRS_CAMERAS: JSON.stringify(withPorts) }
  const child = track(spawn(process.execPath, ['-e', CHILD_SCRIPT], { env, stdio: ['pipe', 'pipe', 'pipe'] }))
  const output = tail(child)
  const forget = onCleanup(() => stopChild(child, 5000))
  let stdout = ''
  const waiters: ((text: string) => void)[] = []
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    let newline
    while ((newline = stdout.indexOf('\n')) >= 0) {
      const line = stdout.slice(0, newline)
      stdout = stdout.slice(newline + 1)
      if (line.startsWith('STATS ')) waiters.shift()?.(line.slice(6))
    }
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node-rtsp-stream did not start:\n${output()}`)), 15_000)
    const check = () => output().includes('READY') && (clearTimeout(timer), child.stdout!.off('data', check), resolve())
    child.stdout!.on('data', check)
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`node-rtsp-stream exited with ${code}:\n${output()}`))))
  })
  return {
    pid: child.pid!,
    urls: new Map(withPorts.map((c) => [c.name, `ws://127.0.0.1:${c.port}`])),
    output,
    progress: () =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('node-rtsp-stream did not answer "stats"')), 5000)
        waiters.push((text) => (clearTimeout(timer), resolve(JSON.parse(text) as Record<string, JsmpegProgress>)))
        child.stdin!.write('stats\n')
      }),
    stop: async () => {
      forget()
      await stopChild(child, 5000)
    }
  }
}

// ---------------------------------------------------------------------------------------------
// A viewer that understands just enough MPEG-TS to say when jsmpeg could show a first picture.

const TS_PACKET = 188
const SEQUENCE_HEADER = 0xb3

/**
 * Demuxes the video PES of an MPEG-TS byte stream that may start mid-packet (a viewer joins a broadcast at any
 * chunk). jsmpeg can decode from an MPEG-1 sequence header on (ffmpeg writes one before every I-picture);
 * the picture is complete when the next video PES starts (ffmpeg's muxer puts one frame in each PES).
 */
export class MpegTsWatcher {
  private pending: Buffer = Buffer.alloc(0)
  private synced = false
  private videoPid: number | null = null
  /** Last 3 bytes of video payload, so a start code split across packets is still found. */
  private carry: Buffer = Buffer.alloc(0)
  sequenceHeaderSeen = false
  firstPictureComplete = false

  push(chunk: Buffer): void {
    let buf = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk
    if (!this.synced) {
      const start = findSync(buf)
      if (start < 0) {
        this.pending = buf.subarray(Math.max(0, buf.length - 3 * TS_PACKET))
        return
      }
      buf = buf.subarray(start)
      this.synced = true
    }
    let offset = 0
    while (offset + TS_PACKET <= buf.length && !this.firstPictureComplete) {
      if (buf[offset] !== 0x47) {
        // Lost sync (should not happen on a TCP stream): look for it again.
        this.synced = false
        this.pending = buf.subarray(offset + 1)
        return
      }
      this.packet(buf.subarray(offset, offset + TS_PACKET))
      offset += TS_PACKET
    }
    this.pending = Buffer.from(buf.subarray(offset))
  }

  private packet(p: Buffer): void {
    const pid = ((p[1] & 0x1f) << 8) | p[2]
    const unitStart = (p[1] & 0x40) !== 0
    const adaptation = (p[3] >> 4) & 3
    if ((adaptation & 1) === 0) return
    let payload = p.subarray(adaptation & 2 ? 5 + p[4] : 4)
    if (unitStart && payload.length >= 9 && payload[0] === 0 && payload[1] === 0 && payload[2] === 1) {
      const streamId = payload[3]
      if (this.videoPid === null && streamId >= 0xe0 && streamId <= 0xef) this.videoPid = pid
      if (pid !== this.videoPid) return
      // A new picture starts: the one after the sequence header is complete.
      if (this.sequenceHeaderSeen) {
        this.firstPictureComplete = true
        return
      }
      payload = payload.subarray(9 + payload[8])
      this.carry = Buffer.alloc(0)
    } else if (pid !== this.videoPid) return
    const data = Buffer.concat([this.carry, payload])
    for (let i = 0; i + 3 < data.length; i++) {
      if (data[i] === 0 && data[i + 1] === 0 && data[i + 2] === 1 && data[i + 3] === SEQUENCE_HEADER) this.sequenceHeaderSeen = true
    }
    this.carry = Buffer.from(data.subarray(Math.max(0, data.length - 3)))
  }
}

function findSync(buf: Buffer): number {
  for (let i = 0; i + 2 * TS_PACKET < buf.length; i++) {
    if (buf[i] === 0x47 && buf[i + TS_PACKET] === 0x47 && buf[i + 2 * TS_PACKET] === 0x47) return i
  }
  return -1
}

/** Milestones of one jsmpeg-style viewer in ms after the WebSocket was created. */
export interface JsmpegTimes {
  open: number | null
  /** The 8-byte "jsmp" header node-rtsp-stream sends on connect. */
  header: number | null
  sequenceHeader: number | null
  picture: number | null
}

/** Reads and discards the broadcast, like jsmpeg would consume it; watches the TS only until the first picture. */
export class JsmpegViewer {
  readonly createdAt = performance.now()
  readonly times: JsmpegTimes = { open: null, header: null, sequenceHeader: null, picture: null }
  bytes = 0
  errors: string[] = []
  private readonly ws: WebSocket
  private watcher: MpegTsWatcher | null = new MpegTsWatcher()
  private readonly pictureSeen: Promise<void>

  constructor(url: string) {
    this.ws = new WebSocket(url)
    let seen = () => {}
    this.pictureSeen = new Promise((resolve) => (seen = resolve))
    const since = () => performance.now() - this.createdAt
    this.ws.on('open', () => (this.times.open = since()))
    this.ws.on('message', (data: Buffer) => {
      this.bytes += data.length
      if (this.times.header === null && data.length === 8 && data.subarray(0, 4).toString() === 'jsmp') {
        this.times.header = since()
        return
      }
      if (!this.watcher) return
      this.watcher.push(data)
      if (this.watcher.sequenceHeaderSeen) this.times.sequenceHeader ??= since()
      if (this.watcher.firstPictureComplete) {
        this.times.picture = since()
        this.watcher = null
        seen()
      }
    })
    this.ws.on('error', (error) => this.errors.push(error.message))
  }

  /** Time from WebSocket open to the first complete MPEG-1 picture after a sequence header (ms), or null. */
  async firstFrame(timeoutMs = 20_000): Promise<number | null> {
    const done = await within(this.pictureSeen.then(() => true), timeoutMs)
    if (!done || this.times.picture === null || this.times.open === null) return null
    return this.times.picture - this.times.open
  }

  close(): void {
    this.ws.terminate()
  }
}
