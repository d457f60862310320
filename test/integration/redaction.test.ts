// Bystander redaction end to end with the real ffmpeg and the real models: a short clip of two people
// walking toward the camera (Intel sample, CC BY 4.0), one of them kept. Checks are made on decoded frames
// of the output: kept pixels equal a reference encode, redacted boxes are block-uniform and unlike the
// original, and bad inputs fail with their own code and leave no file behind.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyzeClip, renderRedaction, RedactionError, type Analysis, type RedactionReport } from '../../main/core/redaction'
import { decodeArgs } from '../../main/core/redaction/ffmpeg-args'
import { readFrames, startFfmpeg } from '../../main/core/redaction/ffmpeg-process'
import type { FrameBox } from '../../main/core/redaction/report'

const ROOT = resolve(__dirname, '../..')
const TSX = join(ROOT, 'node_modules/.bin/tsx')
const MEDIA = '/work/shared/media'
const WALKING = join(MEDIA, 'face-demographics-walking.gif')
const VTEST = join(MEDIA, 'vtest_pets2009_480x360.avi')
const FFMPEG = '/usr/bin/ffmpeg'
const TOOLS = { ffmpeg: FFMPEG, ffprobe: '/usr/bin/ffprobe' }

let dir: string
let analysis: Analysis
let keptId: number

/** Planar yuv420p frames of a file, decoded the way the renderer decodes (same rate and size). */
function decodeFrames(file: string, width: number, height: number, fps: string): Buffer[] {
  const raw = execFileSync(FFMPEG, decodeArgs({ pieces: [{ file, inMs: null, outMs: null }], width, height, fps }, { width, height, pixFmt: 'yuv420p' }), {
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'ignore']
  })
  const size = (width * height * 3) / 2
  return Array.from({ length: Math.floor(raw.length / size) }, (_, i) => raw.subarray(i * size, (i + 1) * size))
}

interface Rect {
  x: number
  y: number
  w: number
  h: number
}
const rectOf = (b: FrameBox): Rect => ({ x: b[1], y: b[2], w: b[3], h: b[4] })
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

/** Luma pixels of a rect, skipping pixels inside any of `avoid`. */
function lumaPixels(frame: Buffer, width: number, r: Rect, avoid: Rect[] = []): number[] {
  const values: number[] = []
  for (let y = r.y; y < r.y + r.h; y++) {
    for (let x = r.x; x < r.x + r.w; x++) {
      if (avoid.some((a) => x >= a.x && x < a.x + a.w && y >= a.y && y < a.y + a.h)) continue
      values.push(frame[y * width + x])
    }
  }
  return values
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length)
const meanAbsDiff = (a: number[], b: number[]) => mean(a.map((v, i) => Math.abs(v - b[i])))
const stdDev = (v: number[]) => {
  const m = mean(v)
  return Math.sqrt(mean(v.map((x) => (x - m) ** 2)))
}

function boxesByFrame(report: RedactionReport, decision: 'kept' | 'redacted'): Map<number, Rect[]> {
  const map = new Map<number, Rect[]>()
  for (const t of report.tracks.filter((t) => t.decision === decision)) {
    for (const b of t.boxes) map.set(b[0], [...(map.get(b[0]) ?? []), rectOf(b)])
  }
  return map
}

async function redactionCode(action: () => Promise<unknown>): Promise<string> {
  try {
    await action()
  } catch (error) {
    expect(error).toBeInstanceOf(RedactionError)
    return (error as RedactionError).code
  }
  return 'no error'
}

