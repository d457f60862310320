// Live-view benchmark: what does watching cameras live cost, how soon is there a picture, how far behind real
// time is it, and how fast does the index answer a seek?
//
// For 1, 4 and 9 simulated 1080p25 4 Mb/s H.264 cameras (one clip, N mounts of one RTSP test server):
//   - Vigil's live path (ffmpeg -c copy to fragmented MP4, Node forwarding over WebSocket): CPU of the
//     `vigil serve` process tree with one viewer per camera minus the same tree recording without viewers;
//   - node-rtsp-stream (MPEG-1 transcode for jsmpeg, the design card's library) for the same streams, in the
//     same run, one viewer per camera: its whole process tree. Ratio = node-rtsp-stream / Vigil's live cost;
//   - time to first frame: WebSocket (cold and warm relay), node-rtsp-stream's WebSocket, and Chromium.
// Then glass-to-glass latency in Chromium (burned-in clock vs wall clock at display) next to the test
// harness's own delay, and seek latency on an index of 30 days x 8 cameras of 60 s segments.
//
//   npm run bench:live                    (30 s windows, about 12 minutes)
//   BENCH_SECONDS=10 BENCH_CAMERAS=2 npm run bench:live   (quick check)
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { makeClip } from '../test/support/media'
import { TreeSampler, type TreeStats } from './lib/proc-stats'
import { browserFirstFrame, glassToGlass, harnessDelay, openBrowser, openSingleView } from './lib/live-browser'
import { JsmpegViewer, startJsmpeg, type JsmpegProgress } from './lib/live-jsmpeg'
import { cleanUpOnSignals, cleanup, otherBenchRunning, rememberSeen, reapOrphans, removeTempDir, sleep, tempDir, waitQuiet } from './lib/live-procs'
import { fixed, machine, median, ms, percentile, present, ratio, summarize, table, verdict, type Summary } from './lib/live-report'
import { NAIVE_SQL, SEEK, seekBench, type SeekResult } from './lib/live-seek'
import { clipSource, startSource, type Source } from './lib/live-source'
import { benchArgv, hasLiveTap, recorderCommands, startTapArm, type RecorderCommand } from './lib/live-tap'
import { addCameras, CLI, launchServe, liveFfmpegPids, ROOT, snapshotBuild, VigilViewer, waitRecording, type Serve, type VigilTimes } from './lib/live-vigil'

const RESULTS_DIR = path.join(__dirname, 'results')
/** BENCH_CAMERAS=1,4 for a quick check of fewer counts. */
const CAMERA_COUNTS = (process.env.BENCH_CAMERAS ?? '1,4,9').split(',').map(Number)
const WINDOW_SECONDS = Number(process.env.BENCH_SECONDS ?? 30)
/** After start-up (all cameras recording, all viewers with a picture) before a window opens. */
const SETTLE_MS = 5000
const CLIP = { codec: 'h264', width: 1920, height: 1080, fps: 25, seconds: 10, bitrateKbps: 4000 } as const
/** The clock camera for glass-to-glass: live-encoded by the harness (1080p would cost a quarter core). */
const CLOCK = { name: 'clock', path: '/clock', width: 640, height: 360, fps: 25, timecode: true } as const
/** Vigil's relay stops 10 s after its last viewer leaves; a camera unviewed this long has none. */
const COLD_AFTER_MS = 15_000
const SAMPLES = { nodeCold: 5, nodeWarm: 5, jsmpeg: 5, browserCold: 3, browserWarm: 3, glass: 20, glassGapMs: 300, harnessSeconds: 10 }
/**
 * Recording segments of 10 minutes (the maximum) instead of Vigil's 1: each cut makes the indexer ffprobe and
 * hash every camera's closed segment, which has nothing to do with live view. Windows are placed between cuts.
 */
const SEGMENT_SECONDS = 600
const GOAL = { livePerCameraPoints: 2, firstFrameMs: 1000, latencyMs: 1000, seekMs: 100 }

const log = (line: string) => console.log(line)

// ---------------------------------------------------------------------------------------------
// Measuring windows

interface WindowStats {
  stats: TreeStats
  /** The RTSP server, its feeders and keep-alive clients over the same window: how busy the machine was. */
  source: TreeStats
  /** Processes this benchmark did not start (other sessions), percent of one core. */
  othersCpuPercent: number
  /** How many times the window was measured (a busy machine makes it repeat). */
  attempts: number
}

const withoutSeen = (stats: TreeStats): TreeStats => ({ ...stats, seen: [] })

/** CPU (percent of one core) that processes not started by this benchmark may use in a window before it is repeated. */
const OTHERS_LIMIT = 25
const WINDOW_ATTEMPTS = 3

/**
 * One CPU window over `roots` (and optional extra samplers), after making sure no other benchmark runs. Other
 * sessions share this machine: a window in which processes outside our own tree used more than OTHERS_LIMIT
 * is measured again (up to WINDOW_ATTEMPTS times; the last one is kept either way, with its figure).
 */
async function measureWindow(
  roots: () => number[],
  source: Source,
  { extra = () => [], vigil = false }: { extra?: () => TreeSampler[]; vigil?: boolean } = {}
): Promise<WindowStats & { extra: TreeStats[] }> {
  for (let attempt = 1; ; attempt++) {
    // Vigil records: keep its segment cuts out of every attempt.
    if (vigil) await awayFromSegmentCut()
    const window = await oneWindow(roots, source, extra())
    // Another benchmark that started meanwhile spoils the window whatever its figure: wait for it, measure again.
    if (otherBenchRunning()) {
      log('  another benchmark started during the window: measuring again once it is done')
      attempt--
      continue
    }
    if (window.othersCpuPercent <= OTHERS_LIMIT || attempt >= WINDOW_ATTEMPTS) return { ...window, attempts: attempt }
    log(`  other processes used ${fixed(window.othersCpuPercent)}% of a core during the window: measuring again`)
  }
}

