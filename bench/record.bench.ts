// Recording benchmark: what does Vigil cost on top of the ffmpeg processes that do the actual work?
// For 1, 4 and 8 simulated 1080p25 4 Mb/s H.264 cameras we record the same RTSP streams twice, one run
// after the other: (a) with N bare `ffmpeg -c copy -f segment` processes, (b) with `vigil serve`
// (Node plus its N ffmpeg children), and compare CPU, RSS and bytes on disk vs bytes received.
//
//   npm run bench:record                  (60 s per run, about 8 minutes)
//   BENCH_SECONDS=15 npm run bench:record (quick check)
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { makeClip } from '../test/support/media'
import { startRtspServer, type RtspTestServer } from '../test/support/rtsp'
import { stillAlive, TreeSampler, type TreeStats } from './lib/proc-stats'
import { machine } from './lib/machine'

const ROOT = path.resolve(__dirname, '..')
const CLI = path.join(ROOT, 'out/main/cli.js')
const RESULTS_DIR = path.join(__dirname, 'results')
const FFMPEG = '/usr/bin/ffmpeg'
const CAMERA_COUNTS = [1, 4, 8]
const RUN_SECONDS = Number(process.env.BENCH_SECONDS ?? 60)
/**
 * Probing, connecting and the first keyframe cost CPU that steady recording does not: the measuring
 * window opens this long after launch, or once every camera writes if that takes longer, and then
 * lasts RUN_SECONDS - WARMUP_SECONDS, so baseline and Vigil are measured over equally long steady windows.
 */
const WARMUP_SECONDS = 5
const STARTUP_TIMEOUT_SECONDS = 45
const CLIP = { codec: 'h264', width: 1920, height: 1080, fps: 25, seconds: 10, bitrateKbps: 4000 } as const
const GOAL = { cameras: 8, cpuPoints: 10, rssMiB: 50 }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// ---------------------------------------------------------------------------------------------
// Everything started here is registered, so Ctrl+C or a failure leaves no process and no temp dir.

const tempDirs = new Set<string>()
const children = new Set<ChildProcess>()
const servers = new Set<RtspTestServer>()
/** Descendants seen by the samplers: if a parent dies badly they are orphans we must still reap. */
const seenDescendants: { pid: number; startTime: number }[] = []

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix))
  tempDirs.add(dir)
  return dir
}

function track(child: ChildProcess): ChildProcess {
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}

async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
}

function reapOrphans(): void {
  for (const { pid, startTime } of seenDescendants.splice(0)) {
    if (stillAlive(pid, startTime)) process.kill(pid, 'SIGKILL')
  }
}

