// A newcomer's first minutes, in a real browser against the real headless server and a real RTSP camera.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startRtspServer, type RtspTestServer } from '../support/rtsp'
import { launchChromium, startServe, type ServeProcess } from '../support/headless'
import { removeDir, tempDir } from '../support/vigil'

describe('cameras through the UI', () => {
  let rtsp: RtspTestServer
  let serve: ServeProcess
  let browser: Browser
  let page: Page
  let dataDir: string
  const pageErrors: string[] = []

  beforeAll(async () => {
    rtsp = await startRtspServer({ streams: [{ path: '/front' }], auth: { user: 'admin', password: 's3cret-pass' } })
    dataDir = tempDir()
    serve = await startServe(dataDir)
    browser = await launchChromium()
    page = await browser.newPage()
    page.on('pageerror', (error) => pageErrors.push(String(error)))
    await page.goto(serve.url)
  })

  afterAll(async () => {
    await browser?.close()
    const code = await serve?.stop()
    await rtsp?.close()
    removeDir(dataDir)
    // A clean SIGTERM shutdown exits 0 (recorders stopped, last segment indexed).
    expect(code).toBe(0)
  })

  it('starts with the demo camera recording', async () => {
    await page.getByTestId('demo-banner').waitFor()
    await page.getByTestId('nav-cameras').click()
    await expect.poll(() => page.getByTestId('camera-status-Demo').getAttribute('data-state'), { timeout: 30_000 }).toBe('recording')
  })

  it('probes a camera, shows the specific error for a wrong password, then adds it and sees it recording', async () => {
    await page.getByTestId('add-camera').click()
    await page.getByTestId('camera-form-name').fill('Front door')
    await page.getByTestId('camera-form-mainUrl').fill(rtsp.url('/front'))
    await page.getByTestId('camera-form-username').fill('admin')
    await page.getByTestId('camera-form-password').fill('wrong-password')
    await page.getByTestId('camera-form-probe').click()
    const main = page.getByTestId('probe-result-main')
    await expect.poll(() => main.getAttribute('data-state'), { timeout: 20_000 }).toBe('error')
    expect(await main.textContent()).toContain('401')

    await page.getByTestId('camera-form-password').fill('s3cret-pass')
    await page.getByTestId('camera-form-probe').click()
    await expect.poll(() => main.getAttribute('data-state'), { timeout: 20_000 }).toBe('ok')
    const probeText = await main.textContent()
    expect(probeText).toMatch(/h264/i)
    expect(probeText).toContain('640')

    await page.getByTestId('camera-form-save').click()
    const status = page.getByTestId('camera-status-Front door')
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 30_000 }).toBe('recording')
    // The demo camera gives way to the first real one.
    await expect.poll(() => page.getByTestId('camera-row-Demo').count(), { timeout: 10_000 }).toBe(0)
  })

  it('shows the new camera live on the live page', async () => {
    await page.getByTestId('nav-live').click()
    await page.getByTestId('live-tile-Front door').waitFor()
    // Without a substream the tile plays the main stream (640x360); test/e2e/live.test.ts covers the live view.
    const video = page.getByTestId('live-video-Front door')
    await expect.poll(() => video.getAttribute('data-state'), { timeout: 30_000 }).toBe('playing')
    expect(await video.evaluate((element) => (element as unknown as { videoWidth: number }).videoWidth)).toBe(640)
  })

  it('marks a wrong URL field in place', async () => {
    await page.getByTestId('nav-cameras').click()
    await page.getByTestId('add-camera').click()
    await page.getByTestId('camera-form-name').fill('Bad')
    await page.getByTestId('camera-form-mainUrl').fill('http://192.168.1.20/video')
    await page.getByTestId('camera-form-save').click()
    await page.getByTestId('camera-form-mainUrl-error').waitFor({ timeout: 10_000 })
    await page.getByTestId('camera-form-cancel').click()
  })

  it('switches the whole UI to German and back', async () => {
    await page.getByTestId('lang-de').click()
    await expect.poll(() => page.getByTestId('nav-cameras').textContent()).toBe('Kameras')
    expect(await page.getByTestId('camera-status-Front door').textContent()).toContain('Aufnahme')
    await page.reload()
    // The choice is a setting, so it survives a reload.
    await expect.poll(() => page.getByTestId('nav-cameras').textContent(), { timeout: 10_000 }).toBe('Kameras')
    await page.getByTestId('lang-en').click()
    await expect.poll(() => page.getByTestId('nav-cameras').textContent()).toBe('Cameras')
    expect(pageErrors).toEqual([])
  })
})
