// The evidence export wizard in Chromium against the real headless server and a real RTSP camera showing
// people: request and legal basis (a missing field blocks the step), scope (hold placed), people found and
// one kept, rendering with a preview, contents with an encrypted ZIP, confirmation; then the package is
// checked with independent tools, the ZIP downloaded, and the log and holds pages show what happened.
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { Camera, MethodArgs, MethodName, MethodResults, Segment } from '../../main/contract'
import { launchChromium, startServe, type ServeProcess } from '../support/headless'
import { startRtspServer, type RtspTestServer } from '../support/rtsp'
import { removeDir, tempDir, waitFor } from '../support/vigil'

const WALKING = resolve(__dirname, '../../../shared/media/face-demographics-walking.gif')

describe('evidence export wizard', () => {
  let rtsp: RtspTestServer
  let serve: ServeProcess
  let browser: Browser
  let page: Page
  let dataDir: string
  let work: string
  let camera: Camera
  let segment: Segment
  const pageErrors: string[] = []

  async function call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResults[M]> {
    const response = await fetch(`${serve.url}/api/call/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) })
    const envelope = (await response.json()) as { ok: boolean; value: MethodResults[M]; error?: { message: string } }
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`)
    return envelope.value
  }

  beforeAll(async () => {
    work = tempDir('vigil-e2e-export-')
    const clip = join(work, 'walking.mp4')
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', WALKING, '-vf', 'fps=12,format=yuv420p', '-c:v', 'libx264', '-preset', 'veryfast', '-g', '12', '-bf', '0', clip])
    rtsp = await startRtspServer({ streams: [{ path: '/door', clip }] })
    dataDir = tempDir()
    serve = await startServe(dataDir, ['--no-demo', '--segment-seconds', '4'])
    camera = await call('cameras.add', { name: 'Front door', mainUrl: rtsp.url('/door') })
    await call('detection.set', { cameraId: camera.id, motion: { enabled: false } })
    segment = await waitFor('a closed segment', async () => (await call('recordings.segments', { cameraId: camera.id, from: 0, to: Date.now() + 60_000 }))[1], 60_000)
    browser = await launchChromium()
    page = await (await browser.newContext({ acceptDownloads: true })).newPage()
    page.on('pageerror', (error) => pageErrors.push(String(error)))
    await page.goto(`${serve.url}/#/export/new?camera=${camera.id}&from=${segment.start}&to=${segment.end}`)
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await serve?.stop()
    await rtsp?.close()
    removeDir(dataDir)
    removeDir(work)
    expect(pageErrors).toEqual([])
  })

  it('step 1: a missing required field blocks the step with a message on that field', async () => {
    await page.getByTestId('export-step-1').waitFor()
    await page.getByTestId('request-field-requesterKind-authority').click()
    await page.getByTestId('request-field-requesterName').fill('Polizeirevier Nord')
    await page.getByTestId('request-field-caseNumber').fill('ST/4711/26')
    await page.getByTestId('request-field-requestDate').fill('2026-11-24')
    await page.getByTestId('request-field-receivedVia-letter').click()
    await page.getByTestId('export-next').click()
    // No basis is pre-selected, and the justification is required.
    await page.getByTestId('request-field-basis-error').waitFor()
    await page.getByTestId('request-field-justification-error').waitFor()
    expect(await page.getByTestId('export-step-1').isVisible()).toBe(true)

    await page.getByTestId('basis-option-police_request').click()
    await page.getByTestId('basis-voluntary-note').waitFor()
    await page.getByTestId('request-field-statedPurpose').fill('Investigation of an attempted burglary')
    await page.getByTestId('request-field-justification').fill('The footage shows the person at the door at the time of the attempted break-in.')
    await page.getByTestId('export-next').click()
    await page.getByTestId('export-step-2').waitFor()
  })

  it('step 2: the scope from the link places an evidence hold at once', async () => {
    await page.getByTestId('export-next').click()
    await expect.poll(() => page.getByTestId('export-holds').getAttribute('data-count'), { timeout: 15_000 }).toBe('1')
    const holds = await call('holds.list', {})
    expect(holds).toHaveLength(1)
    // The scope is typed to the second.
    expect(holds[0].cameraId).toBe(camera.id)
    expect(Math.abs(holds[0].start - segment.start)).toBeLessThan(1000)
    expect(Math.abs(holds[0].end - segment.end)).toBeLessThan(1000)
  })

  it('step 3: finds the people, keeps one, renders the redacted copy and previews it', async () => {
    if (!(await page.getByTestId('export-step-3').isVisible())) await page.getByTestId('export-next').click()
    const step = page.getByTestId('export-step-3')
    await expect.poll(() => step.getAttribute('data-status'), { timeout: 120_000 }).toBe('analyzed')
    const rows = page.getByTestId('track-row')
    expect(await rows.count()).toBeGreaterThan(0)
    await rows.first().getByTestId('track-keep').click()
    await expect.poll(() => rows.first().getAttribute('data-kept')).toBe('true')

    // Areas to cover are drawn on a frame of the exported footage: first the middle of the range; the
    // slider picks another instant, and the picture follows.
    const editor = page.getByTestId('region-editor')
    const pictureAt = async () => Number((await editor.getAttribute('data-picture-at')) ?? NaN)
    const [from, to] = [Number(await editor.getAttribute('data-from')), Number(await editor.getAttribute('data-to'))]
    expect(from).toBeGreaterThanOrEqual(segment.start - 1000)
    expect(to).toBeLessThanOrEqual(segment.end + 1000)
    await expect.poll(pictureAt, { timeout: 20_000 }).toBe(Math.round((from + to) / 2))
    await page.getByTestId('region-picture-at').fill(String(from + 500))
    await expect.poll(pictureAt, { timeout: 20_000 }).toBe(from + 500)
    const canvas = (await page.getByTestId('region-canvas').boundingBox())!
    await page.mouse.move(canvas.x + canvas.width * 0.1, canvas.y + canvas.height * 0.1)
    await page.mouse.down()
    await page.mouse.move(canvas.x + canvas.width * 0.3, canvas.y + canvas.height * 0.25, { steps: 5 })
    await page.mouse.up()
    const drawn = JSON.parse((await page.getByTestId('region-box').first().getAttribute('data-box'))!)
    expect(drawn.x).toBeCloseTo(0.1, 1)
    expect(drawn.w).toBeCloseTo(0.2, 1)
    await page.getByTestId('effect-fill').click()
    await page.getByTestId('export-render').click()
    await expect.poll(() => step.getAttribute('data-status'), { timeout: 120_000 }).toBe('ready')
    const redacted = page.getByTestId('preview-redacted')
    await redacted.waitFor()
    await expect.poll(() => redacted.evaluate((video) => (video as unknown as { readyState: number }).readyState), { timeout: 20_000 }).toBeGreaterThan(0)
    await page.getByTestId('export-next').click()
    await page.getByTestId('export-step-4').waitFor()
  })

  it('step 4 and 5: originals with their warning, an encrypted ZIP, review and confirm', async () => {
    await page.getByTestId('contents-originals').check()
    await page.getByTestId('contents-originals-warning').waitFor()
    await page.getByTestId('contents-zip').check()
    await page.getByTestId('zip-passphrase').fill('correct horse battery staple')
    await page.getByTestId('zip-passphrase-confirm').fill('correct horse battery staple')
    await page.getByTestId('export-next').click()
    await page.getByTestId('export-summary').waitFor()
    expect(await page.getByTestId('export-summary').textContent()).toContain('ST/4711/26')
    await page.getByTestId('export-confirm').click()
    const result = page.getByTestId('export-result')
    await result.waitFor({ timeout: 120_000 })
    const dir = (await result.getAttribute('data-dir'))!

    // Independent tools on the package folder.
    execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: dir })
    const signature = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'public-key.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.sig'], { cwd: dir, encoding: 'utf8' })
    expect(signature.stdout + signature.stderr).toMatch(/Signature Verified Successfully/)
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
    expect(manifest.request).toMatchObject({ authority: 'Polizeirevier Nord', caseNumber: 'ST/4711/26' })
    expect(manifest.files.map((f: { role: string }) => f.role)).toEqual(expect.arrayContaining(['original', 'redacted', 'readme']))
    for (const file of manifest.files.filter((f: { path: string }) => f.path.endsWith('.mp4'))) {
      expect(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', join(dir, file.path)], { encoding: 'utf8' })).toMatch(/h264/)
    }
    expect(execFileSync('pdftotext', [join(dir, 'handover-report.pdf'), '-'], { encoding: 'utf8' })).toContain('ST/4711/26')

    // The browser downloads the encrypted ZIP.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()])
    const zipFile = join(work, 'package.zip')
    await download.saveAs(zipFile)
    const zip = readFileSync(zipFile)
    expect(zip.subarray(0, 2).toString('latin1')).toBe('PK')
    expect(zip.includes(Buffer.from('Polizeirevier Nord'))).toBe(false)
  })

  it('shows the export and the hold in the log with an intact chain, and releases the hold', async () => {
    await page.getByTestId('nav-evidence').click()
    await page.getByTestId('evidence-tab-log').click()
    await expect.poll(() => page.getByTestId('log-chain').getAttribute('data-ok'), { timeout: 10_000 }).toBe('true')
    await expect.poll(() => page.getByTestId('log-row').count(), { timeout: 10_000 }).toBe(3)
    const kinds = await page.getByTestId('log-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-kind')))
    expect(kinds.sort()).toEqual(['export', 'export_sealed', 'hold_placed'])

    await page.getByTestId('evidence-tab-holds').click()
    await page.getByTestId('holds-row').first().getByTestId('holds-release').click()
    await page.getByTestId('holds-release-confirm').click()
    await page.getByTestId('holds-release-reason-error').waitFor()
    await page.getByTestId('holds-release-reason').fill('Package handed over, case closed')
    await page.getByTestId('holds-release-confirm').click()
    await page.getByTestId('holds-empty').waitFor({ timeout: 10_000 })
    expect((await call('log.list', {})).map((e) => e.kind)).toContain('hold_released')
  })
})
