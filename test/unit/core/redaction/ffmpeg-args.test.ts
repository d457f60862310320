import { describe, expect, it } from 'vitest'
import { RedactionError } from '../../../../main/core/redaction/errors'
import { DEFAULT_ENCODER, decodeArgs, encodeArgs, failureReason, parseBenchmark, videoGraph } from '../../../../main/core/redaction/ffmpeg-args'
import { clipFromIndex, pickFrameRate } from '../../../../main/core/redaction/source'

const one = { pieces: [{ file: '/rec/a.mp4', inMs: null, outMs: null }], width: 1280, height: 720, fps: '15/1' }
const two = {
  pieces: [
    { file: '/rec/a.mp4', inMs: 30_000, outMs: null },
    { file: '/rec/b.mp4', inMs: null, outMs: 12_500 }
  ],
  width: 1280,
  height: 720,
  fps: '15/1'
}

const after = (args: string[], flag: string) => args[args.indexOf(flag) + 1]

describe('decode arguments', () => {
  it('one file: crop to even, constant rate, raw frames at the requested size on stdout', () => {
    const args = decodeArgs(one, { width: 640, height: 360, pixFmt: 'rgb24' })
    expect(after(args, '-i')).toBe('/rec/a.mp4')
    expect(args).not.toContain('-ss')
    expect(after(args, '-filter_complex')).toBe('[0:v:0]crop=trunc(iw/2)*2:trunc(ih/2)*2:0:0,scale=1280:720,setsar=1[p0];[p0]fps=15/1,scale=640:360:flags=area[v]')
    expect(args.slice(-7)).toEqual(['-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'])
    expect(args).toContain('-benchmark')
  })

  it('segments: in/out points per input, joined in order; full size means no final scale', () => {
    const args = decodeArgs(two, { width: 1280, height: 720, pixFmt: 'yuv420p' })
    expect(args.slice(args.indexOf('-ss'), args.indexOf('-filter_complex'))).toEqual(['-ss', '30.000', '-i', '/rec/a.mp4', '-to', '12.500', '-i', '/rec/b.mp4'])
    expect(videoGraph(two, { width: 1280, height: 720 })).toMatch(/\[p0\]\[p1\]concat=n=2:v=1:a=0\[j\];\[j\]fps=15\/1\[v\]$/)
  })
})

describe('encode arguments', () => {
  it('raw yuv420p from stdin to H.264 MP4 with faststart, same size and rate', () => {
    const args = encodeArgs({ ...one, audio: false }, DEFAULT_ENCODER, '/out/.x.partial')
    expect(args.slice(args.indexOf('-f'), args.indexOf('-i') + 2)).toEqual(['-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', '1280x720', '-framerate', '15/1', '-i', 'pipe:0'])
    expect(after(args, '-c:v')).toBe('libx264')
    expect(after(args, '-crf')).toBe('18')
    expect(after(args, '-movflags')).toBe('+faststart')
    expect(args).not.toContain('-c:a')
    expect(args.slice(-4)).toEqual(['-f', 'mp4', '-y', '/out/.x.partial'])
  })

  it('audio of the same pieces, joined and re-encoded to AAC', () => {
    const args = encodeArgs({ ...two, audio: true }, DEFAULT_ENCODER, '/out/x')
    expect(args.filter((a) => a === '-i')).toHaveLength(3)
    expect(after(args, '-filter_complex')).toBe('[1:a:0][2:a:0]concat=n=2:v=0:a=1[a]')
    expect(args.join(' ')).toContain('-map 0:v:0 -map [a]')
    expect(after(args, '-c:a')).toBe('aac')
    expect(encodeArgs({ ...one, audio: true }, DEFAULT_ENCODER, '/out/x').join(' ')).toContain('-map 0:v:0 -map 1:a:0')
  })

  it('reads CPU time from -benchmark and the reason of a failure from the log', () => {
    expect(parseBenchmark('frame=1\nbench: utime=1.250s stime=0.125s rtime=2.000s\nbench: maxrss=65536kB\n')).toEqual({ cpuMs: 1375, maxRssKb: 65536 })
    expect(parseBenchmark('nothing')).toBeNull()
    expect(failureReason('Input #0, mov\n  Stream #0:0: Video\n/x.mp4: Invalid data found when processing input\nbench: utime=0s stime=0s rtime=0s')).toBe(
      '/x.mp4: Invalid data found when processing input'
    )
  })
})

describe('clip sources', () => {
  it('prefers the nominal frame rate when it agrees with the average, else the average', () => {
    expect(pickFrameRate('145/12', '12/1')).toEqual({ fps: '12/1', value: 12 })
    expect(pickFrameRate('25/1', '90000/1')).toEqual({ fps: '25/1', value: 25 })
    expect(pickFrameRate('30000/1001', '30000/1001').value).toBeCloseTo(29.97, 2)
    expect(pickFrameRate(undefined, undefined)).toEqual({ fps: '25/1', value: 25 })
  })

  const segments = [
    { file: '/rec/1.mp4', start: 1_000_000, end: 1_060_000 },
    { file: '/rec/2.mp4', start: 1_060_000, end: 1_120_000 },
    { file: '/rec/3.mp4', start: 1_200_000, end: 1_260_000 }
  ]

  it('cuts the indexed segments to the clip, skipping gaps', () => {
    expect(clipFromIndex(segments, 1_030_000, 1_090_000)).toEqual({
      segments: [
        { file: '/rec/1.mp4', inMs: 30_000 },
        { file: '/rec/2.mp4', outMs: 30_000 }
      ]
    })
    expect(clipFromIndex(segments, 1_100_000, 1_210_000)).toEqual({
      segments: [
        { file: '/rec/2.mp4', inMs: 40_000 },
        { file: '/rec/3.mp4', outMs: 10_000 }
      ]
    })
  })

  it('refuses a clip beyond the index, an empty clip and one that lies in a gap', () => {
    const code = (action: () => unknown) => {
      try {
        action()
      } catch (error) {
        return (error as RedactionError).code
      }
      return 'no error'
    }
    expect(code(() => clipFromIndex(segments, 990_000, 1_010_000))).toBe('REDACT_CLIP_OUT_OF_INDEX')
    expect(code(() => clipFromIndex(segments, 1_250_000, 1_270_000))).toBe('REDACT_CLIP_OUT_OF_INDEX')
    expect(code(() => clipFromIndex([], 1, 2))).toBe('REDACT_CLIP_OUT_OF_INDEX')
    expect(code(() => clipFromIndex(segments, 1_010_000, 1_010_000))).toBe('REDACT_EMPTY_CLIP')
    expect(code(() => clipFromIndex(segments, 1_130_000, 1_190_000))).toBe('REDACT_EMPTY_CLIP')
  })
})
