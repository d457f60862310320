// recordings.frame: the picture a camera recorded at an instant (what export regions are drawn on). The test
// camera burns each frame's capture time into the picture, so the JPEG tells which frame it is.
import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Camera, Segment } from '../../main/contract'
import { haveRtspTooling, startRtspServer, type RtspTestServer } from '../support/rtsp'
import { readTimecode, timecodeBandHeight } from '../support/timecode'
import { FAST_TUNING, removeDir, startVigil, tempDir, waitFor, type TestVigil } from '../support/vigil'

const tooling = haveRtspTooling()
if (!tooling.ok) throw new Error(`RTSP test tooling missing (run .ci/run to install): ${tooling.missing.join(', ')}`)

const WIDTH = 640
const FRAME_MS = 1000 / 15

/** The time code of a JPEG, decoded by ffmpeg. */
function codeOf(jpeg: Buffer): number | null {
  const band = timecodeBandHeight(WIDTH)
  const raw = spawnSync('ffmpeg', ['-v', 'error', '-f', 'image2pipe', '-c:v', 'mjpeg', '-i', 'pipe:0', '-vf', `crop=${WIDTH}:${band}:0:0`, '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'], {
    input: jpeg,
    maxBuffer: 1 << 24
  })
  return readTimecode(new Uint8ClampedArray(raw.stdout), WIDTH)
}

describe('recordings.frame', () => {
  let rtsp: RtspTestServer
  let vigil: TestVigil
  let dataDir: string
  let camera: Camera
  let segments: Segment[]

  beforeAll(async () => {
    rtsp = await startRtspServer({ streams: [{ path: '/yard', timecode: true }] })
    dataDir = tempDir()
    vigil = await startVigil(dataDir, FAST_TUNING)
    camera = await vigil.call('cameras.add', { name: 'Yard', mainUrl: rtsp.url('/yard') })
    await vigil.call('detection.set', { cameraId: camera.id, motion: { enabled: false } })
    segments = await waitFor('three closed segments', async () => {
      const found = await vigil.call('recordings.segments', { cameraId: camera.id, from: 0, to: Date.now() + 60_000 })
      return found.length >= 3 && found
    }, 60_000)
  }, 90_000)

  afterAll(async () => {
    await vigil?.app.stop()
    await rtsp?.close()
    removeDir(dataDir)
  })

  it('returns the frame recorded at the instant, to one frame, inside a segment and across its start', async () => {
    const segment = segments[1]
    const at = async (instant: number) => {
      const frame = await vigil.call('recordings.frame', { cameraId: camera.id, at: instant })
      expect(frame).toMatchObject({ cameraId: camera.id, takenAt: instant })
      const code = codeOf(Buffer.from(frame.jpegBase64, 'base64'))
      if (code === null) throw new Error('the picture carries no readable time code')
      return code
    }
    const first = await at(segment.start)
    // Frames 1.5 s and 2.2 s into the segment are the ones captured that much later (the camera's delivery
    // delay is the same within a segment, so it cancels out).
    expect(Math.abs((await at(segment.start + 1500)) - first - 1500)).toBeLessThanOrEqual(FRAME_MS + 1)
    expect(Math.abs((await at(segment.start + 2200)) - first - 2200)).toBeLessThanOrEqual(FRAME_MS + 1)
    // The last moment of the segment before and the first of this one are a frame apart.
    expect(Math.abs(first - (await at(segment.start - 1)))).toBeLessThanOrEqual(2 * FRAME_MS + 1)
  })

  it('names the instant when nothing was recorded then, and refuses an unknown camera', async () => {
    const before = segments[0].start - 60_000
    await expect(vigil.call('recordings.frame', { cameraId: camera.id, at: before })).rejects.toThrow(/Nothing was recorded at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/)
    await expect(vigil.call('recordings.frame', { cameraId: 'nope', at: segments[0].start })).rejects.toThrow(/Nothing was recorded/)
  })
})
