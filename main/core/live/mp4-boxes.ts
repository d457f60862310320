// Reading the fragmented MP4 that ffmpeg writes to a pipe: cut the byte stream into the init segment and
// media fragments, tell keyframe fragments apart, and name the codecs for MediaSource. Pure: bytes in, data out.
// Box layouts: ISO/IEC 14496-12 (ISOBMFF), 14496-15 (avcC, hvcC), 14496-1 (esds descriptors).

export interface Box {
  type: string
  /** Offset of the box's first byte (its size field) in the buffer it was read from. */
  start: number
  /** Offset of the first byte after the header (size, type, and largesize if any). */
  bodyStart: number
  end: number
}

/** One unit a viewer can be sent: the init segment, or one fragment (moof + mdat, with any prefix boxes). */
export type Mp4Unit = { kind: 'init'; bytes: Buffer } | { kind: 'fragment'; bytes: Buffer; keyframe: boolean }

export class Mp4FormatError extends Error {
  readonly code = 'MP4_MALFORMED'
}

/** sample_is_non_sync_sample in the 32-bit sample flags (14496-12 §8.8.3.1). */
const NON_SYNC_SAMPLE = 0x00010000
const HEADER = 8
/** A single box larger than this is not a live fragment: the stream is broken (or not MP4), stop reading. */
const MAX_BOX_BYTES = 64 * 1024 * 1024

/** Boxes that belong in front of the next fragment (segment type, producer time, index, event messages). */
const FRAGMENT_PREFIX = new Set(['styp', 'prft', 'sidx', 'emsg'])

/** Reads the header of the box at `offset`, or null when fewer bytes than its header are available. */
export function readBoxHeader(buf: Uint8Array, offset: number, limit = buf.length): Box | null {
  if (limit - offset < HEADER) return null
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  let size = view.getUint32(offset)
  const type = String.fromCharCode(buf[offset + 4], buf[offset + 5], buf[offset + 6], buf[offset + 7])
  let bodyStart = offset + HEADER
  if (size === 1) {
    if (limit - offset < 16) return null
    size = Number(view.getBigUint64(offset + 8))
    bodyStart = offset + 16
  } else if (size === 0) {
    // "extends to the end of the file": fine inside a parsed box, meaningless on an endless pipe.
    size = limit - offset
  }
  if (size < bodyStart - offset) throw new Mp4FormatError(`box '${printable(type)}' declares ${size} bytes, less than its header`)
  return { type, start: offset, bodyStart, end: offset + size }
}

/** The child boxes inside [start, end) of a fully available buffer. */
export function childBoxes(buf: Uint8Array, start: number, end: number): Box[] {
  const boxes: Box[] = []
  let offset = start
  while (offset + HEADER <= end) {
    const box = readBoxHeader(buf, offset, end)
    if (!box || box.end > end) break
    boxes.push(box)
    offset = box.end
  }
  return boxes
}

function child(buf: Uint8Array, parent: Box, type: string): Box | undefined {
  return childBoxes(buf, parent.bodyStart, parent.end).find((box) => box.type === type)
}

function children(buf: Uint8Array, parent: Box, type: string): Box[] {
  return childBoxes(buf, parent.bodyStart, parent.end).filter((box) => box.type === type)
}

function path(buf: Uint8Array, parent: Box | undefined, ...types: string[]): Box | undefined {
  let box = parent
  for (const type of types) {
    if (!box) return undefined
    box = child(buf, box, type)
  }
  return box
}

function printable(type: string): string {
  return type.replace(/[^\x20-\x7e]/g, '?')
}

const view = (buf: Uint8Array) => new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
const hex = (value: number, digits: number) => value.toString(16).toUpperCase().padStart(digits, '0')

// ------------------------------------------------------------------------------------------------
// The init segment: tracks, their codecs and their default sample flags.

