import { describe, expect, it } from 'vitest'
import { DEMO_SOURCE, recordArgs, snapshotArgs, type RecordOutput, type RecordSource } from '../../../../main/core/media/record-args'

const URL_WITH_PASSWORD = 'rtsp://admin:s3cret@192.168.1.20:554/stream1'
const output: RecordOutput = {
  incomingDir: '/data/recordings/door-1a2b3c/.incoming',
  runId: 'run42',
  segmentSeconds: 10,
  fragmentMs: 2000,
  socketTimeoutMs: 5000
}

const rtsp = (videoCodec: string, audioCodec: string | null): RecordSource => ({ kind: 'rtsp', url: URL_WITH_PASSWORD, videoCodec, audioCodec })

/** The value that follows `flag` (first occurrence). */
function valueOf(args: string[], flag: string): string | undefined {
  const index = args.indexOf(flag)
  return index < 0 ? undefined : args[index + 1]
}

/** Every value given to `flag`, in order. */
function valuesOf(args: string[], flag: string): string[] {
  return args.flatMap((arg, i) => (arg === flag ? [args[i + 1]] : []))
}

describe('recordArgs', () => {
  it('copies H.264 video as it comes, over RTSP/TCP with the socket timeout in µs', () => {
    const args = recordArgs(rtsp('h264', null), output)
    expect(valueOf(args, '-c:v')).toBe('copy')
    expect(valueOf(args, '-map')).toBe('0:v:0')
    expect(valueOf(args, '-rtsp_transport')).toBe('tcp')
    expect(valueOf(args, '-timeout')).toBe('5000000')
    expect(args).not.toContain('-tag:v')
    expect(args).not.toContain('libx264')
  })

  it('tags H.265 as hvc1 so browsers play it', () => {
    const args = recordArgs(rtsp('hevc', null), output)
    expect(valueOf(args, '-c:v')).toBe('copy')
    expect(valueOf(args, '-tag:v')).toBe('hvc1')
  })

  it('keeps AAC audio as a copy', () => {
    const args = recordArgs(rtsp('h264', 'aac'), output)
    expect(valuesOf(args, '-map')).toEqual(['0:v:0', '0:a:0'])
    expect(valueOf(args, '-c:a')).toBe('copy')
    expect(args).not.toContain('-an')
  })

  it.each(['pcm_mulaw', 'pcm_alaw'])('converts %s (G.711, not allowed in MP4) to AAC', (audioCodec) => {
    const args = recordArgs(rtsp('h264', audioCodec), output)
    expect(valueOf(args, '-c:a')).toBe('aac')
    expect(valueOf(args, '-b:a')).toBe('64k')
    expect(valuesOf(args, '-map')).toContain('0:a:0')
  })

  it('drops audio (-an) when the camera sends none', () => {
    const args = recordArgs(rtsp('h264', null), output)
    expect(args).toContain('-an')
    expect(args).not.toContain('-c:a')
    expect(valuesOf(args, '-map')).toEqual(['0:v:0'])
  })

  it('encodes the demo scene with libx264 from lavfi, in real time', () => {
    const args = recordArgs(DEMO_SOURCE, output)
    expect(valueOf(args, '-c:v')).toBe('libx264')
    expect(valueOf(args, '-f')).toBe('lavfi')
    expect(args.indexOf('-re')).toBeLessThan(args.indexOf('-i'))
    expect(valueOf(args, '-i')).toMatch(/^testsrc2=size=640x360:rate=15,/)
    expect(valueOf(args, '-g')).toBe('30')
    expect(args).not.toContain('-rtsp_transport')
  })

  it('writes <incomingDir>/<runId>-NNNNNN.mp4 segments of the configured length, cut on the clock', () => {
    const args = recordArgs(rtsp('h264', null), output)
    expect(args.at(-1)).toBe('/data/recordings/door-1a2b3c/.incoming/run42-%06d.mp4')
    expect(valuesOf(args, '-f')).toEqual(['segment'])
    expect(valueOf(args, '-segment_time')).toBe('10')
    expect(valueOf(args, '-segment_atclocktime')).toBe('1')
    expect(valueOf(args, '-segment_format')).toBe('mp4')
  })

  it('asks for fragments of fragmentMs, given to ffmpeg in µs', () => {
    const options = valueOf(recordArgs(rtsp('h264', null), output), '-segment_format_options')
    expect(options).toMatch(/^movflags=\+empty_moov\+default_base_moof\+frag_discont:/)
    expect(options).toMatch(/:frag_duration=2000000$/)
    const shorter = valueOf(recordArgs(rtsp('h264', null), { ...output, fragmentMs: 500 }), '-segment_format_options')
    expect(shorter).toMatch(/:frag_duration=500000$/)
  })

  it('reports closed segments as CSV on stdout and progress on fd 3', () => {
    const args = recordArgs(rtsp('h264', null), output)
    expect(valueOf(args, '-segment_list')).toBe('pipe:1')
    expect(valueOf(args, '-segment_list_type')).toBe('csv')
    expect(valueOf(args, '-progress')).toBe('pipe:3')
  })

  it('puts the camera URL in exactly one place: right after -i', () => {
    const args = recordArgs(rtsp('hevc', 'pcm_alaw'), output)
    const positions = args.flatMap((arg, i) => (arg.includes('s3cret') ? [i] : []))
    expect(positions).toHaveLength(1)
    expect(args[positions[0] - 1]).toBe('-i')
    expect(args[positions[0]]).toBe(URL_WITH_PASSWORD)
    // Input options come before the input, output options after it.
    expect(args.indexOf('-rtsp_transport')).toBeLessThan(positions[0])
    expect(args.indexOf('-c:v')).toBeGreaterThan(positions[0])
  })
})

