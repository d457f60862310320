// Proves the RTSP test-camera harness that the recorder's integration tests and benchmarks rely on:
// real ffprobe against real gst-rtsp-server mounts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeClip } from '../support/media'
import { haveRtspTooling, probeRtsp, startRtspServer, type RtspTestServer } from '../support/rtsp'

// Fail loudly rather than skip: a skipped harness test would hide why every RTSP test is missing.
const tooling = haveRtspTooling()
if (!tooling.ok) throw new Error(`RTSP test tooling missing: ${tooling.missing.join(', ')}`)

const video = (r: { streams: Array<Record<string, unknown>> }) => r.streams.find((s) => s.codec_type === 'video')
const audio = (r: { streams: Array<Record<string, unknown>> }) => r.streams.find((s) => s.codec_type === 'audio')

describe('RTSP test server', () => {
  let server: RtspTestServer

  beforeAll(async () => {
    server = await startRtspServer({
      streams: [
        { path: '/h264' },
        { path: '/h265', codec: 'h265' },
        { path: '/h264aac', audio: 'aac' }
      ]
    })
  }, 60_000)
  afterAll(() => server?.close())

  it('serves H.264, H.265 and H.264 + AAC at the requested size', async () => {
    const [h264, h265, withAudio] = await Promise.all(['/h264', '/h265', '/h264aac'].map((p) => probeRtsp(server.url(p))))
    for (const r of [h264, h265, withAudio]) expect(r.stderr).toBe('')

    expect(video(h264)).toMatchObject({ codec_name: 'h264', width: 640, height: 360 })
    expect(audio(h264)).toBeUndefined()
    expect(video(h265)).toMatchObject({ codec_name: 'hevc', width: 640, height: 360 })
    expect(video(withAudio)).toMatchObject({ codec_name: 'h264', width: 640, height: 360 })
    expect(audio(withAudio)).toMatchObject({ codec_name: 'aac', sample_rate: '48000' })
  }, 60_000)

  it('goes offline on stop() and comes back on the same port on start()', async () => {
    const port = server.port
    await server.stop()
    const offline = await probeRtsp(server.url('/h264'))
    expect(offline.ok).toBe(false)
    expect(offline.stderr).toMatch(/Connection refused/)
    // Nobody listens now, yet the pids of the feeders remain: they keep streaming.
    expect(server.pids()).toHaveLength(3)

    await server.start()
    expect(server.port).toBe(port)
    const back = await probeRtsp(server.url('/h264'))
    expect(video(back)).toMatchObject({ codec_name: 'h264', width: 640, height: 360 })
    expect(server.pids()).toHaveLength(4)
  }, 60_000)
})

describe('RTSP test server with basic auth', () => {
  const creds = { user: 'viewer', password: 's3cret' }
  let server: RtspTestServer

  beforeAll(async () => {
    server = await startRtspServer({ streams: [{ path: '/cam', width: 320, height: 180 }], auth: creds })
  }, 60_000)
  afterAll(() => server?.close())

  it('accepts the right password', async () => {
    const r = await probeRtsp(server.url('/cam', creds))
    expect(video(r)).toMatchObject({ codec_name: 'h264', width: 320, height: 180 })
  }, 60_000)

  it('answers 401 to a wrong password or none', async () => {
    const wrong = await probeRtsp(server.url('/cam', { ...creds, password: 'nope' }))
    expect(wrong.ok).toBe(false)
    expect(wrong.stderr).toMatch(/401 Unauthorized/)
    const none = await probeRtsp(server.url('/cam'))
    expect(none.stderr).toMatch(/401 Unauthorized/)
  }, 60_000)

  it('answers 404 to an unknown path', async () => {
    const r = await probeRtsp(server.url('/nope', creds))
    expect(r.ok).toBe(false)
    expect(r.stderr).toMatch(/404 Not Found/)
  }, 60_000)
})

describe('RTSP test server looping a pre-encoded clip', () => {
  it('serves the clip with its codec and audio, and close() ends every process', async () => {
    const clip = await makeClip({ codec: 'h264', width: 320, height: 240, fps: 10, seconds: 2, bitrateKbps: 300, audio: 'aac' })
    const server = await startRtspServer({ streams: [{ path: '/clip', clip }] })
    try {
      const r = await probeRtsp(server.url('/clip'))
      expect(video(r)).toMatchObject({ codec_name: 'h264', width: 320, height: 240 })
      expect(audio(r)).toMatchObject({ codec_name: 'aac' })
    } finally {
      const pids = server.pids()
      await server.close()
      await server.close() // idempotent
      for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow() // gone and reaped
    }
  }, 60_000)
})
