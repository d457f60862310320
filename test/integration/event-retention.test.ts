// Events-only recording on real files and a real index: segments outside event windows go, partly covered
// ones are cut at keyframes with the real ffmpeg, held ones stay whole, and a failing ffmpeg loses nothing.
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { HoldsRepo, SegmentsRepo, openDatabase, type Db, type SegmentRecord } from '../../main/core/db'
import type { Logger } from '../../main/core/host'
import { readBoxHeader } from '../../main/core/live/mp4-boxes'
import { SegmentIndexer, sha256File } from '../../main/core/recorder/segment-indexer'
import { segmentRelativePath } from '../../main/core/recorder/segment-paths'
import { EventRetention, TRIM_SCRATCH_DIR, type EventRetentionSummary } from '../../main/core/storage/event-retention'
import type { WindowEvent } from '../../main/core/storage/event-windows'
import { videoCodecArgs } from '../support/media'

const S = 1000
const FPS = 10
/** A keyframe every second, as the brief for these clips asks: "within one GOP" means within this. */
const GOP_MS = 1000
const SEGMENT_MS = 20 * S
const T0 = Date.UTC(2026, 10, 24, 12, 0, 0)
const CAMERA = 'cam-events'
/** Long after the three segments: every one of them is decided. */
const NOW = T0 + 3_600_000

interface Scenario {
  dir: string
  recordingsDir: string
  db: Db
  segments: SegmentsRepo
  holds: HoldsRepo
  indexer: SegmentIndexer
  originals: SegmentRecord[]
  warnings: string[]
  changes: EventRetentionSummary[]
  retention(options: { events: WindowEvent[]; preRollMs: number; postRollMs: number; ffmpeg?: string }): EventRetention
}

