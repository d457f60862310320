// The relay's rules, with a stand-in ffmpeg that plays back real fMP4 bytes (made once by the real ffmpeg)
// at a set pace: sharing, late joiners, slow viewers, idling out, restarts and stalls.
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { LiveMessage, LiveSink } from '../../../../main/core/host'
import { silentLogger } from '../../../../main/core/logger'
import { LiveRelay, type LiveSettings, type LiveSourceResult } from '../../../../main/core/live/live-relay'
import { decodeTimes, Mp4Splitter, parseInit } from '../../../../main/core/live/mp4-boxes'
import { removeDir, tempDir, waitFor } from '../../../support/vigil'

const SETTINGS: LiveSettings = {
  idleMs: 300,
  maxBufferedBytes: 1024 * 1024,
  maxGopBytes: 4 * 1024 * 1024,
  stallMs: 1500,
  socketTimeoutMs: 1000,
  backoff: { baseMs: 50, capMs: 100 }
}
const SOURCE: LiveSourceResult = {
  ok: true,
  source: { kind: 'rtsp', url: 'rtsp://user:secret@camera/stream', videoCodec: 'h264', audioCodec: 'aac', fps: 15, quickAnalysis: true }
}

let dir: string
let stream: string

beforeAll(() => {
  dir = tempDir('vigil-relay-')
  stream = join(dir, 'stream.mp4')
  // 15 fps, a keyframe every second, ~200 ms fragments: five fragments per GOP.
  const result = spawnSync('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=15:duration=3',
    '-f', 'lavfi', '-i', 'sine=duration=3', '-map', '0:v', '-map', '1:a', '-c:v', 'libx264', '-preset', 'ultrafast',
    '-g', '15', '-bf', '0', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-f', 'mp4',
    '-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-frag_duration', '200000', stream
  ])
  if (result.status !== 0) throw new Error(result.stderr.toString())
})
afterAll(() => removeDir(dir))

interface FakeOptions {
  /** Fragments written before exiting (with `exitCode` and `stderr`); default: loop forever. */
  fragments?: number
  exitCode?: number
  stderr?: string
  /** Write the init segment, then nothing. */
  hang?: boolean
  intervalMs?: number
}

/** A stand-in for ffmpeg: logs its start, then writes the recorded stream's init and fragments to stdout. */
function fakeFfmpeg(name: string, options: FakeOptions = {}): { path: string; starts: () => number } {
  const path = join(dir, `${name}.cjs`)
  const log = join(dir, `${name}.starts`)
  const script = `#!${process.execPath}
const fs = require('fs')
fs.appendFileSync(${JSON.stringify(log)}, process.pid + '\\n')
const data = fs.readFileSync(${JSON.stringify(stream)})
const boxes = []
for (let at = 0; at < data.length; ) { const size = data.readUInt32BE(at); boxes.push(data.subarray(at, at + size)); at += size }
const moov = boxes.findIndex((b) => b.toString('latin1', 4, 8) === 'moov')
const fragments = []
for (let i = moov + 1; i + 1 < boxes.length; i += 2) fragments.push(Buffer.concat([boxes[i], boxes[i + 1]]))
process.stdin.on('data', (d) => { if (String(d).includes('q')) process.exit(0) })
process.stdout.write(Buffer.concat(boxes.slice(0, moov + 1)))
const options = ${JSON.stringify(options)}
if (!options.hang) {
  let n = 0
  const timer = setInterval(() => {
    if (options.fragments !== undefined && n >= options.fragments) {
      clearInterval(timer)
      if (options.stderr) process.stderr.write(options.stderr)
      process.exitCode = options.exitCode ?? 0
      process.stdout.end()
      process.stdin.destroy()
      return
    }
    process.stdout.write(fragments[n++ % fragments.length])
  }, options.intervalMs ?? 40)
} else {
  setInterval(() => {}, 1000)
}
`
  writeFileSync(path, script)
  chmodSync(path, 0o755)
  return { path, starts: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').length : 0) }
}

class TestSink implements LiveSink {
  readonly messages: LiveMessage[] = []
  ended = false
  buffered = 0
  send(message: LiveMessage): void {
    if (this.ended) throw new Error('send after end')
    this.messages.push(message)
  }
  bufferedBytes(): number {
    return this.buffered
  }
  end(): void {
    this.ended = true
  }
  hellos() {
    return this.messages.filter((m) => m.kind === 'hello')
  }
  errors() {
    return this.messages.flatMap((m) => (m.kind === 'error' ? [m.message] : []))
  }
  /** Units of the n-th stream (after the n-th hello). */
  units(streamIndex = 0) {
    const splitter = new Mp4Splitter()
    let seen = -1
    const units = []
    for (const m of this.messages) {
      if (m.kind === 'hello') seen++
      else if (m.kind === 'data' && seen === streamIndex) units.push(...splitter.push(Buffer.from(m.bytes)))
    }
    return units
  }
  fragments(streamIndex = 0) {
    return this.units(streamIndex).flatMap((u) => (u.kind === 'fragment' ? [u] : []))
  }
}

const relays: LiveRelay[] = []
afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()))
})