async function oneWindow(roots: () => number[], source: Source, extra: TreeSampler[]): Promise<WindowStats & { extra: TreeStats[] }> {
  await waitQuiet(log)
  // pid 1's tree is every process on the machine; ours is everything this benchmark started. Both are counted
  // the same way as the measured trees (the busy time in /proc/stat disagrees with them at low load here).
  const samplers = [new TreeSampler(roots), new TreeSampler(source.pids), new TreeSampler(() => [1]), new TreeSampler(() => [process.pid]), ...extra]
  for (const sampler of samplers) sampler.start()
  for (const sampler of samplers) sampler.mark()
  await sleep(WINDOW_SECONDS * 1000)
  const [stats, sourceStats, machine, ours, ...rest] = samplers.map((sampler) => sampler.stop())
  // Only the measured trees are ours to reap later; the source's processes belong to the RTSP harness.
  for (const s of [stats, ...rest]) rememberSeen(s.seen)
  return {
    stats: withoutSeen(stats),
    source: withoutSeen(sourceStats),
    othersCpuPercent: Math.max(0, machine.cpuPercent - ours.cpuPercent),
    attempts: 1,
    extra: rest.map(withoutSeen)
  }
}

/** Seconds since the last segment cut and until the next one (ffmpeg cuts at multiples of local clock time). */
function segmentClock(): { since: number; until: number } {
  const local = Date.now() / 1000 - new Date().getTimezoneOffset() * 60
  const since = local % SEGMENT_SECONDS
  return { since, until: SEGMENT_SECONDS - since }
}

/** Waits until no segment cut (and its indexing, ~40 s for 9 cameras of 10 minutes) falls into the next window. */
async function awayFromSegmentCut(): Promise<void> {
  let told = false
  for (;;) {
    const { since, until } = segmentClock()
    if (since >= 40 && until >= WINDOW_SECONDS + 10) return
    if (!told) log(`  waiting ${Math.round(since < 40 ? 40 - since : until + 40)} s: a segment cut (or its indexing) would fall into the window`)
    told = true
    await sleep(1000)
  }
}

// ---------------------------------------------------------------------------------------------
// node-rtsp-stream

interface JsmpegRun {
  window: WindowStats
  /** Frames each camera's ffmpeg encoded per second during the window (25 = kept up with the camera). */
  fps: number[]
  speed: (number | null)[]
  /** Bytes each viewer received while measuring, over spanSeconds (repeated windows included). */
  viewerBytes: number[]
  spanSeconds: number
  firstFrameMs: (number | null)[]
}

function frameRates(before: Record<string, JsmpegProgress>, after: Record<string, JsmpegProgress>, seconds: number): number[] {
  return Object.keys(after).map((name) => (after[name].frame - (before[name]?.frame ?? 0)) / seconds)
}

async function jsmpegRun(source: Source): Promise<JsmpegRun> {
  const nrs = await startJsmpeg(source.cameras)
  try {
    const viewers = source.cameras.map((c) => new JsmpegViewer(nrs.urls.get(c.name)!))
    const firsts = await Promise.all(viewers.map((v) => v.firstFrame(60_000)))
    if (firsts.some((f) => f === null)) throw new Error(`node-rtsp-stream gave no picture to every viewer:\n${nrs.output()}`)
    await sleep(SETTLE_MS)
    // Frames and bytes are counted over the whole span, repeated windows included, and divided by it.
    const before = await nrs.progress()
    const bytesBefore = viewers.map((v) => v.bytes)
    const started = performance.now()
    const window = await measureWindow(() => [nrs.pid], source)
    const after = await nrs.progress()
    const spanSeconds = (performance.now() - started) / 1000
    const viewerBytes = viewers.map((v, i) => v.bytes - bytesBefore[i])
    // New viewers while the others keep watching: the stream is always running (it transcodes without viewers too).
    const firstFrameMs: (number | null)[] = []
    for (let i = 0; i < SAMPLES.jsmpeg; i++) {
      const viewer = new JsmpegViewer(nrs.urls.get(source.cameras[i % source.cameras.length].name)!)
      firstFrameMs.push(await viewer.firstFrame())
      viewer.close()
      await sleep(200)
    }
    for (const v of viewers) v.close()
    return { window, fps: frameRates(before, after, spanSeconds), speed: Object.values(after).map((p) => p.speed), viewerBytes, spanSeconds, firstFrameMs }
  } finally {
    await nrs.stop()
  }
}

// ---------------------------------------------------------------------------------------------
// Vigil

/** How this build serves a camera's main stream live: a relay's own ffmpeg per watched camera, or the recorder's tap. */
type LivePath = 'relay ffmpeg' | 'recorder tap'

interface VigilRun {
  livePath: LivePath
  idle: WindowStats
  viewed: WindowStats
  /** The relays' own ffmpegs alone (one per viewed camera) during the viewed window; none with a tap. */
  liveFfmpeg: TreeStats
  /** Bytes each viewer received while measuring, over viewerSeconds (repeated windows included). */
  viewerBytes: number[]
  viewerSeconds: number
  firstFrame: FirstFrames
  /** With a tap: the recorder commands alone, without and with the tap output (null otherwise). */
  tap: TapRun | null
}

interface TapRun {
  withoutTap: WindowStats
  withTap: WindowStats
}

