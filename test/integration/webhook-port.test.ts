// The webhook port (Settings): a listener on every interface that answers camera webhooks and nothing else,
// opened, moved and closed from the settings, refused with the reason when the port is taken, reopened at
// start. Real HTTP on 127.0.0.1 against the app with the listener the desktop app and `vigil serve` use.
import { createServer, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CameraEvent, MethodArgs, MethodName, VigilEvents } from '../../main/contract'
import { createApp } from '../../main/core/app'
import type { VigilApp } from '../../main/core/host'
import { silentLogger } from '../../main/core/logger'
import { WebhookListener } from '../../main/server/webhook-listener'
import { freePort } from '../support/ports'
import { startRtspServer, type RtspTestServer } from '../support/rtsp'
import { callApp, FAST_TUNING, removeDir, tempDir, waitFor } from '../support/vigil'


describe('the webhook port', () => {
  let rtsp: RtspTestServer
  let dataDir: string
  let app: VigilApp
  let blocker: Server
  let cameraId: string
  let hookPath: string
  const events: CameraEvent[] = []

  const start = async () => {
    const hooks = new WebhookListener(() => app, silentLogger)
    app = createApp({ dataDir, headless: false, demo: 'off', logger: silentLogger, tuning: FAST_TUNING, listenForWebhooks: (port) => hooks.listen(port) })
    await app.start()
    app.subscribe(<E extends keyof VigilEvents>(event: E, payload: VigilEvents[E]) => {
      if (event === 'eventChanged') events.push(payload as CameraEvent)
    })
  }
  const call = <M extends MethodName>(method: M, args: MethodArgs<M>) => callApp(app, method, args)
  const get = (port: number, path: string) => fetch(`http://127.0.0.1:${port}${path}`)

  beforeAll(async () => {
    rtsp = await startRtspServer({ streams: [{ path: '/door' }] })
    dataDir = tempDir()
    await start()
    const camera = await call('cameras.add', { name: 'Door', mainUrl: rtsp.url('/door') })
    cameraId = camera.id
    await call('detection.set', { cameraId, motion: { enabled: false }, webhook: { enabled: true, kind: 'doorbell' } })
    hookPath = (await call('detection.webhook', { cameraId })).path
    blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, resolve))
  })

  afterAll(async () => {
    await app?.stop()
    blocker?.close()
    await rtsp?.close()
    removeDir(dataDir)
  })

  it('is closed until the owner opens it, and then answers webhooks only', async () => {
    expect((await call('app.info', {})).webhookListener).toEqual({ port: null, state: 'off', message: null })
    const port = await freePort()
    await expect(get(port, hookPath)).rejects.toThrow()

    expect((await call('settings.set', { webhookPort: port })).webhookPort).toBe(port)
    expect((await call('app.info', {})).webhookListener).toEqual({ port, state: 'listening', message: null })
    const info = await call('detection.webhook', { cameraId })
    expect(info.listener).toEqual({ port, state: 'listening', message: null })
    expect(Array.isArray(info.addresses)).toBe(true)

    expect((await get(port, hookPath)).status).toBe(204)
    const press = await waitFor('the doorbell event', () => events.find((e) => e.kind === 'doorbell' && e.source === 'webhook'), 10_000)
    expect(press.cameraId).toBe(cameraId)
    expect((await fetch(`http://127.0.0.1:${port}${hookPath}`, { method: 'POST', body: 'state=pressed' })).status).toBe(204)
    // A wrong token, the UI, the API: nothing but webhooks lives on this port.
    expect((await get(port, `/hooks/${cameraId}/not-the-right-token-at-all`)).status).toBe(404)
    for (const path of ['/', '/index.html', '/api/call/app.info', '/media/segments/1']) {
      const response = await get(port, path)
      expect(response.status).toBe(404)
      expect(await response.text()).toBe('Not found')
    }
  })

  it('refuses a port another program holds, names it, and keeps the open one', async () => {
    const open = (await call('settings.get', {})).webhookPort!
    const taken = (blocker.address() as { port: number }).port
    await expect(call('settings.set', { webhookPort: taken })).rejects.toThrow(new RegExp(`Port ${taken} is already used by another program`))
    expect((await call('settings.get', {})).webhookPort).toBe(open)
    expect((await get(open, hookPath)).status).toBe(204)
    await expect(call('settings.set', { webhookPort: 80 })).rejects.toThrow(/1024 to 65535/)
  })

  it('opens the saved port again at start, and closes it when switched off', async () => {
    const open = (await call('settings.get', {})).webhookPort!
    await app.stop()
    await expect(get(open, hookPath)).rejects.toThrow()
    await start()
    expect((await call('app.info', {})).webhookListener).toEqual({ port: open, state: 'listening', message: null })
    expect((await get(open, hookPath)).status).toBe(204)

    expect((await call('settings.set', { webhookPort: null })).webhookPort).toBeNull()
    expect((await call('app.info', {})).webhookListener?.state).toBe('off')
    await expect(get(open, hookPath)).rejects.toThrow()
  })
})
