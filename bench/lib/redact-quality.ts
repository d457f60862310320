// Quality of a redaction on one test clip: analyse, keep one subject, render, then
//  - leak rate: people the independent detectors (redact-leak-child.ts) find in the original that they
//    still find at the same place in the output, for faces and for whole persons;
//  - the kept subject untouched: their boxes in the output against a reference encode (everyone kept);
//  - cost in context: the share of the picture that was covered.
import { execFileSync, spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { analyzeClip, renderRedaction, type Analysis, type RedactionReport } from '../../main/core/redaction'
import { decodeArgs } from '../../main/core/redaction/ffmpeg-args'
import type { Box } from '../../main/core/redaction/geometry'
import type { LeakJob, LeakResult } from './redact-leak-child'

const TSX = path.resolve(__dirname, '../../node_modules/tsx/dist/cli.mjs')
const LEAK_CHILD = path.join(__dirname, 'redact-leak-child.ts')
const TOOLS = { ffmpeg: '/usr/bin/ffmpeg', ffprobe: '/usr/bin/ffprobe' }

export interface QualityItem {
  name: string
  file: string
  /** Check every n-th frame (the person scan costs about 2 s a frame). */
  faceEvery: number
  personEvery: number
  /** Spots where MoveNet poses something that is not a person (reviewed from crops); finds there are not counted. */
  nonPersons?: { box: Box; what: string }[]
}

export interface QualityResult {
  name: string
  frames: number
  fps: string
  size: string
  tracks: number
  keptTrack: number | null
  /** Detection ran on every k-th frame. */
  detectEvery: number
  faces: LeakResult
  persons: LeakResult
  /** Mean absolute luma difference, output vs reference encode, inside the kept boxes (bystander overlaps left out). */
  keptMeanAbsDiff: number | null
  keptWorstBoxDiff: number | null
  /** Frames on which a bystander's box covered part of the kept subject. */
  keptFramesPartlyCovered: number
  /** Mean share of the picture covered per frame. */
  coveredShare: number
  analysisMs: number
}

/** The subject: the confident person track seen on the most frames (a static false find scores lower). */
export function chooseSubject(analysis: Analysis): number | null {
  const candidates = analysis.tracks.filter((t) => t.kind === 'person' && t.bestScore >= 0.5)
  candidates.sort((a, b) => b.keyframes.length - a.keyframes.length)
  return candidates[0]?.id ?? null
}

function decodeLuma(file: string, a: Analysis): Buffer[] {
  const { width, height, fps } = a.video
  const raw = execFileSync(TOOLS.ffmpeg, decodeArgs({ pieces: [{ file, inMs: null, outMs: null }], width, height, fps }, { width, height, pixFmt: 'yuv420p' }), {
    maxBuffer: 2 ** 31,
    stdio: ['ignore', 'pipe', 'ignore']
  })
  const size = (width * height * 3) / 2
  return Array.from({ length: Math.floor(raw.length / size) }, (_, i) => raw.subarray(i * size, i * size + width * height))
}

const rectOf = (b: number[]): Box => ({ x: b[1], y: b[2], w: b[3], h: b[4] })
const inside = (x: number, y: number, r: Box) => x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h

function keptDifference(report: RedactionReport, out: Buffer[], reference: Buffer[], width: number): { mean: number | null; worst: number | null } {
  const redactedByFrame = new Map<number, Box[]>()
  for (const t of report.tracks.filter((t) => t.decision === 'redacted')) for (const b of t.boxes) redactedByFrame.set(b[0], [...(redactedByFrame.get(b[0]) ?? []), rectOf(b)])
  let total = 0
  let count = 0
  let worst: number | null = null
  for (const t of report.tracks.filter((t) => t.decision === 'kept')) {
    for (const b of t.boxes) {
      const r = rectOf(b)
      const avoid = redactedByFrame.get(b[0]) ?? []
      let sum = 0
      let n = 0
      for (let y = r.y; y < r.y + r.h; y++) {
        for (let x = r.x; x < r.x + r.w; x++) {
          if (avoid.some((a) => inside(x, y, a))) continue
          sum += Math.abs(out[b[0]][y * width + x] - reference[b[0]][y * width + x])
          n++
        }
      }
      if (n < 200) continue
      total += sum
      count += n
      worst = Math.max(worst ?? 0, sum / n)
    }
  }
  return { mean: count ? total / count : null, worst }
}

/** Mean share of each frame's area inside at least one painted rectangle. */
function coveredShare(report: RedactionReport, width: number, height: number): number {
  const byFrame = new Map<number, Box[]>()
  const painted = [...report.tracks.filter((t) => t.decision === 'redacted').flatMap((t) => t.boxes), ...report.regions.flatMap((r) => r.boxes)]
  for (const b of painted) byFrame.set(b[0], [...(byFrame.get(b[0]) ?? []), rectOf(b)])
  const mask = new Uint8Array(width * height)
  let share = 0
  for (const rects of byFrame.values()) {
    mask.fill(0)
    let covered = 0
    for (const r of rects) {
      for (let y = r.y; y < r.y + r.h; y++) {
        for (let x = r.x; x < r.x + r.w; x++) {
          if (!mask[y * width + x]) {
            mask[y * width + x] = 1
            covered++
          }
        }
      }
    }
    share += covered / (width * height)
  }
  return share / report.output.frames
}

function runLeakChild(job: LeakJob, jobFile: string): Promise<LeakResult> {
  writeFileSync(jobFile, JSON.stringify(job))
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, LEAK_CHILD, jobFile], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)))
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(stdout.trim().split('\n').at(-1)!)) : reject(new Error(`leak check (${job.mode}) failed:\n${stderr}`))))
  })
}