interface FirstFrames {
  /** WebSocket open -> first keyframe fragment, camera unviewed for 15 s (no relay ffmpeg running) (ms). */
  cold: (number | null)[]
  /** The same for a second viewer while the first watches. */
  warm: (number | null)[]
  /** Milestones of the cold samples (ms after the socket was created): where the time goes. */
  coldDetail: VigilTimes[]
  /** Chromium: navigation -> data-state=playing, cold and warm (ms). */
  browserCold: (number | null)[]
  browserWarm: (number | null)[]
}

async function vigilRun(source: Source): Promise<VigilRun> {
  const dataDir = tempDir('vigil-bench-live-')
  addCameras(dataDir, source.cameras)
  const serve = await launchServe(dataDir, SEGMENT_SECONDS)
  const urls = source.cameras.map((c) => c.url)
  let recorders: RecorderCommand[] = []
  let run: Omit<VigilRun, 'tap' | 'livePath'>
  try {
    await waitRecording(serve)
    recorders = recorderCommands(urls)
    await sleep(SETTLE_MS)
    const roots = () => [serve.pid]
    log('  Vigil recording, no viewers...')
    const idle = await measureWindow(roots, source, { vigil: true })

    const viewers = source.cameras.map((c) => new VigilViewer(serve.url, serve.ids.get(c.name)!))
    const firsts = await Promise.all(viewers.map((v) => v.firstFrame(30_000)))
    if (firsts.some((f) => f === null)) throw new Error(`not every Vigil viewer got a picture: ${viewers.map((v) => v.errors.join('; ')).join(' | ')}\n${serve.output()}`)
    await sleep(SETTLE_MS)
    log(`  Vigil recording, ${viewers.length} viewer(s)...`)
    const bytesBefore = viewers.map((v) => v.bytes)
    const started = performance.now()
    const viewed = await measureWindow(roots, source, { vigil: true, extra: () => [new TreeSampler(() => liveFfmpegPids(urls))] })
    const viewerSeconds = (performance.now() - started) / 1000
    const viewerBytes = viewers.map((v, i) => v.bytes - bytesBefore[i])
    for (const v of viewers) v.close()

    const firstFrame = await firstFrames(serve, source)
    run = { idle, viewed: { stats: viewed.stats, source: viewed.source, othersCpuPercent: viewed.othersCpuPercent, attempts: viewed.attempts }, liveFfmpeg: viewed.extra[0], viewerBytes, viewerSeconds, firstFrame }
  } finally {
    await serve.stop()
    reapOrphans()
    removeTempDir(dataDir)
  }
  const tapped = recorders.length === urls.length && recorders.every((r) => hasLiveTap(r.argv))
  log(`  live path of this build: ${tapped ? "the recorder's live tap" : "a relay's own ffmpeg per watched camera"}`)
  return { ...run, livePath: tapped ? 'recorder tap' : 'relay ffmpeg', tap: tapped ? await tapRun(recorders, source) : null }
}

/**
 * The tap is muxed and parsed whether anyone watches or not, so its cost hides in "Vigil idle". The recorder
 * commands Vigil ran are run again (same binary, same camera), once without the tap output and once with it
 * read into Vigil's LiveRelay, each in a child Node process measured as a whole: the difference is the tap.
 */
async function tapRun(recorders: RecorderCommand[], source: Source): Promise<TapRun> {
  const measure = async (withTap: boolean): Promise<WindowStats> => {
    const dir = tempDir('vigil-bench-tap-')
    const commands = recorders.map((r) => ({ ffmpeg: r.argv[0], args: benchArgv(r.argv, dir, withTap) }))
    const arm = await startTapArm(commands, withTap)
    try {
      await sleep(SETTLE_MS)
      log(`  the recorder commands alone, ${withTap ? "with the live tap read by Vigil's LiveRelay" : 'without the live tap'}...`)
      const window = await measureWindow(() => [arm.pid], source)
      const ffmpegs = window.stats.byComm.ffmpeg?.processes ?? 0
      if (arm.output().includes('EXITED') || ffmpegs !== recorders.length) {
        throw new Error(`a recorder command exited during the tap A/B (${ffmpegs} of ${recorders.length} ran):\n${arm.output()}`)
      }
      return { stats: window.stats, source: window.source, othersCpuPercent: window.othersCpuPercent, attempts: window.attempts }
    } finally {
      await arm.stop()
      removeTempDir(dir)
    }
  }
  const withoutTap = await measure(false)
  const withTap = await measure(true)
  return { withoutTap, withTap }
}

/**
 * Cold samples need a camera nobody watched for COLD_AFTER_MS (and whose relay ffmpeg is gone); cameras are
 * taken in turn, so with several cameras there is little waiting.
 */
class ColdCameras {
  private readonly lastViewed = new Map<string, number>()
  private turn = 0

  constructor(private readonly cameras: { name: string; url: string }[]) {
    const now = Date.now()
    for (const c of cameras) this.lastViewed.set(c.name, now)
  }

  async next(): Promise<{ name: string; url: string }> {
    const camera = this.cameras[this.turn++ % this.cameras.length]
    await sleep(Math.max(0, this.lastViewed.get(camera.name)! + COLD_AFTER_MS - Date.now()))
    const deadline = Date.now() + 20_000
    while (liveFfmpegPids([camera.url]).length > 0 && Date.now() < deadline) await sleep(200)
    return camera
  }

  viewed(name: string): void {
    this.lastViewed.set(name, Date.now())
  }
}

