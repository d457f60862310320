// Redaction benchmark: how fast is the bystander redaction on this 2-core machine, and how much leaks?
//
// Throughput: 60 s clips at 720p and 1080p, 15 fps (the PETS 2009 scene from vtest, scaled), each analysed
// and rendered with everyone redacted in a child process of its own, split into decode, detect, track,
// paint and encode; same-run baseline: bare ffmpeg decoding and encoding the same clip with the same
// encoder settings. Detection on the calling thread, one worker and two workers are compared at 720p.
// Quality: the ../shared/media clips and the group photo, one subject kept, leaks counted by detectors
// that do not drive the redaction (see lib/redact-leak-child.ts).
//
//   npm run bench:redact                  (about 20 minutes)
//   BENCH_SECONDS=15 npm run bench:redact (quick check of the throughput part)
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DEFAULT_ENCODER } from '../main/core/redaction/ffmpeg-args'
import { parseBenchmark } from '../main/core/redaction/ffmpeg-args'
import { TreeSampler, type TreeStats } from './lib/proc-stats'
import { measureQuality, type QualityItem, type QualityResult } from './lib/redact-quality'
import { machine } from './lib/machine'

const RESULTS_DIR = path.join(__dirname, 'results')
const TSX = path.resolve(__dirname, '../node_modules/tsx/dist/cli.mjs')
const RUN_CHILD = path.join(__dirname, 'lib/redact-run-child.ts')
const FFMPEG = '/usr/bin/ffmpeg'
const MEDIA = '/work/shared/media'
const VTEST = path.join(MEDIA, 'vtest_pets2009_480x360.avi')
const CLIP_SECONDS = Number(process.env.BENCH_SECONDS ?? 60)
const FPS = 15
/** Detector threads per run (0 = Node's main thread); one 720p run also with fewer detections (4 a second instead of 5). */
const SIZES = [
  { name: '720p', width: 1280, height: 720, kbps: 3000, runs: [{ workers: 0 }, { workers: 1 }, { workers: 2 }, { workers: 2, detectFps: 4 }] },
  { name: '1080p', width: 1920, height: 1080, kbps: 5000, runs: [{ workers: 1 }, { workers: 2 }] }
]
const QUALITY: QualityItem[] = [
  {
    name: 'vtest (PETS 2009, 480x360)',
    file: VTEST,
    faceEvery: 10,
    personEvery: 20,
    // MoveNet gives the tripod on the lawn a confident pose (5x25 px); nobody walks there in this clip.
    nonPersons: [{ box: { x: 296, y: 196, w: 36, h: 70 }, what: 'the tripod on the lawn' }]
  },
  { name: 'walking (2 people toward camera)', file: path.join(MEDIA, 'face-demographics-walking.gif'), faceEvery: 1, personEvery: 2 },
  { name: 'classroom (4 seated, small faces)', file: path.join(MEDIA, 'classroom.gif'), faceEvery: 1, personEvery: 2 },
  { name: 'head-pose (2 close, turning)', file: path.join(MEDIA, 'head-pose-face-detection-female-and-male.gif'), faceEvery: 1, personEvery: 2 },
  { name: 'group photo (6 walking)', file: path.join(MEDIA, 'group1_walking_six_people.jpg'), faceEvery: 1, personEvery: 1 }
]
const GOAL = { speed: 1.0, faceLeakPercent: 0, personLeakPercent: 1 }
/** BENCH_PARTS=throughput or =quality runs one half (for trying things out; results are then partial). */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'throughput,quality').split(','))
/** BENCH_QUALITY=walking,classroom limits the quality part to clips whose name starts with these words. */
const QUALITY_FILTER = process.env.BENCH_QUALITY?.split(',')
/** BENCH_DETECT_FPS=4 measures the quality part with fewer detections than the default (5 a second). */
const QUALITY_DETECT_FPS = process.env.BENCH_DETECT_FPS ? Number(process.env.BENCH_DETECT_FPS) : undefined

// ---------------------------------------------------------------------------------------------
// Everything started here is registered, so Ctrl+C or a failure leaves no process and no temp dir.

const tempDirs = new Set<string>()
const children = new Set<ChildProcess>()

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix))
  tempDirs.add(dir)
  return dir
}

