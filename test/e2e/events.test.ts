// Events through the UI, in Chromium against the real headless server and a real RTSP camera: motion zones
// drawn on the camera's picture, a doorbell webhook that raises an in-page alert and a browser notification,
// opening the event on the timeline, the events page, and privacy mode from the header.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { Camera, DetectionSettings, MethodArgs, MethodName, MethodResults } from '../../main/contract'
import { launchChromium, startServe, type ServeProcess } from '../support/headless'
import { freePort } from '../support/ports'
import { startRtspServer, type RtspTestServer } from '../support/rtsp'
import { removeDir, tempDir, waitFor } from '../support/vigil'

interface NotificationLog {
  __notifications: { title: string; body: string }[]
}
/** The page's globals (window, Notification, elements): the Node type check has no DOM library. */
type PageGlobals = any

describe('events and alerts through the UI', () => {
  let rtsp: RtspTestServer
  let serve: ServeProcess
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let dataDir: string
  let camera: Camera
  const pageErrors: string[] = []

  async function call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResults[M]> {
    const response = await fetch(`${serve.url}/api/call/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(args)
    })
    const envelope = (await response.json()) as { ok: boolean; value: MethodResults[M]; error?: { message: string } }
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`)
    return envelope.value
  }

  beforeAll(async () => {
    rtsp = await startRtspServer({ streams: [{ path: '/porch' }] })
    dataDir = tempDir()
    // Short segments: the timeline shows a day once a segment of it is closed.
    serve = await startServe(dataDir, ['--no-demo', '--segment-seconds', '4'])
    camera = await call('cameras.add', { name: 'Porch', mainUrl: rtsp.url('/porch') })
    // The moving test pattern would be motion everywhere; this test drives events through the doorbell.
    await call('detection.set', { cameraId: camera.id, motion: { enabled: false } })
    browser = await launchChromium()
    context = await browser.newContext({ acceptDownloads: false })
    await context.grantPermissions(['notifications'], { origin: serve.url })
    // Records what the page shows as browser notifications, passing each call on to the real API.
    await context.addInitScript(() => {
      const page: PageGlobals = globalThis
      const Real = page.Notification
      const log: NotificationLog['__notifications'] = []
      page.__notifications = log
      class Recorded extends Real {
        constructor(title: string, options?: { body?: string }) {
          super(title, options)
          log.push({ title, body: options?.body ?? '' })
        }
      }
      Object.defineProperty(page, 'Notification', { value: Recorded })
    })
    page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(String(error)))
    await page.goto(serve.url)
    await waitFor('the camera recording', async () => (await call('cameras.status', {})).some((s) => s.state === 'recording'), 60_000)
  })

  afterAll(async () => {
    await browser?.close()
    await serve?.stop()
    await rtsp?.close()
    removeDir(dataDir)
    expect(pageErrors).toEqual([])
  })

  it('draws a motion zone on the camera picture and saves it with the other detection settings', async () => {
    await page.getByTestId('nav-cameras').click()
    await page.getByTestId('camera-detection-Porch').click()
    await page.getByTestId('page-detection').waitFor()
    await page.getByTestId('detection-motion-enabled').check()
    await page.getByTestId('zone-add-include').click()
    const canvas = page.getByTestId('zone-canvas')
    await canvas.waitFor()
    const box = (await canvas.boundingBox())!
    const corners = [
      { x: 0.1, y: 0.2 },
      { x: 0.6, y: 0.2 },
      { x: 0.6, y: 0.9 },
      { x: 0.1, y: 0.9 }
    ]
    for (const corner of corners) await canvas.click({ position: { x: corner.x * box.width, y: corner.y * box.height } })
    expect(await page.getByTestId('zone-draft').getAttribute('data-points')).toBe('4')
    await page.getByTestId('zone-finish').click()
    await page.getByTestId('zone-name').fill('Path to the door')
    await page.getByTestId('detection-webhook-enabled').check()
    await page.getByTestId('detection-save').click()
    await expect.poll(() => page.getByTestId('detection-dirty').getAttribute('data-dirty'), { timeout: 10_000 }).toBe('false')

    const saved: DetectionSettings = await call('detection.get', { cameraId: camera.id })
    expect(saved.motion.enabled).toBe(true)
    expect(saved.webhook.enabled).toBe(true)
    expect(saved.motion.zones).toHaveLength(1)
    const [zone] = saved.motion.zones
    expect(zone).toMatchObject({ name: 'Path to the door', kind: 'include' })
    zone.points.forEach((point, i) => {
      expect(point.x).toBeCloseTo(corners[i].x, 1)
      expect(point.y).toBeCloseTo(corners[i].y, 1)
    })
    // Back to the doorbell only, for the rest of the test.
    await call('detection.set', { cameraId: camera.id, motion: { enabled: false } })
  })

  it('shows a webhook doorbell press as an in-page alert and a browser notification, and opens it on the timeline', async () => {
    await page.getByTestId('nav-live').click()
    const { path } = await call('detection.webhook', { cameraId: camera.id })
    const pressedAt = Date.now()
    expect((await fetch(`${serve.url}${path}`, { method: 'POST' })).status).toBe(204)

    const toast = page.getByTestId('alert-toast')
    await toast.waitFor({ timeout: 15_000 })
    expect(await toast.getAttribute('data-kind')).toBe('doorbell')
    expect(await toast.textContent()).toContain('Porch')
    expect(await toast.getAttribute('role')).toBe('alert')
    const eventId = Number(await toast.getAttribute('data-event-id'))
    const notifications = await page.evaluate(() => ((globalThis as PageGlobals) as NotificationLog).__notifications)
    expect(notifications).toHaveLength(1)
    expect(notifications[0].title).toContain('Porch')

    await page.getByTestId('alert-toast-open').click()
    await expect.poll(() => page.evaluate(() => (globalThis as PageGlobals).location.hash as string), { timeout: 10_000 }).toMatch(new RegExp(`^#/timeline/${camera.id}/\\d+$`))
    const target = Number(/\/(\d+)$/.exec(await page.evaluate(() => (globalThis as PageGlobals).location.hash as string))![1])
    const event = await call('events.get', { id: eventId })
    expect(Math.abs(event.start - pressedAt)).toBeLessThan(3000)
    // Opening an event starts a few seconds before it, so the approach is in view.
    expect(event.start - target).toBeGreaterThanOrEqual(0)
    expect(event.start - target).toBeLessThanOrEqual(10_000)
    const mark = page.locator(`[data-testid="timeline-event"][data-event-id="${eventId}"]`)
    await mark.waitFor({ state: 'attached', timeout: 15_000 })
    expect(await mark.getAttribute('data-kind')).toBe('doorbell')
  })

  it('lists the event with its snapshot on the events page and filters by type', async () => {
    await page.getByTestId('nav-events').click()
    const row = page.getByTestId('event-row').first()
    await row.waitFor({ timeout: 10_000 })
    expect(await row.getAttribute('data-kind')).toBe('doorbell')
    expect(await row.getAttribute('data-camera')).toBe(camera.id)
    const thumb = row.getByTestId('event-thumb')
    await expect.poll(() => thumb.evaluate((img) => (img as PageGlobals).naturalWidth as number), { timeout: 15_000 }).toBeGreaterThan(0)

    await page.getByTestId('events-filter-kind').selectOption('motion')
    await page.getByTestId('events-empty').waitFor({ timeout: 10_000 })
    await page.getByTestId('events-filter-kind').selectOption('doorbell')
    await page.getByTestId('event-row').first().waitFor({ timeout: 10_000 })
  })

  it('pauses all recording from the header and resumes', async () => {
    await page.getByTestId('privacy-toggle').click()
    await page.getByTestId('privacy-pause-15').click()
    await expect.poll(() => page.getByTestId('privacy-toggle').getAttribute('data-paused'), { timeout: 10_000 }).toBe('true')
    await waitFor('the camera paused', async () => (await call('cameras.status', {})).find((s) => s.cameraId === camera.id)?.state === 'paused', 20_000)
    const until = Number(await page.getByTestId('privacy-toggle').getAttribute('data-paused-until'))
    expect(until - Date.now()).toBeGreaterThan(14 * 60_000)

    if (!(await page.getByTestId('privacy-resume').isVisible())) await page.getByTestId('privacy-toggle').click()
    await page.getByTestId('privacy-resume').click()
    await expect.poll(() => page.getByTestId('privacy-toggle').getAttribute('data-paused'), { timeout: 10_000 }).toBe('false')
    await waitFor('recording again', async () => (await call('cameras.status', {})).find((s) => s.cameraId === camera.id)?.state === 'recording', 60_000)
  })

  it('says it could not ask the camera, not that it has no ONVIF events, when the device URL answers nothing', async () => {
    await page.getByTestId('nav-cameras').click()
    await page.getByTestId('camera-detection-Porch').click()
    await page.getByTestId('detection-onvif-url').fill(`http://127.0.0.1:${await freePort()}/onvif/device_service`)
    await page.getByTestId('detection-onvif-check').click()
    const result = page.getByTestId('detection-onvif-result')
    await result.waitFor({ timeout: 15_000 })
    expect(await result.getAttribute('data-supported')).toBe('false')
    expect(await result.textContent()).toMatch(/could not ask the camera.*could not be reached/i)
  })

  it('opens the webhook port in Settings; the camera then shows its URL on that port, which answers the camera', async () => {
    const port = await freePort()
    await page.getByTestId('nav-settings').click()
    await page.getByTestId('settings-webhook-open').check()
    await page.getByTestId('settings-webhook-port').fill(String(port))
    await page.getByTestId('settings-webhook-save').click()
    await expect.poll(() => page.getByTestId('settings-webhook-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('listening')
    expect(await page.getByTestId('settings-webhook-state').textContent()).toContain(String(port))

    await page.getByTestId('nav-cameras').click()
    await page.getByTestId('camera-detection-Porch').click()
    const input = page.getByTestId('detection-webhook-url')
    const { path, addresses } = await call('detection.webhook', { cameraId: camera.id })
    // On this computer's network address when it has one (the serve process binds its UI to 127.0.0.1).
    const expected = addresses.length > 0 ? `http://${addresses[0]}:${port}${path}` : `${serve.url}${path}`
    await expect.poll(() => input.inputValue(), { timeout: 10_000 }).toBe(expected)
    const before = (await call('events.list', { cameraId: camera.id, kinds: ['doorbell'] })).length
    expect((await fetch(expected, { method: 'POST' })).status).toBe(204)
    await waitFor('the press on the webhook port', async () => (await call('events.list', { cameraId: camera.id, kinds: ['doorbell'] })).length > before, 10_000)
    // The port serves nothing else.
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404)
  })
})