async function firstFrames(serve: Serve, source: Source): Promise<FirstFrames> {
  await waitQuiet(log)
  log('  time to first frame (Node WebSocket viewers)...')
  const cameras = new ColdCameras(source.cameras)
  const result: FirstFrames = { cold: [], warm: [], coldDetail: [], browserCold: [], browserWarm: [] }
  const idOf = (name: string) => serve.ids.get(name)!
  for (let i = 0; i < Math.max(SAMPLES.nodeCold, SAMPLES.nodeWarm); i++) {
    const camera = await cameras.next()
    const first = new VigilViewer(serve.url, idOf(camera.name))
    const cold = await first.firstFrame()
    const second = new VigilViewer(serve.url, idOf(camera.name))
    const warm = await second.firstFrame()
    if (i < SAMPLES.nodeCold) {
      result.cold.push(cold)
      result.coldDetail.push({ ...first.times })
    }
    if (i < SAMPLES.nodeWarm) result.warm.push(warm)
    first.close()
    second.close()
    cameras.viewed(camera.name)
  }

  log('  time to first frame (Chromium, single view)...')
  const { browser, close } = await openBrowser()
  try {
    for (let i = 0; i < SAMPLES.browserCold; i++) {
      const camera = await cameras.next()
      result.browserCold.push(await browserFirstFrame(browser, serve.url, idOf(camera.name), camera.name))
      cameras.viewed(camera.name)
    }
    for (let i = 0; i < SAMPLES.browserWarm; i++) {
      const camera = source.cameras[i % source.cameras.length]
      // A Node viewer keeps the relay running, as another open window would.
      const holder = new VigilViewer(serve.url, idOf(camera.name))
      await holder.firstFrame()
      result.browserWarm.push(await browserFirstFrame(browser, serve.url, idOf(camera.name), camera.name))
      holder.close()
      cameras.viewed(camera.name)
    }
  } finally {
    await close()
  }
  return result
}

// ---------------------------------------------------------------------------------------------
// One camera count: the same streams for both, one after the other (never at the same time)

interface CameraRow {
  cameras: number
  vigil: VigilRun
  jsmpeg: JsmpegRun
}

async function benchCameras(clip: string, n: number): Promise<CameraRow> {
  log(`\n${n} camera(s): starting the RTSP server...`)
  const source = await clipSource(clip, n)
  try {
    log(`${n} camera(s): node-rtsp-stream, ${n} viewer(s)...`)
    const jsmpeg = await jsmpegRun(source)
    // Let the server drop the old sessions before the next client set connects.
    await sleep(2000)
    log(`${n} camera(s): Vigil...`)
    const vigil = await vigilRun(source)
    const row = { cameras: n, vigil, jsmpeg }
    log(cpuTable([row]))
    return row
  } finally {
    await source.close()
  }
}

// ---------------------------------------------------------------------------------------------
// Glass-to-glass

interface GlassResult {
  /** Chromium single view: display time - burned-in capture time (ms). */
  vigil: number[]
  /** The player's buffer ahead of the playhead at the same moments (s). */
  playerLag: number[]
  unreadable: number
  /** ffmpeg reading the mount directly: what the test camera itself adds (ms). */
  harness: number[]
}

async function glassRun(): Promise<GlassResult> {
  log('\nglass-to-glass: live-encoded 640x360 clock camera...')
  const source = await startSource([CLOCK])
  try {
    await waitQuiet(log)
    log('  the harness alone (ffmpeg decodes the time code from the RTSP stream)...')
    const harness = await harnessDelay(source.cameras[0].url, CLOCK.width, SAMPLES.harnessSeconds)
    const dataDir = tempDir('vigil-bench-clock-')
    addCameras(dataDir, source.cameras)
    const serve = await launchServe(dataDir, SEGMENT_SECONDS)
    const { browser, close } = await openBrowser()
    try {
      await waitRecording(serve)
      log('  Vigil in Chromium, single view...')
      const page = await openSingleView(browser, serve.url, serve.ids.get(CLOCK.name)!, CLOCK.name)
      // The player first catches up with the live edge (it skips ahead when it lags); sample the steady state.
      await page.waitForTimeout(3000)
      const g2g = await glassToGlass(page, CLOCK.name, CLOCK.width, SAMPLES.glass, SAMPLES.glassGapMs)
      await page.close()
      return { vigil: g2g.delays, playerLag: g2g.lags, unreadable: g2g.unreadable, harness }
    } finally {
      await close()
      await serve.stop()
      removeTempDir(dataDir)
    }
  } finally {
    await source.close()
  }
}

// ---------------------------------------------------------------------------------------------
// Results

const perCamera = (value: number, n: number) => value / n
const nodeOf = (stats: TreeStats) => stats.byComm.node?.cpuPercent ?? 0
const MB = 1e6

