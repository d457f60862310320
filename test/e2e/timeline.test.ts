// Playback on the timeline, checked against the picture itself: the test camera burns each frame's capture
// time into its top rows (test/support/timecode.ts), so the test can read which frame the browser shows.
import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { Gap, MethodArgs, MethodName, MethodResults, Segment } from '../../main/contract'
import { launchChromium, startServe, type ServeProcess } from '../support/headless'
import { startRtspServer, type RtspTestServer } from '../support/rtsp'
import { readTimecode, timecodeBandHeight } from '../support/timecode'
import { removeDir, tempDir, waitFor } from '../support/vigil'

const NAME = 'Yard'
const WIDTH = 640
const FRAME_MS = 1000 / 15
const SEGMENT_MS = 4000
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// Code passed to page.evaluate runs in the page; the test's type check knows no DOM, hence these shapes.
interface VideoLike {
  videoWidth: number
  currentTime: number
  paused: boolean
  dataset: Record<string, string | undefined>
  addEventListener(type: string, listener: () => void): void
}
type PageGlobals = any

interface Shown {
  /** Capture time burned into the frame on screen. */
  code: number
  /** data-epoch-ms of the <video>: the index time of the frame on screen. */
  epoch: number
}

describe('timeline playback', () => {
  let rtsp: RtspTestServer
  let serve: ServeProcess
  let browser: Browser
  let page: Page
  let dataDir: string
  let cameraId: string
  let segments: Segment[] = []
  /** Per segment id: index start minus the capture time of its first frame (the camera's delivery delay). */
  const offsets = new Map<number, number>()
  const pageErrors: string[] = []

  async function call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResults[M]> {
    const response = await fetch(`${serve.url}/api/call/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(args)
    })
    const envelope = (await response.json()) as { ok: boolean; value: MethodResults[M]; error?: unknown }
    if (!envelope.ok) throw new Error(`${method} failed: ${JSON.stringify(envelope.error)}`)
    return envelope.value
  }

  /** The time code of a segment's first frame, read with ffmpeg from the media route. */
  function firstFrameCode(segment: Segment): number {
    const result = spawnSync(
      'ffmpeg',
      ['-v', 'error', '-i', `${serve.url}/media/segments/${segment.id}`, '-frames:v', '1', '-vf', `crop=${WIDTH}:${timecodeBandHeight(WIDTH)}:0:0`, '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'],
      { maxBuffer: 1 << 24, timeout: 15_000 }
    )
    const code = readTimecode(new Uint8ClampedArray(result.stdout), WIDTH)
    if (code === null) throw new Error(`segment ${segment.id} carries no time code: ${result.stderr?.toString()}`)
    return code
  }

  const video = () => page.getByTestId(`timeline-video-${NAME}`)
  const playheadEpoch = async () => Number(await page.getByTestId('timeline-playhead-time').getAttribute('data-epoch-ms'))

  /** Draws the frame the <video> shows into a canvas and reads its time code. */
  async function shown(name = NAME): Promise<Shown> {
    const grabbed = await page.getByTestId(`timeline-video-${name}`).evaluate((element, band) => {
      const media = element as unknown as VideoLike
      const canvas = (globalThis as PageGlobals).document.createElement('canvas')
      canvas.width = media.videoWidth
      canvas.height = band
      const context = canvas.getContext('2d')!
      context.drawImage(media, 0, 0)
      return { pixels: Array.from(context.getImageData(0, 0, canvas.width, band).data) as number[], width: canvas.width as number, epoch: Number(media.dataset.epochMs) }
    }, timecodeBandHeight(WIDTH))
    const code = readTimecode(new Uint8ClampedArray(grabbed.pixels), grabbed.width)
    if (code === null) throw new Error('the frame on screen carries no readable time code')
    return { code, epoch: grabbed.epoch }
  }

  const segmentAt = (at: number) => segments.find((segment) => segment.start <= at && at < segment.end)!

  /** Clicks the day bar at instant `at` (which must be in view) and returns ms from the click to its frame. */
  async function clickAt(at: number): Promise<number> {
    const bar = page.getByTestId(`timeline-bar-${NAME}`)
    const start = Number(await bar.getAttribute('data-view-start'))
    const end = Number(await bar.getAttribute('data-view-end'))
    const fraction = (at - start) / (end - start)
    expect(fraction).toBeGreaterThan(0)
    expect(fraction).toBeLessThan(1)
    // Timed in the page: from the pointer going down to the frame of that instant being on screen.
    const timing = video().evaluate(
      (element, target) =>
        new Promise<number | null>((resolve) => {
          const page: PageGlobals = globalThis
          let down = 0
          page.addEventListener('pointerdown', () => (down = performance.now()), { capture: true, once: true })
          const observer = new page.MutationObserver(() => {
            if (down && Math.abs(Number((element as unknown as VideoLike).dataset.epochMs) - target) < 100) {
              observer.disconnect()
              resolve(performance.now() - down)
            }
          })
          observer.observe(element, { attributes: true, attributeFilter: ['data-epoch-ms'] })
          setTimeout(() => resolve(null), 10_000)
        }),
      at
    )
    await sleep(50)
    const box = (await bar.boundingBox())!
    // Relative to the bar, so a notice appearing above it cannot shift the click.
    await bar.click({ position: { x: fraction * box.width, y: box.height / 2 } })
    const ms = await timing
    if (ms === null) throw new Error(`no frame of ${new Date(at).toISOString()} within 10 s of the click`)
    return ms
  }

  beforeAll(async () => {
    rtsp = await startRtspServer({ streams: [{ path: '/yard', timecode: true }, { path: '/gate', timecode: true }] })
    dataDir = tempDir()
    serve = await startServe(dataDir, ['--segment-seconds', String(SEGMENT_MS / 1000)])
    cameraId = (await call('cameras.add', { name: NAME, mainUrl: rtsp.url('/yard') })).id
    const gateId = (await call('cameras.add', { name: 'Gate', mainUrl: rtsp.url('/gate') })).id
    // The test pattern moves everywhere: motion events would be marks the previous/next buttons stop at.
    for (const id of [cameraId, gateId]) await call('detection.set', { cameraId: id, motion: { enabled: false } })
    // Six closed segments: several boundaries, and a middle well away from the first file of the run.
    segments = await waitFor(
      'six recorded segments',
      async () => {
        const found = await call('recordings.segments', { cameraId, from: 0, to: Date.now() + 60_000 })
        return found.length >= 6 && found
      },
      60_000,
      500
    )
    for (const segment of segments) offsets.set(segment.id, segment.start - firstFrameCode(segment))
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })
    page.on('pageerror', (error) => pageErrors.push(String(error)))
    await page.goto(`${serve.url}/#/timeline`)
  })

  afterAll(async () => {
    await browser?.close()
    await serve?.stop()
    await rtsp?.close()
    removeDir(dataDir)
  })

  it('opens on today with the camera selected and its recording on the bar', async () => {
    await page.getByTestId('nav-timeline').waitFor()
    expect(await page.getByTestId('nav-timeline').getAttribute('aria-current')).toBe('page')
    expect(await page.getByTestId(`timeline-camera-${NAME}`).isChecked()).toBe(true)
    expect(await page.getByTestId('timeline-date').inputValue()).toMatch(/^\d{4}-\d\d-\d\d$/)
    await page.getByTestId(`timeline-bar-${NAME}`).locator('.tl-bar__span').first().waitFor()
    // The playhead starts on a recorded frame.
    await expect.poll(async () => (await video().getAttribute('data-epoch-ms')) !== null, { timeout: 15_000 }).toBe(true)
  })

  it('seeks to a clicked instant and shows the frame recorded then', async () => {
    // Zoom to one minute: a pixel is then 50 ms, enough to aim inside one segment.
    while (await page.getByTestId('timeline-zoom-in').isEnabled()) await page.getByTestId('timeline-zoom-in').click()
    expect(await page.getByTestId('timeline-zoom-in').isEnabled()).toBe(false)

    const seekTimes: number[] = []
    for (const [index, fraction] of [[3, 0.4], [2, 0.7], [4, 0.2]] as const) {
      const segment = segments[index]
      const target = Math.round(segment.start + fraction * (segment.end - segment.start))
      seekTimes.push(await clickAt(target))
      const frame = await shown()
      // The index time of the frame on screen is the chosen instant (to one frame and a pixel of the bar).
      expect(Math.abs(frame.epoch - target)).toBeLessThan(FRAME_MS + 60)
      expect(Math.abs((await playheadEpoch()) - target)).toBeLessThan(FRAME_MS + 60)
      // And it is the frame recorded at that index time: its burned-in capture time sits at the recording's
      // own offset from the index (the camera's delivery delay, the same for every frame of the segment).
      expect(Math.abs(frame.epoch - frame.code - offsets.get(segmentAt(target).id)!)).toBeLessThan(FRAME_MS + 10)
      // Capture time and chosen instant differ only by that delay: ~0.85 s on a quiet machine (the test
      // camera's encoder and relay), more when its feeder fell behind real time on a loaded CI machine (2.6 s
      // seen): a sanity bound well above both; the exact check is the one above. Seek time is bench:live's.
      expect(Math.abs(frame.code - target)).toBeLessThan(SEGMENT_MS)
      console.log(`seek: ${Math.round(seekTimes.at(-1)!)} ms to the frame; capture time ${target - frame.code} ms before the chosen instant`)
    }
  })

  it('plays across segment boundaries at 1x without a stall', async () => {
    const boundary = segments[3].end
    await clickAt(boundary - 1500)
    const watch = video().evaluate(
      (element, until) =>
        new Promise<{ waiting: number; longestStillMs: number; reached: boolean }>((resolve) => {
          const media = element as unknown as VideoLike
          const page: PageGlobals = globalThis
          let waiting = 0
          media.addEventListener('waiting', () => waiting++)
          let lastTime = media.currentTime
          let lastChange = performance.now()
          let longestStillMs = 0
          const started = performance.now()
          const sample = () => {
            const now = performance.now()
            if (media.currentTime !== lastTime) {
              if (!media.paused) longestStillMs = Math.max(longestStillMs, now - lastChange)
              lastTime = media.currentTime
              lastChange = now
            }
            const epoch = Number(media.dataset.epochMs)
            if (epoch > until || now - started > 10_000) resolve({ waiting, longestStillMs, reached: epoch > until })
            else page.requestAnimationFrame(sample)
          }
          page.requestAnimationFrame(sample)
        }),
      boundary + 2000
    )
    await page.getByTestId('timeline-play').click()
    const result = await watch
    await page.getByTestId('timeline-play').click()
    console.log(`boundary at 1x: ${result.waiting} waiting events, picture still for at most ${Math.round(result.longestStillMs)} ms`)
    expect(result.reached).toBe(true)
    expect(result.waiting).toBe(0)
    expect(result.longestStillMs).toBeLessThan(500)
    expect(await playheadEpoch()).toBeGreaterThan(boundary + 2000)
    // Past the boundary the picture is the next file's, still at its place in time.
    const frame = await shown()
    expect(Math.abs(frame.epoch - frame.code - offsets.get(segmentAt(frame.epoch).id)!)).toBeLessThan(FRAME_MS + 10)
  })

  it('plays at 16x about sixteen times as fast', async () => {
    await clickAt(segments[1].start + 200)
    await page.getByTestId('timeline-speed-16').click()
    await page.getByTestId('timeline-play').click()
    await expect.poll(() => page.getByTestId('timeline-playhead-time').getAttribute('data-playing')).toBe('true')
    // Measured in the page on the media clock: the playhead attribute only updates every 100 ms.
    const measured = await video().evaluate(
      (element) =>
        new Promise<{ media: number; real: number }>((resolve) => {
          const media = element as unknown as VideoLike
          setTimeout(() => {
            const from = { media: media.currentTime, real: performance.now() }
            setTimeout(() => resolve({ media: media.currentTime - from.media, real: (performance.now() - from.real) / 1000 }), 800)
          }, 150)
        })
    )
    await page.getByTestId('timeline-play').click()
    await page.getByTestId('timeline-speed-1').click()
    const ratio = measured.media / measured.real
    console.log(`16x: the playhead moved ${ratio.toFixed(1)} times as fast as the clock`)
    expect(ratio).toBeGreaterThan(12)
    expect(ratio).toBeLessThan(18)
  })

  it('steps one frame forward and back while paused', async () => {
    await clickAt(segments[2].start + 1700)
    const before = await shown()
    await page.getByTestId('timeline-step-forward').click()
    await expect.poll(async () => (await shown()).code, { timeout: 5000 }).not.toBe(before.code)
    const next = await shown()
    expect(next.code - before.code).toBeGreaterThan(FRAME_MS * 0.6)
    expect(next.code - before.code).toBeLessThan(FRAME_MS * 1.4)
    expect(next.epoch - before.epoch).toBeGreaterThan(FRAME_MS * 0.6)
    expect(next.epoch - before.epoch).toBeLessThan(FRAME_MS * 1.4)
    await page.getByTestId('timeline-step-back').click()
    await page.getByTestId('timeline-step-back').click()
    await expect.poll(async () => (await shown()).code, { timeout: 5000 }).toBeLessThan(before.code)
    const back = await shown()
    expect(before.code - back.code).toBeGreaterThan(FRAME_MS * 0.6)
    expect(before.code - back.code).toBeLessThan(FRAME_MS * 1.4)
  })

  it('drags the playhead and zooms with Ctrl + mouse wheel, centred on the playhead', async () => {
    const bar = page.getByTestId(`timeline-bar-${NAME}`)
    const view = async () => ({ start: Number(await bar.getAttribute('data-view-start')), end: Number(await bar.getAttribute('data-view-end')) })
    const box = (await bar.boundingBox())!
    const { start, end } = await view()
    const xOf = (at: number) => box.x + ((at - start) / (end - start)) * box.width
    const from = segments[2].start + 500
    const to = segments[3].start + 2500
    await page.mouse.move(xOf(from), box.y + box.height / 2)
    await page.mouse.down()
    for (let step = 1; step <= 10; step++) {
      await page.mouse.move(xOf(from + ((to - from) * step) / 10), box.y + box.height / 2)
      await sleep(40)
    }
    await page.mouse.up()
    await expect.poll(async () => Math.abs(Number(await video().getAttribute('data-epoch-ms')) - to), { timeout: 5000 }).toBeLessThan(FRAME_MS + 60)

    await page.keyboard.down('Control')
    await page.mouse.wheel(0, 100)
    await page.keyboard.up('Control')
    await expect.poll(async () => { const v = await view(); return v.end - v.start }).toBe(5 * 60_000)
    const zoomed = await view()
    // Centred on the playhead (unless the day's edge is near, which it is not in this test).
    expect(Math.abs((zoomed.start + zoomed.end) / 2 - (await playheadEpoch()))).toBeLessThan(1000)
    await page.keyboard.down('Control')
    await page.mouse.wheel(0, -100)
    await page.keyboard.up('Control')
    await expect.poll(async () => { const v = await view(); return v.end - v.start }).toBe(60_000)
  })

  it('plays two cameras in sync at the same instant', async () => {
    await page.getByTestId('timeline-camera-Gate').check()
    await page.getByTestId('timeline-bar-Gate').waitFor()
    await clickAt(segments[3].start + 1200)
    await expect.poll(async () => Math.abs((await shown('Gate')).epoch - (await shown()).epoch), { timeout: 10_000 }).toBeLessThan(FRAME_MS)
    const [yard, gate] = [await shown(), await shown('Gate')]
    // Both show the frame of the same instant: the capture times differ only by the two cameras' delays.
    expect(Math.abs(yard.code - gate.code)).toBeLessThan(300)

    await page.getByTestId('timeline-play').click()
    const spread: number[] = []
    for (let i = 0; i < 12; i++) {
      await sleep(250)
      const epochs = await page.evaluate(() => {
        const page: PageGlobals = globalThis
        return ['Yard', 'Gate'].map((name) => Number(page.document.querySelector(`[data-testid="timeline-video-${name}"]`).dataset.epochMs))
      })
      spread.push(Math.abs(epochs[0] - epochs[1]))
    }
    await page.getByTestId('timeline-play').click()
    console.log(`two cameras in sync: largest difference while playing ${Math.max(...spread)} ms`)
    // Followers are pulled back beyond 0.25 s of drift; between samples a frame may be on its way.
    expect(Math.max(...spread)).toBeLessThan(250 + 2 * FRAME_MS)
    await page.getByTestId('timeline-camera-Gate').uncheck()
    await expect.poll(() => page.getByTestId('timeline-bar-Gate').count()).toBe(0)
  })

  it('saves a snapshot of the frame shown, named after the camera and its time', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('timeline-snapshot').click()])
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${NAME}_\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\d-\\d\\d\\.jpg$`))
  })

  it('jumps to the previous recording boundary', async () => {
    await clickAt(segments[4].start + 1000)
    await page.getByTestId('timeline-prev').click()
    // One continuous recording: the previous boundary is where it starts.
    await expect.poll(playheadEpoch, { timeout: 5000 }).toBeLessThan(segments[0].start + 200)
    expect(await page.getByTestId('timeline-prev').getAttribute('title')).toMatch(/previous event or recording boundary/)
  })

  it('shows an outage as a gap with its cause and plays over it to the next recording', async () => {
    await rtsp.stop()
    await sleep(5000)
    await rtsp.start()
    const gap = await waitFor(
      'the outage closed as a gap, with recording after it',
      async () => {
        const gaps = await call('recordings.gaps', { cameraId, from: segments[0].start, to: Date.now() + 60_000 })
        const closed = gaps.find((candidate): candidate is Gap & { end: number } => candidate.end !== null && candidate.start > segments[5].start)
        if (!closed) return false
        const after = await call('recordings.segments', { cameraId, from: Math.ceil(closed.end), to: Date.now() + 60_000 })
        return after.length >= 2 && closed
      },
      60_000,
      500
    )
    // The bar reloads on its own as segments arrive. Zoom out to five minutes: the outage is in view.
    const marker = page.getByTestId(`timeline-bar-${NAME}`).locator(`[data-testid="timeline-gap"][data-cause="${gap.cause}"]`).last()
    await page.getByTestId('timeline-zoom-out').click()
    await page.getByTestId('timeline-zoom-out').click()
    await marker.waitFor({ timeout: 20_000 })
    expect(await marker.locator('title').textContent()).toMatch(/^(Camera offline|Recorder stopped unexpectedly|Recording stalled)/)

    const before = (await call('recordings.segments', { cameraId, from: Math.round(gap.start) - 10_000, to: Math.round(gap.start) })).at(-1)!
    await clickAt(before.end - 1000)
    await page.getByTestId('timeline-play').click()
    await expect.poll(playheadEpoch, { timeout: 10_000 }).toBeGreaterThan(gap.end + 500)
    await page.getByTestId('timeline-play').click()

    await page.getByTestId('lang-de').click()
    await expect.poll(() => page.getByTestId('nav-timeline').textContent()).toBe('Zeitleiste')
    expect(await marker.locator('title').textContent()).toMatch(/^(Kamera nicht erreichbar|Aufnahmeprogramm unerwartet beendet|Aufnahme hing)/)
    await page.getByTestId('lang-en').click()
    expect(pageErrors).toEqual([])
  })
})
