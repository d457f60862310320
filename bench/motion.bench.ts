// Motion detection benchmark (issue 4): what does Vigil's motion detection cost per camera, next to the
// Debian `motion` daemon watching the same streams, and how long after a move in the stream does the event
// come?
//
// For 1, 4 and 8 cameras (one 640x360 15 fps H.264 substream clip, N mounts of one RTSP test server, in which
// a person-sized box walks through every 12 s), one after the other on the same streams:
//   - bare ffmpeg: Vigil's decode command (buildMotionArgs, 5 fps gray 160x90) writing to /dev/null;
//   - Vigil: N MotionWatchers (Vigil's own class) in one child Node process, with their ffmpegs;
//   - motion: one `motion -n` process with N camera files, 640x360 at framerate 5;
//   - recorder + tap: N recorder ffmpegs with their live taps read into tapped LiveRelays, no motion (the
//     baseline of the next arm: a camera is recorded whether motion is on or not);
//   - Vigil via tap: the same, plus N MotionWatchers reading the relays, as Vigil watches a camera without a
//     substream. Motion via the tap = this arm minus the one before.
// Each is measured as a process tree over a window after warm-up. Meanwhile a reference reader per camera
// (ffmpeg at the full frame rate, decoding only the box's path) notes when each move's first frame arrived;
// every event of the window is paired with the move before it.
//
//   npm run bench:motion                                  (48 s windows, about 18 minutes)
//   BENCH_SECONDS=24 BENCH_CAMERAS=1,2 npm run bench:motion   (quick check)
//   BENCH_NO_WRITE=1 ...                                  (results go to a temp dir; bench/results is left alone)
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { defaultDetection } from '../main/core/events/detection-settings'
import { ANALYSIS } from '../main/core/motion/motion-manager'
import type { DetectorConfig } from '../main/core/motion/types'
import { cleanUpOnSignals, cleanup, otherBenchRunning, rememberSeen, removeTempDir, sleep, tempDir } from './lib/live-procs'
import { clipSource, FFMPEG, type Source } from './lib/live-source'
import { TreeSampler, type TreeStats } from './lib/proc-stats'
import { startDaemon, MOTION_SETTINGS, motionVersion, type DaemonOutcome } from './lib/motion-daemon'
import { matchEvents, mergeDelays, type DelayResult } from './lib/motion-delay'
import { startReferences, type References } from './lib/motion-reference'
import { ARMS, cpuTable, delayTable, GOAL, goalLines, markdown, memoryTable, tapCpuTable, type Row, type VigilArm, type Window } from './lib/motion-report'
import { BOX, makeSceneClip, PATH_STRIP, SCENE } from './lib/motion-scene'
import { idleChildRssMiB, startBareDecode, startVigil, type Arm, type Camera, type VigilOutcome } from './lib/motion-vigil'
import { machine as machineInfo } from './lib/machine'

const ROOT = path.resolve(__dirname, '..')
const RESULTS_DIR = path.join(__dirname, 'results')
/** BENCH_CAMERAS=1,4 for fewer counts. */
const CAMERA_COUNTS = (process.env.BENCH_CAMERAS ?? '1,4,8').split(',').map(Number)
/** Four loops of the scene: four moves per camera per window. */
const WINDOW_SECONDS = Number(process.env.BENCH_SECONDS ?? 48)
/** A smoke run of the benchmark itself: the committed results stay as they are, the new ones go to a temp dir. */
const NO_WRITE = process.env.BENCH_NO_WRITE === '1'
/**
 * After start (and, for motion, after every camera is connected) before the window opens. The tap arms get
 * Vigil's: the recorders connect at once (the test server's mounts are kept prepared), and a watcher gets
 * the relay's current GOP as soon as it joins.
 */
const WARMUP_MS: Record<(typeof ARMS)[number][0], number> = { bare: 6000, vigil: 8000, motion: 10_000, recorder: 8000, tap: 8000 }
/** CPU (percent of one core) that processes not started by this benchmark may use in a window before it is repeated. */
const OTHERS_LIMIT = 25
const WINDOW_ATTEMPTS = 2

/** Vigil as a new camera gets it: the analysis size and rate of MotionManager, the default motion settings. */
const defaults = defaultDetection('bench').motion
const VIGIL_CONFIG: DetectorConfig = {
  width: ANALYSIS.width,
  height: ANALYSIS.height,
  fps: ANALYSIS.fps,
  zones: defaults.zones,
  sensitivity: defaults.sensitivity,
  minObjectPercent: defaults.minObjectPercent
}

const log = (line: string) => console.log(line)

// ---------------------------------------------------------------------------------------------
// Windows

const withoutSeen = (stats: TreeStats): TreeStats => ({ ...stats, seen: [] })

/**
 * One CPU window over the arm's tree, with the test camera, the reference readers, the whole machine and this
 * benchmark's own tree beside it. Other sessions share the machine: a window in which processes this benchmark
 * did not start used more than OTHERS_LIMIT is measured again (the arm keeps running), up to WINDOW_ATTEMPTS.
 */
