// What a user sees: Debian's Chromium on the live page of the running server. Time from navigation to a
// playing <video>, and glass-to-glass latency read from a binary clock burned into the picture.
//
// Page code is passed as strings: tsx compiles this file with esbuild, which may wrap inner functions in
// helpers (__name) that do not exist inside the page.
import { spawn } from 'node:child_process'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from '../../test/support/headless'
import { readTimecode, timecodeBandHeight } from '../../test/support/timecode'
import { onCleanup, stopChild, track } from './live-procs'
import { FFMPEG } from './live-source'

export async function openBrowser(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await launchChromium()
  const forget = onCleanup(() => browser.close())
  return {
    browser,
    close: async () => {
      forget()
      await browser.close()
    }
  }
}

/**
 * Records, for every element with a data-state attribute, when it first became "playing" (Date.now(), the
 * same clock as ours). A MutationObserver sees React's commit itself; polling would add its interval.
 */
const WATCH_PLAYING = `
  window.__playingAt = {}
  new MutationObserver((records) => {
    for (const record of records) {
      const element = record.target
      const id = element.getAttribute && element.getAttribute('data-testid')
      if (id && element.getAttribute('data-state') === 'playing' && !(id in window.__playingAt)) window.__playingAt[id] = Date.now()
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] })
`

const VIEWPORT = { width: 1280, height: 720 }

/**
 * Opens a fresh page at #/live/<cameraId> (one camera large, main stream) and returns the ms from the
 * navigation request until the camera's <video> reports data-state=playing, or null after the timeout.
 */
export async function browserFirstFrame(browser: Browser, baseUrl: string, cameraId: string, name: string, timeoutMs = 20_000): Promise<number | null> {
  const page = await browser.newPage({ viewport: VIEWPORT })
  try {
    await page.addInitScript(WATCH_PLAYING)
    const testId = `live-video-${name}`
    const started = Date.now()
    await page.goto(`${baseUrl}/#/live/${encodeURIComponent(cameraId)}`)
    // Polled with evaluate: waitForFunction's string predicates are eval'd in the page, which Vigil's CSP
    // forbids. The observer holds the exact time; polling only decides when we read it.
    const read = `window.__playingAt && window.__playingAt[${JSON.stringify(testId)}]`
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      const at = (await page.evaluate(read)) as number | undefined
      if (at) return at - started
      await page.waitForTimeout(50)
    }
    throw new Error(`not playing after ${timeoutMs} ms`)
  } catch (error) {
    console.warn(`  Chromium sample for ${name} failed: ${String(error).split('\n')[0]}`)
    return null
  } finally {
    await page.close()
  }
}

/** Opens the single view of a camera and waits until it plays; the page stays open for sampling. */
export async function openSingleView(browser: Browser, baseUrl: string, cameraId: string, name: string): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT })
  await page.goto(`${baseUrl}/#/live/${encodeURIComponent(cameraId)}`)
  await page.locator(`[data-testid="live-video-${name}"][data-state="playing"]`).waitFor({ timeout: 30_000 })
  return page
}

interface Grab {
  at: number
  width: number
  pixels: number[]
  lag: number | null
}

/**
 * Draws the frame being shown into a canvas and notes Date.now() at that moment. requestVideoFrameCallback
 * fires when a new frame is handed to the compositor, so `at` is the moment of display, not a moment in
 * between two frames (which would add up to a frame interval).
 */
function grabScript(testId: string, rows: number): string {
  return `(async () => {
    const video = document.querySelector('[data-testid=${JSON.stringify(testId)}]')
    return await new Promise((resolve) => {
      let done = false
      const grab = () => {
        if (done) return
        done = true
        const at = Date.now()
        const width = video.videoWidth
        const canvas = document.createElement('canvas')
        canvas.width = width
        canvas.height = ${rows}
        const context = canvas.getContext('2d', { willReadFrequently: true })
        context.drawImage(video, 0, 0, width, ${rows}, 0, 0, width, ${rows})
        const pixels = Array.from(context.getImageData(0, 0, width, ${rows}).data)
        const ranges = video.buffered
        const lag = ranges.length ? ranges.end(ranges.length - 1) - video.currentTime : null
        resolve({ at, width, pixels, lag })
      }
      if (typeof video.requestVideoFrameCallback === 'function') video.requestVideoFrameCallback(grab)
      setTimeout(grab, 1000)
    })
  })()`
}

