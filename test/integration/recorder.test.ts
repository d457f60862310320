// The recording loop against real RTSP cameras: gst-rtsp-server publishing ffmpeg-generated streams,
// recorded by the real ffmpeg into real files, indexed in a real SQLite database.
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Camera, Segment } from '../../main/contract'
import { haveRtspTooling, startRtspServer, type RtspTestServer } from '../support/rtsp'
import { ffmpegPidsFor, ffprobeFile, removeDir, startVigil, tempDir, waitFor, type TestVigil } from '../support/vigil'

const tooling = haveRtspTooling()
if (!tooling.ok) throw new Error(`RTSP test tooling missing (run .ci/run to install): ${tooling.missing.join(', ')}`)

const FRAME_INTERVAL_MS = 1000 / 15
const ALL_TIME = { from: 0, to: Number.MAX_SAFE_INTEGER }

describe('recording several real RTSP cameras', () => {
  let rtsp: RtspTestServer
  let vigil: TestVigil
  let dataDir: string
  const cameras: Record<string, Camera> = {}

  beforeAll(async () => {
    rtsp = await startRtspServer({
      streams: [
        { path: '/h264', codec: 'h264' },
        { path: '/h265', codec: 'h265' },
        { path: '/aac', codec: 'h264', audio: 'aac' }
      ]
    })
    dataDir = tempDir()
    vigil = await startVigil(dataDir)
    for (const name of ['h264', 'h265', 'aac']) {
      cameras[name] = await vigil.call('cameras.add', { name: `Cam ${name}`, mainUrl: rtsp.url(`/${name}`) })
    }
  })

  afterAll(async () => {
    await vigil?.app.stop()
    await rtsp?.close()
    removeDir(dataDir)
  })

  it('records every camera at once into playable, contiguous segments', async () => {
    const segmentsOf = (id: string) => vigil.call('recordings.segments', { cameraId: id, ...ALL_TIME })
    for (const camera of Object.values(cameras)) {
      await waitFor(`3 segments from ${camera.name}`, async () => (await segmentsOf(camera.id)).length >= 3, 60_000)
    }
    const statuses = await vigil.call('cameras.status', {})
    expect(statuses.filter((s) => s.state === 'recording').map((s) => s.cameraId).sort()).toEqual(
      Object.values(cameras).map((c) => c.id).sort()
    )

    for (const [kind, camera] of Object.entries(cameras)) {
      const segments = await segmentsOf(camera.id)
      for (const [i, segment] of segments.entries()) {
        const file = await segmentFile(vigil, segment)
        const media = ffprobeFile(file)
        expect(media, `${file} is playable`).not.toBeNull()
        expect(media!.videoCodec).toBe(kind === 'h265' ? 'hevc' : 'h264')
        expect(media!.audioCodec).toBe(kind === 'aac' ? 'aac' : null)
        expect(segment.codec).toBe(media!.videoCodec)
        // The file holds what the index says: its duration matches to within one frame.
        expect(Math.abs(media!.durationSec * 1000 - segment.durationMs)).toBeLessThanOrEqual(FRAME_INTERVAL_MS + 1)
        expect(segment.sha256).toMatch(/^[0-9a-f]{64}$/)
        if (i > 0) {
          // Consecutive segments of one ffmpeg run: no gap between them beyond one frame interval.
          expect(segment.start - segments[i - 1].end).toBeLessThanOrEqual(FRAME_INTERVAL_MS)
          expect(segment.start - segments[i - 1].end).toBeGreaterThanOrEqual(0)
        }
      }
      // Wall-clock times are real: the newest segment ended moments ago, not at some stream-relative time.
      expect(Math.abs(segments.at(-1)!.end - Date.now())).toBeLessThan(15_000)
    }
  })

  it('keeps files in <camera>/<date>/ and the index in step with them', async () => {
    const camera = cameras.h264
    const days = readdirSync(join(dataDir, 'recordings', camera.id)).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
    expect(days.length).toBeGreaterThan(0)
    const onDisk = days.flatMap((d) => readdirSync(join(dataDir, 'recordings', camera.id, d)))
    const indexed = await vigil.call('recordings.segments', { cameraId: camera.id, ...ALL_TIME })
    // Every file on disk is indexed (the open segment lives in .incoming, not here).
    expect(onDisk.length).toBeGreaterThanOrEqual(indexed.length)
    expect(onDisk.length - indexed.length).toBeLessThanOrEqual(1)
  })
})