let cleaning: Promise<void> | null = null
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.all([...children].map((c) => stopChild(c, 8000)))
    reapOrphans()
    await Promise.all([...servers].map((s) => s.close()))
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
  })()
  return cleaning
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping recorders and removing temp dirs...\n`)
    void cleanup().finally(() => process.exit(130))
  })
}

// ---------------------------------------------------------------------------------------------
// Measuring one run

interface RunResult {
  stats: TreeStats
  /** The RTSP server, its feeders and keep-alive clients over the same window: how busy the machine was. */
  source: TreeStats
  /** Launch until every camera has a segment file with data in it; null if that never happened. */
  startupSeconds: number | null
  /** Seconds after launch when the measuring window opened. */
  windowOpenedAt: number
  diskBytes: number
  segmentFiles: number
}

/** Sum of .mp4 sizes under dir, and how many there are. */
function mp4Bytes(dir: string): { bytes: number; files: number } {
  let bytes = 0
  let files = 0
  if (!existsSync(dir)) return { bytes, files }
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.mp4')) continue
    bytes += statSync(path.join(entry.parentPath, entry.name)).size
    files++
  }
  return { bytes, files }
}

/** How many of the per-camera folders already hold a segment with data. */
function camerasWriting(cameraDirs: () => string[]): number {
  return cameraDirs().filter((dir) => mp4Bytes(dir).bytes > 0).length
}

interface Launched {
  roots: () => number[]
  /** One folder per camera, where its segments end up. */
  cameraDirs: () => string[]
  dataDir: string
  stop: () => Promise<void>
}

/** Seconds from t0 until every camera writes, polled every 100 ms; null after the timeout. */
async function waitForStartup(n: number, run: Launched, t0: number): Promise<number | null> {
  const deadline = t0 + STARTUP_TIMEOUT_SECONDS * 1000
  while (performance.now() < deadline) {
    if (camerasWriting(run.cameraDirs) >= n) return (performance.now() - t0) / 1000
    await sleep(100)
  }
  return null
}

async function measure(n: number, source: Source, launch: () => Launched): Promise<RunResult> {
  const t0 = performance.now()
  const run = launch()
  const sampler = new TreeSampler(run.roots, { tcp: true })
  const sourceSampler = new TreeSampler(source.pids)
  sampler.start()
  sourceSampler.start()
  const [startupSeconds] = await Promise.all([waitForStartup(n, run, t0), sleep(WARMUP_SECONDS * 1000)])
  if (startupSeconds === null) console.warn(`  not every camera was writing after ${STARTUP_TIMEOUT_SECONDS} s; measuring anyway`)
  const windowOpenedAt = (performance.now() - t0) / 1000
  sampler.mark()
  sourceSampler.mark()
  await sleep(Math.max(1, RUN_SECONDS - WARMUP_SECONDS) * 1000)
  // Sample before stopping: an exited ffmpeg takes its I/O counters with it.
  const stats = sampler.stop()
  const sourceStats = sourceSampler.stop()
  seenDescendants.push(...stats.seen)
  await run.stop()
  reapOrphans()
  const disk = mp4Bytes(run.dataDir)
  return { stats, source: sourceStats, startupSeconds, windowOpenedAt, diskBytes: disk.bytes, segmentFiles: disk.files }
}

// ---------------------------------------------------------------------------------------------
// The cameras: the RTSP test server plus one keep-alive client per mount.
//
// The test server prepares a shared mount's pipeline when its first client arrives (waiting for a
// keyframe) and tears it down when its last client leaves; it does so for one client at a time, so
// N recorders connecting at once get their streams ~2 s apart (16 s for the 8th camera). A real
// camera answers at once. One idle client per mount keeps every pipeline prepared, so startup and
// the measuring window are about the recorders, not the test server.

interface Source {
  server: RtspTestServer
  pids: () => number[]
  close: () => Promise<void>
}

function startKeepAlive(url: string): Promise<ChildProcess> {
  const args = ['-nostdin', '-hide_banner', '-nostats', '-loglevel', 'info', '-rtsp_transport', 'tcp', '-i', url, '-map', '0', '-c', 'copy', '-f', 'null', '-']
  const child = track(spawn(FFMPEG, args, { stdio: ['ignore', 'ignore', 'pipe'] }))
  const output = tail(child)
  return new Promise((resolve, reject) => {
    // "Stream mapping" comes once the input is open: the mount is prepared and playing.
    const onData = () => output().includes('Stream mapping') && done(() => resolve(child))
    const timer = setTimeout(() => done(() => reject(new Error(`keep-alive client for ${url} did not connect:\n${output()}`))), 60_000)
    const onExit = () => done(() => reject(new Error(`keep-alive client for ${url} exited:\n${output()}`)))
    const done = (then: () => void) => {
      clearTimeout(timer)
      child.stderr?.off('data', onData)
      child.off('exit', onExit)
      then()
    }
    child.stderr?.on('data', onData)
    child.once('exit', onExit)
  })
}

async function startSource(clip: string, n: number): Promise<Source> {
  const streams = Array.from({ length: n }, (_, i) => ({ path: `/cam${i + 1}`, clip }))
  const server = await startRtspServer({ streams })
  servers.add(server)
  const keepAlive: ChildProcess[] = []
  const close = async () => {
    await Promise.all(keepAlive.map((c) => stopChild(c, 3000)))
    await server.close()
    servers.delete(server)
  }
  try {
    for (const s of streams) keepAlive.push(await startKeepAlive(server.url(s.path)))
  } catch (error) {
    await close()
    throw error
  }
  return { server, pids: () => [...server.pids(), ...keepAlive.map((c) => c.pid!).filter(Boolean)], close }
}

/** Keeps the last few KB of a child's output for error messages; draining also keeps its pipe from filling. */
function tail(child: ChildProcess): () => string {
  let text = ''
  const keep = (chunk: Buffer) => (text = (text + chunk.toString()).slice(-4000))
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  return () => text
}

// (a) bare ffmpeg, the lower bound: the same work with nothing around it.
function launchBaseline(server: RtspTestServer, n: number): Launched {
  const dataDir = tempDir('vigil-bench-ffmpeg-')
  const dirs = Array.from({ length: n }, (_, i) => path.join(dataDir, `cam${i + 1}`))
  const procs = dirs.map((dir, i) => {
    mkdirSync(dir)
    const args = ['-nostdin', '-hide_banner', '-loglevel', 'error',
      '-rtsp_transport', 'tcp', '-i', server.url(`/cam${i + 1}`), '-map', '0', '-c', 'copy',
      '-f', 'segment', '-segment_time', '60', '-segment_format', 'mp4', '-reset_timestamps', '1', path.join(dir, '%06d.mp4')]
    return track(spawn(FFMPEG, args, { stdio: ['ignore', 'ignore', 'pipe'] }))
  })
  const tails = procs.map(tail)
  return {
    roots: () => procs.map((p) => p.pid!).filter(Boolean),
    cameraDirs: () => dirs,
    dataDir,
    stop: async () => {
      const died = procs.findIndex((p) => p.exitCode !== null || p.signalCode !== null)
      // SIGTERM makes ffmpeg write the MP4 trailer, so the files on disk are complete.
      await Promise.all(procs.map((p) => stopChild(p, 5000)))
      if (died >= 0) throw new Error(`baseline ffmpeg for cam${died + 1} exited during the run:\n${tails[died]()}`)
    }
  }
}

/** Node without tsx's loader flags: Vigil runs as the built JavaScript a user would run. */
function nodeEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env }
  delete env.NODE_OPTIONS
  return env
}

function addCameras(dataDir: string, server: RtspTestServer, n: number): void {
  for (let i = 1; i <= n; i++) {
    execFileSync(process.execPath, [CLI, 'cameras', 'add', '--data-dir', dataDir, '--name', `cam${i}`, '--url', server.url(`/cam${i}`), '--no-probe'], {
      env: nodeEnv(),
      stdio: ['ignore', 'ignore', 'inherit']
    })
  }
}

/**
 * Vigil cuts segments at wall-clock minutes and then indexes each closed file (ffprobe, SHA-256 of
 * the whole file). Launching so that a minute boundary falls inside the window makes every run pay
 * for exactly one such cut per camera, as steady recording does once a minute, instead of zero or
 * one depending on when the run happened to start.
 */
async function alignMinuteToWindow(): Promise<void> {
  const earliest = WARMUP_SECONDS + 10 // after startup, with a margin
  const latest = RUN_SECONDS - 5
  if (latest <= earliest) return
  const boundaryIn = () => 60 - ((Date.now() / 1000) % 60)
  while (boundaryIn() < earliest || boundaryIn() > latest) await sleep(250)
}

// (b) Vigil as a user runs it headless, cameras configured beforehand so the clock starts at launch.
function launchVigil(dataDir: string): Launched {
  const recordings = path.join(dataDir, 'recordings')
  // --ffmpeg: the same binary as the baseline, whatever Vigil would otherwise pick (ffmpeg-static).
  const args = [CLI, 'serve', '--data-dir', dataDir, '--port', '0', '--no-demo', '--ffmpeg', FFMPEG]
  const child = track(spawn(process.execPath, args, { env: nodeEnv(), stdio: ['ignore', 'pipe', 'pipe'] }))
  const output = tail(child)
  return {
    roots: () => (child.pid ? [child.pid] : []),
    cameraDirs: () => (existsSync(recordings) ? readdirSync(recordings).map((id) => path.join(recordings, id)) : []),
    dataDir,
    stop: async () => {
      const died = child.exitCode !== null || child.signalCode !== null
      // SIGTERM is Vigil's clean stop: ffmpegs get 'q', the open segments are closed and indexed.
      await stopChild(child, 20_000)
      if (died) throw new Error(`vigil serve exited during the run:\n${output()}`)
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Results

interface Row {
  cameras: number
  baseline: RunResult
  vigil: RunResult
}

const MB = 1e6
const fixed = (value: number, digits = 1) => value.toFixed(digits)
const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN)
const seconds = (value: number | null) => (value === null ? 'never' : `${fixed(value)} s`)

function ffmpegOf(r: RunResult) {
  return r.stats.byComm.ffmpeg ?? { rchar: 0, wchar: 0, tcpReceived: 0, cpuPercent: 0, rssMeanMiB: 0, rssPeakMiB: 0, anonMeanMiB: 0, processes: 0 }
}

function derived(row: Row) {
  const b = row.baseline.stats
  const v = row.vigil.stats
  return {
    cpuOverheadPoints: v.cpuPercent - b.cpuPercent,
    cpuRatio: ratio(v.cpuPercent, b.cpuPercent),
    rssOverheadMiB: v.rssMeanMiB - b.rssMeanMiB,
    rssPeakOverheadMiB: v.rssPeakMiB - b.rssPeakMiB,
    rssRatio: ratio(v.rssMeanMiB, b.rssMeanMiB),
    anonOverheadMiB: v.anonMeanMiB - b.anonMeanMiB,
    baselineDiskPerReceived: ratio(row.baseline.diskBytes, ffmpegOf(row.baseline).tcpReceived),
    vigilDiskPerReceived: ratio(row.vigil.diskBytes, ffmpegOf(row.vigil).tcpReceived)
  }
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i])).join(' | ')} |`
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n')
}