export interface TrackInfo {
  id: number
  /** 'vide', 'soun', ... from the handler box. */
  handler: string
  /** RFC 6381 codec string (avc1.64001F, hvc1.1.6.L93.B0, mp4a.40.2), or the sample entry's type if unknown. */
  codec: string
  /** Units per second of the track's timestamps (mdhd). */
  timescale: number
  /** trex default_sample_flags: what a fragment's samples carry when neither tfhd nor trun says. */
  defaultSampleFlags: number | null
}

/** Reads the tracks of an init segment (ftyp + moov). */
export function parseInit(init: Uint8Array): TrackInfo[] {
  const moov = childBoxes(init, 0, init.length).find((box) => box.type === 'moov')
  if (!moov) throw new Mp4FormatError('the init segment has no moov box')
  const trex = new Map<number, number>()
  for (const box of children(init, path(init, moov, 'mvex') ?? moov, 'trex')) {
    // version/flags (4), track_ID, default_sample_description_index, duration, size, flags
    trex.set(view(init).getUint32(box.bodyStart + 4), view(init).getUint32(box.bodyStart + 20))
  }
  return children(init, moov, 'trak').map((trak) => {
    const tkhd = child(init, trak, 'tkhd')
    if (!tkhd) throw new Mp4FormatError('a track has no tkhd box')
    // tkhd version 1 has 64-bit creation and modification times before the track id.
    const id = view(init).getUint32(tkhd.bodyStart + (init[tkhd.bodyStart] === 1 ? 20 : 12))
    const mdhd = path(init, trak, 'mdia', 'mdhd')
    // version/flags (4), creation and modification time (4 + 4, or 8 + 8 in version 1), timescale
    const timescale = mdhd ? view(init).getUint32(mdhd.bodyStart + (init[mdhd.bodyStart] === 1 ? 20 : 12)) : 0
    const hdlr = path(init, trak, 'mdia', 'hdlr')
    // version/flags (4), pre_defined (4), handler_type (4)
    const handler = hdlr ? String.fromCharCode(...init.subarray(hdlr.bodyStart + 8, hdlr.bodyStart + 12)) : '????'
    const stsd = path(init, trak, 'mdia', 'minf', 'stbl', 'stsd')
    const entry = stsd ? childBoxes(init, stsd.bodyStart + 8, stsd.end)[0] : undefined
    const codec = entry ? sampleEntryCodec(init, entry) : 'unknown'
    return { id, handler, codec, timescale, defaultSampleFlags: trex.get(id) ?? null }
  })
}

/** The RFC 6381 codecs parameter of an init segment, video first: `avc1.64001F,mp4a.40.2`. */
export function codecString(init: Uint8Array): string {
  const tracks = parseInit(init)
  const order = (track: TrackInfo) => (track.handler === 'vide' ? 0 : track.handler === 'soun' ? 1 : 2)
  return [...tracks].sort((a, b) => order(a) - order(b)).map((track) => track.codec).join(',')
}

/** The MIME type a viewer hands to MediaSource.isTypeSupported and addSourceBuffer. */
export function mimeType(init: Uint8Array): string {
  return `video/mp4; codecs="${codecString(init)}"`
}

/** SampleEntry (8) + VisualSampleEntry fields (70) before a visual entry's child boxes. */
const VISUAL_ENTRY_FIELDS = 78
/** SampleEntry (8) + AudioSampleEntry v0 fields (20); QuickTime sound versions 1 and 2 add 16 and 36 bytes. */
const AUDIO_ENTRY_FIELDS = 28

