// Recorded segments over HTTP: only ids the index knows, with range requests as a video element or
// MediaSource needs them; and both media routes behind the same login as the API.
import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Segment } from '../../main/contract'
import { createApp } from '../../main/core/app'
import type { VigilApp } from '../../main/core/host'
import { silentLogger } from '../../main/core/logger'
import { startHeadlessServer, type HeadlessServer } from '../../main/server/http-server'
import { setPassword } from '../../main/server/password'
import { openViewer } from '../support/live-client'
import { FAST_TUNING, removeDir, startVigil, tempDir, waitFor, type TestVigil } from '../support/vigil'

/** A raw request: fetch() would normalise "/media/segments/../../etc/passwd" before sending it. */
function rawGet(base: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(base), { path, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('recorded segments over HTTP', () => {
  let vigil: TestVigil
  let dataDir: string
  let server: HeadlessServer
  let segment: Segment
  let bytes: Buffer

  beforeAll(async () => {
    dataDir = tempDir()
    // The demo camera records without any RTSP server: a real ffmpeg writing real, indexed segments.
    vigil = await startVigil(dataDir, FAST_TUNING, 'on')
    server = await startHeadlessServer({ app: vigil.app, dataDir, host: '127.0.0.1', port: 0, uiDir: null, logger: silentLogger })
    segment = await waitFor(
      'a recorded demo segment',
      async () => (await vigil.call('recordings.segments', { cameraId: 'demo', from: 0, to: Number.MAX_SAFE_INTEGER }))[0],
      60_000
    )
    bytes = readFileSync(vigil.app.media.segmentFile(segment.id)!.path)
  })

  afterAll(async () => {
    await server?.close()
    await vigil?.app.stop()
    removeDir(dataDir)
  })

  it('serves the whole file, byte for byte, as uncached video/mp4 that accepts ranges', async () => {
    const response = await fetch(`${server.url}media/segments/${segment.id}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('video/mp4')
    expect(response.headers.get('accept-ranges')).toBe('bytes')
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('content-length')).toBe(String(bytes.length))
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true)
    expect(bytes.length).toBe(segment.bytes)
  })

  it('answers a range with 206 and exactly that slice, and a suffix range with the tail', async () => {
    const slice = await fetch(`${server.url}media/segments/${segment.id}`, { headers: { range: 'bytes=100-1099' } })
    expect(slice.status).toBe(206)
    expect(slice.headers.get('content-range')).toBe(`bytes 100-1099/${bytes.length}`)
    expect(slice.headers.get('content-length')).toBe('1000')
    expect(Buffer.from(await slice.arrayBuffer()).equals(bytes.subarray(100, 1100))).toBe(true)

    const tail = await fetch(`${server.url}media/segments/${segment.id}`, { headers: { range: 'bytes=-500' } })
    expect(tail.status).toBe(206)
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(bytes.length - 500))).toBe(true)

    const head = await fetch(`${server.url}media/segments/${segment.id}`, { method: 'HEAD', headers: { range: 'bytes=0-9' } })
    expect(head.status).toBe(206)
    expect(head.headers.get('content-length')).toBe('10')
  })

  it('answers 416 with the size for a range past the end', async () => {
    const response = await fetch(`${server.url}media/segments/${segment.id}`, { headers: { range: `bytes=${bytes.length}-` } })
    expect(response.status).toBe(416)
    expect(response.headers.get('content-range')).toBe(`bytes */${bytes.length}`)
  })

  it('refuses everything that is not a known numeric id, and never reaches the filesystem by path', async () => {
    const statusOf = async (path: string) => (await rawGet(server.url, path)).status
    expect(await statusOf('/media/segments/../../etc/passwd')).toBe(400)
    expect(await statusOf('/media/segments/..%2F..%2Fvigil.db')).toBe(400)
    expect(await statusOf('/media/segments/%2e%2e/%2e%2e/etc/passwd')).toBe(400)
    expect(await statusOf('/media/segments/abc')).toBe(400)
    expect(await statusOf(`/media/segments/${segment.id}.mp4`)).toBe(400)
    expect(await statusOf(`/media/segments/0${segment.id}`)).toBe(400)
    expect(await statusOf('/media/segments/-1')).toBe(400)
    expect(await statusOf('/media/segments/')).toBe(400)
    expect(await statusOf('/media/segments/999999')).toBe(404)
    expect(await statusOf('/media/vigil.db')).toBe(404)
    expect(await statusOf('/media/../vigil.db')).not.toBe(200)
    const post = await fetch(`${server.url}media/segments/${segment.id}`, { method: 'POST' })
    expect(post.status).toBe(405)
    const crossSite = await fetch(`${server.url}media/segments/${segment.id}`, { headers: { origin: 'http://attacker.example' } })
    expect(crossSite.status).toBe(403)
  })

  it('plays the demo camera live as H.264', async () => {
    const viewer = openViewer(server.url, 'camera=demo&stream=sub&transcode=1')
    try {
      const fragments = await viewer.fragments(3, 30_000)
      expect(viewer.hellos()[0]).toEqual({ mime: expect.stringMatching(/^video\/mp4; codecs="avc1\.[0-9A-F]{6}"$/), transcoded: false })
      expect(fragments[0].keyframe).toBe(true)
    } finally {
      viewer.close()
    }
  })
})

describe('media routes behind a password', () => {
  let app: VigilApp
  let dataDir: string
  let server: HeadlessServer
  let base: string

  beforeAll(async () => {
    dataDir = tempDir()
    await setPassword(dataDir, 'correct horse battery')
    app = createApp({ dataDir, headless: true, demo: 'off', logger: silentLogger })
    await app.start('configure')
    server = await startHeadlessServer({ app, dataDir, host: '127.0.0.1', port: 0, uiDir: null, logger: silentLogger })
    base = server.url
  })

  afterAll(async () => {
    await server?.close()
    await app?.stop()
    removeDir(dataDir)
  })

  it('answers 401 for segments and refuses the live socket without a session', async () => {
    expect((await fetch(`${base}media/segments/1`)).status).toBe(401)
    expect((await rawGet(base, '/media/segments/../../etc/passwd')).status).toBe(401)
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${base.replace('http', 'ws')}api/live?camera=demo&stream=main`)
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
      ws.on('open', () => resolve(101))
    })
    expect(refused).toBe(403)

    const login = await fetch(`${base}api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'correct horse battery' })
    })
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]
    // Logged in, the route answers for what it is: no such segment.
    expect((await fetch(`${base}media/segments/1`, { headers: { cookie } })).status).toBe(404)
  })
})