function cpuTable(rows: Row[]): string {
  return table(
    ['cams', 'ffmpeg CPU %', 'Vigil CPU %', '(node / ffmpeg)', 'overhead pts', 'ratio', 'ffmpeg RSS MiB mean/peak', 'Vigil RSS MiB mean/peak', '(node)', 'overhead MiB', 'ratio', 'anon MiB ffmpeg / Vigil', 'startup ffmpeg / Vigil', 'RTSP source CPU %'],
    rows.map((row) => {
      const d = derived(row)
      const b = row.baseline.stats
      const v = row.vigil.stats
      const node = v.byComm.node
      return [
        String(row.cameras),
        fixed(b.cpuPercent, 2),
        fixed(v.cpuPercent, 2),
        `${fixed(node?.cpuPercent ?? 0, 2)} / ${fixed(ffmpegOf(row.vigil).cpuPercent, 2)}`,
        fixed(d.cpuOverheadPoints, 2),
        fixed(d.cpuRatio, 2),
        `${fixed(b.rssMeanMiB)} / ${fixed(b.rssPeakMiB)}`,
        `${fixed(v.rssMeanMiB)} / ${fixed(v.rssPeakMiB)}`,
        fixed(node?.rssMeanMiB ?? 0),
        fixed(d.rssOverheadMiB),
        fixed(d.rssRatio, 2),
        `${fixed(b.anonMeanMiB)} / ${fixed(v.anonMeanMiB)}`,
        `${seconds(row.baseline.startupSeconds)} / ${seconds(row.vigil.startupSeconds)}`,
        `${fixed(row.baseline.source.cpuPercent)} / ${fixed(row.vigil.source.cpuPercent)}`
      ]
    })
  )
}

