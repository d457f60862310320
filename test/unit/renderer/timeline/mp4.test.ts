// The MP4 reader on hand-built boxes shaped like the recorder's fragmented files (ftyp, moov with one
// or two tracks, then moof). Real files are played end to end in test/e2e/timeline.test.ts.
import { describe, expect, it } from 'vitest'
import { readMp4Info } from '../../../../renderer/timeline/mp4'

type Bytes = number[]

const u8 = (...values: number[]): Bytes => values
const u16 = (value: number): Bytes => [(value >> 8) & 0xff, value & 0xff]
const u32 = (value: number): Bytes => [(value >>> 24) & 0xff, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff]
const text = (value: string): Bytes => [...value].map((char) => char.charCodeAt(0))
const zeros = (count: number): Bytes => new Array<number>(count).fill(0)
const box = (type: string, ...parts: Bytes[]): Bytes => {
  const payload = parts.flat()
  return [...u32(payload.length + 8), ...text(type), ...payload]
}
const full = (type: string, ...parts: Bytes[]) => box(type, u32(0), ...parts)

function trak(id: number, handler: 'vide' | 'soun', timescale: number, entry: Bytes): Bytes {
  return box(
    'trak',
    full('tkhd', u32(0), u32(0), u32(id), zeros(60)),
    box(
      'mdia',
      full('mdhd', u32(0), u32(0), u32(timescale), u32(0), zeros(4)),
      full('hdlr', u32(0), text(handler), zeros(13)),
      box('minf', box('stbl', full('stsd', u32(1), entry)))
    )
  )
}

/** A visual sample entry: 78 bytes of fields, then its configuration box. */
const visual = (type: string, config: Bytes) => box(type, zeros(78), config)
const avc1 = visual('avc1', box('avcC', u8(1, 0x64, 0x00, 0x1f, 0xff)))
const hvc1 = visual('hvc1', box('hvcC', u8(1, 0x01), u32(0x60000000), u8(0xb0, 0, 0, 0, 0, 0), u8(93)))
/** An audio sample entry (28 bytes of fields) with an esds: ES, DecoderConfig (AAC), DecoderSpecificInfo (AAC-LC). */
const mp4a = box(
  'mp4a',
  zeros(28),
  full('esds', u8(0x03, 25), u16(1), u8(0), u8(0x04, 17, 0x40, 0x15), zeros(3), zeros(8), u8(0x05, 2, 0x11, 0x90))
)
const moof = (trackId: number, sampleDuration: number) =>
  box('moof', full('mfhd', u32(1)), box('traf', box('tfhd', u32(0x020008), u32(trackId), u32(sampleDuration))))

const file = (...parts: Bytes[]) => new Uint8Array(parts.flat()).buffer

describe('readMp4Info', () => {
  it('builds the codecs string from avcC and the AAC descriptor, and the frame rate from the first fragment', () => {
    const info = readMp4Info(
      file(box('ftyp', text('isom'), u32(512)), box('moov', trak(1, 'vide', 15360, avc1), trak(2, 'soun', 48000, mp4a)), moof(1, 1024))
    )
    expect(info).toEqual({ mime: 'video/mp4; codecs="avc1.64001f,mp4a.40.2"', videoCodec: 'avc1.64001f', fps: 15 })
  })

  it('names H.265 as RFC 6381 asks (the example of ISO/IEC 14496-15 Annex E)', () => {
    const info = readMp4Info(file(box('moov', trak(1, 'vide', 90000, hvc1)), moof(1, 3600)))
    expect(info).toEqual({ mime: 'video/mp4; codecs="hvc1.1.6.L93.B0"', videoCodec: 'hvc1.1.6.L93.B0', fps: 25 })
  })

  it('leaves the frame rate open without a fragment', () => {
    expect(readMp4Info(file(box('moov', trak(1, 'vide', 15360, avc1))))?.fps).toBeNull()
  })

  it('refuses bytes that are no MP4 with video', () => {
    expect(readMp4Info(new ArrayBuffer(64))).toBeNull()
    expect(readMp4Info(new TextEncoder().encode('not an mp4 file at all').buffer)).toBeNull()
    expect(readMp4Info(file(box('moov', trak(2, 'soun', 48000, mp4a))))).toBeNull()
  })
})