export async function measureQuality(item: QualityItem, dir: string, detectFps?: number): Promise<QualityResult> {
  const started = performance.now()
  const analysis = await analyzeClip(item.file, { tools: TOOLS, detectFps })
  const analysisMs = performance.now() - started
  const subject = chooseSubject(analysis)
  const slug = item.name.replace(/\W+/g, '-')
  const outFile = path.join(dir, `${slug}-redacted.mp4`)
  const refFile = path.join(dir, `${slug}-reference.mp4`)
  const report = await renderRedaction(item.file, analysis, { keep: subject ? [subject] : [], effect: 'pixelate' }, outFile, { tools: TOOLS })
  await renderRedaction(item.file, analysis, { keep: analysis.tracks.map((t) => t.id), effect: 'pixelate' }, refFile, { tools: TOOLS })
  const { width, height, fps, frameCount } = analysis.video
  const kept = report.tracks.find((t) => t.decision === 'kept')
  const diff = kept ? keptDifference(report, decodeLuma(outFile, analysis), decodeLuma(refFile, analysis), width) : { mean: null, worst: null }

  const keptBoxes: Record<number, Box[]> = {}
  for (const b of kept?.boxes ?? []) (keptBoxes[b[0]] ??= []).push(rectOf(b))
  const frames = (every: number) => Array.from({ length: frameCount }, (_, i) => i).filter((i) => i % every === 0)
  // BENCH_LEAK_CROPS=DIR keeps a crop of every leak (original and output) for a human to look at.
  const base = { original: item.file, redacted: outFile, width, height, fps, kept: keptBoxes, debugDir: process.env.BENCH_LEAK_CROPS, nonPersons: item.nonPersons?.map((n) => n.box) }
  const [faces, persons] = await Promise.all([
    runLeakChild({ ...base, mode: 'faces', frames: frames(item.faceEvery) }, path.join(dir, `${slug}-faces.json`)),
    runLeakChild({ ...base, mode: 'persons', frames: frames(item.personEvery) }, path.join(dir, `${slug}-persons.json`))
  ])
  return {
    name: item.name,
    frames: frameCount,
    fps,
    size: `${width}x${height}`,
    tracks: analysis.tracks.length,
    keptTrack: subject,
    detectEvery: analysis.tracker.detectEvery,
    faces,
    persons,
    keptMeanAbsDiff: diff.mean,
    keptWorstBoxDiff: diff.worst,
    keptFramesPartlyCovered: kept?.framesPartlyCovered ?? 0,
    coveredShare: coveredShare(report, width, height),
    analysisMs
  }
}