function ioTable(rows: Row[]): string {
  return table(
    ['cams', 'ffmpeg received MB', 'ffmpeg on disk MB', 'disk/received', 'Vigil received MB', 'Vigil on disk MB', 'disk/received', 'Vigil files'],
    rows.map((row) => {
      const d = derived(row)
      return [
        String(row.cameras),
        fixed(ffmpegOf(row.baseline).tcpReceived / MB),
        fixed(row.baseline.diskBytes / MB),
        fixed(d.baselineDiskPerReceived, 3),
        fixed(ffmpegOf(row.vigil).tcpReceived / MB),
        fixed(row.vigil.diskBytes / MB),
        fixed(d.vigilDiskPerReceived, 3),
        String(row.vigil.segmentFiles)
      ]
    })
  )
}

function goalLines(rows: Row[]): string[] {
  const row = rows.find((r) => r.cameras === GOAL.cameras)
  const title = `Goal: overhead over bare ffmpeg below ${GOAL.cpuPoints}% CPU and below ${GOAL.rssMiB} MB RSS in total at ${GOAL.cameras} cameras`
  if (!row) return [title, `  not measured (no ${GOAL.cameras}-camera run)`]
  const d = derived(row)
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL')
  return [
    title,
    `  CPU: ${fixed(d.cpuOverheadPoints, 2)} points of one core (limit ${GOAL.cpuPoints}) -> ${verdict(d.cpuOverheadPoints < GOAL.cpuPoints)}`,
    `  RSS: ${fixed(d.rssOverheadMiB)} MiB mean (limit ${GOAL.rssMiB}; peak overhead ${fixed(d.rssPeakOverheadMiB)} MiB) -> ${verdict(d.rssOverheadMiB < GOAL.rssMiB)}`
  ]
}

