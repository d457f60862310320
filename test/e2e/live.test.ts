// Live view in a real browser: real RTSP cameras -> the built headless server -> WebSocket -> MSE in Chromium.
// Measures what a user notices: how soon the picture appears, that it moves, and how far behind real time it is.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import type { Camera } from '../../main/contract'
import { startRtspServer, type RtspTestServer } from '../support/rtsp'
import { launchChromium, startServe, type ServeProcess } from '../support/headless'
import { readTimecode, timecodeBandHeight } from '../support/timecode'
import { removeDir, tempDir } from '../support/vigil'

// Code passed to page.evaluate runs in the page (no closures); the test's type check knows no DOM, hence the casts.
type VideoLike = { currentTime: number; videoWidth: number; videoHeight: number; muted: boolean; buffered: { length: number; end(i: number): number } }

describe('live view', () => {
  let rtsp: RtspTestServer
  let serve: ServeProcess
  let browser: Browser
  let page: Page
  let dataDir: string
  const pageErrors: string[] = []

  async function addCamera(input: { name: string; mainUrl: string; subUrl?: string }): Promise<Camera> {
    const response = await fetch(`${serve.url}/api/call/cameras.add`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input)
    })
    const envelope = (await response.json()) as { ok: boolean; value: Camera; error?: unknown }
    if (!envelope.ok) throw new Error(`cameras.add failed: ${JSON.stringify(envelope.error)}`)
    return envelope.value
  }

  const state = (video: Locator) => video.getAttribute('data-state')
  const currentTime = (video: Locator) => video.evaluate((element) => (element as VideoLike).currentTime)
  const lag = (video: Locator) =>
    video.evaluate((element) => {
      const { buffered, currentTime } = element as VideoLike
      return buffered.length ? buffered.end(buffered.length - 1) - currentTime : Number.NaN
    })

  /** How long ago (ms) the frame on screen was captured by the camera, read from the time code burned into it. */
  async function glassToGlassMs(video: Locator): Promise<number | null> {
    const width = await video.evaluate((element) => (element as VideoLike).videoWidth)
    const band = timecodeBandHeight(width)
    const sample = await video.evaluate(
      (element, rows) => {
        const { document, Date } = globalThis as any
        const source = element as VideoLike
        const canvas = document.createElement('canvas')
        canvas.width = source.videoWidth
        canvas.height = rows
        const context = canvas.getContext('2d', { willReadFrequently: true })
        context.drawImage(element, 0, 0, source.videoWidth, rows, 0, 0, source.videoWidth, rows)
        return { at: Date.now() as number, pixels: Array.from(context.getImageData(0, 0, source.videoWidth, rows).data as ArrayLike<number>) }
      },
      band
    )
    const captured = readTimecode(Uint8ClampedArray.from(sample.pixels), width)
    return captured === null ? null : sample.at - captured
  }

  beforeAll(async () => {
    rtsp = await startRtspServer({
      streams: [
        { path: '/porch', audio: 'aac', timecode: true },
        { path: '/porch-sub', width: 320, height: 180, timecode: true },
        { path: '/garage', codec: 'h265' }
      ]
    })
    dataDir = tempDir()
    serve = await startServe(dataDir)
    await addCamera({ name: 'Porch', mainUrl: rtsp.url('/porch'), subUrl: rtsp.url('/porch-sub') })
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true })
    page.on('pageerror', (error) => pageErrors.push(String(error)))
  })

  afterAll(async () => {
    await browser?.close()
    const code = await serve?.stop()
    await rtsp?.close()
    removeDir(dataDir)
    expect(code).toBe(0)
  })

  it('plays the substream in the grid within seconds, moving, about a second behind real time', async () => {
    const opened = Date.now()
    await page.goto(`${serve.url}/#/live`)
    const video = page.getByTestId('live-video-Porch')
    await expect.poll(() => state(video), { timeout: 20_000, interval: 50 }).toBe('playing')
    const firstFrameMs = Date.now() - opened
    expect(await video.getAttribute('data-transcoded')).toBe('false')
    // The grid shows the 320x180 substream, not the main stream.
    expect(await video.evaluate((element) => (element as VideoLike).videoWidth)).toBe(320)

    const before = await currentTime(video)
    const shotBefore = await video.screenshot()
    await page.waitForTimeout(1000)
    const shotAfter = await video.screenshot()
    expect(await currentTime(video)).toBeGreaterThan(before + 0.5)
    expect(shotAfter.equals(shotBefore)).toBe(false)

    const lags: number[] = []
    const delays: number[] = []
    for (let i = 0; i < 10; i++) {
      lags.push(await lag(video))
      const delay = await glassToGlassMs(video)
      if (delay !== null) delays.push(delay)
      await page.waitForTimeout(400)
    }
    console.log(
      `live grid: first frame ${firstFrameMs} ms after opening; buffer lag ${lags.map((l) => l.toFixed(2)).join(' ')} s; ` +
        `capture-to-screen ${delays.join(' ')} ms`
    )
    expect(Math.max(...lags)).toBeLessThan(1.5)
    expect(delays.length).toBeGreaterThan(5)
    expect(median(delays)).toBeLessThan(2000)
  })

  it('opens one camera large with the main stream, sound on demand and a snapshot as a JPEG', async () => {
    await page.getByTestId('live-open-Porch').click()
    await page.getByTestId('live-single').waitFor()
    const video = page.getByTestId('live-video-Porch')
    const opened = Date.now()
    await expect.poll(() => state(video), { timeout: 20_000, interval: 50 }).toBe('playing')
    console.log(`live single: first frame ${Date.now() - opened} ms after opening`)
    expect(await page.locator('video').count()).toBe(1)
    expect(await video.evaluate((element) => (element as VideoLike).videoWidth)).toBe(640)

    // The main stream carries AAC, so the sound button appears; the picture starts muted.
    expect(await video.evaluate((element) => (element as VideoLike).muted)).toBe(true)
    await page.getByTestId('live-audio').click()
    expect(await page.getByTestId('live-audio').getAttribute('aria-pressed')).toBe('true')
    expect(await video.evaluate((element) => (element as VideoLike).muted)).toBe(false)

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('live-snapshot').click()])
    expect(download.suggestedFilename()).toMatch(/^Porch_\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}\.jpg$/)
    const bytes = readFileSync(await download.path())
    expect(bytes.length).toBeGreaterThan(5000)
    expect([bytes[0], bytes[1], bytes[2]]).toEqual([0xff, 0xd8, 0xff])
    expect([bytes[bytes.length - 2], bytes[bytes.length - 1]]).toEqual([0xff, 0xd9])

    await page.getByTestId('live-back').click()
    await page.getByTestId('live-grid').waitFor()
    await expect.poll(() => state(page.getByTestId('live-video-Porch')), { timeout: 20_000 }).toBe('playing')
  })

  it('closes the stream while the page is hidden and resumes when it is shown again', async () => {
    const video = page.getByTestId('live-video-Porch')
    const setVisibility = (visibility: string) =>
      page.evaluate((value) => {
        const { document, Event } = globalThis as any
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => value })
        document.dispatchEvent(new Event('visibilitychange'))
      }, visibility)
    await setVisibility('hidden')
    await expect.poll(() => video.evaluate((element) => (element as any).getAttribute('src')), { timeout: 5000 }).toBe(null)
    expect(await state(video)).toBe('connecting')
    await setVisibility('visible')
    await expect.poll(() => state(video), { timeout: 20_000 }).toBe('playing')
  })

  it('reconnects by itself when the camera drops off and comes back', async () => {
    const video = page.getByTestId('live-video-Porch')
    await rtsp.stop()
    await expect.poll(() => state(video), { timeout: 30_000, interval: 100 }).toBe('error')
    await rtsp.start()
    await expect.poll(() => state(video), { timeout: 45_000, interval: 100 }).toBe('playing')
    const before = await currentTime(video)
    await page.waitForTimeout(1000)
    expect(await currentTime(video)).toBeGreaterThan(before + 0.5)
  })

  it('plays an H.265 camera through the transcoded fallback, since Chromium cannot decode it', async () => {
    await addCamera({ name: 'Garage', mainUrl: rtsp.url('/garage') })
    const video = page.getByTestId('live-video-Garage')
    await expect.poll(() => state(video), { timeout: 30_000, interval: 100 }).toBe('playing')
    expect(await video.getAttribute('data-transcoded')).toBe('true')
    const before = await currentTime(video)
    await page.waitForTimeout(1000)
    expect(await currentTime(video)).toBeGreaterThan(before + 0.5)
    expect(Math.max(await lag(video), 0)).toBeLessThan(1.5)
    expect(pageErrors).toEqual([])
  })
})

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}