function makeRelay(ffmpeg: string, overrides: Partial<LiveSettings> = {}, resolve: () => Promise<LiveSourceResult> = async () => SOURCE) {
  let stopped = 0
  const fresh: boolean[] = []
  const relay = new LiveRelay({
    name: 'cam/main/copy',
    transcode: false,
    resolveSource: (isFresh) => {
      fresh.push(isFresh)
      return resolve()
    },
    secrets: () => ['user', 'secret'],
    ffmpeg,
    settings: { ...SETTINGS, ...overrides },
    logger: silentLogger,
    onStopped: () => stopped++
  })
  relays.push(relay)
  return { relay, stoppedCount: () => stopped, fresh }
}

describe('LiveRelay', () => {
  it('sends hello, init and fragments from one ffmpeg to every viewer', async () => {
    const fake = fakeFfmpeg('shared')
    const { relay } = makeRelay(fake.path)
    const a = new TestSink()
    const b = new TestSink()
    relay.add(a)
    relay.add(b)
    await waitFor('fragments for both', () => a.fragments().length >= 6 && b.fragments().length >= 6, 10_000, 20)
    expect(fake.starts()).toBe(1)
    for (const sink of [a, b]) {
      expect(sink.messages[0]).toEqual({ kind: 'hello', hello: { mime: expect.stringMatching(/^video\/mp4; codecs="avc1\.[0-9A-F]{6},mp4a\.40\.2"$/), transcoded: false } })
      expect(sink.units()[0].kind).toBe('init')
      expect(sink.fragments()[0].keyframe).toBe(true)
    }
  })

  it('gives a late viewer hello, init and the current GOP at once, starting with a keyframe', async () => {
    const fake = fakeFfmpeg('late')
    const { relay } = makeRelay(fake.path)
    const first = new TestSink()
    relay.add(first)
    // Wait until the stream is in the middle of a GOP (a keyframe fragment followed by others).
    await waitFor('mid-GOP', () => {
      const f = first.fragments()
      return f.length > 7 && !f.at(-1)!.keyframe && !f.at(-2)!.keyframe
    }, 10_000, 5)
    const late = new TestSink()
    relay.add(late)
    // Synchronously: nothing waited for ffmpeg.
    const fragments = late.fragments()
    expect(late.hellos()).toHaveLength(1)
    expect(fragments.length).toBeGreaterThanOrEqual(3)
    expect(fragments[0].keyframe).toBe(true)
    expect(fragments.slice(1).every((f) => !f.keyframe)).toBe(true)
    // ... and they are the GOP the first viewer got last.
    const tail = first.fragments().slice(-fragments.length).map((f) => f.bytes)
    expect(fragments.map((f) => f.bytes)).toEqual(tail)
    expect(fake.starts()).toBe(1)
  })

  it('drops a viewer that falls behind instead of buffering for it', async () => {
    const fake = fakeFfmpeg('slow')
    const { relay } = makeRelay(fake.path)
    const slow = new TestSink()
    const fine = new TestSink()
    relay.add(slow)
    relay.add(fine)
    await waitFor('a fragment', () => slow.fragments().length > 0, 10_000, 20)
    slow.buffered = 5 * 1024 * 1024
    await waitFor('the slow viewer to be dropped', () => slow.ended, 5000, 20)
    expect(slow.errors()).toEqual(['The connection is too slow for this stream'])
    const count = fine.fragments().length
    await waitFor('more fragments for the other viewer', () => fine.fragments().length > count + 2, 5000, 20)
    expect(relay.viewerCount).toBe(1)
    // A dropped last viewer leaves like any other: the relay idles out.
    fine.buffered = 5 * 1024 * 1024
    await waitFor('the relay to stop', () => relay.stopped, 5000, 20)
    expect(fine.ended).toBe(true)
  })

  it('stops ffmpeg once the last viewer has been gone for the idle time, not before', async () => {
    const fake = fakeFfmpeg('idle')
    const { relay, stoppedCount } = makeRelay(fake.path)
    const sink = new TestSink()
    const leave = relay.add(sink)
    await waitFor('a fragment', () => sink.fragments().length > 0, 10_000, 20)
    const pid = relay.pid!
    leave()
    await new Promise((resolve) => setTimeout(resolve, 100))
    // Coming back within the idle time reuses the running ffmpeg.
    const again = new TestSink()
    const leaveAgain = relay.add(again)
    expect(again.fragments()[0]?.keyframe).toBe(true)
    expect(relay.pid).toBe(pid)
    leaveAgain()
    await waitFor('the relay to stop', () => stoppedCount() === 1, 5000, 20)
    expect(relay.stopped).toBe(true)
    expect(relay.pid).toBeUndefined()
    expect(() => process.kill(pid, 0)).toThrow()
    expect(fake.starts()).toBe(1)
    expect(() => relay.add(new TestSink())).toThrow()
  })

  it('restarts a dying ffmpeg while viewers remain: an error, then a new hello and init, timestamps going on', async () => {
    const fake = fakeFfmpeg('dies', { fragments: 6, exitCode: 1, stderr: 'rtsp://user:secret@camera/stream: Connection refused\n' })
    const { relay, fresh } = makeRelay(fake.path)
    const sink = new TestSink()
    relay.add(sink)
    await waitFor('a second stream', () => sink.fragments(1).length >= 2, 10_000, 20)
    expect(fake.starts()).toBeGreaterThanOrEqual(2)
    // The probe's classification, without the camera's password.
    expect(sink.errors()[0]).toBe('The camera refused the connection: nothing listens on that port')
    expect(sink.errors().join()).not.toContain('secret')
    expect(sink.hellos().length).toBeGreaterThanOrEqual(2)
    expect(sink.units(1)[0].kind).toBe('init')
    expect(sink.fragments(1)[0].keyframe).toBe(true)
    // After a failure the camera is asked afresh.
    expect(fresh.slice(0, 2)).toEqual([false, true])
    // The second ffmpeg's fragments continue the first one's timeline.
    const tracks = parseInit(sink.units(0)[0].bytes)
    const video = tracks.find((t) => t.handler === 'vide')!.id
    const lastBefore = decodeTimes(sink.fragments(0).at(-1)!.bytes).get(video)!
    const firstAfter = decodeTimes(sink.fragments(1)[0].bytes).get(video)!
    expect(firstAfter).toBeGreaterThan(lastBefore)
  })

  it('tells viewers why there is no stream when the camera cannot be reached, once per reason', async () => {
    const fake = fakeFfmpeg('unreachable')
    let attempts = 0
    const { relay } = makeRelay(fake.path, {}, async () => {
      attempts++
      return { ok: false, error: { code: 'PROBE_UNAUTHORIZED', message: '10.0.0.5 refused the user name or password (RTSP 401)' } }
    })
    const sink = new TestSink()
    relay.add(sink)
    await waitFor('several attempts', () => attempts >= 3, 5000, 20)
    expect(sink.errors()).toEqual(['10.0.0.5 refused the user name or password (RTSP 401)'])
    expect(sink.ended).toBe(false)
    expect(fake.starts()).toBe(0)
  })

  it('restarts an ffmpeg that stops sending bytes', async () => {
    const fake = fakeFfmpeg('stall', { hang: true })
    const { relay } = makeRelay(fake.path)
    const sink = new TestSink()
    relay.add(sink)
    await waitFor('a restart', () => fake.starts() >= 2, 10_000, 50)
    expect(sink.errors()[0]).toBe('The camera sent nothing for 1.5 s')
  })

  it('tells every viewer why when stopped, and closes them', async () => {
    const fake = fakeFfmpeg('stop')
    const { relay, stoppedCount } = makeRelay(fake.path)
    const sink = new TestSink()
    relay.add(sink)
    await waitFor('a fragment', () => sink.fragments().length > 0, 10_000, 20)
    await relay.stop('The camera was removed')
    expect(sink.errors()).toEqual(['The camera was removed'])
    expect(sink.ended).toBe(true)
    expect(stoppedCount()).toBe(1)
  })
})