/** Nothing but the expected files in the folder: no output, no leftover partial file. */
function filesIn(folder: string): string[] {
  return readdirSync(folder).sort()
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-redact-'))
  analysis = await analyzeClip(WALKING, { tools: TOOLS, workers: 1 })
  // The person seen most often is the subject.
  keptId = [...analysis.tracks].sort((a, b) => b.keyframes.length - a.keyframes.length)[0].id
})

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('analysis of a clip', () => {
  it('finds both people as tracks with stable ids, time spans and thumbnails', () => {
    const persons = analysis.tracks.filter((t) => t.kind === 'person' && t.keyframes.length >= 5)
    expect(persons.length).toBe(2)
    expect(analysis.video).toMatchObject({ width: 480, height: 270, fps: '12/1', frameCount: 35, hasAudio: false })
    for (const t of persons) {
      expect(t.lastFrame - t.firstFrame).toBeGreaterThan(25)
      expect(t.endMs).toBeGreaterThan(t.startMs)
      expect(t.thumbnail).toMatch(/^data:image\/jpeg;base64,\/9j\//)
    }
    expect(analysis.detector.models.map((m) => m.file)).toEqual(['centernet.json', 'blazeface.json'])
    expect(analysis.detector.engine).toBe('@vladmandic/human 3.3.6')
    expect(analysis.timings.workers).toBe(1)
  })
})

describe('rendering with one kept person', () => {
  let report: RedactionReport
  let out: Buffer[]
  let reference: Buffer[]
  let original: Buffer[]
  const W = 480
  const H = 270

  beforeAll(async () => {
    const outFile = join(dir, 'redacted.mp4')
    report = await renderRedaction(WALKING, analysis, { keep: [keptId], effect: 'pixelate' }, outFile, { tools: TOOLS })
    // Reference: the same pipeline and encoder settings with everyone kept, i.e. no effect anywhere.
    await renderRedaction(WALKING, analysis, { keep: analysis.tracks.map((t) => t.id), effect: 'pixelate' }, join(dir, 'reference.mp4'), { tools: TOOLS })
    out = decodeFrames(outFile, W, H, '12/1')
    reference = decodeFrames(join(dir, 'reference.mp4'), W, H, '12/1')
    original = decodeFrames(WALKING, W, H, '12/1')
  })

  it('writes an H.264 MP4 of the same size, rate and frame count, and a report that says who was kept', () => {
    expect(out).toHaveLength(35)
    const probe = JSON.parse(execFileSync('/usr/bin/ffprobe', ['-v', 'error', '-of', 'json', '-show_streams', report.output.file], { encoding: 'utf8' }))
    expect(probe.streams[0]).toMatchObject({ codec_name: 'h264', width: 480, height: 270, r_frame_rate: '12/1', pix_fmt: 'yuv420p' })
    expect(report.output.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(report.tracks.find((t) => t.id === keptId)).toMatchObject({ decision: 'kept' })
    expect(report.summary.redacted).toBe(analysis.tracks.length - 1)
    expect(report.detection.detector.settings.personMinScore).toBe(0.15)
    expect(report.effect.kind).toBe('pixelate')
    expect(filesIn(dir)).toEqual(['redacted.mp4', 'reference.mp4'])
  })

  it('leaves the kept person as the reference encode has them (where no bystander box overlaps)', () => {
    const kept = boxesByFrame(report, 'kept')
    const redacted = boxesByFrame(report, 'redacted')
    let compared = 0
    for (const [frame, rects] of kept) {
      for (const r of rects) {
        const avoid = redacted.get(frame) ?? []
        const a = lumaPixels(out[frame], W, r, avoid)
        const ref = lumaPixels(reference[frame], W, r, avoid)
        const orig = lumaPixels(original[frame], W, r, avoid)
        if (a.length < 500) continue
        compared++
        // Same encoder, same input pixels: only the encoder's decisions around changed neighbours differ.
        expect(meanAbsDiff(a, ref)).toBeLessThan(2)
        // And the reference is the original up to compression.
        expect(meanAbsDiff(ref, orig)).toBeLessThan(3)
      }
    }
    expect(compared).toBeGreaterThan(25)
  })

  it('covers every other person with uniform blocks that no longer show the original', () => {
    const kept = boxesByFrame(report, 'kept')
    let blocks = 0
    for (const track of report.tracks.filter((t) => t.decision === 'redacted' && t.kind === 'person')) {
      for (const box of track.boxes) {
        const frame = box[0]
        const r = rectOf(box)
        // A head zone shares the body's corner and grid; anything else painted or kept there is another box.
        const others = [...(boxesByFrame(report, 'redacted').get(frame) ?? []), ...(kept.get(frame) ?? [])].filter((o) => o.x !== r.x || o.y !== r.y)
        // The box is painted in blocks from its top-left corner; check whole blocks no other box touches.
        const block = box[5]!
        for (let by = r.y; by + block <= r.y + r.h; by += block) {
          for (let bx = r.x; bx + block <= r.x + r.w; bx += block) {
            const cell = { x: bx, y: by, w: block, h: block }
            if (others.some((o) => overlaps(o, cell))) continue
            // Inner part: the codec smears block edges a little.
            const inner = { x: bx + 3, y: by + 3, w: block - 6, h: block - 6 }
            const redactedPixels = lumaPixels(out[frame], W, inner)
            const originalPixels = lumaPixels(original[frame], W, inner)
            expect(stdDev(redactedPixels)).toBeLessThan(3)
            blocks++
            // Where the original had detail, it is gone.
            if (stdDev(originalPixels) > 12) expect(meanAbsDiff(redactedPixels, originalPixels)).toBeGreaterThan(5)
          }
        }
      }
    }
    expect(blocks).toBeGreaterThan(100)
  })

  it('fill paints solid black', async () => {
    const fillReport = await renderRedaction(WALKING, analysis, { keep: [keptId], effect: 'fill' }, join(dir, 'filled.mp4'), { tools: TOOLS })
    const filled = decodeFrames(join(dir, 'filled.mp4'), W, H, '12/1')
    const redacted = fillReport.tracks.find((t) => t.decision === 'redacted' && t.boxes.length > 20)!
    const kept = boxesByFrame(fillReport, 'kept')
    for (const box of redacted.boxes.filter((_, i) => i % 5 === 0)) {
      const r = rectOf(box)
      // The kept person's box is spared where it overlaps (except under the bystander's head).
      expect(mean(lumaPixels(filled[box[0]], W, { x: r.x + 2, y: r.y + 2, w: r.w - 4, h: r.h - 4 }, kept.get(box[0])))).toBeLessThan(20)
    }
    expect(redacted.boxes.every((b) => b.length === 5)).toBe(true)
    rmSync(join(dir, 'filled.mp4'))
  })
})

describe('clips from segments', () => {
  it('joins pieces of two files between in and out points, keeps the audio, covers a manual region', async () => {
    const pieces = { segments: [{ file: VTEST, inMs: 20_000, outMs: 21_500 }, { file: VTEST, inMs: 40_000, outMs: 41_500 }] }
    const segAnalysis = await analyzeClip(pieces, { tools: TOOLS, workers: 0 })
    expect(segAnalysis.video.frameCount).toBe(30)
    expect(segAnalysis.tracks.length).toBeGreaterThan(3)
    const outFile = join(dir, 'segments.mp4')
    const region = { keyframes: [{ atMs: 0, box: { x: 400, y: 20, w: 80, h: 60 } }] }
    const report = await renderRedaction(pieces, segAnalysis, { keep: [], effect: 'fill', regions: [region] }, outFile, { tools: TOOLS })
    expect(report.regions[0].frames).toBe(30)
    const probe = JSON.parse(execFileSync('/usr/bin/ffprobe', ['-v', 'error', '-of', 'json', '-count_frames', '-show_streams', outFile], { encoding: 'utf8' }))
    expect(probe.streams.map((s: { codec_name: string }) => s.codec_name)).toEqual(['h264', 'aac'])
    expect(Number(probe.streams[0].nb_read_frames)).toBe(30)
    const frames = decodeFrames(outFile, 480, 360, '10/1')
    expect(mean(lumaPixels(frames[15], 480, { x: 402, y: 22, w: 76, h: 56 }))).toBeLessThan(20)
    rmSync(outFile)
  })
})

describe('bad input', () => {
  let audioOnly: string
  let garbage: string

  beforeAll(() => {
    audioOnly = join(dir, 'audio-only.m4a')
    execFileSync(FFMPEG, ['-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-c:a', 'aac', audioOnly])
    garbage = join(dir, 'garbage.mp4')
    writeFileSync(garbage, Buffer.alloc(4096, 7))
  })

  it('says so when there is no video stream, the file is unreadable or missing, or the clip reaches beyond the file', async () => {
    expect(await redactionCode(() => analyzeClip(audioOnly, { tools: TOOLS }))).toBe('REDACT_NO_VIDEO')
    expect(await redactionCode(() => analyzeClip(garbage, { tools: TOOLS }))).toBe('REDACT_INPUT_UNREADABLE')
    expect(await redactionCode(() => analyzeClip(join(dir, 'nope.mp4'), { tools: TOOLS }))).toBe('REDACT_INPUT_UNREADABLE')
    expect(await redactionCode(() => analyzeClip({ segments: [{ file: VTEST, inMs: 90_000 }] }, { tools: TOOLS }))).toBe('REDACT_CLIP_OUT_OF_INDEX')
    expect(await redactionCode(() => analyzeClip({ segments: [{ file: VTEST, inMs: 5000, outMs: 5000 }] }, { tools: TOOLS }))).toBe('REDACT_EMPTY_CLIP')
    const out = join(dir, 'never.mp4')
    expect(await redactionCode(() => renderRedaction(audioOnly, analysis, { keep: [], effect: 'fill' }, out, { tools: TOOLS }))).toBe('REDACT_NO_VIDEO')
    expect(existsSync(out)).toBe(false)
  })

  it('refuses an unknown track id, another clip\'s analysis, or the original as output, and writes nothing', async () => {
    const before = filesIn(dir)
    const out = join(dir, 'never.mp4')
    expect(await redactionCode(() => renderRedaction(WALKING, analysis, { keep: [keptId, 999], effect: 'pixelate' }, out, { tools: TOOLS }))).toBe(
      'REDACT_UNKNOWN_TRACK'
    )
    expect(await redactionCode(() => renderRedaction(VTEST, analysis, { keep: [], effect: 'pixelate' }, out, { tools: TOOLS }))).toBe('REDACT_ANALYSIS_MISMATCH')
    expect(await redactionCode(() => renderRedaction(WALKING, analysis, { keep: [], effect: 'pixelate' }, WALKING, { tools: TOOLS }))).toBe('REDACT_OUTPUT_INVALID')
    expect(filesIn(dir)).toEqual(before)
  })

  it('a cancelled analysis stops with its own code', async () => {
    const controller = new AbortController()
    let tick = 0
    const code = await redactionCode(() =>
      analyzeClip(WALKING, { tools: TOOLS, workers: 1, signal: controller.signal, now: () => (tick += 1000) }, (p) => {
        if (p.phase === 'analyzing' && p.framesDone >= 6) controller.abort()
      })
    )
    expect(code).toBe('REDACT_CANCELLED')
  })

  it('a killed decoder settles although frames it wrote were never read', async () => {
    // A render that fails or is cancelled mid-clip awaits the decoder's end; unread output must not hold it up.
    const run = startFfmpeg(FFMPEG, ['-nostdin', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25:duration=20', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', 'pipe:1'])
    const frames = readFrames(run.child.stdout, (320 * 240 * 3) / 2)[Symbol.asyncIterator]()
    for (let i = 0; i < 3; i++) await frames.next()
    await new Promise((resolveWait) => setTimeout(resolveWait, 300))
    run.kill()
    const exit = await Promise.race([run.finished, new Promise<'hung'>((resolveWait) => setTimeout(() => resolveWait('hung'), 5000))])
    expect(exit).not.toBe('hung')
  })

  it('a cancelled render leaves neither the output nor a partial file', async () => {
    const before = filesIn(dir)
    const controller = new AbortController()
    let tick = 0
    const out = join(dir, 'cancelled.mp4')
    const code = await redactionCode(() =>
      renderRedaction(WALKING, analysis, { keep: [], effect: 'pixelate' }, out, { tools: TOOLS, signal: controller.signal, now: () => (tick += 1000) }, (p) => {
        if (p.framesDone >= 10) controller.abort()
      })
    )
    expect(code).toBe('REDACT_CANCELLED')
    expect(filesIn(dir)).toEqual(before)
  })
})

describe('vigil redact (CLI)', () => {
  const cli = (args: string[]) => {
    const result = spawnSync(TSX, [join(ROOT, 'main/cli.ts'), 'redact', ...args], { encoding: 'utf8', timeout: 120_000 })
    return { code: result.status, stdout: result.stdout, stderr: result.stderr }
  }

  it('lists tracks as JSON, renders with a kept track and a report, and refuses an unknown id', () => {
    const cliDir = mkdtempSync(join(tmpdir(), 'vigil-redact-cli-'))
    try {
      const analysisFile = join(cliDir, 'analysis.json')
      const listed = cli([WALKING, '--tracks-only', '--json', '--analysis', analysisFile, '--workers', '1'])
      expect(listed.code).toBe(0)
      const { tracks, video } = JSON.parse(listed.stdout)
      expect(video.frameCount).toBe(35)
      expect(tracks.map((t: { id: number }) => t.id)).toEqual(analysis.tracks.map((t) => t.id))
      expect(tracks[0]).toMatchObject({ label: 'Person 1', kind: 'person' })
      expect(tracks[0].thumbnail).toBeUndefined()
      expect(listed.stderr).toContain('analyzing 35/35 frames')

      const outFile = join(cliDir, 'out.mp4')
      const reportFile = join(cliDir, 'report.json')
      const rendered = cli([WALKING, '-o', outFile, '--keep', String(tracks[0].id), '--effect', 'fill', '--report', reportFile, '--analysis', analysisFile])
      expect(rendered.code).toBe(0)
      expect(rendered.stdout).toContain(`wrote ${outFile}: 35 frames`)
      expect(rendered.stdout).toContain('kept: Person 1')
      const report = JSON.parse(readFileSync(reportFile, 'utf8')) as RedactionReport
      expect(report.tracks[0].decision).toBe('kept')
      expect(report.effect).toEqual({ kind: 'fill', color: [0, 0, 0] })

      const refused = cli([WALKING, '-o', join(cliDir, 'never.mp4'), '--keep', '999', '--analysis', analysisFile])
      expect(refused.code).toBe(2)
      expect(refused.stderr).toContain('Unknown track id 999')
      expect(refused.stderr).toContain('[REDACT_UNKNOWN_TRACK]')
      expect(filesIn(cliDir)).toEqual(['analysis.json', 'out.mp4', 'report.json'])

      const noVideo = cli([join(dir, 'audio-only.m4a'), '--tracks-only'])
      expect(noVideo.code).toBe(2)
      expect(noVideo.stderr).toContain('[REDACT_NO_VIDEO]')
    } finally {
      rmSync(cliDir, { recursive: true, force: true })
    }
  })
})