function derived(row: CameraRow) {
  const { vigil } = row
  const viewersPoints = vigil.viewed.stats.cpuPercent - vigil.idle.stats.cpuPercent
  const tapPoints = vigil.tap ? vigil.tap.withTap.stats.cpuPercent - vigil.tap.withoutTap.stats.cpuPercent : 0
  const tapRssMiB = vigil.tap ? vigil.tap.withTap.stats.rssMeanMiB - vigil.tap.withoutTap.stats.rssMeanMiB : 0
  const cost = viewersPoints + tapPoints
  const nrs = row.jsmpeg.window.stats
  return {
    livePath: vigil.livePath,
    /** Viewed minus idle: what the viewers add (with a tap: Node forwarding only). */
    viewersPoints,
    /** The always-on tap output (0 without a tap). */
    tapPoints,
    liveCpuPoints: cost,
    liveCpuPerCamera: perCamera(cost, row.cameras),
    liveNodePoints: nodeOf(vigil.viewed.stats) - nodeOf(vigil.idle.stats),
    relayFfmpegPoints: vigil.liveFfmpeg.cpuPercent,
    liveRssMiB: vigil.viewed.stats.rssMeanMiB - vigil.idle.stats.rssMeanMiB + tapRssMiB,
    jsmpegCpu: nrs.cpuPercent,
    jsmpegCpuPerCamera: perCamera(nrs.cpuPercent, row.cameras),
    jsmpegRssMiB: nrs.rssMeanMiB,
    /** NaN when Vigil's live cost did not come out above zero (it is then within the windows' noise). */
    cpuRatio: ratio(nrs.cpuPercent, cost),
    jsmpegMinFps: Math.min(...row.jsmpeg.fps),
    vigilViewerMbps: (vigil.viewerBytes.reduce((a, b) => a + b, 0) * 8) / MB / vigil.viewerSeconds / row.cameras,
    jsmpegViewerMbps: (row.jsmpeg.viewerBytes.reduce((a, b) => a + b, 0) * 8) / MB / row.jsmpeg.spanSeconds / row.cameras
  }
}

function cpuTable(rows: CameraRow[]): string {
  return table(
    ['cams', 'live path', 'Vigil idle %', 'Vigil viewed %', 'viewers pts', '(node / relay ffmpeg)', 'tap pts', 'live cost pts', 'per cam', 'live RSS MiB', 'node-rtsp-stream %', 'per cam', 'RSS MiB', 'fps min', 'ratio', 'Mb/s per viewer V / n-r-s', 'source CPU %', 'others CPU %'],
    rows.map((row) => {
      const d = derived(row)
      return [
        String(row.cameras),
        d.livePath,
        fixed(row.vigil.idle.stats.cpuPercent, 2),
        fixed(row.vigil.viewed.stats.cpuPercent, 2),
        fixed(d.viewersPoints, 2),
        `${fixed(d.liveNodePoints, 2)} / ${fixed(d.relayFfmpegPoints, 2)}`,
        row.vigil.tap ? fixed(d.tapPoints, 2) : '-',
        fixed(d.liveCpuPoints, 2),
        fixed(d.liveCpuPerCamera, 2),
        fixed(d.liveRssMiB),
        fixed(d.jsmpegCpu, 1),
        fixed(d.jsmpegCpuPerCamera, 1),
        fixed(d.jsmpegRssMiB),
        fixed(d.jsmpegMinFps, 1),
        Number.isFinite(d.cpuRatio) ? `${fixed(d.cpuRatio, 0)}x` : 'n/a',
        `${fixed(d.vigilViewerMbps, 2)} / ${fixed(d.jsmpegViewerMbps, 2)}`,
        `${fixed(row.vigil.idle.source.cpuPercent)} / ${fixed(row.vigil.viewed.source.cpuPercent)} / ${fixed(row.jsmpeg.window.source.cpuPercent)}`,
        `${fixed(row.vigil.idle.othersCpuPercent)} / ${fixed(row.vigil.viewed.othersCpuPercent)} / ${fixed(row.jsmpeg.window.othersCpuPercent)}`
      ]
    })
  )
}

/** Every CPU window of the run with its name, for the report on repeated and busy windows. */
function allWindows(rows: CameraRow[]): { name: string; window: WindowStats }[] {
  return rows.flatMap((row) => [
    { name: `${row.cameras} cam node-rtsp-stream`, window: row.jsmpeg.window },
    { name: `${row.cameras} cam Vigil idle`, window: row.vigil.idle },
    { name: `${row.cameras} cam Vigil viewed`, window: row.vigil.viewed },
    ...(row.vigil.tap
      ? [
          { name: `${row.cameras} cam without tap`, window: row.vigil.tap.withoutTap },
          { name: `${row.cameras} cam with tap`, window: row.vigil.tap.withTap }
        ]
      : [])
  ])
}

function windowNote(rows: CameraRow[]): string {
  const windows = allWindows(rows)
  const repeated = windows.filter((w) => w.window.attempts > 1)
  const busy = windows.filter((w) => w.window.othersCpuPercent > OTHERS_LIMIT)
  const list = (ws: typeof windows) => ws.map((w) => `${w.name} (${fixed(w.window.othersCpuPercent)}%)`).join(', ')
  return (
    `${windows.length} windows; ${repeated.length} measured again because other processes were busy` +
    (busy.length ? `; kept although still busy after ${WINDOW_ATTEMPTS} attempts: ${list(busy)}.` : '; every window kept was quiet.')
  )
}

/** Median and count of the samples that produced a value. */
function sampleCell(values: (number | null)[]): string {
  const ok = present(values)
  const failed = values.length - ok.length
  const value = median(ok)
  return `${ms(value, value < 10 ? 1 : 0)} (${ok.length}${failed ? `, ${failed} failed` : ''})`
}

function firstFrameTable(rows: CameraRow[]): string {
  return table(
    ['cams', 'Vigil WS cold', 'Vigil WS warm', 'node-rtsp-stream WS', 'Chromium cold', 'Chromium warm', 'cold: open -> hello / init / keyframe'],
    rows.map((row) => {
      const f = row.vigil.firstFrame
      const part = (key: keyof VigilTimes) => ms(median(present(f.coldDetail.map((t) => (t[key] === null || t.open === null ? null : t[key]! - t.open)))))
      return [
        String(row.cameras),
        sampleCell(f.cold),
        sampleCell(f.warm),
        sampleCell(row.jsmpeg.firstFrameMs),
        sampleCell(f.browserCold),
        sampleCell(f.browserWarm),
        `${part('hello')} / ${part('init')} / ${part('keyframe')}`
      ]
    })
  )
}