export interface GlassToGlass {
  /** Display time minus the frame's burned-in capture time, ms. */
  delays: number[]
  /** The player's buffer ahead of the playhead at the same moments (buffered end - currentTime), s. */
  lags: number[]
  /** Frames whose time code could not be read. */
  unreadable: number
}

export async function glassToGlass(page: Page, name: string, width: number, samples: number, gapMs: number): Promise<GlassToGlass> {
  const script = grabScript(`live-video-${name}`, timecodeBandHeight(width))
  const result: GlassToGlass = { delays: [], lags: [], unreadable: 0 }
  for (let i = 0; i < samples; i++) {
    const grab = (await page.evaluate(script)) as Grab
    const captured = readTimecode(Uint8ClampedArray.from(grab.pixels), grab.width)
    if (captured === null) result.unreadable++
    else result.delays.push(grab.at - captured)
    if (grab.lag !== null) result.lags.push(grab.lag)
    await page.waitForTimeout(gapMs)
  }
  return result
}

/**
 * The harness's own delay: ffmpeg reads the mount directly (no Vigil, no browser), decodes only the time-code
 * band and hands each frame over as soon as it is decoded (one decoder thread: frame threading would hold
 * frames back; low_delay; passthrough timing, no duplicated frames). Delay = arrival here - burned-in time.
 * The first `skipSeconds` are dropped: frames buffered while ffmpeg analysed the stream arrive late.
 */
export async function harnessDelay(url: string, width: number, seconds: number, skipSeconds = 2): Promise<number[]> {
  const rows = timecodeBandHeight(width)
  const frameBytes = width * rows * 4
  const args = ['-nostdin', '-hide_banner', '-loglevel', 'error', '-fflags', 'nobuffer', '-flags', 'low_delay', '-threads', '1',
    '-rtsp_transport', 'tcp', '-i', url, '-map', '0:v:0', '-vf', `crop=${width}:${rows}:0:0,format=rgba`, '-fps_mode', 'passthrough',
    '-f', 'rawvideo', '-flush_packets', '1', 'pipe:1']
  const child = track(spawn(FFMPEG, args, { stdio: ['ignore', 'pipe', 'pipe'] }))
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)))
  const delays: number[] = []
  let pending = Buffer.alloc(0)
  let firstAt: number | null = null
  let finished = false
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`harness ffmpeg gave no frames within ${seconds + 20} s:\n${stderr}`)), (seconds + 20) * 1000)
    const finish = (error?: Error) => {
      if (finished) return
      finished = true
      clearTimeout(timer)
      if (error) reject(error)
      else resolve()
    }
    // Keeps reading after the end too, so ffmpeg never blocks on a full pipe before it is stopped.
    child.stdout!.on('data', (chunk: Buffer) => {
      if (finished) return
      const at = Date.now()
      pending = Buffer.concat([pending, chunk])
      while (pending.length >= frameBytes) {
        const frame = pending.subarray(0, frameBytes)
        pending = pending.subarray(frameBytes)
        firstAt ??= at
        if (at - firstAt < skipSeconds * 1000) continue
        const captured = readTimecode(new Uint8ClampedArray(frame.buffer, frame.byteOffset, frame.byteLength), width)
        if (captured !== null) delays.push(at - captured)
      }
      if (firstAt !== null && at - firstAt >= (skipSeconds + seconds) * 1000) finish()
    })
    child.once('exit', (code) => finish(new Error(`harness ffmpeg exited with ${code}:\n${stderr}`)))
  })
  await stopChild(child, 2000)
  return delays
}