async function measureWindow(roots: () => number[], source: Source, refs: References): Promise<Window> {
  for (let attempt = 1; ; attempt++) {
    const samplers = [
      new TreeSampler(roots),
      new TreeSampler(source.pids),
      new TreeSampler(() => [refs.pid()].filter((pid): pid is number => pid !== undefined)),
      // pid 1's tree is every process; ours is everything this benchmark started.
      new TreeSampler(() => [1]),
      new TreeSampler(() => [process.pid])
    ]
    for (const sampler of samplers) sampler.start()
    for (const sampler of samplers) sampler.mark()
    const from = Date.now()
    const framesBefore = refs.frames()
    await sleep(WINDOW_SECONDS * 1000)
    const to = Date.now()
    const [stats, sourceStats, reference, machine, ours] = samplers.map((sampler) => sampler.stop())
    rememberSeen([...stats.seen, ...reference.seen])
    const othersCpuPercent = Math.max(0, machine.cpuPercent - ours.cpuPercent)
    const framesAfter = refs.frames()
    const referenceFps = Object.keys(framesAfter).map((camera) => (framesAfter[camera]! - (framesBefore[camera] ?? 0)) / ((to - from) / 1000))
    const window: Window = {
      from,
      to,
      stats: withoutSeen(stats),
      source: withoutSeen(sourceStats),
      reference: withoutSeen(reference),
      othersCpuPercent,
      otherBench: otherBenchRunning(),
      referenceFps,
      attempts: attempt,
      loadAverage: os.loadavg().map((l) => Number(l.toFixed(2)))
    }
    if (othersCpuPercent <= OTHERS_LIMIT || attempt >= WINDOW_ATTEMPTS) return window
    log(`  other processes used ${othersCpuPercent.toFixed(1)}% of a core during the window: measuring again`)
  }
}

async function measureArm<T>(name: string, start: () => Promise<Arm<T>>, warmupMs: number, source: Source, refs: References) {
  log(`  ${name}: starting...`)
  const arm = await start()
  await sleep(warmupMs)
  log(`  ${name}: measuring ${WINDOW_SECONDS} s...`)
  const window = await measureWindow(() => arm.roots(), source, refs)
  const outcome = await arm.stop()
  log(`  ${name}: ${window.stats.cpuPercent.toFixed(2)}% of one core, ${window.stats.rssMeanMiB.toFixed(1)} MiB RSS (others ${window.othersCpuPercent.toFixed(1)}%)`)
  // Let the test server drop the sessions before the next arm connects.
  await sleep(2000)
  return { window, outcome }
}

/** Per camera: pairs its events with the reference's appearances inside the window. */
function delays(cameras: Camera[], refs: References, window: Window, eventsOf: (camera: string) => number[]): DelayResult {
  return mergeDelays(cameras.map(({ name }) => matchEvents(refs.appearancesOf(name), [...eventsOf(name)].sort((a, b) => a - b), window.from, window.to)))
}

/** A Vigil arm's outcome as a Row part: its events paired with the moves, raised and first moving frame. */
function vigilArm(cameras: Camera[], refs: References, { window, outcome }: { window: Window; outcome: VigilOutcome }): VigilArm {
  const eventsOf = (camera: string) => outcome.events.filter((e) => e.camera === camera)
  return {
    window,
    delay: delays(cameras, refs, window, (camera) => eventsOf(camera).map((e) => e.raisedAt)),
    firstFrame: delays(cameras, refs, window, (camera) => eventsOf(camera).map((e) => e.firstFrameAt)),
    child: outcome.stats,
    log: outcome.log
  }
}

const summary = (d: DelayResult) => `${d.delays.length}/${d.appearances} moves, median ${[...d.delays].sort((a, b) => a - b)[Math.floor(d.delays.length / 2)] ?? 'n/a'} ms`