describe('a camera that goes away and comes back', () => {
  let rtsp: RtspTestServer
  let vigil: TestVigil
  let dataDir: string

  beforeAll(async () => {
    rtsp = await startRtspServer({ streams: [{ path: '/cam' }] })
    dataDir = tempDir()
    vigil = await startVigil(dataDir)
  })

  afterAll(async () => {
    await vigil?.app.stop()
    await rtsp?.close()
    removeDir(dataDir)
  })

  it('records the gap with its cause and resumes within seconds', async () => {
    const camera = await vigil.call('cameras.add', { name: 'Porch', mainUrl: rtsp.url('/cam') })
    const statusOf = async () => (await vigil.call('cameras.status', {})).find((s) => s.cameraId === camera.id)
    await waitFor('recording', async () => (await statusOf())?.state === 'recording', 30_000)
    await waitFor('a first segment', async () => (await vigil.call('recordings.segments', { cameraId: camera.id, ...ALL_TIME })).length > 0, 30_000)

    const wentAway = Date.now()
    await rtsp.stop()
    const offline = await waitFor('offline', async () => {
      const status = await statusOf()
      return status?.state === 'offline' ? status : null
    }, 30_000)
    expect(offline.reason?.code).toMatch(/^PROBE_CONNECTION_REFUSED|PROBE_FAILED|RECORDING_STALLED$/)
    const openGaps = await vigil.call('recordings.gaps', { cameraId: camera.id, ...ALL_TIME })
    expect(openGaps).toHaveLength(1)
    expect(openGaps[0].cause).toBe('camera_offline')
    expect(openGaps[0].end).toBeNull()
    // The gap starts where the recording ends, not when the supervisor noticed.
    expect(openGaps[0].start).toBeLessThanOrEqual(wentAway + 2000)

    await new Promise((resolve) => setTimeout(resolve, 3000))
    const cameBack = Date.now()
    await rtsp.start()
    await waitFor('recording again', async () => (await statusOf())?.state === 'recording', 30_000)
    const resumedAfterMs = Date.now() - cameBack
    expect(resumedAfterMs).toBeLessThan(10_000)

    const [gap] = await vigil.call('recordings.gaps', { cameraId: camera.id, ...ALL_TIME })
    expect(gap.end).not.toBeNull()
    expect(gap.end! - gap.start).toBeGreaterThanOrEqual(3000)
    await waitFor('segments after the gap', async () => {
      const segments = await vigil.call('recordings.segments', { cameraId: camera.id, ...ALL_TIME })
      return segments.some((s) => s.start >= gap.end! - 1000)
    }, 30_000)
  })
})

describe('ffmpeg killed with SIGKILL', () => {
  let rtsp: RtspTestServer
  let vigil: TestVigil
  let dataDir: string

  beforeAll(async () => {
    rtsp = await startRtspServer({ streams: [{ path: '/cam' }] })
    dataDir = tempDir()
    vigil = await startVigil(dataDir, {
      recorder: { segmentSeconds: 20, stallMs: 8000, socketTimeoutMs: 4000, backoff: { baseMs: 500, capMs: 2000 }, healthyAfterMs: 10_000 },
      probeTimeoutMs: 6000
    })
  })

  afterAll(async () => {
    await vigil?.app.stop()
    await rtsp?.close()
    removeDir(dataDir)
  })

  it('indexes the partial segment, playable to within about a second, and records the gap', async () => {
    const camera = await vigil.call('cameras.add', { name: 'Garage', mainUrl: rtsp.url('/cam') })
    const incoming = join(dataDir, 'recordings', camera.id, '.incoming')
    await waitFor('recording', async () => (await vigil.call('cameras.status', {}))[0]?.state === 'recording', 30_000)
    // Segments are cut at multiples of 20 s of the clock: kill ~6 s into one, well before its cut.
    const untilCut = 20_000 - (Date.now() % 20_000)
    if (untilCut < 9000) await new Promise((resolve) => setTimeout(resolve, untilCut + 500))
    await new Promise((resolve) => setTimeout(resolve, 6000))
    const openFile = await waitFor('an open segment', () => readdirSync(incoming).find((f) => f.endsWith('.mp4')), 10_000)
    const pids = ffmpegPidsFor(incoming)
    expect(pids).toHaveLength(1)
    const killedAt = Date.now()
    process.kill(pids[0], 'SIGKILL')

    const partial = await waitFor('the partial segment indexed', async () => {
      const segments = await vigil.call('recordings.segments', { cameraId: camera.id, ...ALL_TIME })
      return segments.find((s) => s.start <= killedAt && s.end >= killedAt - 4000)
    }, 30_000)
    const media = ffprobeFile(await segmentFile(vigil, partial))
    expect(media).not.toBeNull()
    expect(media!.frames).toBeGreaterThan(0)
    // Everything but the last fragment (1 s) survives: the file ends within ~1.5 s of the kill.
    expect(killedAt - partial.end).toBeLessThan(1500 + 500)
    expect(partial.end - partial.start).toBeGreaterThan(3000)
    expect(existsSync(join(incoming, openFile))).toBe(false)

    const gaps = await vigil.call('recordings.gaps', { cameraId: camera.id, ...ALL_TIME })
    expect(gaps[0]?.cause).toBe('ffmpeg_exit')
    expect(gaps[0]?.detail).toContain('SIGKILL')
    await waitFor('recording again after the kill', async () => (await vigil.call('cameras.status', {}))[0]?.state === 'recording', 30_000)
  })
})

