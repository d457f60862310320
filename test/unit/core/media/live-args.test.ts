import { describe, expect, it } from 'vitest'
import { liveArgs, needsTranscode, type LiveSource } from '../../../../main/core/media/live-args'
import { DEMO_SOURCE, recordArgs } from '../../../../main/core/media/record-args'

const URL_WITH_PASSWORD = 'rtsp://admin:s3cret@192.168.1.20:554/stream1'
const rtsp = (videoCodec: string | null, audioCodec: string | null, fps: number | null = 20): LiveSource => ({
  kind: 'rtsp',
  url: URL_WITH_PASSWORD,
  videoCodec,
  audioCodec,
  fps,
  quickAnalysis: true
})
const demo = DEMO_SOURCE as LiveSource

const valueOf = (args: string[], flag: string) => {
  const index = args.indexOf(flag)
  return index < 0 ? undefined : args[index + 1]
}
const valuesOf = (args: string[], flag: string) => args.flatMap((arg, i) => (arg === flag ? [args[i + 1]] : []))

describe('liveArgs', () => {
  it('reads the camera over RTSP/TCP with a socket timeout, keeping the packets read while analysing', () => {
    const args = liveArgs(rtsp('h264', null), { transcode: false, socketTimeoutMs: 4000 })
    expect(valueOf(args, '-rtsp_transport')).toBe('tcp')
    expect(valueOf(args, '-timeout')).toBe('4000000')
    expect(valueOf(args, '-i')).toBe(URL_WITH_PASSWORD)
    expect(args.indexOf('-rtsp_transport')).toBeLessThan(args.indexOf('-i'))
    // nobuffer would drop them, and with them often the first keyframe.
    expect(args).not.toContain('nobuffer')
    expect(args).not.toContain('-analyzeduration')
  })

  it('analyses the stream briefly when told to (a fast start), as an input option', () => {
    const args = liveArgs(rtsp('h264', null), { transcode: false, analyzeDurationUs: 500_000 })
    expect(valueOf(args, '-analyzeduration')).toBe('500000')
    expect(args.indexOf('-analyzeduration')).toBeLessThan(args.indexOf('-i'))
  })

  it('copies H.264 as it comes, and maps audio optionally', () => {
    const args = liveArgs(rtsp('h264', null), { transcode: false })
    expect(valueOf(args, '-c:v')).toBe('copy')
    expect(valuesOf(args, '-map')).toEqual(['0:v:0', '0:a:0?'])
    expect(args).not.toContain('libx264')
    expect(args).not.toContain('-flags')
    expect(args).not.toContain('-tag:v')
  })

  it('tags copied H.265 as hvc1', () => {
    const args = liveArgs(rtsp('hevc', null), { transcode: false })
    expect(valueOf(args, '-c:v')).toBe('copy')
    expect(valueOf(args, '-tag:v')).toBe('hvc1')
  })

  it('keeps AAC as a copy and converts anything else (G.711) to AAC', () => {
    expect(valueOf(liveArgs(rtsp('h264', 'aac'), { transcode: false }), '-c:a')).toBe('copy')
    for (const codec of ['pcm_mulaw', 'pcm_alaw', 'opus', null]) {
      const args = liveArgs(rtsp('h264', codec), { transcode: false })
      expect(valueOf(args, '-c:a')).toBe('aac')
      expect(valueOf(args, '-b:a')).toBe('64k')
    }
  })

  it('writes fragmented MP4 to stdout: init first, a fragment per keyframe and every ~200 ms, flushed at once', () => {
    const args = liveArgs(rtsp('h264', 'aac'), { transcode: false })
    expect(valueOf(args, '-f')).toBe('mp4')
    expect(valueOf(args, '-movflags')).toBe('+frag_keyframe+empty_moov+default_base_moof')
    expect(valueOf(args, '-frag_duration')).toBe('200000')
    expect(valueOf(args, '-flush_packets')).toBe('1')
    expect(args.at(-1)).toBe('pipe:1')
    expect(valueOf(liveArgs(rtsp('h264', 'aac'), { transcode: false, fragmentMs: 500 }), '-frag_duration')).toBe('500000')
  })

  it('transcodes to low-latency H.264 with a keyframe every second when asked', () => {
    const args = liveArgs(rtsp('hevc', 'aac', 20), { transcode: true })
    expect(valueOf(args, '-c:v')).toBe('libx264')
    expect(valueOf(args, '-preset')).toBe('ultrafast')
    expect(valueOf(args, '-tune')).toBe('zerolatency')
    expect(valueOf(args, '-g')).toBe('20')
    expect(valueOf(args, '-bf')).toBe('0')
    expect(valueOf(args, '-pix_fmt')).toBe('yuv420p')
    expect(args).not.toContain('-tag:v')
    // The decoder matters now: it must not hold frames back.
    expect(valueOf(args, '-flags')).toBe('low_delay')
    expect(args.indexOf('-flags')).toBeLessThan(args.indexOf('-i'))
    expect(valueOf(args, '-c:a')).toBe('copy')
  })

  it('rounds odd frame rates and falls back to 25 when the camera did not say', () => {
    expect(valueOf(liveArgs(rtsp('h264', null, 29.97), { transcode: true }), '-g')).toBe('30')
    expect(valueOf(liveArgs(rtsp('h264', null, null), { transcode: true }), '-g')).toBe('25')
  })

  it('always transcodes video no browser plays from MP4 (MJPEG), but not H.264 or H.265 unless asked', () => {
    expect(needsTranscode(rtsp('mjpeg', null), false)).toBe(true)
    expect(valueOf(liveArgs(rtsp('mjpeg', null), { transcode: false }), '-c:v')).toBe('libx264')
    expect(needsTranscode(rtsp('h264', null), false)).toBe(false)
    expect(needsTranscode(rtsp('hevc', null), false)).toBe(false)
    expect(needsTranscode(rtsp('hevc', null), true)).toBe(true)
    expect(needsTranscode(rtsp(null, null), false)).toBe(false)
  })

  it('plays the demo camera: the recorder\'s scene, in real time, H.264 without audio, keyframe every second', () => {
    const args = liveArgs(demo, { transcode: true })
    const scene = valueOf(recordArgs(DEMO_SOURCE, { incomingDir: '/x', runId: 'r', segmentSeconds: 60, fragmentMs: 1000, socketTimeoutMs: 5000 }), '-i')
    expect(valueOf(args, '-i')).toBe(scene)
    expect(valueOf(args, '-f')).toBe('lavfi')
    expect(args.indexOf('-re')).toBeLessThan(args.indexOf('-i'))
    expect(valueOf(args, '-c:v')).toBe('libx264')
    expect(valueOf(args, '-g')).toBe(String((DEMO_SOURCE as { fps: number }).fps))
    expect(args).toContain('-an')
    expect(args).not.toContain('-rtsp_transport')
    expect(needsTranscode(demo, true)).toBe(false)
  })

  it('keeps credentials only in the input URL', () => {
    const args = liveArgs(rtsp('h264', 'aac'), { transcode: false })
    expect(args.filter((arg) => arg.includes('s3cret'))).toEqual([URL_WITH_PASSWORD])
  })
})