function sampleEntryCodec(buf: Uint8Array, entry: Box): string {
  const type = entry.type
  if (type === 'avc1' || type === 'avc3') {
    const avcC = childBoxes(buf, entry.bodyStart + VISUAL_ENTRY_FIELDS, entry.end).find((box) => box.type === 'avcC')
    if (!avcC) return type
    // configurationVersion, AVCProfileIndication, profile_compatibility, AVCLevelIndication
    const at = avcC.bodyStart
    return `${type}.${hex(buf[at + 1], 2)}${hex(buf[at + 2], 2)}${hex(buf[at + 3], 2)}`
  }
  if (type === 'hvc1' || type === 'hev1') {
    const hvcC = childBoxes(buf, entry.bodyStart + VISUAL_ENTRY_FIELDS, entry.end).find((box) => box.type === 'hvcC')
    return hvcC ? `${type}.${hevcCodecParameters(buf, hvcC.bodyStart)}` : type
  }
  if (type === 'mp4a') {
    const version = view(buf).getUint16(entry.bodyStart + 8)
    const fields = AUDIO_ENTRY_FIELDS + (version === 1 ? 16 : version === 2 ? 36 : 0)
    const esds = childBoxes(buf, entry.bodyStart + fields, entry.end).find((box) => box.type === 'esds')
    return esds ? mp4aCodec(buf, esds.bodyStart + 4, esds.end) : 'mp4a.40.2'
  }
  if (type === 'Opus') return 'opus'
  return printable(type)
}

/**
 * hvcC -> `<profile space><profile idc>.<compatibility flags, bits reversed>.<tier><level>.<constraint bytes>`
 * (14496-15 Annex E), e.g. `1.6.L93.B0` for Main profile, level 3.1.
 */
function hevcCodecParameters(buf: Uint8Array, at: number): string {
  const profileByte = buf[at + 1]
  const space = ['', 'A', 'B', 'C'][profileByte >> 6]
  const tier = profileByte & 0x20 ? 'H' : 'L'
  const profile = profileByte & 0x1f
  const compatibility = view(buf).getUint32(at + 2)
  let reversed = 0
  for (let bit = 0; bit < 32; bit++) if (compatibility & (1 << bit)) reversed |= 1 << (31 - bit)
  const constraints = [...buf.subarray(at + 6, at + 12)]
  while (constraints.length > 0 && constraints[constraints.length - 1] === 0) constraints.pop()
  const level = buf[at + 12]
  return [`${space}${profile}`, (reversed >>> 0).toString(16).toUpperCase(), `${tier}${level}`, ...constraints.map((b) => hex(b, 2))].join('.')
}

/** Reads one descriptor's tag and variable-length size (14496-1 §8.3.3). */
function readDescriptor(buf: Uint8Array, offset: number, end: number): { tag: number; bodyStart: number; end: number } | null {
  if (offset + 2 > end) return null
  const tag = buf[offset]
  let size = 0
  let at = offset + 1
  for (let i = 0; i < 4 && at < end; i++) {
    const byte = buf[at++]
    size = (size << 7) | (byte & 0x7f)
    if (!(byte & 0x80)) break
  }
  return { tag, bodyStart: at, end: Math.min(end, at + size) }
}

/** esds -> `mp4a.<objectTypeIndication>.<audioObjectType>`: `mp4a.40.2` is AAC-LC. */
function mp4aCodec(buf: Uint8Array, start: number, end: number): string {
  const es = readDescriptor(buf, start, end)
  if (!es || es.tag !== 0x03) return 'mp4a.40.2'
  const flags = buf[es.bodyStart + 2]
  let at = es.bodyStart + 3
  if (flags & 0x80) at += 2 // dependsOn_ES_ID
  if (flags & 0x40) at += 1 + buf[at] // URL
  if (flags & 0x20) at += 2 // OCR_ES_Id
  const config = readDescriptor(buf, at, es.end)
  if (!config || config.tag !== 0x04) return 'mp4a.40.2'
  const objectType = buf[config.bodyStart]
  const oti = objectType.toString(16).toUpperCase()
  // objectTypeIndication, streamType etc. (1), bufferSizeDB (3), maxBitrate (4), avgBitrate (4)
  const specific = readDescriptor(buf, config.bodyStart + 13, config.end)
  if (objectType !== 0x40 || !specific || specific.tag !== 0x05 || specific.bodyStart >= specific.end) return `mp4a.${oti}`
  let audioObjectType = buf[specific.bodyStart] >> 3
  if (audioObjectType === 31 && specific.bodyStart + 1 < specific.end) {
    audioObjectType = 32 + (((buf[specific.bodyStart] & 0x07) << 3) | (buf[specific.bodyStart + 1] >> 5))
  }
  return `mp4a.${oti}.${audioObjectType}`
}

