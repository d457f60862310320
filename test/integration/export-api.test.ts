// The export wizard's calls against the running core: the scope places holds at once, retention running
// meanwhile keeps the held footage, cancelling leaves no package and no export entry, and a confirmed export
// is logged (hold, export, seal) and served as a ZIP.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Camera, ExportDraft, Segment } from '../../main/contract'
import { haveRtspTooling, startRtspServer, type RtspTestServer } from '../support/rtsp'
import { FAST_TUNING, removeDir, startVigil, tempDir, waitFor, type TestVigil } from '../support/vigil'

const tooling = haveRtspTooling()
if (!tooling.ok) throw new Error(`RTSP test tooling missing (run .ci/run to install): ${tooling.missing.join(', ')}`)

const WALKING = resolve(__dirname, '../../../shared/media/face-demographics-walking.gif')

const REQUEST = {
  requesterKind: 'person',
  requesterName: 'Erika Mustermann',
  requestDate: '2026-11-20',
  receivedVia: 'email',
  justification: 'Access request under Art. 15 GDPR for the footage showing me at the door on the 19th.',
  identityCheck: 'Compared with her identity card in person'
}

describe('export drafts', () => {
  let rtsp: RtspTestServer
  let vigil: TestVigil
  let dataDir: string
  let work: string
  let camera: Camera
  let segments: Segment[]

  const draftIn = (id: string, stage: ExportDraft['stage']) =>
    waitFor(`draft ${stage}`, async () => {
      const draft = await vigil.call('exports.get', { id })
      if (draft.stage === 'failed') throw new Error(`export failed: ${draft.error?.message}`)
      return draft.stage === stage && draft
    }, 120_000, 250)

  beforeAll(async () => {
    work = tempDir('vigil-export-api-')
    const clip = join(work, 'walking.mp4')
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', WALKING, '-vf', 'fps=12,format=yuv420p', '-c:v', 'libx264', '-preset', 'veryfast', '-g', '12', '-bf', '0', clip])
    rtsp = await startRtspServer({ streams: [{ path: '/door', clip }] })
    dataDir = tempDir()
    vigil = await startVigil(dataDir, { ...FAST_TUNING, retentionIntervalMs: 500 })
    camera = await vigil.call('cameras.add', { name: 'Door', mainUrl: rtsp.url('/door') })
    await vigil.call('detection.set', { cameraId: camera.id, motion: { enabled: false } })
    segments = await waitFor('four segments', async () => {
      const list = await vigil.call('recordings.segments', { cameraId: camera.id, from: 0, to: Date.now() + 60_000 })
      return list.length >= 4 && list
    }, 60_000)
  }, 120_000)

  afterAll(async () => {
    await vigil?.app.stop()
    await rtsp?.close()
    removeDir(dataDir)
    removeDir(work)
  })

  it('holds the footage from the scope step on, while retention deletes everything else', async () => {
    const held = segments[1]
    const draft = await vigil.call('exports.create', { cameraIds: [camera.id], from: held.start + 200, to: held.end - 200 })
    expect(draft.stage).toBe('scope')
    expect(draft.longRange).toBe(false)
    const holds = await vigil.call('holds.list', {})
    expect(holds.map((h) => h.id)).toEqual(draft.holdIds)
    expect(holds[0]).toMatchObject({ cameraId: camera.id, cameraName: 'Door', start: held.start + 200 })

    // A storage limit of one byte: retention deletes all it may, which is everything but the held segment.
    await vigil.call('storage.setLimits', { maxBytes: 1, minFreeBytes: 0 })
    await waitFor('retention to delete the unheld segments', async () => {
      const left = await vigil.call('recordings.segments', { cameraId: camera.id, from: 0, to: segments[3].end })
      return !left.some((s) => s.id === segments[0].id) && left
    }, 20_000)
    const left = await vigil.call('recordings.segments', { cameraId: camera.id, from: 0, to: segments[3].end })
    expect(left.map((s) => s.id)).toContain(held.id)
    await vigil.call('storage.setLimits', { maxBytes: null, minFreeBytes: 0 })

    // Cancelling leaves no package and no export entry; the hold stays until released.
    await vigil.call('exports.cancel', { id: draft.id })
    await expect(vigil.call('exports.get', { id: draft.id })).rejects.toThrow(/no longer open/)
    expect((await vigil.call('holds.list', {})).map((h) => h.id)).toEqual(draft.holdIds)
    expect((await vigil.call('log.list', {})).map((e) => e.kind)).toEqual(['hold_placed'])
    expect(existsSync(join(dataDir, 'exports')) ? readdirSync(join(dataDir, 'exports')).filter((f) => f !== 'drafts') : []).toEqual([])

    await expect(vigil.call('holds.release', { id: draft.holdIds[0], reason: '' })).rejects.toThrow(/at least 3 characters/)
    const released = await vigil.call('holds.release', { id: draft.holdIds[0], reason: 'Request withdrawn' })
    expect(released.releasedAt).not.toBeNull()
    expect(await vigil.call('holds.list', {})).toEqual([])
    expect((await vigil.call('holds.list', { includeReleased: true }))[0]).toMatchObject({ releaseReason: 'Request withdrawn' })
    expect((await vigil.call('log.verify', {})).ok).toBe(true)
  })

  it('runs the wizard\'s steps: people found, one kept, the request checked, package logged and served', async () => {
    // The first test let retention delete nearly everything: wait for fresh footage.
    const since = Date.now()
    const recent = await waitFor('two fresh segments', async () => {
      const list = await vigil.call('recordings.segments', { cameraId: camera.id, from: since, to: Date.now() + 60_000 })
      return list.length >= 2 && list
    }, 60_000)
    const last = recent.at(-1)!
    let draft = await vigil.call('exports.create', { cameraIds: [camera.id], from: last.start, to: last.end })
    await vigil.call('exports.analyze', { id: draft.id })
    draft = await draftIn(draft.id, 'analyzed')
    expect(draft.tracks.length).toBeGreaterThan(0)
    expect(draft.tracks[0]).toMatchObject({ cameraId: camera.id, kind: 'person' })
    expect(draft.tracks[0].thumbnail).toMatch(/^data:image\/jpeg;base64,/)

    await expect(vigil.call('exports.render', { id: draft.id, keep: ['nobody#9'], effect: 'pixelate', regions: [] })).rejects.toThrow(/Unknown person/)
    const kept = draft.tracks[0].key
    await vigil.call('exports.render', {
      id: draft.id,
      keep: [kept],
      effect: 'fill',
      regions: [{ cameraId: camera.id, label: 'House number', box: { x: 0.8, y: 0.05, w: 0.15, h: 0.1 }, from: null, to: null }]
    })
    draft = await draftIn(draft.id, 'rendered')
    expect(draft.previews).toEqual([{ cameraId: camera.id, url: `/media/exports/${draft.id}/${camera.id}.mp4` }])
    expect(vigil.app.media.exportPreview(draft.id, camera.id)?.bytes).toBeGreaterThan(0)

    // A missing required field is named, and nothing is logged for it.
    const missing = { ...REQUEST, justification: '' }
    await expect(
      vigil.call('exports.confirm', { id: draft.id, jurisdiction: 'eu-de', basis: 'access_request', request: missing, includeOriginals: false, includeSnapshots: true, zipPassphrase: null, language: 'en' })
    ).rejects.toMatchObject({ code: 'VALIDATION', fields: { justification: expect.any(String) } })
    expect((await vigil.call('log.list', {})).some((e) => e.kind === 'export')).toBe(false)

    const result = await vigil.call('exports.confirm', {
      id: draft.id,
      jurisdiction: 'eu-de',
      basis: 'access_request',
      request: REQUEST,
      includeOriginals: false,
      includeSnapshots: true,
      zipPassphrase: 'correct horse battery staple',
      language: 'de'
    })
    expect(result.zip).not.toBeNull()
    expect(result.downloadUrl).toBe(`/media/packages/${result.packageId}.zip`)
    expect(vigil.app.media.packageZip(result.packageId)?.bytes).toBeGreaterThan(0)
    expect(readdirSync(join(result.dir, 'media')).sort()).toEqual([`${camera.id}-redacted.mp4`, `${camera.id}-redaction-report.json`, `${camera.id}-snapshot.jpg`].sort())
    const log = await vigil.call('log.list', {})
    expect(log.map((e) => e.kind)).toEqual(['hold_placed', 'hold_released', 'hold_placed', 'export', 'export_sealed'])
    expect(log[3]).toMatchObject({ id: result.logEntryId, recipient: 'Erika Mustermann', basis: 'eu-de:access_request', packageId: result.packageId })
    const status = await vigil.call('log.verify', {})
    expect(status).toMatchObject({ ok: true, entries: 5, firstBroken: null })
    const csv = await vigil.call('log.export', { format: 'csv', language: 'en' })
    expect(Buffer.from(csv.base64, 'base64').toString('utf8')).toContain(result.packageId)
    const pdf = await vigil.call('log.export', { format: 'pdf', language: 'de' })
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-')
    // The draft is gone once the package is built; its hold stays.
    await expect(vigil.call('exports.get', { id: draft.id })).rejects.toThrow(/no longer open/)
    expect((await vigil.call('holds.list', {})).map((h) => h.id)).toEqual(draft.holdIds)
  })
})