function glassTable(glass: GlassResult): string {
  const row = (label: string, values: number[]) => [label, ms(median(values)), ms(percentile(values, 95)), ms(Math.min(...values)), ms(Math.max(...values)), String(values.length)]
  return table(
    ['path', 'median', 'p95', 'min', 'max', 'samples'],
    [
      row('Vigil in Chromium (camera -> display)', glass.vigil),
      row('harness alone (camera -> ffmpeg decode)', glass.harness),
      ['Vigil + browser part (difference of medians)', ms(median(glass.vigil) - median(glass.harness)), '', '', '', ''],
      ['player buffer ahead of playhead', `${fixed(median(glass.playerLag), 2)} s`, `${fixed(percentile(glass.playerLag, 95), 2)} s`, '', '', String(glass.playerLag.length)]
    ]
  )
}

function seekSummaries(seek: SeekResult): Record<string, Summary> {
  return {
    locate: summarize(seek.locate.samples),
    naive: summarize(seek.naive.samples),
    inRangeDay: summarize(seek.inRangeDay.samples),
    dispatch: summarize(seek.dispatch.samples)
  }
}

function seekTable(seek: SeekResult): string {
  const s = seekSummaries(seek)
  const row = (label: string, summary: Summary) => [label, ms(summary.p50, 3), ms(summary.p95, 3), ms(summary.max, 3), String(summary.n)]
  return table(
    ['query', 'p50', 'p95', 'max', 'calls'],
    [
      row('SegmentsRepo.locate (camera, at)', s.locate),
      row('naive: first segment with end_ms > at', s.naive),
      row(`SegmentsRepo.inRange, one day (${seek.inRangeDay.rowsPerCall} rows)`, s.inRangeDay),
      row('recordings.locate via dispatch (zod incl.)', s.dispatch)
    ]
  )
}

function goalLines(rows: CameraRow[], glass: GlassResult, seek: SeekResult): string[] {
  const perCam = rows.map((row) => ({ n: row.cameras, value: derived(row).liveCpuPerCamera }))
  const worstCpu = Math.max(...perCam.map((p) => p.value))
  const firstFrame = rows.map((row) => ({ n: row.cameras, value: median(present(row.vigil.firstFrame.browserCold)) }))
  const worstFirst = Math.max(...firstFrame.map((f) => (Number.isFinite(f.value) ? f.value : Infinity)))
  const latency = median(glass.vigil)
  const vigilPart = latency - median(glass.harness)
  const s = seekSummaries(seek)
  return [
    `Live view adds under ${GOAL.livePerCameraPoints}% of one core per camera: ${perCam.map((p) => `${p.n} cam ${fixed(p.value, 2)}`).join(', ')} -> ${verdict(worstCpu < GOAL.livePerCameraPoints)}`,
    `First frame under ${GOAL.firstFrameMs} ms (Chromium, single view, camera unviewed for 15 s, median): ${firstFrame.map((f) => `${f.n} cam ${ms(f.value)}`).join(', ')} -> ${verdict(worstFirst < GOAL.firstFrameMs)}`,
    `Latency under ${GOAL.latencyMs} ms (glass-to-glass in Chromium, median; p95 ${ms(percentile(glass.vigil, 95))}): end to end ${ms(latency)} -> ${verdict(latency < GOAL.latencyMs)}; ` +
      `of it the test camera alone ${ms(median(glass.harness))}, Vigil + browser ${ms(vigilPart)} -> ${verdict(vigilPart < GOAL.latencyMs)}`,
    `Seek under ${GOAL.seekMs} ms for the index query (SegmentsRepo.locate p95; max ${ms(s.locate.max, 2)}; via dispatch p95 ${ms(s.dispatch.p95, 3)}): ${ms(s.locate.p95, 3)} -> ${verdict(s.locate.p95 < GOAL.seekMs && s.dispatch.p95 < GOAL.seekMs)}`
  ]
}

