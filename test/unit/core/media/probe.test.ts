import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { interpretStreams, probeFile, probeStream } from '../../../../main/core/media/probe'

const HOST = 'cam.local:554'

describe('interpretStreams', () => {
  it('refuses a stream list without video', () => {
    const result = interpretStreams([{ codec_type: 'audio', codec_name: 'aac' }], HOST)
    expect(result).toEqual({ ok: false, error: { code: 'PROBE_NO_VIDEO', message: `${HOST} sends no video stream` } })
    expect(interpretStreams([], HOST)).toMatchObject({ ok: false, error: { code: 'PROBE_NO_VIDEO' } })
  })

  it('refuses video Vigil cannot store as-is, naming the codec', () => {
    const result = interpretStreams([{ codec_type: 'video', codec_name: 'mjpeg', width: 640, height: 480 }], HOST)
    expect(result).toMatchObject({ ok: false, error: { code: 'PROBE_UNSUPPORTED_CODEC' } })
    if (!result.ok) expect(result.error.message).toContain('mjpeg')
  })

  it('describes H.264 video with fps from avg_frame_rate, and the audio', () => {
    const result = interpretStreams(
      [
        { codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, avg_frame_rate: '15/1', r_frame_rate: '90000/1' },
        { codec_type: 'audio', codec_name: 'pcm_mulaw', sample_rate: '8000', channels: 1 }
      ],
      HOST
    )
    expect(result).toEqual({
      ok: true,
      info: {
        video: { codec: 'h264', width: 1920, height: 1080, fps: 15 },
        audio: { codec: 'pcm_mulaw', sampleRate: 8000, channels: 1 }
      }
    })
  })

  it('falls back to r_frame_rate when avg_frame_rate is 0/0, and rounds to two decimals', () => {
    const result = interpretStreams([{ codec_type: 'video', codec_name: 'hevc', avg_frame_rate: '0/0', r_frame_rate: '30000/1001' }], HOST)
    expect(result).toEqual({ ok: true, info: { video: { codec: 'hevc', width: 0, height: 0, fps: 29.97 }, audio: null } })
  })

  it('reports an unknown frame rate as null', () => {
    const result = interpretStreams([{ codec_type: 'video', codec_name: 'h264', avg_frame_rate: '0/0' }], HOST)
    expect(result.ok && result.info.video.fps).toBeNull()
  })

  it('takes the first video stream when there are several', () => {
    const result = interpretStreams(
      [
        { codec_type: 'data', codec_name: 'bin_data' },
        { codec_type: 'video', codec_name: 'h264', width: 640, height: 360 },
        { codec_type: 'video', codec_name: 'mjpeg', width: 320, height: 240 }
      ],
      HOST
    )
    expect(result.ok && result.info.video).toMatchObject({ codec: 'h264', width: 640 })
  })
})

// The real ffprobe, where one is installed: a refused connection and a tiny file made by ffmpeg.
const ffprobe = ['/usr/bin/ffprobe', '/usr/local/bin/ffprobe'].find((path) => existsSync(path))
const ffmpeg = ['/usr/bin/ffmpeg', '/usr/local/bin/ffmpeg'].find((path) => existsSync(path))

describe.skipIf(!ffprobe || !ffmpeg)('probeStream and probeFile with the real ffprobe', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-probe-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('maps a refused connection to PROBE_CONNECTION_REFUSED without echoing the password', async () => {
    const result = await probeStream(ffprobe!, 'rtsp://admin:s3cret@127.0.0.1:1/stream1', 5000)
    expect(result).toEqual({
      ok: false,
      error: { code: 'PROBE_CONNECTION_REFUSED', message: '127.0.0.1:1 refused the connection: nothing listens on that port' }
    })
  })

  it('reads duration and codecs of a recorded file', async () => {
    const file = join(dir, 'clip.mp4')
    const made = spawnSync(ffmpeg!, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=64x64:rate=10:duration=1',
      '-c:v', 'libx264', '-pix_fmt', 'yuv420p', file])
    expect(made.status).toBe(0)
    const probe = await probeFile(ffprobe!, file)
    expect(probe).toMatchObject({ videoCodec: 'h264', audioCodec: null })
    expect(probe!.durationMs).toBeGreaterThanOrEqual(900)
    expect(probe!.durationMs).toBeLessThanOrEqual(1100)
  })

  it('returns null for a file without playable media', async () => {
    const file = join(dir, 'empty.mp4')
    writeFileSync(file, Buffer.alloc(0))
    expect(await probeFile(ffprobe!, file)).toBeNull()
  })
})