function cleanup(): void {
  for (const child of children) child.kill('SIGKILL')
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping and removing temp dirs...\n`)
    cleanup()
    process.exit(130)
  })
}

// ---------------------------------------------------------------------------------------------
// Machine state: the machine is shared, so every run records how busy the rest of it was.

/** Busy and total CPU ticks of the whole machine since boot (/proc/stat). */
function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number)
  const idle = fields[3] + (fields[4] ?? 0)
  const total = fields.reduce((a, b) => a + b, 0)
  return { busy: total - idle, total }
}

/** Percent of one core used by the whole machine between two readings. */
function machinePercent(a: { busy: number; total: number }, b: { busy: number; total: number }): number {
  const cores = os.cpus().length
  return ((b.busy - a.busy) / Math.max(1, b.total - a.total)) * 100 * cores
}

// ---------------------------------------------------------------------------------------------
// Throughput

function makeClip(dir: string, size: (typeof SIZES)[number]): string {
  const file = path.join(dir, `vtest-${size.name}-${FPS}fps-${CLIP_SECONDS}s.mp4`)
  // vtest is 4:3 at 10 fps: stretched to 16:9 and brought to 15 fps, with its (silent) AAC track.
  execFileSync(FFMPEG, [
    '-nostdin', '-v', 'error', '-y', '-stream_loop', '-1', '-i', VTEST, '-t', String(CLIP_SECONDS),
    '-vf', `scale=${size.width}:${size.height},fps=${FPS}`,
    '-c:v', 'libx264', '-preset', 'veryfast', '-b:v', `${size.kbps}k`, '-maxrate', `${size.kbps}k`, '-bufsize', `${size.kbps * 2}k`,
    '-g', String(FPS * 2), '-bf', '0', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '64k', '-movflags', '+faststart', file
  ])
  return file
}

interface BaselineResult {
  wallMs: number
  cpuMs: number | null
  speed: number
}

/** Bare ffmpeg: decode and encode the same clip with the renderer's encoder settings. */
function baseline(clip: string, dir: string): BaselineResult {
  const started = performance.now()
  const result = spawnSync(FFMPEG, [
    '-nostdin', '-hide_banner', '-nostats', '-loglevel', 'info', '-benchmark', '-y', '-i', clip,
    '-c:v', 'libx264', '-preset', DEFAULT_ENCODER.preset, '-crf', String(DEFAULT_ENCODER.crf), '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', `${DEFAULT_ENCODER.audioBitrateKbps}k`, '-movflags', '+faststart', path.join(dir, 'baseline.mp4')
  ], { encoding: 'utf8' })
  const wallMs = performance.now() - started
  if (result.status !== 0) throw new Error(`baseline ffmpeg failed: ${result.stderr.slice(-2000)}`)
  return { wallMs, cpuMs: parseBenchmark(result.stderr)?.cpuMs ?? null, speed: (CLIP_SECONDS * 1000) / wallMs }
}

interface ChildTimings {
  video: { frameCount: number; durationMs: number }
  tracks: number
  detectEvery: number
  analysisWallMs: number
  renderWallMs: number
  analysis: { decodeWaitMs: number; detectMs: number; trackMs: number; motionMs: number; thumbnailMs: number; modelLoadMs: number; detectedFrames: number; workers: number; ffmpegCpuMs: number | null }
  render: { decodeWaitMs: number; effectMs: number; encodeWaitMs: number; decoderCpuMs: number | null; encoderCpuMs: number | null }
}

interface VigilRun {
  size: string
  workers: number
  detectFps: number
  timings: ChildTimings
  stats: TreeStats
  /** Machine-wide CPU in the run minus this run's own: other sessions on the shared machine. */
  othersCpuPercent: number
  loadBefore: number[]
  speed: { analysis: number; render: number; total: number }
}

async function vigilRun(clip: string, size: string, workers: number, detectFps: number, dir: string): Promise<VigilRun> {
  const loadBefore = os.loadavg().map((l) => Number(l.toFixed(2)))
  const ticksBefore = machineTicks()
  const job = { clip, out: path.join(dir, `out-${size}-${workers}-${detectFps}.mp4`), workers, detectFps }
  const child = spawn(process.execPath, [TSX, RUN_CHILD, JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(child)
  const sampler = new TreeSampler(() => (child.pid ? [child.pid] : []), { intervalMs: 250 })
  sampler.start()
  sampler.mark()
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
  child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)))
  // The sampler reads the tree until the very end; the exit code arrives after the last sample.
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  const stats = sampler.stop()
  children.delete(child)
  const ticksAfter = machineTicks()
  if (code !== 0) throw new Error(`redaction run ${size} / ${workers} workers failed:\n${stderr}`)
  const timings = JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildTimings
  const seconds = timings.video.durationMs / 1000
  return {
    size,
    workers,
    detectFps,
    timings,
    stats,
    othersCpuPercent: Math.max(0, machinePercent(ticksBefore, ticksAfter) - stats.cpuPercent),
    loadBefore,
    speed: {
      analysis: seconds / (timings.analysisWallMs / 1000),
      render: seconds / (timings.renderWallMs / 1000),
      total: seconds / ((timings.analysisWallMs + timings.renderWallMs) / 1000)
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const fixed = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? 'n/a' : v.toFixed(digits))
const secs = (ms: number | null | undefined) => (ms === null || ms === undefined ? 'n/a' : (ms / 1000).toFixed(1))
const percent = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : 0)

function throughputTable(runs: VigilRun[], baselines: Record<string, BaselineResult>): string[] {
  const lines = [
    '| clip | detector threads | detections/s (every k-th frame) | analysis x | render x | total x | baseline x | total / baseline | decode CPU s (analysis + render) | detect s | track s | paint s | encode CPU s | CPU % | RSS peak MiB | others CPU % | load before |',
    '|------|------------------|---------------------------------|------------|----------|---------|------------|------------------|----------------------------------|----------|---------|---------|--------------|-------|--------------|--------------|-------------|'
  ]
  for (const r of runs) {
    const t = r.timings
    const base = baselines[r.size]
    const threads = r.workers === 0 ? 'main thread' : `${r.workers} worker${r.workers > 1 ? 's' : ''}`
    lines.push(
      `| ${r.size} | ${threads} | ${r.detectFps} (${t.detectEvery}) | ${fixed(r.speed.analysis)} | ${fixed(r.speed.render)} | ${fixed(r.speed.total)} | ${fixed(base.speed)} | ${fixed(r.speed.total / base.speed)} | ` +
        `${secs(t.analysis.ffmpegCpuMs)} + ${secs(t.render.decoderCpuMs)} | ${secs(t.analysis.detectMs)} | ${secs(t.analysis.trackMs + t.analysis.motionMs + t.analysis.thumbnailMs)} | ${secs(t.render.effectMs)} | ${secs(t.render.encoderCpuMs)} | ` +
        `${fixed(r.stats.cpuPercent, 0)} | ${fixed(r.stats.rssPeakAllMiB, 0)} | ${fixed(r.othersCpuPercent, 0)} | ${r.loadBefore.join(' ')} |`
    )
  }
  return lines
}

function qualityTable(results: QualityResult[]): string[] {
  const lines = [
    '| clip | frames | detect every | tracks | kept | faces seen / leaked (sampled frames) | persons seen / leaked (sampled frames) | kept: mean abs diff (worst box) | kept frames partly covered | picture covered |',
    '|------|--------|--------------|--------|------|-------------------------------------|----------------------------------------|---------------------------------|----------------------------|-----------------|'
  ]
  for (const q of results) {
    lines.push(
      `| ${q.name} | ${q.frames} | ${q.detectEvery} | ${q.tracks} | ${q.keptTrack ?? 'none'} | ${q.faces.visible} / ${q.faces.leaked} (${q.faces.sampledFrames}) | ${q.persons.visible} / ${q.persons.leaked} (${q.persons.sampledFrames}) | ` +
        `${fixed(q.keptMeanAbsDiff)} (${fixed(q.keptWorstBoxDiff)}) | ${q.keptFramesPartlyCovered} | ${fixed(q.coveredShare * 100, 1)}% |`
    )
  }
  const sum = (pick: (q: QualityResult) => number) => results.reduce((a, q) => a + pick(q), 0)
  const faces = { seen: sum((q) => q.faces.visible), leaked: sum((q) => q.faces.leaked) }
  const persons = { seen: sum((q) => q.persons.visible), leaked: sum((q) => q.persons.leaked) }
  lines.push(`| **all** | | | | | ${faces.seen} / ${faces.leaked} (${fixed(percent(faces.leaked, faces.seen), 1)}%) | ${persons.seen} / ${persons.leaked} (${fixed(percent(persons.leaked, persons.seen), 1)}%) | | | |`)
  return lines
}

function leakDetails(results: QualityResult[]): string[] {
  const lines: string[] = []
  for (const q of results) {
    for (const [kind, r] of [['face', q.faces], ['person', q.persons]] as const) {
      for (const leak of r.leaks) lines.push(`- ${q.name}: ${kind} at frame ${leak.frame}, box ${Math.round(leak.box.x)},${Math.round(leak.box.y)} ${Math.round(leak.box.w)}x${Math.round(leak.box.h)}, found again with score ${leak.score.toFixed(2)}`)
    }
  }
  return lines.length ? lines : ['- none']
}

function goalLines(runs: VigilRun[], quality: QualityResult[]): string[] {
  const best720 = Math.max(0, ...runs.filter((r) => r.size === '720p' && r.detectFps === 5).map((r) => r.speed.total))
  const sum = (pick: (q: QualityResult) => number) => quality.reduce((a, q) => a + pick(q), 0)
  const faceRate = percent(sum((q) => q.faces.leaked), sum((q) => q.faces.visible))
  const personRate = percent(sum((q) => q.persons.leaked), sum((q) => q.persons.visible))
  const keptFound = sum((q) => q.faces.keptStillFound + q.persons.keptStillFound)
  const keptSeen = sum((q) => q.faces.keptVisible + q.persons.keptVisible)
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL')
  return [
    `- Throughput: ${fixed(best720)}x real time for 720p at ${FPS} fps with the default settings (best thread count), analysis + render (goal ${GOAL.speed}x) -> ${verdict(best720 >= GOAL.speed)}`,
    `- Face leak rate: ${fixed(faceRate, 1)}% (goal ${GOAL.faceLeakPercent}) -> ${verdict(faceRate <= GOAL.faceLeakPercent)}`,
    `- Person leak rate: ${fixed(personRate, 1)}% of person-frames (goal under ${GOAL.personLeakPercent}%) -> ${verdict(personRate < GOAL.personLeakPercent)}`,
    `- Kept subjects: found again in the output ${keptFound} of ${keptSeen} times; pixel difference to the reference encode in the table`
  ]
}

const NOTES = [
  `Clips: vtest (PETS 2009, 480x360, 10 fps) looped to ${CLIP_SECONDS} s, stretched to 1280x720 / 1920x1080 and brought to ${FPS} fps (frames repeat), H.264 veryfast at 3 / 5 Mb/s with AAC; made in a temp dir for each run, never kept.`,
  'Each Vigil run is one child process: analyzeClip (detection every k-th frame, k = fps / 5) then renderRedaction with everyone redacted (pixelate). x real time = video seconds / wall seconds; total = analysis + render.',
  `Baseline: bare ffmpeg decoding the same clip and encoding it with the renderer's settings (libx264 ${DEFAULT_ENCODER.preset}, crf ${DEFAULT_ENCODER.crf}, AAC), in the same run; "total / baseline" is Vigil's speed as a share of it.`,
  'Stages: decode = CPU seconds of the decoding ffmpegs (from -benchmark); detect = sum of detector time over all detected frames (worker threads run these in parallel); track = tracker + motion mask + thumbnails; paint = pixelation in Node; encode = CPU seconds of the encoding ffmpeg.',
  'CPU % and RSS peak: the run\'s process tree (Node with its worker threads, ffmpegs), sampled every 250 ms; CPU in percent of one core over the whole run. others CPU % = machine-wide busy time minus ours over the same run: other sessions on this shared 2-core machine.',
  'Leaks: for each clip one subject is kept (the confident person track seen most often) and everyone else pixelated. Faces: face-api SSD MobileNet v1 finds faces (score >= 0.5) in the original; a face is leaked when SSD (score >= 0.3) finds a face at the same place (IoU >= 0.3) in the output. Persons: MoveNet Lightning on overlapping square windows (0.3 and 0.55 of the frame height) finds confident poses (score >= 0.35, >= 7 keypoints >= 0.3, keypoints spanning at least 12 px in height: MoveNet sometimes collapses a "pose" on a bare wall) in the original; a person is leaked when MoveNet finds a confident pose at the same place in the same window of the output. MoveNet also poses the tripod on the lawn in vtest (crops reviewed: no person there, nobody walks there); finds centred on that spot are not counted ("ignored" in the JSON). Finds on the kept subject are counted apart. Neither model drives the redaction (CenterNet + BlazeFace do).',
  'Kept untouched: mean absolute luma difference inside the kept subject\'s boxes between the output and a reference render with everyone kept (same pipeline and encoder), where no bystander box overlaps. "Kept frames partly covered": frames on which a bystander\'s head zone or face, or a false find, was painted inside the kept subject\'s box (the default overlap rule). "Found again" counts kept subjects MoveNet/SSD still find in the output; MoveNet looks at a window, so pixelated neighbours in the same window change its answer even where the subject is untouched.',
  'Picture covered: mean share of each frame inside a painted box (false finds such as traffic cones count: the cost of recall).'
]

async function main(): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true })
  const startedAt = new Date().toISOString()
  const env = machine()
  console.log(`redaction benchmark: ${env.cpu}, ${env.cores} cores, load ${env.loadAverage.join(' ')}`)
  const dir = tempDir('vigil-bench-redact-')

  const runs: VigilRun[] = []
  const baselines: Record<string, BaselineResult> = {}
  for (const size of PARTS.has('throughput') ? SIZES : []) {
    console.log(`\n${size.name}: making a ${CLIP_SECONDS} s clip`)
    const clip = makeClip(dir, size)
    baselines[size.name] = baseline(clip, dir)
    console.log(`  baseline ffmpeg: ${fixed(baselines[size.name].speed)}x`)
    for (const { workers, detectFps = 5 } of size.runs) {
      const run = await vigilRun(clip, size.name, workers, detectFps, dir)
      runs.push(run)
      console.log(`  vigil, ${workers} worker(s), ${detectFps} detections/s: analysis ${fixed(run.speed.analysis)}x, render ${fixed(run.speed.render)}x, total ${fixed(run.speed.total)}x, others ${fixed(run.othersCpuPercent, 0)}%`)
    }
    rmSync(clip, { force: true })
  }

  const quality: QualityResult[] = []
  const items = PARTS.has('quality') ? QUALITY.filter((q) => !QUALITY_FILTER || QUALITY_FILTER.some((f) => q.name.startsWith(f))) : []
  for (const item of items) {
    console.log(`\nquality: ${item.name}`)
    const q = await measureQuality(item, dir, QUALITY_DETECT_FPS)
    quality.push(q)
    console.log(`  faces ${q.faces.visible} seen / ${q.faces.leaked} leaked, persons ${q.persons.visible} / ${q.persons.leaked}, kept diff ${fixed(q.keptMeanAbsDiff)}`)
  }

  const json = { startedAt, finishedAt: new Date().toISOString(), machine: env, loadAverageAtEnd: os.loadavg(), clipSeconds: CLIP_SECONDS, fps: FPS, goal: GOAL, baselines, runs: runs.map(({ stats, ...r }) => ({ ...r, stats: { ...stats, seen: undefined } })), quality }
  writeFileSync(path.join(RESULTS_DIR, 'redact.json'), JSON.stringify(json, null, 2) + '\n')
  const md = [
    '# Redaction benchmark',
    '',
    `${startedAt} - ${env.cpu}, ${env.cores} cores, ${env.memoryGiB} GiB, ${env.kernel}, Node ${env.node}, ${env.ffmpeg}, load average at start ${env.loadAverage.join(' ')}, at end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    '',
    '## Goal',
    '',
    ...goalLines(runs, quality),
    '',
    `## Throughput (${CLIP_SECONDS} s clips, ${FPS} fps)`,
    '',
    ...throughputTable(runs, baselines),
    '',
    '## Leaks and kept subjects',
    '',
    ...qualityTable(quality),
    '',
    'Leaks found:',
    '',
    ...leakDetails(quality),
    '',
    '## How it is measured',
    '',
    ...NOTES.map((n) => `- ${n}`),
    ''
  ]
  writeFileSync(path.join(RESULTS_DIR, 'redact.md'), md.join('\n'))
  console.log(`\nresults in ${path.relative(process.cwd(), RESULTS_DIR)}/redact.md`)
}

main()
  .catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
  .finally(cleanup)