/** Three 20 s segments of H.264 + AAC with a 1 s GOP, written by the segment muxer with the recorder's options. */
function encodeSegments(into: string): string[] {
  const result = spawnSync('ffmpeg', [
    '-nostdin', '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=320x240:rate=${FPS}:duration=60`,
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=60',
    ...videoCodecArgs('h264', FPS * (GOP_MS / 1000), 'ultrafast'),
    '-c:a', 'aac', '-b:a', '64k',
    '-f', 'segment', '-segment_time', '20', '-reset_timestamps', '1', '-segment_format', 'mp4',
    '-segment_format_options', 'movflags=+empty_moov+default_base_moof+frag_discont:frag_duration=1000000',
    join(into, 'seg-%03d.mp4')
  ], { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`ffmpeg could not encode the test segments: ${result.stderr}`)
  return readdirSync(into).filter((name) => name.endsWith('.mp4')).sort().map((name) => join(into, name))
}

/** Per-packet MD5s of the video stream (stream copy: the bytes as stored), in decode order. */
function videoPacketHashes(file: string): string[] {
  const result = spawnSync('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:v', '-c', 'copy', '-f', 'framemd5', '-'], { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(result.stderr)
  return result.stdout.split('\n').filter((line) => line && !line.startsWith('#')).map((line) => line.split(',').at(-1)!.trim())
}

/** Decodes the whole file: exit code 0 and not a single error message. */
function decodesCleanly(file: string): boolean {
  const result = spawnSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-'], { encoding: 'utf8' })
  return result.status === 0 && result.stderr.trim() === ''
}

function streams(file: string): string[] {
  const result = spawnSync('ffprobe', ['-v', 'error', '-of', 'csv=p=0', '-show_entries', 'stream=codec_name', file], { encoding: 'utf8' })
  return result.stdout.split('\n').filter(Boolean).sort()
}

/** The file's top-level MP4 box types in order of first appearance: ftyp, moov, moof, mdat, ... */
function boxLayout(file: string): string[] {
  const bytes = readFileSync(file)
  const types: string[] = []
  for (let offset = 0, box = readBoxHeader(bytes, 0); box; offset = box.end, box = readBoxHeader(bytes, offset)) {
    types.push(box.type)
  }
  return [...new Set(types)]
}

function capturingLogger(warnings: string[]): Logger {
  const logger: Logger = {
    info: () => {},
    warn: (message) => warnings.push(message),
    error: (message) => warnings.push(message),
    child: () => logger
  }
  return logger
}

describe('events-only retention', () => {
  let sourceDir: string
  let sources: string[]
  const scenarios: Scenario[] = []

  beforeAll(() => {
    sourceDir = mkdtempSync(join(tmpdir(), 'vigil-events-src-'))
    sources = encodeSegments(sourceDir)
    expect(sources).toHaveLength(3)
  })

  afterEach(() => {
    for (const scenario of scenarios.splice(0)) {
      scenario.db.close()
      rmSync(scenario.dir, { recursive: true, force: true })
    }
  })

  afterAll(() => rmSync(sourceDir, { recursive: true, force: true }))

  /** A fresh database and recordings folder holding the three segments at T0, T0 + 20 s and T0 + 40 s. */
  async function scenario(): Promise<Scenario> {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-events-'))
    const recordingsDir = join(dir, 'recordings')
    const db = openDatabase(join(dir, 'vigil.db'))
    const segments = new SegmentsRepo(db)
    const holds = new HoldsRepo(db)
    const warnings: string[] = []
    const changes: EventRetentionSummary[] = []
    const logger = capturingLogger(warnings)
    const indexer = new SegmentIndexer({ segments, recordingsDir, ffprobe: 'ffprobe', logger, timeZone: 'UTC', onIndexed: () => {} })
    const originals: SegmentRecord[] = []
    for (const [index, source] of sources.entries()) {
      const start = T0 + index * SEGMENT_MS
      const relative = segmentRelativePath(CAMERA, start)
      mkdirSync(dirname(join(recordingsDir, relative)), { recursive: true })
      copyFileSync(source, join(recordingsDir, relative))
      const indexed = await indexer.indexExisting(CAMERA, relative, start)
      expect(indexed).not.toBeNull()
      originals.push(segments.byId(indexed!.id)!)
    }
    const built: Scenario = {
      dir, recordingsDir, db, segments, holds, indexer, originals, warnings, changes,
      retention: ({ events, preRollMs, postRollMs, ffmpeg = 'ffmpeg' }) =>
        new EventRetention({
          segments, holds, indexer, recordingsDir, ffmpeg, ffprobe: 'ffprobe', logger,
          modes: () => new Map([[CAMERA, { preRollMs, postRollMs }]]),
          eventsIn: (cameraId, from, to) =>
            cameraId === CAMERA ? events.filter((e) => e.start < to && (e.end === null || e.end > from)) : [],
          now: () => NOW,
          onChanged: (summary) => changes.push(summary)
        })
    }
    scenarios.push(built)
    return built
  }

  const fileOf = (s: Scenario, segment: SegmentRecord) => join(s.recordingsDir, segment.path)
  const rows = (s: Scenario) => s.segments.present().filter((segment) => segment.cameraId === CAMERA)

  it('deletes the segments outside the window and cuts the one around the event to the window, at keyframes', async () => {
    const s = await scenario()
    const [first, second, third] = s.originals
    // In the middle of the 2nd segment, off the keyframe grid: window [25.5 s, 34.2 s] after T0.
    const event = { start: T0 + 28_500, end: T0 + 30_200 }
    const preRollMs = 3000
    const postRollMs = 4000
    const wantedFrom = event.start - preRollMs
    const wantedTo = event.end + postRollMs
    const secondPackets = videoPacketHashes(fileOf(s, second))

    const summary = await s.retention({ events: [event], preRollMs, postRollMs }).enforce()

    expect(summary).toEqual({ deleted: 2, trimmed: 1 })
    expect(s.changes).toEqual([{ deleted: 2, trimmed: 1 }])
    expect(s.warnings).toEqual([])
    for (const gone of [first, second, third]) {
      expect(existsSync(fileOf(s, gone)), gone.path).toBe(false)
      expect(s.segments.byPath(gone.path), gone.path).toBeUndefined()
    }
    const [part, ...more] = rows(s)
    expect(more).toEqual([])
    expect(part.start).toBeLessThanOrEqual(wantedFrom)
    expect(part.start).toBeGreaterThan(wantedFrom - GOP_MS)
    expect(part.end).toBeGreaterThanOrEqual(wantedTo)
    expect(part.end).toBeLessThanOrEqual(wantedTo + GOP_MS)

    const file = fileOf(s, part)
    expect(part.path).toBe(segmentRelativePath(CAMERA, part.start))
    expect(part.sha256).toBe(await sha256File(file))
    expect(streams(file)).toEqual(['aac', 'h264'])
    expect(decodesCleanly(file)).toBe(true)
    // A fragmented MP4 like the recorder's own files (what the player's MediaSource path expects).
    expect(boxLayout(file)).toEqual(['ftyp', 'moov', 'moof', 'mdat', 'mfra'])
    expect(boxLayout(file)).toEqual(boxLayout(sources[1]))
    // Stream copy of exactly the stretch from the keyframe at 25 s up to the keyframe at 35 s: same packets.
    const frameAt = (ms: number) => Math.round(((ms - second.start) / 1000) * FPS)
    expect(videoPacketHashes(file)).toEqual(secondPackets.slice(frameAt(part.start), frameAt(part.end)))
    expect(existsSync(join(s.recordingsDir, TRIM_SCRATCH_DIR)) ? readdirSync(join(s.recordingsDir, TRIM_SCRATCH_DIR)) : []).toEqual([])

    // Decided segments stay decided: the next pass changes nothing.
    expect(await s.retention({ events: [event], preRollMs, postRollMs }).enforce()).toEqual({ deleted: 0, trimmed: 0 })
    expect(rows(s).map((segment) => segment.id)).toEqual([part.id])
  })

  it('lets a part that starts with its segment take over the segment\'s file name', async () => {
    const s = await scenario()
    const [first, second, third] = s.originals
    // Window [15.5 s, 25.5 s]: the end of the 1st segment and the start of the 2nd.
    const event = { start: T0 + 17_500, end: T0 + 22_000 }

    expect(await s.retention({ events: [event], preRollMs: 2000, postRollMs: 3500 }).enforce()).toEqual({ deleted: 1, trimmed: 2 })

    expect(existsSync(fileOf(s, third))).toBe(false)
    const [tail, head, ...more] = rows(s)
    expect(more).toEqual([])
    // From the keyframe at or before 15.5 s (the first segment's frames sit 21 ms after whole seconds).
    expect(tail.start).toBeLessThanOrEqual(event.start - 2000)
    expect(tail.start).toBeGreaterThan(event.start - 2000 - GOP_MS)
    expect(tail.end).toBeGreaterThanOrEqual(first.end - 100)
    expect(existsSync(fileOf(s, first))).toBe(false)
    expect(s.segments.byPath(first.path)).toBeUndefined()
    // The 2nd segment's cut starts where it did, so it lives under the same name, with its own hash and length.
    expect(head.path).toBe(second.path)
    expect(head.start).toBe(second.start)
    expect(head.end).toBeGreaterThanOrEqual(event.end + 3500)
    expect(head.end).toBeLessThanOrEqual(event.end + 3500 + GOP_MS)
    expect(head.sha256).not.toBe(second.sha256)
    for (const part of [tail, head]) {
      expect(part.sha256).toBe(await sha256File(fileOf(s, part)))
      expect(decodesCleanly(fileOf(s, part))).toBe(true)
    }
  })

  it('keeps held segments whole, even where an event would cut or delete them', async () => {
    const s = await scenario()
    const [first, second, third] = s.originals
    s.holds.place(CAMERA, second.start + 1000, second.start + 2000, 'police request')
    s.holds.place(CAMERA, third.end - 1000, third.end, 'insurance claim')
    const event = { start: T0 + 28_500, end: T0 + 30_200 }

    expect(await s.retention({ events: [event], preRollMs: 3000, postRollMs: 4000 }).enforce()).toEqual({ deleted: 1, trimmed: 0 })

    expect(existsSync(fileOf(s, first))).toBe(false)
    expect(rows(s)).toEqual([second, third])
    for (const held of [second, third]) expect(await sha256File(fileOf(s, held))).toBe(held.sha256)
  })

  it('keeps the whole segment when ffmpeg fails, and does not retry it every pass', async () => {
    const s = await scenario()
    const [first, second, third] = s.originals
    const event = { start: T0 + 28_500, end: T0 + 30_200 }
    const retention = s.retention({ events: [event], preRollMs: 3000, postRollMs: 4000, ffmpeg: join(s.dir, 'no-such-ffmpeg') })

    expect(await retention.enforce()).toEqual({ deleted: 2, trimmed: 0 })

    expect([first, third].map((gone) => existsSync(fileOf(s, gone)))).toEqual([false, false])
    expect(rows(s)).toEqual([second])
    expect(await sha256File(fileOf(s, second))).toBe(second.sha256)
    expect(s.warnings).toHaveLength(1)
    expect(s.warnings[0]).toContain(`kept ${second.path} whole`)
    expect(readdirSync(join(s.recordingsDir, TRIM_SCRATCH_DIR))).toEqual([])

    expect(await retention.enforce()).toEqual({ deleted: 0, trimmed: 0 })
    expect(s.warnings).toHaveLength(1)
  })
})