describe('a lost database', () => {
  it('is rebuilt from the recordings folder on the next start, cameras included', async () => {
    const rtsp = await startRtspServer({ streams: [{ path: '/cam' }] })
    const dataDir = tempDir()
    try {
      const first = await startVigil(dataDir)
      const camera = await first.call('cameras.add', { name: 'Hallway', mainUrl: rtsp.url('/cam'), retentionHours: 48 })
      await waitFor('2 segments', async () => (await first.call('recordings.segments', { cameraId: camera.id, ...ALL_TIME })).length >= 2, 60_000)
      await first.app.stop()
      const before = await segmentsVia(dataDir, camera.id)
      expect(before.length).toBeGreaterThanOrEqual(2)

      for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, `vigil.db${suffix}`), { force: true })

      const second = await startVigil(dataDir, undefined)
      try {
        const restored = (await second.call('cameras.list', {})).find((c) => c.id === camera.id)
        expect(restored?.name).toBe('Hallway')
        expect(restored?.retentionHours).toBe(48)
        const after = await second.call('recordings.segments', { cameraId: camera.id, ...ALL_TIME })
        for (const old of before) {
          const match = after.find((s) => s.start === old.start)
          expect(match, `segment starting ${old.start} re-indexed`).toBeDefined()
          expect(match!.sha256).toBe(old.sha256)
          expect(Math.abs(match!.durationMs - old.durationMs)).toBeLessThanOrEqual(FRAME_INTERVAL_MS + 1)
        }
      } finally {
        await second.app.stop()
      }
    } finally {
      await rtsp.close()
      removeDir(dataDir)
    }
  })
})

/** The indexed file behind a segment, read from the database like an auditor would. */
async function segmentFile(vigil: TestVigil, segment: Segment): Promise<string> {
  const db = new Database(join(vigil.dataDir, 'vigil.db'), { readonly: true })
  try {
    const row = db.prepare('SELECT path FROM segments WHERE id = ?').get(segment.id) as { path: string }
    return join(vigil.dataDir, 'recordings', row.path)
  } finally {
    db.close()
  }
}

async function segmentsVia(dataDir: string, cameraId: string): Promise<{ start: number; sha256: string; durationMs: number }[]> {
  const db = new Database(join(dataDir, 'vigil.db'), { readonly: true })
  try {
    return db
      .prepare('SELECT start_ms AS start, sha256, duration_ms AS durationMs FROM segments WHERE camera_id = ? ORDER BY start_ms')
      .all(cameraId) as { start: number; sha256: string; durationMs: number }[]
  } finally {
    db.close()
  }
}

describe('a camera that stops sending without closing the connection', () => {
  it('is detected by the stall watchdog, recorded as a stalled gap, and recovers', async () => {
    const rtsp = await startRtspServer({ streams: [{ path: '/cam' }] })
    const dataDir = tempDir()
    // ffmpeg's own socket timeout is set far beyond the watchdog, so only the watchdog can notice.
    const vigil = await startVigil(dataDir, {
      recorder: { segmentSeconds: 3, stallMs: 5000, socketTimeoutMs: 120_000, backoff: { baseMs: 500, capMs: 1000 }, healthyAfterMs: 10_000 },
      probeTimeoutMs: 8000
    })
    const serverPid = rtsp.pids()[0]
    try {
      const camera = await vigil.call('cameras.add', { name: 'Frozen', mainUrl: rtsp.url('/cam') })
      const statusOf = async () => (await vigil.call('cameras.status', {})).find((s) => s.cameraId === camera.id)
      await waitFor('recording', async () => (await statusOf())?.state === 'recording', 30_000)
      await waitFor('a segment', async () => (await vigil.call('recordings.segments', { cameraId: camera.id, ...ALL_TIME })).length > 0, 30_000)
      const frozeAt = Date.now()
      process.kill(serverPid, 'SIGSTOP')
      const stalled = await waitFor('the watchdog', async () => {
        const status = await statusOf()
        return status?.state === 'offline' ? status : null
      }, 30_000)
      expect(stalled.reason?.code).toBe('RECORDING_STALLED')
      // Noticed after about stallMs, not after ffmpeg's two-minute socket timeout.
      expect(Date.now() - frozeAt).toBeLessThan(12_000)
      const gap = (await vigil.call('recordings.gaps', { cameraId: camera.id, ...ALL_TIME })).at(-1)!
      expect(gap.cause).toBe('stalled')
      expect(gap.start).toBeLessThanOrEqual(frozeAt + 1500)

      process.kill(serverPid, 'SIGCONT')
      await waitFor('recording again', async () => (await statusOf())?.state === 'recording', 30_000)
      const closed = (await vigil.call('recordings.gaps', { cameraId: camera.id, ...ALL_TIME })).at(-1)!
      expect(closed.end).not.toBeNull()
      expect(closed.cause).toBe('stalled')
    } finally {
      try {
        process.kill(serverPid, 'SIGCONT')
      } catch {
        // already gone
      }
      await vigil.app.stop()
      await rtsp.close()
      removeDir(dataDir)
    }
  })
})
