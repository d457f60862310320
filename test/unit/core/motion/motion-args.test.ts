import { describe, expect, it } from 'vitest'
import { analysisSize, buildMotionArgs, isRtspUrl } from '../../../../main/core/motion/motion-args'

const URL_WITH_PASSWORD = 'rtsp://admin:s3cret@192.168.1.20:554/stream2'
const valueOf = (args: string[], flag: string) => {
  const index = args.indexOf(flag)
  return index < 0 ? undefined : args[index + 1]
}

describe('buildMotionArgs', () => {
  it('reads a camera over RTSP/TCP with a socket timeout and writes small gray frames to stdout', () => {
    const args = buildMotionArgs({ input: URL_WITH_PASSWORD, width: 160, height: 90, fps: 5 })
    expect(valueOf(args, '-rtsp_transport')).toBe('tcp')
    expect(valueOf(args, '-timeout')).toBe('5000000')
    expect(valueOf(args, '-i')).toBe(URL_WITH_PASSWORD)
    expect(args.indexOf('-rtsp_transport')).toBeLessThan(args.indexOf('-i'))
    expect(valueOf(args, '-vf')).toBe('fps=5,scale=160:90:flags=area,format=gray')
    expect(valueOf(args, '-f')).toBe('rawvideo')
    expect(args[args.length - 1]).toBe('pipe:1')
    for (const flag of ['-an', '-sn', '-dn']) expect(args).toContain(flag)
    expect(valueOf(args, '-map')).toBe('0:v:0')
    expect(valueOf(args, '-loglevel')).toBe('error')
  })

  it('decodes with one thread and without the deblocking filter, set before the input', () => {
    const args = buildMotionArgs({ input: URL_WITH_PASSWORD, width: 160, height: 90, fps: 5 })
    expect(valueOf(args, '-threads')).toBe('1')
    expect(args.indexOf('-threads')).toBeLessThan(args.indexOf('-i'))
    expect(valueOf(args, '-skip_loop_filter')).toBe('all')
    expect(args.indexOf('-skip_loop_filter')).toBeLessThan(args.indexOf('-i'))
  })


  it('keeps stdin open for the runner\'s graceful q', () => {
    expect(buildMotionArgs({ input: URL_WITH_PASSWORD, width: 160, height: 90, fps: 5 })).not.toContain('-nostdin')
  })

  it('takes the socket timeout and RTSP mode from the options', () => {
    const args = buildMotionArgs({ input: URL_WITH_PASSWORD, width: 160, height: 90, fps: 5, socketTimeoutMs: 3000 })
    expect(valueOf(args, '-timeout')).toBe('3000000')
    const forced = buildMotionArgs({ input: 'rtsp-proxy.local/x', width: 160, height: 90, fps: 5, rtsp: true })
    expect(valueOf(forced, '-rtsp_transport')).toBe('tcp')
  })

  it('reads a file as fast as it decodes, or paced and looped like a camera', () => {
    const fast = buildMotionArgs({ input: '/clips/a.mp4', width: 138, height: 104, fps: 10 })
    expect(fast).not.toContain('-rtsp_transport')
    expect(fast).not.toContain('-re')
    expect(valueOf(fast, '-vf')).toBe('fps=10,scale=138:104:flags=area,format=gray')
    const paced = buildMotionArgs({ input: '/clips/a.mp4', width: 160, height: 90, fps: 5, realtime: true, loop: true })
    expect(paced.indexOf('-re')).toBeLessThan(paced.indexOf('-i'))
    expect(valueOf(paced, '-stream_loop')).toBe('-1')
  })

  it('passes an input format for generated sources', () => {
    const args = buildMotionArgs({ input: 'testsrc2=size=320x180', width: 160, height: 90, fps: 5, inputFormat: 'lavfi' })
    expect(valueOf(args, '-f')).toBe('lavfi')
    expect(args.indexOf('-f')).toBeLessThan(args.indexOf('-i'))
  })
})

describe('analysisSize', () => {
  it('is 160x90 for 16:9 sources of any size', () => {
    expect(analysisSize(1920, 1080)).toEqual({ width: 160, height: 90 })
    expect(analysisSize(640, 360)).toEqual({ width: 160, height: 90 })
    expect(analysisSize(480, 270)).toEqual({ width: 160, height: 90 })
  })

  it('keeps other aspect ratios at about the same pixel count, with even sides', () => {
    for (const [w, h] of [[640, 480], [480, 360], [1280, 1024], [2560, 1080], [1080, 1920]] as const) {
      const size = analysisSize(w, h)
      expect(size.width % 2).toBe(0)
      expect(size.height % 2).toBe(0)
      expect(size.width * size.height).toBeGreaterThan(13_000)
      expect(size.width * size.height).toBeLessThan(16_000)
      expect(Math.abs(size.width / size.height - w / h)).toBeLessThan(0.05 * (w / h))
    }
  })

  it('falls back to 16:9 when the source size is unknown', () => {
    expect(analysisSize(0, 0)).toEqual({ width: 160, height: 90 })
  })
})

describe('isRtspUrl', () => {
  it('recognises rtsp and rtsps URLs only', () => {
    expect(isRtspUrl('rtsp://cam/1')).toBe(true)
    expect(isRtspUrl('RTSPS://cam/1')).toBe(true)
    expect(isRtspUrl('/tmp/rtsp.mp4')).toBe(false)
    expect(isRtspUrl('http://cam/1')).toBe(false)
  })
})