// ------------------------------------------------------------------------------------------------
// Fragments

/**
 * Whether a fragment starts with a sync sample (a keyframe), so a viewer can begin decoding there.
 * For each track fragment the first sample's flags come from trun's first_sample_flags, else the first
 * per-sample flags, else tfhd's default_sample_flags, else trex's default from the init segment.
 * Only the video track decides when it is known; otherwise every track whose flags are known must start in sync.
 */
export function isKeyframeFragment(moof: Uint8Array, tracks: readonly TrackInfo[] = []): boolean {
  const top = readBoxHeader(moof, 0)
  if (!top || top.type !== 'moof') return false
  const video = tracks.find((track) => track.handler === 'vide')
  let decided = false
  for (const traf of children(moof, top, 'traf')) {
    const first = firstSampleFlags(moof, traf, tracks)
    if (!first) continue
    if (video && first.trackId !== video.id) continue
    if (first.flags === null) continue
    if (first.flags & NON_SYNC_SAMPLE) return false
    decided = true
  }
  return decided
}

function firstSampleFlags(buf: Uint8Array, traf: Box, tracks: readonly TrackInfo[]): { trackId: number; flags: number | null } | null {
  const tfhd = child(buf, traf, 'tfhd')
  if (!tfhd) return null
  const data = view(buf)
  const tfhdFlags = data.getUint32(tfhd.bodyStart) & 0xffffff
  const trackId = data.getUint32(tfhd.bodyStart + 4)
  let at = tfhd.bodyStart + 8
  if (tfhdFlags & 0x01) at += 8 // base_data_offset
  if (tfhdFlags & 0x02) at += 4 // sample_description_index
  if (tfhdFlags & 0x08) at += 4 // default_sample_duration
  if (tfhdFlags & 0x10) at += 4 // default_sample_size
  let flags: number | null = tfhdFlags & 0x20 ? data.getUint32(at) : (tracks.find((t) => t.id === trackId)?.defaultSampleFlags ?? null)
  const trun = child(buf, traf, 'trun')
  if (!trun) return { trackId, flags: null }
  const trunFlags = data.getUint32(trun.bodyStart) & 0xffffff
  const sampleCount = data.getUint32(trun.bodyStart + 4)
  if (sampleCount === 0) return { trackId, flags: null }
  let pos = trun.bodyStart + 8
  if (trunFlags & 0x01) pos += 4 // data_offset
  if (trunFlags & 0x04) return { trackId, flags: data.getUint32(pos) } // first_sample_flags
  if (trunFlags & 0x400) {
    if (trunFlags & 0x100) pos += 4 // sample_duration
    if (trunFlags & 0x200) pos += 4 // sample_size
    flags = data.getUint32(pos)
  }
  return { trackId, flags }
}

/** Each track fragment's baseMediaDecodeTime (tfdt), by track id. */
export function decodeTimes(fragment: Uint8Array): Map<number, number> {
  const times = new Map<number, number>()
  for (const { trackId, tfdt } of trackFragments(fragment)) {
    if (!tfdt) continue
    const data = view(fragment)
    const value = fragment[tfdt.bodyStart] === 1 ? Number(data.getBigUint64(tfdt.bodyStart + 4)) : data.getUint32(tfdt.bodyStart + 4)
    times.set(trackId, value)
  }
  return times
}

/**
 * Adds a per-track offset (in the track's timescale) to every tfdt of a fragment, in place. A restarted
 * ffmpeg starts its timestamps at zero again; shifting them keeps one viewer's timeline going forward, so
 * MediaSource appends the new fragments after the old ones instead of over them.
 */