const NOTES = [
  `Cameras: one ${CLIP.width}x${CLIP.height} ${CLIP.fps} fps H.264 clip at ${CLIP.bitrateKbps} kb/s (keyframe every ${CLIP.fps * 2} frames = 2 s, no B-frames), looped with -c copy into N mounts of one gst-rtsp-server; each mount has an idle keep-alive client so its pipeline stays prepared.`,
  `CPU: utime+stime of a process tree over a ${WINDOW_SECONDS} s window (BENCH_SECONDS), percent of one core, read from /proc (bench/lib/proc-stats.ts). Before every window the benchmark waits until no other benchmark (record.bench) runs.`,
  'Vigil: "viewers pts" = CPU of the `vigil serve` tree (Node + recorder ffmpegs + relay ffmpegs) with one WebSocket viewer per camera on stream=main, minus the same tree recording without viewers, one window after the other; split into the Node process\'s difference and the relays\' own ffmpegs measured alone.',
  'Live path "relay ffmpeg": a watched camera gets its own `ffmpeg -c copy -f mp4` (a second camera connection), started by the first viewer: all of its cost is in "viewers pts". Live path "recorder tap": the recorder\'s ffmpeg also writes the live fMP4 to a pipe, always, and Node relays it: "viewers pts" is then the forwarding only, and "tap pts" is the always-on part: the recorder commands Vigil used, run again in a child Node process, once without the tap output and once with it read into a tapped LiveRelay (Vigil\'s own class, as LiveManager.attachTap uses it with no viewer); the process trees\' difference covers ffmpeg\'s second output and Node\'s splitting of the tap. Live cost = viewers + tap. The build decides which path runs; the table names it.',
  `Recording runs with ${SEGMENT_SECONDS} s segments and the windows are placed between cuts: a cut makes Vigil index each closed segment (SHA-256 of the whole file), a recording cost (see record.md) that would otherwise land in one window and not the other.`,
  'node-rtsp-stream 0.0.9: one `new Stream({ name, streamUrl, wsPort, ffmpegOptions: { \'-stats\': \'\', \'-r\': 25 } })` per camera in a child Node process of its own (its tree: node + one ffmpeg per camera, RTSP over its default transport), one WebSocket viewer per camera. Ratio = its CPU / Vigil\'s live cost. It transcodes all the time, viewers or not. "fps min" = frames its slowest ffmpeg encoded per second in the window: below 25 it fell behind, and its CPU figure is then a lower bound.',
  'Viewers are Node WebSocket clients in the benchmark process (not measured) that read and discard. Mb/s per viewer is what they received during the window: Vigil sends the camera\'s H.264 as it is, node-rtsp-stream MPEG-1 at ffmpeg\'s default bitrate (far lower quality at 1080p).',
  'Time to first frame, Vigil WebSocket: socket open -> first complete fMP4 fragment starting with a keyframe. Cold = the camera was unviewed for 15 s (with a relay ffmpeg: none running, so it must connect, analyse 0.5 s and wait for the camera\'s next keyframe, up to 2 s here; with a tap: the relay is fed all the time), warm = a second viewer while the first watches (it gets the init segment and the current GOP at once).',
  'Time to first frame, node-rtsp-stream: socket open -> first complete MPEG-1 picture after a sequence header (jsmpeg cannot decode earlier), found by demuxing the MPEG-TS; its ffmpeg always runs, so this is its only case.',
  'Time to first frame, Chromium: a fresh page navigated to #/live/<camera id> (single view, main stream) -> the <video> reports data-state=playing (seen by a MutationObserver), page load included. Debian Chromium, software decoding (--disable-gpu).',
  `Glass-to-glass: a ${CLOCK.width}x${CLOCK.height} ${CLOCK.fps} fps camera live-encoded by the harness with each frame's wall-clock time burned in as a binary code (test/support/timecode.ts; stamped before encoding). Chromium single view; at requestVideoFrameCallback (frame handed to display) the page draws the <video> into a canvas and notes Date.now(); the code is read with readTimecode. Same machine clock. The harness row: ffmpeg reads the mount directly (one decoder thread, low_delay), no Vigil: encoding, the RTSP server and decoding. Most of the harness\'s delay is probably the test server\'s GStreamer tsdemux, whose latency property defaults to 700 ms; a real camera has its own, different delay. "Vigil + browser" (total minus harness) is the part Vigil can influence: relay, fragments (200 ms), WebSocket, MSE and the player, which stays about 0.2-1.2 s behind the newest buffered frame (renderer/hooks/liveEdge.ts).`,
  `Seek: an index of ${SEEK.days} days x ${SEEK.cameras} cameras of ${SEEK.segmentSeconds} s segments made with openDatabase + SegmentsRepo.insert in one transaction (rows only, no files). ${SEEK.locateCalls} random (camera, instant) pairs from a seeded generator, after ${SEEK.warmupCalls} warm-up calls; the same pairs for locate and for the naive query \`${NAIVE_SQL}\`. inRange: ${SEEK.rangeCalls} random days of random cameras. dispatch: createApp(...).start('configure') and app.dispatch('recordings.locate', ...) (zod validation and result mapping included, HTTP not).`,
  `Other sessions share this machine: a window in which processes the benchmark did not start used more than ${OTHERS_LIMIT}% of a core is measured again (at most ${WINDOW_ATTEMPTS} times; "attempts" and "othersCpuPercent" in the JSON).`,
  'The machine is shared by the test camera (RTSP server, feeders, keep-alives: "source CPU", per window Vigil idle / viewed / node-rtsp-stream) and the viewers in the benchmark process; on 2 cores the CPU differences of a few tenths of a point are within noise.'
]

type Info = ReturnType<typeof machine> & { build: ReturnType<typeof buildInfo> }

function markdown(info: Info, date: string, rows: CameraRow[], glass: GlassResult, seek: SeekResult): string {
  const s = seekSummaries(seek)
  return [
    '# Live-view benchmark',
    '',
    `${date} - ${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB, ${info.kernel}, Node ${info.node}, ${info.ffmpeg}, ${info.chromium}, load average at start ${info.loadAverage.join(' ')}`,
    '',
    `Build: out/ of ${info.build.builtAt} (bundle ${info.build.hash}) on commit ${info.build.commit}` +
      (info.build.uncommitted.length ? `, with uncommitted changes in ${info.build.uncommitted.join(', ')}.` : ', no uncommitted app changes.'),
    '',
    `${WINDOW_SECONDS} s windows; cameras: ${CLIP.width}x${CLIP.height}p${CLIP.fps} H.264 at ${CLIP.bitrateKbps / 1000} Mb/s from a local RTSP server.`,
    '',
    '## CPU of live view (percent of one core)',
    '',
    cpuTable(rows),
    '',
    windowNote(rows),
    '',
    'Columns: live path = how this build serves live view (see below); Vigil recording without / with one viewer per camera; viewers pts = the difference, split into Node and the relays\' own ffmpegs; tap pts = the always-on live tap (recorder tap only); live cost = viewers + tap, in total and per camera; live RSS = the same for memory; node-rtsp-stream: its whole tree with one viewer per camera, per camera, its RSS, fps of its slowest camera; ratio = node-rtsp-stream / Vigil live cost (n/a when that cost did not come out above zero); Mb/s each viewer received; source CPU: the test camera during Vigil idle / Vigil viewed / node-rtsp-stream; others CPU: processes this benchmark did not start (other sessions on the machine) in the same three windows.',
    '',
    '## Time to first frame (median, samples)',
    '',
    firstFrameTable(rows),
    '',
    '## Glass-to-glass latency',
    '',
    glassTable(glass),
    '',
    '## Seek latency',
    '',
    `${seek.rows.toLocaleString('en')} index rows (${fixed(seek.dbBytes / MB)} MB database, inserted in ${fixed(seek.insertSeconds)} s); first locate ${ms(seek.firstLocateMs, 3)}; locate and naive disagreed ${seek.mismatches} times.`,
    '',
    seekTable(seek),
    '',
    `Naive / locate: ${fixed(ratio(s.naive.p50, s.locate.p50), 0)}x at p50, ${fixed(ratio(s.naive.mean, s.locate.mean), 0)}x in the mean. Query plans:`,
    '',
    ...Object.entries(seek.plans).map(([name, plan]) => `- ${name}: ${plan.join('; ')}`),
    '',
    '## Goals',
    '',
    ...goalLines(rows, glass, seek).map((l) => `- ${l}`),
    '',
    '## How it is measured',
    '',
    ...NOTES.map((n) => `- ${n}`),
    ''
  ].join('\n')
}

