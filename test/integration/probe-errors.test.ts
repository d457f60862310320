// Each way a camera URL can be wrong gives its own specific error, through the same call the UI makes,
// and a camera saved with a wrong password shows as offline with that reason without disturbing others.
import { createServer, connect, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRtspServer, type RtspTestServer } from '../support/rtsp'
import { removeDir, startVigil, tempDir, waitFor, type TestVigil } from '../support/vigil'

const CREDS = { user: 'admin', password: 'right-pass' }
const ALL_TIME = { from: 0, to: Number.MAX_SAFE_INTEGER }

describe('probing cameras that cannot be recorded', () => {
  let rtsp: RtspTestServer
  let vigil: TestVigil
  let dataDir: string
  let silent: Server
  let silentPort: number

  beforeAll(async () => {
    rtsp = await startRtspServer({ streams: [{ path: '/cam' }, { path: '/other' }], auth: CREDS })
    dataDir = tempDir()
    vigil = await startVigil(dataDir)
    // Accepts TCP and never answers: a camera that hangs.
    silent = createServer(() => {})
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    silentPort = (silent.address() as { port: number }).port
  })

  afterAll(async () => {
    await vigil?.app.stop()
    await rtsp?.close()
    silent?.close()
    removeDir(dataDir)
  })

  const probe = async (mainUrl: string, username?: string, password?: string) =>
    (await vigil.call('cameras.probe', { mainUrl, username, password })).main

  it('reports codec, resolution and fps for a good stream', async () => {
    const result = await probe(rtsp.url('/cam'), CREDS.user, CREDS.password)
    expect(result).toEqual({ ok: true, info: { video: { codec: 'h264', width: 640, height: 360, fps: 15 }, audio: null } })
  })

  it('tells a wrong password (401) from a wrong path (404)', async () => {
    const wrongPassword = await probe(rtsp.url('/cam'), CREDS.user, 'nope')
    expect(wrongPassword.ok || wrongPassword.error.code).toBe('PROBE_UNAUTHORIZED')
    const wrongPath = await probe(rtsp.url('/no-such-stream'), CREDS.user, CREDS.password)
    expect(wrongPath.ok || wrongPath.error.code).toBe('PROBE_PATH_NOT_FOUND')
  })

  it('tells a refused connection, an unknown host and a silent camera apart', async () => {
    const refused = await probe('rtsp://127.0.0.1:1/stream')
    expect(refused.ok || refused.error.code).toBe('PROBE_CONNECTION_REFUSED')
    const unknownHost = await probe('rtsp://camera.does-not-exist.invalid/stream')
    expect(unknownHost.ok || unknownHost.error.code).toBe('PROBE_HOST_NOT_FOUND')
    const started = Date.now()
    const hanging = await probe(`rtsp://127.0.0.1:${silentPort}/stream`)
    expect(hanging.ok || hanging.error.code).toBe('PROBE_TIMEOUT')
    expect(Date.now() - started).toBeLessThan(15_000)
  })

  it('says a host is unreachable when the network has no route to it', async () => {
    // 100::1 is in the IPv6 discard prefix (RFC 6666). What the OS answers decides what Vigil must say.
    const osAnswer = await new Promise<string>((resolve) => {
      const socket = connect({ host: '100::1', port: 554, timeout: 8000 })
      socket.on('connect', () => resolve('connected'))
      socket.on('timeout', () => (socket.destroy(), resolve('timeout')))
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'))
    })
    const result = await probe('rtsp://[100::1]/stream')
    const expected = ['EHOSTUNREACH', 'ENETUNREACH'].includes(osAnswer) ? 'PROBE_HOST_UNREACHABLE' : 'PROBE_TIMEOUT'
    expect(result.ok || result.error.code).toBe(expected)
  })

  it('saves a camera with a wrong password as offline with the reason, while another records', async () => {
    const good = await vigil.call('cameras.add', { name: 'Good', mainUrl: rtsp.url('/other'), username: CREDS.user, password: CREDS.password })
    const bad = await vigil.call('cameras.add', { name: 'Bad', mainUrl: rtsp.url('/cam'), username: CREDS.user, password: 'nope' })
    const statusOf = async (id: string) => (await vigil.call('cameras.status', {})).find((s) => s.cameraId === id)
    const offline = await waitFor('the bad camera offline', async () => {
      const status = await statusOf(bad.id)
      return status?.state === 'offline' ? status : null
    })
    expect(offline.reason?.code).toBe('PROBE_UNAUTHORIZED')
    expect(offline.retryAt).toBeGreaterThan(Date.now() - 1000)
    await waitFor('the good camera recording', async () => (await statusOf(good.id))?.state === 'recording')
    const gaps = await vigil.call('recordings.gaps', { cameraId: bad.id, ...ALL_TIME })
    expect(gaps[0]?.cause).toBe('camera_offline')
    expect(gaps[0]?.detail).toContain('401')
    // Asking for its picture (zone editor, snapshot) says why there is none, not just "not found".
    await expect(vigil.call('live.snapshot', { cameraId: bad.id })).rejects.toMatchObject({ code: 'PROBE_UNAUTHORIZED', message: expect.stringMatching(/offline/) })

    // Fixing the password brings it back.
    await vigil.call('cameras.update', { id: bad.id, password: CREDS.password })
    await waitFor('the fixed camera recording', async () => (await statusOf(bad.id))?.state === 'recording', 30_000)
  })
})