export function shiftDecodeTimes(fragment: Uint8Array, offsets: ReadonlyMap<number, number>): void {
  const data = view(fragment)
  for (const { trackId, tfdt } of trackFragments(fragment)) {
    const offset = offsets.get(trackId)
    if (!tfdt || !offset) continue
    if (fragment[tfdt.bodyStart] === 1) {
      data.setBigUint64(tfdt.bodyStart + 4, data.getBigUint64(tfdt.bodyStart + 4) + BigInt(offset))
    } else {
      // 32-bit times wrap after 13 h at 90 kHz; the muxer writes version 1 for live streams anyway.
      data.setUint32(tfdt.bodyStart + 4, (data.getUint32(tfdt.bodyStart + 4) + offset) >>> 0)
    }
  }
}

function trackFragments(fragment: Uint8Array): { trackId: number; tfdt: Box | undefined }[] {
  const moof = childBoxes(fragment, 0, fragment.length).find((box) => box.type === 'moof')
  if (!moof) return []
  return children(fragment, moof, 'traf').flatMap((traf) => {
    const tfhd = child(fragment, traf, 'tfhd')
    return tfhd ? [{ trackId: view(fragment).getUint32(tfhd.bodyStart + 4), tfdt: child(fragment, traf, 'tfdt') }] : []
  })
}

// ------------------------------------------------------------------------------------------------
// The splitter

/**
 * Cuts ffmpeg's fragmented MP4 byte stream into units as the bytes arrive: everything up to and including
 * moov is the init segment; each moof with its mdat (and any styp/prft/sidx/emsg before it) is one fragment.
 * Bytes are copied once per box at most: chunks are kept until a whole box is there.
 */
export class Mp4Splitter {
  private chunks: Buffer[] = []
  private buffered = 0
  private needed = HEADER
  private initParts: Buffer[] | null = []
  private tracks: TrackInfo[] = []
  private fragmentParts: Buffer[] = []
  private moof: Buffer | null = null

  /** Tracks of the init segment, once it has been seen. */
  get trackInfo(): readonly TrackInfo[] {
    return this.tracks
  }

  push(chunk: Buffer): Mp4Unit[] {
    const units: Mp4Unit[] = []
    if (chunk.length === 0) return units
    this.chunks.push(chunk)
    this.buffered += chunk.length
    while (this.buffered >= this.needed) {
      const buf = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.buffered)
      this.chunks = [buf]
      const header = readBoxHeader(buf, 0)
      if (!header) {
        this.needed = 16
        continue
      }
      const size = header.end
      if (size > MAX_BOX_BYTES) throw new Mp4FormatError(`box '${printable(header.type)}' of ${size} bytes is too large for a live stream`)
      if (buf.length < size) {
        this.needed = size
        break
      }
      const box = buf.subarray(0, size)
      const rest = buf.subarray(size)
      this.chunks = rest.length > 0 ? [rest] : []
      this.buffered = rest.length
      this.needed = HEADER
      const unit = this.take(header.type, box)
      if (unit) units.push(unit)
    }
    return units
  }

  private take(type: string, box: Buffer): Mp4Unit | null {
    if (this.initParts) {
      this.initParts.push(box)
      if (type !== 'moov') return null
      const init = Buffer.concat(this.initParts)
      this.initParts = null
      this.tracks = parseInit(init)
      return { kind: 'init', bytes: init }
    }
    if (type === 'moof') {
      this.moof = box
      this.fragmentParts.push(box)
      return null
    }
    if (type === 'mdat' && this.moof) {
      this.fragmentParts.push(box)
      const bytes = Buffer.concat(this.fragmentParts)
      const keyframe = isKeyframeFragment(this.moof, this.tracks)
      this.fragmentParts = []
      this.moof = null
      return { kind: 'fragment', bytes, keyframe }
    }
    if (FRAGMENT_PREFIX.has(type) && !this.moof) this.fragmentParts.push(box)
    // Anything else between fragments (free, skip, the closing mfra) is not for viewers.
    return null
  }
}