async function benchCameras(clip: string, n: number): Promise<Row> {
  log(`\n${n} camera(s): starting the RTSP server...`)
  const source = await clipSource(clip, n)
  const cameras: Camera[] = source.cameras
  const refs = await startReferences(FFMPEG, cameras).catch(async (error: unknown) => {
    await source.close()
    throw error
  })
  try {
    const bare = await measureArm('bare ffmpeg', async () => startBareDecode(FFMPEG, cameras, VIGIL_CONFIG), WARMUP_MS.bare, source, refs)

    const vigil = vigilArm(cameras, refs, await measureArm<VigilOutcome>('Vigil', () => startVigil(FFMPEG, cameras, VIGIL_CONFIG), WARMUP_MS.vigil, source, refs))
    log(`  Vigil events: ${summary(vigil.delay)}`)

    const dir = tempDir('vigil-bench-motion-')
    const daemon = await measureArm<DaemonOutcome>('motion', () => startDaemon(dir, cameras), WARMUP_MS.motion, source, refs)
    const motionDelay = delays(cameras, refs, daemon.window, (camera) => daemon.outcome.events.get(camera) ?? [])
    log(`  motion events: ${summary(motionDelay)}`)
    removeTempDir(dir)

    // The tap path: its baseline right before it, so the two windows see the machine as alike as can be.
    const recorder = await measureArm<VigilOutcome>('recorder + tap', () => startVigil(FFMPEG, cameras, VIGIL_CONFIG, 'recorder'), WARMUP_MS.recorder, source, refs)
    const tap = vigilArm(cameras, refs, await measureArm<VigilOutcome>('Vigil via tap', () => startVigil(FFMPEG, cameras, VIGIL_CONFIG, 'tap'), WARMUP_MS.tap, source, refs))
    log(`  Vigil via tap events: ${summary(tap.delay)}`)

    const row: Row = {
      cameras: n,
      bare: { window: bare.window },
      vigil,
      motion: { window: daemon.window, delay: motionDelay, logTail: daemon.outcome.logTail },
      recorder: { window: recorder.window, log: recorder.outcome.log },
      tap
    }
    log(`${cpuTable([row])}\n\n${tapCpuTable([row])}`)
    return row
  } finally {
    await refs.stop()
    await source.close()
  }
}

// ---------------------------------------------------------------------------------------------

function gitState() {
  const git = (...args: string[]) => {
    try {
      // trimEnd: porcelain lines start with a status column that may be a space (' M file').
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trimEnd()
    } catch {
      return ''
    }
  }
  // The code may be uncommitted or change between runs: the hash of its folders says which version was measured.
  const state = (dirs: string[]) => {
    const changed = git('status', '--porcelain', '--', ...dirs).split('\n').filter(Boolean)
    const hash = createHash('sha256')
    for (const dir of dirs) {
      for (const name of readdirSync(path.join(ROOT, dir)).filter((n) => n.endsWith('.ts')).sort()) hash.update(name).update(readFileSync(path.join(ROOT, dir, name)))
    }
    return { changes: changed.map((line) => line.slice(3)), hash: hash.digest('hex').slice(0, 12) }
  }
  const motion = state(['main/core/motion'])
  // The tap arms also run the recorder's command line (media) and the relay (live).
  const tap = state(['main/core/live', 'main/core/media'])
  return { commit: git('rev-parse', '--short', 'HEAD') || 'unknown', motionChanges: motion.changes, motionHash: motion.hash, tapChanges: tap.changes, tapHash: tap.hash }
}

async function main(): Promise<void> {
  if (process.platform !== 'linux') throw new Error('the motion benchmark reads /proc: Linux only')
  if (!motionVersion()) throw new Error('the Debian motion daemon is not installed: apt-get install motion')
  cleanUpOnSignals()
  const info = machineInfo({ motion: motionVersion() ?? 'not installed' })
  const git = gitState()
  const date = new Date().toISOString()
  log(`Motion detection benchmark, ${date}\n${info.cpu}, ${info.cores} cores, Node ${info.node}, ${info.ffmpeg}, ${info.motion}, load ${info.loadAverage.join(' ')}`)
  const clip = await makeSceneClip()
  const idleNodeRssMiB = await idleChildRssMiB(FFMPEG, VIGIL_CONFIG)
  const rows: Row[] = []
  for (const n of CAMERA_COUNTS) rows.push(await benchCameras(clip, n))
  const loadAtEnd = os.loadavg().map((l) => Number(l.toFixed(2)))

  const goal = goalLines(rows)
  log(`\n${cpuTable(rows)}\n\n${tapCpuTable(rows)}\n\n${memoryTable(rows, idleNodeRssMiB)}\n\n${delayTable(rows)}\n\n${goal.join('\n')}`)
  // Not tempDir(): that one is removed at exit, and these files are to be read afterwards.
  const outDir = NO_WRITE ? mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-motion-results-')) : RESULTS_DIR
  mkdirSync(outDir, { recursive: true })
  const context = { date, machine: info, loadAtEnd, git, idleNodeRssMiB, windowSeconds: WINDOW_SECONDS, warmupMs: WARMUP_MS, othersLimit: OTHERS_LIMIT }
  const json = {
    ...context,
    scene: { ...SCENE, box: BOX, referenceStrip: PATH_STRIP },
    vigil: VIGIL_CONFIG,
    motion: MOTION_SETTINGS,
    goal: { ...GOAL, lines: goal },
    results: rows
  }
  writeFileSync(path.join(outDir, 'motion.json'), JSON.stringify(json, null, 2) + '\n')
  writeFileSync(path.join(outDir, 'motion.md'), markdown({ ...context, vigil: VIGIL_CONFIG }, rows))
  log(`\nwritten: ${NO_WRITE ? outDir : path.relative(ROOT, outDir)}/motion.json, motion.md${NO_WRITE ? ' (BENCH_NO_WRITE=1: bench/results left as it is)' : ''}`)
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error)
    process.exitCode = 1
  })
  .finally(() => cleanup())