function writeResults(info: Info, date: string, rows: CameraRow[], glass: GlassResult, seek: SeekResult): void {
  mkdirSync(RESULTS_DIR, { recursive: true })
  const json = {
    date,
    machine: info,
    windowSeconds: WINDOW_SECONDS,
    clip: CLIP,
    clock: CLOCK,
    samples: SAMPLES,
    segmentSeconds: SEGMENT_SECONDS,
    goal: { ...GOAL, lines: goalLines(rows, glass, seek) },
    notes: NOTES,
    cameras: rows.map((row) => ({ cameras: row.cameras, ...derived(row), vigil: row.vigil, jsmpeg: row.jsmpeg })),
    glassToGlass: { ...glass, vigilSummary: summarize(glass.vigil), harnessSummary: summarize(glass.harness) },
    // Per-call samples of the seek test are summarized; 4000 numbers would drown the file.
    seek: { ...SEEK, naiveSql: NAIVE_SQL, rows: seek.rows, dbBytes: seek.dbBytes, insertSeconds: seek.insertSeconds, firstLocateMs: seek.firstLocateMs, mismatches: seek.mismatches, plans: seek.plans, inRangeRowsPerCall: seek.inRangeDay.rowsPerCall, ...seekSummaries(seek) }
  }
  writeFileSync(path.join(RESULTS_DIR, 'live.json'), JSON.stringify(json, null, 2) + '\n')
  writeFileSync(path.join(RESULTS_DIR, 'live.md'), markdown(info, date, rows, glass, seek))
  log(`\nwritten: ${path.relative(ROOT, RESULTS_DIR)}/live.json, live.md`)
}

// ---------------------------------------------------------------------------------------------

function ensureBuilt(): void {
  if (existsSync(CLI)) return
  log('out/main/cli.js is missing: building...')
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' })
  if (build.status !== 0 || !existsSync(CLI)) throw new Error('electron-vite build failed')
}

/**
 * What was measured: the build (copied, see snapshotBuild), the commit, and the app source files that differed
 * from it (the build may contain work in progress; other sessions build out/ too).
 */
function buildInfo() {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout ?? ''
  // Porcelain lines are "XY path": two status columns and a space (so no trimming of the output).
  const uncommitted = git('status', '--porcelain', '--', 'main', 'renderer', 'preload')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3))
  return { ...snapshotBuild(), commit: git('rev-parse', '--short', 'HEAD').trim(), uncommitted }
}

async function seekRun(): Promise<SeekResult> {
  await waitQuiet(log)
  log(`\nseek: index of ${SEEK.days} days x ${SEEK.cameras} cameras of ${SEEK.segmentSeconds} s segments...`)
  const dir = tempDir('vigil-bench-seek-')
  try {
    const seek = await seekBench(dir)
    log(seekTable(seek))
    return seek
  } finally {
    removeTempDir(dir)
  }
}

async function main(): Promise<void> {
  if (process.platform !== 'linux') throw new Error('the live benchmark reads /proc: Linux only')
  cleanUpOnSignals()
  // Nothing of ours may run while another benchmark measures, set-up included.
  await waitQuiet(log)
  ensureBuilt()
  const info = { ...machine(), build: buildInfo() }
  const date = new Date().toISOString()
  log(`Live-view benchmark, ${date}\n${info.cpu}, ${info.cores} cores, Node ${info.node}, ${info.ffmpeg}, ${info.chromium}`)
  log(`build: out/ of ${info.build.builtAt} (${info.build.hash}), commit ${info.build.commit}${info.build.uncommitted.length ? `, uncommitted changes in ${info.build.uncommitted.join(' ')}` : ''}`)
  const seek = await seekRun()
  const clip = await makeClip(CLIP)
  const rows: CameraRow[] = []
  for (const n of CAMERA_COUNTS) rows.push(await benchCameras(clip, n))
  const glass = await glassRun()
  log(glassTable(glass))

  log(`\n${cpuTable(rows)}\n${windowNote(rows)}\n\n${firstFrameTable(rows)}\n\n${glassTable(glass)}\n\n${seekTable(seek)}\n\n${goalLines(rows, glass, seek).join('\n')}`)
  writeResults(info, date, rows, glass, seek)
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error)
    process.exitCode = 1
  })
  .finally(() => cleanup())
