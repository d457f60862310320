// Real bytes from the real ffmpeg: short fragmented MP4s muxed exactly as the live relay asks for them.
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import {
  Mp4FormatError,
  Mp4Splitter,
  codecString,
  decodeTimes,
  isKeyframeFragment,
  mimeType,
  parseInit,
  readBoxHeader,
  shiftDecodeTimes,
  type Mp4Unit
} from '../../../../main/core/live/mp4-boxes'

const FPS = 15

/** Two seconds of test pattern (keyframe every second) and a tone, as fragmented MP4 on stdout. */
function fmp4(video: 'libx264' | 'libx265', audio = true): Buffer {
  const x265 = video === 'libx265' ? ['-x265-params', `log-level=error:keyint=${FPS}:min-keyint=${FPS}:scenecut=0`, '-tag:v', 'hvc1'] : []
  const result = spawnSync(
    'ffmpeg',
    [
      '-hide_banner', '-loglevel', 'error',
      '-f', 'lavfi', '-i', `testsrc2=size=320x240:rate=${FPS}:duration=2`,
      ...(audio ? ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=2'] : []),
      '-map', '0:v:0', ...(audio ? ['-map', '1:a:0', '-c:a', 'aac', '-b:a', '64k'] : []),
      '-c:v', video, '-preset', 'ultrafast', '-g', String(FPS), '-bf', '0', '-pix_fmt', 'yuv420p', ...x265,
      '-f', 'mp4', '-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-frag_duration', '200000', 'pipe:1'
    ],
    { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }
  )
  if (result.status !== 0) throw new Error(`ffmpeg failed: ${result.stderr.toString()}`)
  return result.stdout
}

/** What ffprobe says about the video: its profile/level and, per packet, whether it is a keyframe. */
function probe(bytes: Buffer): { profile: string; level: number; keyframes: number } {
  const result = spawnSync(
    'ffprobe',
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=profile,level:packet=flags', '-of', 'json', '-i', 'pipe:0'],
    { input: bytes, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }
  )
  const parsed = JSON.parse(result.stdout) as { streams: { profile: string; level: number }[]; packets: { flags: string }[] }
  return { ...parsed.streams[0], keyframes: parsed.packets.filter((p) => p.flags.startsWith('K')).length }
}

/** Feeds `bytes` to a splitter in pieces of `size`, as a pipe would. */
function split(bytes: Buffer, size: number): Mp4Unit[] {
  const splitter = new Mp4Splitter()
  const units: Mp4Unit[] = []
  for (let i = 0; i < bytes.length; i += size) units.push(...splitter.push(bytes.subarray(i, i + size)))
  return units
}

const h264 = fmp4('libx264')
const hevc = fmp4('libx265')

describe('Mp4Splitter', () => {
  it.each([1, 7, 1000, 65_536, 10_000_000])('cuts the stream into init + fragments whatever the chunk size (%i bytes)', (size) => {
    const units = split(h264, size)
    expect(units[0].kind).toBe('init')
    expect(units.slice(1).every((unit) => unit.kind === 'fragment')).toBe(true)
    expect(units.length).toBeGreaterThan(5)
    // The units are the stream itself, in order (ffmpeg writes nothing a viewer would miss, bar a closing mfra).
    const joined = Buffer.concat(units.map((unit) => unit.bytes))
    expect(h264.subarray(0, joined.length).equals(joined)).toBe(true)
    const tail = h264.subarray(joined.length)
    if (tail.length > 0) expect(readBoxHeader(tail, 0)?.type).toBe('mfra')
  })

  it('gives an init segment of ftyp + moov and fragments of moof + mdat', () => {
    const [init, ...fragments] = split(h264, 4096)
    const types = (bytes: Buffer) => {
      const out: string[] = []
      for (let at = 0; at < bytes.length; ) {
        const box = readBoxHeader(bytes, at)!
        out.push(box.type)
        at = box.end
      }
      return out
    }
    expect(types(init.bytes)).toEqual(['ftyp', 'moov'])
    for (const fragment of fragments) expect(types(fragment.bytes)).toEqual(['moof', 'mdat'])
  })

  it('marks exactly the fragments that start with a keyframe, the first one among them', () => {
    const units = split(h264, 4096)
    const fragments = units.filter((unit): unit is Extract<Mp4Unit, { kind: 'fragment' }> => unit.kind === 'fragment')
    expect(fragments[0].keyframe).toBe(true)
    const keyframeFragments = fragments.filter((fragment) => fragment.keyframe).length
    // Two seconds with a keyframe every second: two GOPs, each cut into ~200 ms fragments.
    expect(keyframeFragments).toBe(probe(h264).keyframes)
    expect(keyframeFragments).toBe(2)
    expect(fragments.length).toBeGreaterThan(keyframeFragments)
    // Every keyframe fragment decodes on its own: init + that fragment gives ffprobe a keyframe first.
    const second = fragments.findIndex((fragment, i) => i > 0 && fragment.keyframe)
    const lateJoin = Buffer.concat([units[0].bytes, ...fragments.slice(second).map((f) => f.bytes)])
    expect(probe(lateJoin).keyframes).toBe(1)
  })

  it('also detects keyframes for H.265 and without audio', () => {
    for (const bytes of [hevc, fmp4('libx264', false)]) {
      const fragments = split(bytes, 8192).filter((unit) => unit.kind === 'fragment')
      expect(fragments.filter((f) => f.kind === 'fragment' && f.keyframe).length).toBe(2)
      expect(fragments[0]).toMatchObject({ keyframe: true })
    }
  })

  it('refuses bytes that are not MP4 instead of buffering them forever', () => {
    const splitter = new Mp4Splitter()
    expect(() => splitter.push(Buffer.from('\x00\x00\x00\x04abcd-this is not an mp4 stream', 'latin1'))).toThrow(Mp4FormatError)
    expect(() => new Mp4Splitter().push(Buffer.from('\x7f\xff\xff\xffmdat', 'latin1'))).toThrow(/too large/)
  })
})

describe('codec strings', () => {
  it('names H.264 from avcC as avc1.PPCCLL, with AAC-LC as mp4a.40.2', () => {
    const init = split(h264, 65_536)[0].bytes
    const { profile, level } = probe(h264)
    const profileIdc = { Baseline: 66, 'Constrained Baseline': 66, Main: 77, High: 100 }[profile]
    expect(profileIdc).toBeDefined()
    const codecs = codecString(init)
    expect(codecs).toMatch(/^avc1\.[0-9A-F]{6},mp4a\.40\.2$/)
    expect(codecs.slice(5, 7)).toBe(profileIdc!.toString(16).toUpperCase())
    expect(codecs.slice(9, 11)).toBe(level.toString(16).toUpperCase().padStart(2, '0'))
    expect(mimeType(init)).toBe(`video/mp4; codecs="${codecs}"`)
  })

  it('names H.265 from hvcC as hvc1.<profile>.<compat>.<tier+level>.<constraints>', () => {
    const init = split(hevc, 65_536)[0].bytes
    const { level } = probe(hevc)
    // Main profile (1), compatible with profiles 1 and 2 (bits reversed: 0x6), main tier.
    expect(codecString(init)).toMatch(new RegExp(`^hvc1\\.1\\.6\\.L${level}(\\.[0-9A-F]{2})*,mp4a\\.40\\.2$`))
  })

  it('lists each track with its handler, timescale and id', () => {
    const tracks = parseInit(split(h264, 65_536)[0].bytes)
    expect(tracks.map((t) => t.handler)).toEqual(['vide', 'soun'])
    expect(tracks.find((t) => t.handler === 'soun')?.timescale).toBe(48_000)
    expect(new Set(tracks.map((t) => t.id)).size).toBe(2)
  })

  it('refuses an init segment without moov', () => {
    expect(() => parseInit(h264.subarray(0, readBoxHeader(h264, 0)!.end))).toThrow(Mp4FormatError)
  })
})

describe('decode times', () => {
  it('reads and shifts each track fragment\'s tfdt in place', () => {
    const units = split(h264, 65_536)
    const tracks = parseInit(units[0].bytes)
    const fragment = Buffer.from(units[3].bytes)
    const before = decodeTimes(fragment)
    expect([...before.keys()].sort()).toEqual(tracks.map((t) => t.id).sort())
    const offsets = new Map(tracks.map((t) => [t.id, 10 * t.timescale]))
    shiftDecodeTimes(fragment, offsets)
    const after = decodeTimes(fragment)
    for (const [track, time] of before) expect(after.get(track)).toBe(time + offsets.get(track)!)
    expect(isKeyframeFragment(fragment, tracks)).toBe(isKeyframeFragment(units[3].bytes, tracks))
  })

  it('keeps a shifted stream playable, with timestamps moved by the offset', () => {
    const units = split(h264, 65_536)
    const tracks = parseInit(units[0].bytes)
    const offsets = new Map(tracks.map((t) => [t.id, 5 * t.timescale]))
    const shifted = units.slice(1).map((u) => {
      const copy = Buffer.from(u.bytes)
      shiftDecodeTimes(copy, offsets)
      return copy
    })
    const result = spawnSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', '-i', 'pipe:0'], {
      input: Buffer.concat([units[0].bytes, ...shifted]),
      encoding: 'utf8'
    })
    const times = result.stdout.trim().split('\n').map(Number)
    expect(times[0]).toBeCloseTo(5, 1)
    expect(times.length).toBe(2 * FPS)
  })
})