const NOTES = [
  `CPU: utime+stime of the whole process tree over the window, in percent of one core; startup (at least the first ${WARMUP_SECONDS} s) is left out.`,
  'The machine is shared: other processes running meanwhile (see loadAverage in the JSON) add noise, mostly to the CPU figures.',
  'RSS: summed VmRSS of the tree, mean over the window; peak over the window (startup included in rssPeakAllMiB in the JSON). MiB = 2^20 bytes, MB = 10^6 bytes.',
  'anon: summed RssAnon (heap and stacks, mean over the window). Summed RSS also counts the code and libraries that the N ffmpegs share, N times; anon is the memory each process really adds. The goal is judged on RSS, as specified.',
  'Received: TCP bytes_received (RTSP interleaved over TCP, headers included) of the recording ffmpegs\' sockets, from `ss`, last value sampled before stopping. rchar is in the JSON but useless here: ffmpeg reads sockets with recv(), which rchar does not count. On disk: all .mp4 under the run\'s folder after a clean stop.',
  'Startup: launch until every camera has a segment file with data in it (Vigil: including Node start, SQLite, ffprobe of each camera). The CPU window opens at 5 s or at startup, whichever is later, and lasts the run length minus 5 s.',
  'Each mount has one idle keep-alive client (ffmpeg -f null) so the test server keeps its pipeline prepared; without it the server prepares mounts one at a time, ~2 s each.',
  'Baseline ffmpeg writes plain MP4 segments and cuts them 60 s after its start (never inside the window). Vigil writes fragmented MP4 (1 s fragments), reads -progress from each ffmpeg, cuts at wall-clock minutes and indexes each closed segment (ffprobe + SHA-256 of the file); its runs are launched so that one such cut falls inside the window.',
  'CPU of processes that start and exit between two samples (the indexing ffprobes) is recovered from the parent\'s cutime/cstime and shown as "(between samples)" in the JSON.',
  'RTSP source CPU: the test server, its feeders and the keep-alive clients during the baseline / Vigil window, to show how busy the machine was.'
]

