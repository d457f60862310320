// Just enough of ISO BMFF to play a recorded segment with MSE: the codecs string for addSourceBuffer
// (from the sample descriptions in the init segment) and the video frame rate (for frame stepping).

export interface Mp4Info {
  /** e.g. 'video/mp4; codecs="avc1.42c016,mp4a.40.2"' */
  mime: string
  videoCodec: string | null
  fps: number | null
}

interface Box {
  type: string
  /** Offset of the payload (after the header) and of the end, in the whole buffer. */
  start: number
  end: number
}

function* boxes(view: DataView, start: number, end: number): Generator<Box> {
  let at = start
  while (at + 8 <= end) {
    let size = view.getUint32(at)
    const type = String.fromCharCode(view.getUint8(at + 4), view.getUint8(at + 5), view.getUint8(at + 6), view.getUint8(at + 7))
    let header = 8
    if (size === 1) {
      size = Number(view.getBigUint64(at + 8))
      header = 16
    } else if (size === 0) size = end - at
    if (size < header || at + size > end) return
    yield { type, start: at + header, end: at + size }
    at += size
  }
}

const child = (view: DataView, box: Box, type: string, skip = 0): Box | undefined => {
  for (const inner of boxes(view, box.start + skip, box.end)) if (inner.type === type) return inner
  return undefined
}

const hex = (value: number) => value.toString(16).padStart(2, '0')

function avcCodec(view: DataView, entry: Box): string {
  const avcC = child(view, entry, 'avcC', 78)
  if (!avcC) return 'avc1.42e01e'
  return `avc1.${hex(view.getUint8(avcC.start + 1))}${hex(view.getUint8(avcC.start + 2))}${hex(view.getUint8(avcC.start + 3))}`
}

/** ISO/IEC 14496-15 Annex E: hvc1.<space><profile>.<compat, bit-reversed>.<tier><level>.<constraints>. */
function hevcCodec(view: DataView, entry: Box, fourcc: string): string {
  const hvcC = child(view, entry, 'hvcC', 78)
  if (!hvcC) return fourcc
  const at = hvcC.start
  const first = view.getUint8(at + 1)
  const space = ['', 'A', 'B', 'C'][first >> 6]
  const tier = first & 0x20 ? 'H' : 'L'
  const profile = first & 0x1f
  let compat = view.getUint32(at + 2)
  let reversed = 0
  for (let i = 0; i < 32; i++) {
    reversed = (reversed << 1) | (compat & 1)
    compat >>>= 1
  }
  const constraints: string[] = []
  for (let i = 0; i < 6; i++) constraints.push(view.getUint8(at + 6 + i).toString(16).toUpperCase())
  while (constraints.length > 0 && constraints[constraints.length - 1] === '0') constraints.pop()
  const level = view.getUint8(at + 12)
  return [fourcc, `${space}${profile}`, (reversed >>> 0).toString(16).toUpperCase(), `${tier}${level}`, ...constraints].join('.')
}

function readDescriptor(view: DataView, at: number): { tag: number; start: number; end: number } {
  const tag = view.getUint8(at)
  let length = 0
  let i = at + 1
  for (let n = 0; n < 4; n++) {
    const byte = view.getUint8(i++)
    length = (length << 7) | (byte & 0x7f)
    if (!(byte & 0x80)) break
  }
  return { tag, start: i, end: i + length }
}

function mp4aCodec(view: DataView, entry: Box): string {
  const esds = child(view, entry, 'esds', 28)
  if (!esds) return 'mp4a.40.2'
  try {
    const es = readDescriptor(view, esds.start + 4)
    const flags = view.getUint8(es.start + 2)
    let at = es.start + 3 + (flags & 0x80 ? 2 : 0) + (flags & 0x20 ? 2 : 0)
    if (flags & 0x40) at += 1 + view.getUint8(at)
    const config = readDescriptor(view, at)
    const oti = view.getUint8(config.start)
    if (oti !== 0x40) return `mp4a.${hex(oti)}`
    const specific = readDescriptor(view, config.start + 13)
    return `mp4a.40.${view.getUint8(specific.start) >> 3}`
  } catch {
    return 'mp4a.40.2'
  }
}

