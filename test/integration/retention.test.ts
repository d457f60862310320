// Retention on real files and a real index: by age per camera, by total size and by free space, oldest
// first, and never inside an evidence hold.
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { segmentRelativePath } from '../../main/core/recorder/segment-paths'
import { removeDir, startVigil, tempDir, waitFor, type TestVigil } from '../support/vigil'

const HOUR = 3_600_000
const ALL_TIME = { from: 0, to: Number.MAX_SAFE_INTEGER }

describe('retention', () => {
  let dataDir: string
  let vigil: TestVigil
  let clip: string
  const now = Date.now()
  const files: Record<string, string> = {}
  let cameraA: string
  let cameraB: string

  beforeAll(async () => {
    dataDir = tempDir()
    clip = join(dataDir, 'clip.mp4')
    const encoded = spawnSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=10', '-t', '2',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-movflags', '+empty_moov+default_base_moof+frag_keyframe', clip])
    expect(encoded.status).toBe(0)

    const setup = await startVigil(dataDir)
    // Paused cameras: no recorder runs, so only the files placed below exist.
    cameraA = (await setup.call('cameras.add', { name: 'A', mainUrl: 'rtsp://127.0.0.1:1/a', enabled: false, retentionHours: 72 })).id
    cameraB = (await setup.call('cameras.add', { name: 'B', mainUrl: 'rtsp://127.0.0.1:1/b', enabled: false, retentionHours: 24 })).id
    await setup.app.stop()

    const place = (label: string, cameraId: string, ageHours: number) => {
      const relative = segmentRelativePath(cameraId, now - ageHours * HOUR)
      const target = join(dataDir, 'recordings', relative)
      mkdirSync(join(target, '..'), { recursive: true })
      copyFileSync(clip, target)
      files[label] = target
    }
    place('A-80h-held', cameraA, 80)
    place('A-75h', cameraA, 75)
    place('A-10h', cameraA, 10)
    place('B-30h', cameraB, 30)
    place('B-1h', cameraB, 1)

    // The export wizard places holds; retention only has to honour them.
    const db = new Database(join(dataDir, 'vigil.db'))
    db.prepare('INSERT INTO holds (camera_id, start_ms, end_ms, reason, created_at) VALUES (?, ?, ?, ?, ?)').run(
      cameraA, now - 81 * HOUR, now - 79 * HOUR, 'police request 2026/123', now)
    db.close()

    vigil = await startVigil(dataDir)
  })

  afterAll(async () => {
    await vigil?.app.stop()
    removeDir(dataDir)
  })

  const present = () => Object.keys(files).filter((label) => existsSync(files[label])).sort()

  it('deletes by each camera\'s maximum age on start, but not inside a hold', async () => {
    await waitFor('aged segments deleted', () => !existsSync(files['A-75h']) && !existsSync(files['B-30h']))
    expect(present()).toEqual(['A-10h', 'A-80h-held', 'B-1h'])
    const indexedA = await vigil.call('recordings.segments', { cameraId: cameraA, ...ALL_TIME })
    expect(indexedA.map((s) => Math.round((now - s.start) / HOUR)).sort()).toEqual([10, 80])
  })

  it('deletes the oldest unheld segments first when over the size limit', async () => {
    const summary = await vigil.call('storage.summary', {})
    const perFile = summary.recordingsBytes / 3
    await vigil.call('storage.setLimits', { maxBytes: Math.floor(perFile * 2.5), minFreeBytes: 0 })
    // A-80h is the oldest but held; A-10h is the oldest that may go; B-1h brings the total under the limit.
    expect(present()).toEqual(['A-80h-held', 'B-1h'])
    expect((await vigil.call('storage.summary', {})).recordingsBytes).toBeLessThanOrEqual(perFile * 2.5)
  })

  it('frees disk space down to the held segments when the free-space floor cannot be met', async () => {
    await vigil.call('storage.setLimits', { maxBytes: null, minFreeBytes: Number.MAX_SAFE_INTEGER })
    expect(present()).toEqual(['A-80h-held'])
    const summary = await vigil.call('storage.summary', {})
    expect(summary.cameras.map((c) => c.cameraId)).toEqual([cameraA])
  })
})