describe('snapshotArgs', () => {
  it('decodes the last second of a file into one scaled JPEG on stdout', () => {
    const args = snapshotArgs('/data/recordings/door/.incoming/run42-000001.mp4', 320)
    expect(valueOf(args, '-sseof')).toBe('-1')
    expect(args.indexOf('-sseof')).toBeLessThan(args.indexOf('-i'))
    expect(valueOf(args, '-i')).toBe('/data/recordings/door/.incoming/run42-000001.mp4')
    expect(valueOf(args, '-frames:v')).toBe('1')
    expect(valueOf(args, '-vf')).toBe('scale=320:-2')
    expect(args.at(-1)).toBe('pipe:1')
  })
})

describe('recordedCodecs', () => {
  it('names the codecs the recorded file will carry, so closed segments need no ffprobe', async () => {
    const { recordedCodecs } = await import('../../../../main/core/media/record-args')
    expect(recordedCodecs({ kind: 'rtsp', url: 'rtsp://x/y', videoCodec: 'hevc', audioCodec: null })).toEqual({ video: 'hevc', audio: null })
    expect(recordedCodecs({ kind: 'rtsp', url: 'rtsp://x/y', videoCodec: 'h264', audioCodec: 'aac' })).toEqual({ video: 'h264', audio: 'aac' })
    // G.711 is converted to AAC on the way into the MP4.
    expect(recordedCodecs({ kind: 'rtsp', url: 'rtsp://x/y', videoCodec: 'h264', audioCodec: 'pcm_mulaw' })).toEqual({ video: 'h264', audio: 'aac' })
    expect(recordedCodecs({ kind: 'demo', width: 640, height: 360, fps: 15 })).toEqual({ video: 'h264', audio: null })
  })
})

describe('the live tap', () => {
  const output: RecordOutput = { incomingDir: '/rec/cam/.incoming', runId: 'run1', segmentSeconds: 60, fragmentMs: 1000, socketTimeoutMs: 5000 }
  const rtsp: RecordSource = { kind: 'rtsp', url: 'rtsp://cam/s1', videoCodec: 'h264', audioCodec: 'pcm_alaw' }

  it('adds a second output of the same packets as fragmented MP4 on fd 4, after the segment output', () => {
    const args = recordArgs(rtsp, { ...output, liveTap: true })
    const segmentOut = args.indexOf('/rec/cam/.incoming/run1-%06d.mp4')
    const tap = args.slice(segmentOut + 1)
    expect(tap.at(-1)).toBe('pipe:4')
    expect(tap).toEqual(expect.arrayContaining(['-map', '0:v:0', '-c:v', 'copy', '-f', 'mp4']))
    expect(tap.join(' ')).toContain('+frag_keyframe+empty_moov+default_base_moof')
    // G.711 becomes AAC in the tap as in the recording, so the browser can play it.
    expect(tap.join(' ')).toContain('-c:a aac')
    // The camera is opened once: one -i for both outputs.
    expect(args.filter((a) => a === '-i')).toHaveLength(1)
  })

  it('is left out unless asked for, and never for the demo scene (it would be encoded twice)', () => {
    expect(recordArgs(rtsp, output)).not.toContain('pipe:4')
    expect(recordArgs(DEMO_SOURCE, { ...output, liveTap: true })).not.toContain('pipe:4')
  })
})
