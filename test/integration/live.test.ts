// Live view end to end: real RTSP cameras, the real core and headless server, a WebSocket viewer.
// One upstream ffmpeg per camera stream however many watch; a late viewer starts at a keyframe at once.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Camera } from '../../main/contract'
import { silentLogger } from '../../main/core/logger'
import { startHeadlessServer, type HeadlessServer } from '../../main/server/http-server'
import { cameraConnections, liveFfmpegPids, openViewer } from '../support/live-client'
import { haveRtspTooling, startRtspServer, type RtspTestServer } from '../support/rtsp'
import { FAST_TUNING, ffprobeFile, removeDir, startVigil, tempDir, waitFor, type TestVigil } from '../support/vigil'

const tooling = haveRtspTooling()
if (!tooling.ok) throw new Error(`RTSP test tooling missing (run .ci/run to install): ${tooling.missing.join(', ')}`)

const IDLE_MS = 1500

describe('live view over WebSocket', () => {
  let rtsp: RtspTestServer
  let vigil: TestVigil
  let dataDir: string
  let server: HeadlessServer
  let cam: Camera
  let hevc: Camera

  beforeAll(async () => {
    rtsp = await startRtspServer({
      streams: [
        { path: '/cam', codec: 'h264', audio: 'aac' },
        { path: '/hevc', codec: 'h265' }
      ]
    })
    dataDir = tempDir()
    vigil = await startVigil(dataDir, { ...FAST_TUNING, live: { idleMs: IDLE_MS, backoff: { baseMs: 500, capMs: 2000 } } })
    cam = await vigil.call('cameras.add', { name: 'Door', mainUrl: rtsp.url('/cam') })
    hevc = await vigil.call('cameras.add', { name: 'Yard', mainUrl: rtsp.url('/hevc') })
    // Motion detection stays on for the door camera: without a substream it reads the recorder's tap, so the
    // connection counts below include it. (Off on the other: its moving test pattern would only cost CPU.)
    await vigil.call('detection.set', { cameraId: hevc.id, motion: { enabled: false } })
    server = await startHeadlessServer({ app: vigil.app, dataDir, host: '127.0.0.1', port: 0, uiDir: null, logger: silentLogger })
  })

  afterAll(async () => {
    await server?.close()
    await vigil?.app.stop()
    await rtsp?.close()
    removeDir(dataDir)
  })

  it('sends hello, the init segment and fragments that play as H.264 with AAC', async () => {
    const viewer = openViewer(server.url, `camera=${cam.id}&stream=main`)
    try {
      const fragments = await viewer.fragments(15, 60_000)
      const [hello] = viewer.hellos()
      expect(hello.mime).toMatch(/^video\/mp4; codecs="avc1\.[0-9A-F]{6},mp4a\.40\.2"$/)
      expect(hello.transcoded).toBe(false)
      // The protocol's order: hello (text), then binary: ftyp+moov, then moof+mdat starting at a keyframe.
      expect('hello' in viewer.messages[0]).toBe(true)
      expect(viewer.binaries()[0].subarray(4, 8).toString('latin1')).toBe('ftyp')
      expect(viewer.units()[0].kind).toBe('init')
      expect(fragments[0].keyframe).toBe(true)
      const firstFragmentAt = viewer.messages.filter((m) => 'bytes' in m)[1].at
      console.info(`live: first fragment ${firstFragmentAt - viewer.openedAt} ms after connecting (cold start, probe included)`)

      const file = join(dataDir, 'live.mp4')
      writeFileSync(file, Buffer.concat(viewer.binaries()))
      const media = ffprobeFile(file)
      expect(media?.videoCodec).toBe('h264')
      expect(media?.audioCodec).toBe('aac')
      expect(media!.frames).toBeGreaterThanOrEqual(15)
    } finally {
      viewer.close()
    }
  })

  it('gives a late viewer the init and the current GOP at once, from the recorder\'s own camera connection', async () => {
    const first = openViewer(server.url, `camera=${cam.id}&stream=main`)
    await first.fragments(8, 60_000)
    const firstHadFragments = first.units().filter((unit) => unit.kind === 'fragment').length
    const second = openViewer(server.url, `camera=${cam.id}&stream=main`)
    try {
      const fragments = await second.fragments(3, 30_000)
      expect(second.hellos()).toEqual(first.hellos().slice(0, 1))
      expect(second.units()[0]).toEqual(first.units()[0])
      expect(fragments[0].keyframe).toBe(true)
      // The GOP so far comes from memory: the late viewer's first fragment is, byte for byte, one the first
      // viewer had already received before the second connected (not the next one the camera produced).
      const firstFragments = first.units().filter((unit) => unit.kind === 'fragment')
      const index = firstFragments.findIndex((unit) => unit.bytes.equals(fragments[0].bytes))
      expect(index).toBeGreaterThanOrEqual(0)
      expect(index).toBeLessThan(firstHadFragments)
      const joinMs = second.messages.filter((m) => 'bytes' in m)[1].at - second.openedAt
      console.info(`live: late viewer got its first (keyframe) fragment after ${joinMs} ms`)
      // Recording and both viewers share the camera's one connection: the recorder's ffmpeg, whose second
      // output is the live tap.
      const connections = cameraConnections(rtsp.url('/cam'))
      expect(connections).toHaveLength(1)
      expect(connections[0].argv).toContain('segment')
      expect(connections[0].argv).toContain('pipe:4')
      // The second viewer receives the same live fragments as the first.
      await second.fragments(6, 30_000)
      const last = second.binaries().at(-1)!
      await waitFor('the first viewer to hold the same fragment', () => first.binaries().some((bytes) => bytes.equals(last)), 5000)
    } finally {
      first.close()
      second.close()
    }
  })

  it('runs a relay of its own for a transcoded view, shared by its viewers and stopped when idle', async () => {
    const transcodedOf = () => cameraConnections(rtsp.url('/cam')).filter((c) => c.argv.includes('libx264'))
    const first = openViewer(server.url, `camera=${cam.id}&stream=main&transcode=1`)
    const second = openViewer(server.url, `camera=${cam.id}&stream=main&transcode=1`)
    try {
      await first.fragments(3, 60_000)
      await second.fragments(3, 60_000)
      expect(first.hellos()[0].transcoded).toBe(true)
      expect(transcodedOf()).toHaveLength(1)
    } finally {
      first.close()
      second.close()
    }
    // The relay outlives its last viewer by the idle time, then its ffmpeg goes; the recorder stays.
    await waitFor('the transcoding ffmpeg to stop', () => transcodedOf().length === 0, IDLE_MS + 15_000)
    expect(cameraConnections(rtsp.url('/cam'))).toHaveLength(1)
  })

  it('copies H.265 as hvc1, and transcodes it to H.264 when asked', async () => {
    const copy = openViewer(server.url, `camera=${hevc.id}&stream=main`)
    const transcoded = openViewer(server.url, `camera=${hevc.id}&stream=sub&transcode=1`)
    try {
      await copy.fragments(3, 60_000)
      expect(copy.hellos()[0]).toEqual({ mime: expect.stringMatching(/^video\/mp4; codecs="hvc1\.1\.6\.L\d+[.0-9A-F]*"$/), transcoded: false })
      const fragments = await transcoded.fragments(10, 60_000)
      // No substream configured: 'sub' falls back to main, transcoded to H.264 without audio.
      expect(transcoded.hellos()[0]).toEqual({ mime: expect.stringMatching(/^video\/mp4; codecs="avc1\.[0-9A-F]{6}"$/), transcoded: true })
      expect(fragments[0].keyframe).toBe(true)
      const file = join(dataDir, 'transcoded.mp4')
      writeFileSync(file, Buffer.concat(transcoded.binaries()))
      expect(ffprobeFile(file)?.videoCodec).toBe('h264')
      // The copy comes from the recorder's tap, the transcode from a relay of its own.
      expect(liveFfmpegPids(rtsp.url('/hevc'))).toHaveLength(2)
    } finally {
      copy.close()
      transcoded.close()
    }
  })

  it('tells viewers when the camera drops out, and resumes the stream with a new hello when it is back', async () => {
    const viewer = openViewer(server.url, `camera=${cam.id}&stream=main`)
    try {
      await viewer.fragments(3, 60_000)
      await rtsp.stop()
      await waitFor('an error message', () => viewer.errors().length > 0, 30_000)
      await rtsp.start()
      const resumed = await viewer.fragments(3, 60_000, 1)
      expect(viewer.hellos()).toHaveLength(2)
      expect(viewer.units(1)[0].kind).toBe('init')
      expect(resumed[0].keyframe).toBe(true)
    } finally {
      viewer.close()
    }
  })

  it('answers an unknown camera with an error message, and refuses malformed requests', async () => {
    const unknown = openViewer(server.url, 'camera=nope-123456&stream=main')
    expect(await unknown.closed).toBe(1000)
    expect(unknown.errors()).toEqual(['No camera with id "nope-123456"'])
    expect(await openViewer(server.url, 'stream=main').closed).toBe(400)
    expect(await openViewer(server.url, `camera=${cam.id}&stream=third`).closed).toBe(400)
    expect(await openViewer(server.url, `camera=${cam.id}`, { origin: 'http://attacker.example' }).closed).toBe(403)
  })
})