function markdown(info: ReturnType<typeof machine>, date: string, rows: Row[]): string {
  return [
    '# Recording benchmark',
    '',
    `${date} - ${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB, ${info.kernel}, Node ${info.node}, ${info.ffmpeg}, load average at start ${info.loadAverage.join(' ')}`,
    '',
    `${RUN_SECONDS} s per run (${RUN_SECONDS - WARMUP_SECONDS} s measured), cameras: 1080p25 H.264 at 4 Mb/s from a local RTSP server (TCP).`,
    '',
    '## CPU and memory',
    '',
    cpuTable(rows),
    '',
    '## Bytes',
    '',
    ioTable(rows),
    '',
    '## Goal',
    '',
    ...goalLines(rows).map((l) => (l.startsWith('  ') ? `- ${l.trim()}` : l)),
    '',
    '## How it is measured',
    '',
    ...NOTES.map((n) => `- ${n}`),
    ''
  ].join('\n')
}

// ---------------------------------------------------------------------------------------------

function ensureBuilt(): void {
  if (existsSync(CLI)) return
  console.log('out/main/cli.js is missing: building...')
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' })
  if (build.status !== 0 || !existsSync(CLI)) throw new Error('npm run build failed')
}

async function benchCameras(clip: string, n: number): Promise<Row> {
  console.log(`\n${n} camera(s): starting the RTSP server...`)
  const source = await startSource(clip, n)
  const { server } = source
  try {
    console.log(`${n} camera(s): bare ffmpeg...`)
    const baseline = await measure(n, source, () => launchBaseline(server, n))
    // Let the server drop the old sessions before the next client set connects.
    await sleep(2000)
    const dataDir = tempDir('vigil-bench-vigil-')
    addCameras(dataDir, server, n)
    await alignMinuteToWindow()
    console.log(`${n} camera(s): Vigil...`)
    const vigil = await measure(n, source, () => launchVigil(dataDir))
    const row = { cameras: n, baseline, vigil }
    console.log(cpuTable([row]))
    return row
  } finally {
    await source.close()
  }
}

async function main(): Promise<void> {
  if (process.platform !== 'linux') throw new Error('the recording benchmark reads /proc: Linux only')
  ensureBuilt()
  const info = machine()
  const date = new Date().toISOString()
  console.log(`Recording benchmark, ${date}\n${info.cpu}, ${info.cores} cores, Node ${info.node}, ${info.ffmpeg}`)
  const clip = await makeClip(CLIP)
  const rows: Row[] = []
  for (const n of CAMERA_COUNTS) rows.push(await benchCameras(clip, n))

  const goal = goalLines(rows)
  console.log(`\n${cpuTable(rows)}\n\n${ioTable(rows)}\n\n${goal.join('\n')}`)
  mkdirSync(RESULTS_DIR, { recursive: true })
  const json = {
    date,
    machine: info,
    runSeconds: RUN_SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    clip: CLIP,
    goal: { ...GOAL, lines: goal },
    notes: NOTES,
    // `seen` is bookkeeping for reaping, not a result.
    results: rows.map((row) => ({
      cameras: row.cameras,
      ...derived(row),
      baseline: { ...row.baseline, stats: { ...row.baseline.stats, seen: undefined }, source: { ...row.baseline.source, seen: undefined } },
      vigil: { ...row.vigil, stats: { ...row.vigil.stats, seen: undefined }, source: { ...row.vigil.source, seen: undefined } }
    }))
  }
  writeFileSync(path.join(RESULTS_DIR, 'record.json'), JSON.stringify(json, null, 2) + '\n')
  writeFileSync(path.join(RESULTS_DIR, 'record.md'), markdown(info, date, rows))
  console.log(`\nwritten: ${path.relative(ROOT, RESULTS_DIR)}/record.json, record.md`)
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error)
    process.exitCode = 1
  })
  .finally(() => cleanup())