function sampleCodec(view: DataView, entry: Box): string {
  if (entry.type === 'avc1' || entry.type === 'avc3') return avcCodec(view, entry)
  if (entry.type === 'hvc1' || entry.type === 'hev1') return hevcCodec(view, entry, entry.type)
  if (entry.type === 'mp4a') return mp4aCodec(view, entry)
  if (entry.type === 'Opus') return 'opus'
  return entry.type
}

interface Track {
  id: number
  handler: string
  timescale: number
  codec: string | null
}

function readTrack(view: DataView, trak: Box): Track {
  const tkhd = child(view, trak, 'tkhd')
  const id = tkhd ? view.getUint32(tkhd.start + (view.getUint8(tkhd.start) === 1 ? 20 : 12)) : 0
  const mdia = child(view, trak, 'mdia')
  const hdlr = mdia && child(view, mdia, 'hdlr')
  const mdhd = mdia && child(view, mdia, 'mdhd')
  const handler = hdlr ? String.fromCharCode(...new Uint8Array(view.buffer, view.byteOffset + hdlr.start + 8, 4)) : ''
  const timescale = mdhd ? view.getUint32(mdhd.start + (view.getUint8(mdhd.start) === 1 ? 20 : 12)) : 0
  const minf = mdia && child(view, mdia, 'minf')
  const stbl = minf && child(view, minf, 'stbl')
  const stsd = stbl && child(view, stbl, 'stsd')
  const entry = stsd ? boxes(view, stsd.start + 8, stsd.end).next().value : undefined
  return { id, handler, timescale, codec: entry ? sampleCodec(view, entry) : null }
}

/** Duration of the first video sample in the first fragment (tfhd default, else trun's first entry). */
function firstSampleDuration(view: DataView, moof: Box, trackId: number): number | null {
  for (const traf of boxes(view, moof.start, moof.end)) {
    if (traf.type !== 'traf') continue
    const tfhd = child(view, traf, 'tfhd')
    if (!tfhd || view.getUint32(tfhd.start + 4) !== trackId) continue
    const flags = view.getUint32(tfhd.start) & 0xffffff
    let at = tfhd.start + 8 + (flags & 0x01 ? 8 : 0) + (flags & 0x02 ? 4 : 0)
    if (flags & 0x08) return view.getUint32(at)
    const trun = child(view, traf, 'trun')
    if (!trun) return null
    const runFlags = view.getUint32(trun.start) & 0xffffff
    if (!(runFlags & 0x100)) return null
    at = trun.start + 8 + (runFlags & 0x01 ? 4 : 0) + (runFlags & 0x04 ? 4 : 0)
    return view.getUint32(at)
  }
  return null
}

/** Reads the codecs and frame rate of a fragmented MP4 file (or at least its init segment and first fragment). */
export function readMp4Info(bytes: ArrayBuffer): Mp4Info | null {
  const view = new DataView(bytes)
  let tracks: Track[] = []
  let fps: number | null = null
  for (const box of boxes(view, 0, view.byteLength)) {
    if (box.type === 'moov') {
      tracks = [...boxes(view, box.start, box.end)].filter((inner) => inner.type === 'trak').map((trak) => readTrack(view, trak))
    } else if (box.type === 'moof') {
      const video = tracks.find((track) => track.handler === 'vide')
      const duration = video && firstSampleDuration(view, box, video.id)
      if (video && duration) fps = Math.round((video.timescale / duration) * 1000) / 1000
      break
    }
  }
  const video = tracks.find((track) => track.handler === 'vide' && track.codec)
  if (!video) return null
  const codecs = [video.codec, ...tracks.filter((track) => track.handler === 'soun' && track.codec).map((track) => track.codec)]
  return { mime: `video/mp4; codecs="${codecs.join(',')}"`, videoCodec: video.codec, fps }
}
