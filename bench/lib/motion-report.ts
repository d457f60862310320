// Tables, goals and the Markdown page of the motion benchmark.
import { DEFAULT_TUNING } from '../../main/core/motion/motion-detector'
import type { DetectorConfig } from '../../main/core/motion/types'
import { fixed, max, median, percentile, ratio, table, verdict } from './live-report'
import { MOTION_SETTINGS } from './motion-daemon'
import { MATCH_MS, mergeDelays, type DelayResult } from './motion-delay'
import { referenceArgs } from './motion-reference'
import { BOX, LOOP_SECONDS, PATH_STRIP, SCENE } from './motion-scene'
import { buildMotionArgs } from '../../main/core/motion/motion-args'
import { LIVE_PIPE_INPUT } from '../../main/core/motion/live-input'
import { LIVE_TAP_FRAGMENT_US } from '../../main/core/media/record-args'
import { benchRecordArgs, RECORD_SETTINGS } from './motion-tap-recorders'
import type { ChildStats } from './motion-vigil-child'
import type { TreeStats } from './proc-stats'

export const GOAL = { cpuPerCameraPercent: 3, delayMs: 1000 }

export interface Window {
  /** Epoch ms: events and moves count inside [from, to]. */
  from: number
  to: number
  stats: TreeStats
  /** The RTSP server, its feeders and keep-alive clients. */
  source: TreeStats
  /** The reference readers (one full-rate ffmpeg per camera). */
  reference: TreeStats
  /** Processes this benchmark did not start (other sessions), percent of one core. */
  othersCpuPercent: number
  /** Whether another benchmark ran when the window closed. */
  otherBench: boolean
  /** Frames per second each reference reader got in the window (15 = kept up with the camera). */
  referenceFps: number[]
  attempts: number
  loadAverage: number[]
}

/** An arm of Vigil's motion detection: its window, its events paired with the moves, what the child said. */
export interface VigilArm {
  window: Window
  delay: DelayResult
  firstFrame: DelayResult
  child: ChildStats | null
  log: string
}

export interface Row {
  cameras: number
  bare: { window: Window }
  /** Motion reading each camera's URL (the substream). */
  vigil: VigilArm
  motion: { window: Window; delay: DelayResult; logTail: string }
  /** Baseline of the tap arm: the recorders with their live taps and tapped relays, no motion. */
  recorder: { window: Window; log: string }
  /** The recorders, taps and relays again, and motion reading the taps (a camera without a substream). */
  tap: VigilArm
}

/** The arms in the order they run, with the names the report gives them. */
export const ARMS = [
  ['bare', 'bare ffmpeg'],
  ['vigil', 'Vigil'],
  ['motion', 'motion'],
  ['recorder', 'recorder + tap'],
  ['tap', 'Vigil via tap']
] as const

const perCamera = (value: number, row: Row) => value / row.cameras
const cpu = (w: Window) => w.stats.cpuPercent
const byComm = (w: Window, comm: string) => w.stats.byComm[comm]
const commCpu = (w: Window, comm: string) => byComm(w, comm)?.cpuPercent ?? 0
const commRss = (w: Window, comm: string) => byComm(w, comm)?.rssMeanMiB ?? 0
/** What motion via the tap adds: the tap arm's tree minus the recorder arm's (same recorders, relays, Node). */
const tapCpu = (row: Row) => cpu(row.tap.window) - cpu(row.recorder.window)
const tapCommCpu = (row: Row, comm: string) => commCpu(row.tap.window, comm) - commCpu(row.recorder.window, comm)

export function cpuTable(rows: Row[]): string {
  return table(
    ['cams', 'Vigil %', 'per cam', '(node / ffmpeg)', 'bare ffmpeg %', 'per cam', 'motion %', 'per cam', 'Vigil / motion', 'source %', 'reference %', 'others % bare / Vigil / motion'],
    rows.map((row) => [
      String(row.cameras),
      fixed(cpu(row.vigil.window), 2),
      fixed(perCamera(cpu(row.vigil.window), row), 2),
      `${fixed(commCpu(row.vigil.window, 'node'), 2)} / ${fixed(commCpu(row.vigil.window, 'ffmpeg'), 2)}`,
      fixed(cpu(row.bare.window), 2),
      fixed(perCamera(cpu(row.bare.window), row), 2),
      fixed(cpu(row.motion.window), 2),
      fixed(perCamera(cpu(row.motion.window), row), 2),
      fixed(ratio(cpu(row.vigil.window), cpu(row.motion.window)), 2),
      fixed(row.vigil.window.source.cpuPercent, 1),
      fixed(row.vigil.window.reference.cpuPercent, 1),
      [row.bare, row.vigil, row.motion].map((arm) => fixed(arm.window.othersCpuPercent, 1)).join(' / ')
    ])
  )
}

/** Motion on a camera without a substream: the tap arm minus its baseline, next to the URL path. */
export function tapCpuTable(rows: Row[]): string {
  return table(
    ['cams', 'recorder + tap %', '(node / ffmpeg)', 'Vigil via tap %', '(node / ffmpeg)', 'motion via tap %', 'per cam', '(node / ffmpeg)', 'via URL per cam', 'others % recorder / tap'],
    rows.map((row) => [
      String(row.cameras),
      fixed(cpu(row.recorder.window), 2),
      `${fixed(commCpu(row.recorder.window, 'node'), 2)} / ${fixed(commCpu(row.recorder.window, 'ffmpeg'), 2)}`,
      fixed(cpu(row.tap.window), 2),
      `${fixed(commCpu(row.tap.window, 'node'), 2)} / ${fixed(commCpu(row.tap.window, 'ffmpeg'), 2)}`,
      fixed(tapCpu(row), 2),
      fixed(perCamera(tapCpu(row), row), 2),
      `${fixed(tapCommCpu(row, 'node'), 2)} / ${fixed(tapCommCpu(row, 'ffmpeg'), 2)}`,
      fixed(perCamera(cpu(row.vigil.window), row), 2),
      [row.recorder, row.tap].map((arm) => fixed(arm.window.othersCpuPercent, 1)).join(' / ')
    ])
  )
}

export function memoryTable(rows: Row[], idleNodeRssMiB: number): string {
  return table(
    [
      'cams', 'Vigil RSS MiB', '(node / ffmpegs)', 'watchers MiB', 'per cam', 'Vigil anon MiB', 'bare ffmpeg RSS MiB', 'per cam', 'motion RSS MiB', 'per cam', 'motion anon MiB',
      'via tap MiB', '(node / ffmpegs)', 'per cam'
    ],
    rows.map((row) => {
      const v = row.vigil.window.stats
      const m = row.motion.window.stats
      const b = row.bare.window.stats
      const tap = row.tap.window
      const rec = row.recorder.window
      const tapRss = tap.stats.rssMeanMiB - rec.stats.rssMeanMiB
      return [
        String(row.cameras),
        fixed(v.rssMeanMiB),
        `${fixed(v.byComm.node?.rssMeanMiB ?? 0)} / ${fixed(v.byComm.ffmpeg?.rssMeanMiB ?? 0)}`,
        fixed(v.rssMeanMiB - idleNodeRssMiB),
        fixed(perCamera(v.rssMeanMiB - idleNodeRssMiB, row)),
        fixed(v.anonMeanMiB),
        fixed(b.rssMeanMiB),
        fixed(perCamera(b.rssMeanMiB, row)),
        fixed(m.rssMeanMiB),
        fixed(perCamera(m.rssMeanMiB, row)),
        fixed(m.anonMeanMiB),
        fixed(tapRss),
        `${fixed(commRss(tap, 'node') - commRss(rec, 'node'))} / ${fixed(commRss(tap, 'ffmpeg') - commRss(rec, 'ffmpeg'))}`,
        fixed(perCamera(tapRss, row))
      ]
    })
  )
}

const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)} ms` : 'n/a')

function delayCells(label: string, detector: string, d: DelayResult): string[] {
  return [
    label,
    detector,
    String(d.appearances),
    String(d.delays.length),
    String(d.missed),
    String(d.unmatched),
    ms(median(d.delays)),
    ms(percentile(d.delays, 90)),
    ms(max(d.delays))
  ]
}

/** Pooled over every run: each camera count adds its moves. */
export function pooled(rows: Row[]) {
  return {
    vigil: mergeDelays(rows.map((r) => r.vigil.delay)),
    firstFrame: mergeDelays(rows.map((r) => r.vigil.firstFrame)),
    motion: mergeDelays(rows.map((r) => r.motion.delay)),
    tap: mergeDelays(rows.map((r) => r.tap.delay)),
    tapFirstFrame: mergeDelays(rows.map((r) => r.tap.firstFrame))
  }
}

export function delayTable(rows: Row[]): string {
  const all = pooled(rows)
  const lines = rows.flatMap((row) => [
    delayCells(String(row.cameras), 'Vigil: event raised', row.vigil.delay),
    delayCells('', 'Vigil: its first moving frame', row.vigil.firstFrame),
    delayCells('', 'motion: on_event_start', row.motion.delay),
    delayCells('', 'Vigil via tap: event raised', row.tap.delay),
    delayCells('', 'Vigil via tap: its first moving frame', row.tap.firstFrame)
  ])
  if (rows.length > 1) {
    lines.push(
      delayCells('all', 'Vigil: event raised', all.vigil),
      delayCells('', 'Vigil: its first moving frame', all.firstFrame),
      delayCells('', 'motion: on_event_start', all.motion),
      delayCells('', 'Vigil via tap: event raised', all.tap),
      delayCells('', 'Vigil via tap: its first moving frame', all.tapFirstFrame)
    )
  }
  return table(['cams', 'detector', 'moves', 'detected', 'missed', 'extra events', 'median', 'p90', 'max'], lines)
}

export function goalLines(rows: Row[]): string[] {
  const all = pooled(rows)
  const perCam = rows.map((row) => ({
    n: row.cameras,
    vigil: perCamera(cpu(row.vigil.window), row),
    motion: perCamera(cpu(row.motion.window), row),
    tap: perCamera(tapCpu(row), row)
  }))
  const list = (f: (p: (typeof perCam)[number]) => string) => perCam.map((p) => `${p.n} cam ${f(p)}`).join(', ')
  const cpuOk = perCam.every((p) => p.vigil < GOAL.cpuPerCameraPercent)
  const belowMotion = perCam.every((p) => p.vigil < p.motion)
  const d = all.vigil
  const delayOk = d.delays.length > 0 && d.missed === 0 && max(d.delays) < GOAL.delayMs
  const m = all.motion
  const t = all.tap
  const tapCpuOk = perCam.every((p) => p.tap < GOAL.cpuPerCameraPercent)
  const tapDelayOk = t.delays.length > 0 && t.missed === 0 && max(t.delays) < GOAL.delayMs
  return [
    `CPU per camera below ${GOAL.cpuPerCameraPercent}% of one core (Vigil's tree: Node + its ffmpegs, / cameras): ${list((p) => fixed(p.vigil, 2))} -> ${verdict(cpuOk)}`,
    `Below the motion daemon on the same streams (Vigil / motion per camera): ${list((p) => `${fixed(p.vigil, 2)} / ${fixed(p.motion, 2)} = ${fixed(ratio(p.vigil, p.motion), 2)}`)} -> ${verdict(belowMotion)}`,
    `Event delay under ${GOAL.delayMs} ms for every move (Vigil, all runs: ${d.delays.length} of ${d.appearances} moves detected, ${d.missed} missed; median ${ms(median(d.delays))}, p90 ${ms(percentile(d.delays, 90))}): max ${ms(max(d.delays))} -> ${verdict(delayOk)}` +
      ` (motion: ${m.delays.length} of ${m.appearances}, median ${ms(median(m.delays))}, p90 ${ms(percentile(m.delays, 90))}, max ${ms(max(m.delays))})`,
    `Informational, a camera without a substream (motion via the recorder's tap): event delay under ${GOAL.delayMs} ms for every move (${t.delays.length} of ${t.appearances} moves detected, ${t.missed} missed; median ${ms(median(t.delays))}, p90 ${ms(percentile(t.delays, 90))}): max ${ms(max(t.delays))} -> ${verdict(tapDelayOk)}; ` +
      `CPU per camera below ${GOAL.cpuPerCameraPercent}% of one core (tap arm - recorder arm, / cameras): ${list((p) => fixed(p.tap, 2))} -> ${verdict(tapCpuOk)}`
  ]
}

export interface Context {
  date: string
  machine: { cpu: string; cores: number; memoryGiB: number; kernel: string; node: string; ffmpeg: string; motion: string; loadAverage: number[] }
  loadAtEnd: number[]
  /** motion*: main/core/motion; tap*: the recorder and relay code the tap arms run beside it. */
  git: { commit: string; motionChanges: string[]; motionHash: string; tapChanges: string[]; tapHash: string }
  idleNodeRssMiB: number
  windowSeconds: number
  warmupMs: Record<(typeof ARMS)[number][0], number>
  othersLimit: number
  vigil: DetectorConfig
}

function settingsLines(c: Context): string[] {
  const t = DEFAULT_TUNING
  const motion = Object.entries(MOTION_SETTINGS).map(([key, value]) => `${key} ${value}`).join(', ')
  const argv = buildMotionArgs({ input: 'rtsp://127.0.0.1:PORT/camN', width: c.vigil.width, height: c.vigil.height, fps: c.vigil.fps }).join(' ')
  const pipeArgv = buildMotionArgs({ ...LIVE_PIPE_INPUT, width: c.vigil.width, height: c.vigil.height, fps: c.vigil.fps }).join(' ')
  const recordArgv = benchRecordArgs('rtsp://127.0.0.1:PORT/camN', 'TMPDIR', 'benchN').join(' ')
  const r = RECORD_SETTINGS
  return [
    `Vigil: MotionWatcher (main/core/motion) per camera, as MotionManager configures a new camera: ${c.vigil.width}x${c.vigil.height} gray at ${c.vigil.fps} fps, no zones (the whole frame is one zone), sensitivity ${c.vigil.sensitivity}, smallest object ${c.vigil.minObjectPercent} % of the frame; detector tuning at its defaults (warm-up ${t.warmupMs} ms, an event starts after ${t.startFrames} consecutive frames with an object, ends ${t.endAfterMs} ms after the last). Its ffmpeg: \`ffmpeg ${argv}\`.`,
    `motion: Debian's motion daemon, one \`motion -n -c motion.conf\` with one camera file per stream (netcam_url = the same RTSP URL). Camera settings: ${motion}; the rest (despeckle_filter, lightswitch, smart mask, text overlay) at the program's defaults; web control and stream ports 0 (off), native_language off, log_level 6. on_event_start runs a 2-line shell script that appends \`date +%s%3N\` to a file per camera.`,
    `Bare ffmpeg: Vigil's command line for each camera with -y and /dev/null instead of pipe:1; nothing reads the frames.`,
    `Recorder + tap (the baseline of the tap path): per camera the recorder's ffmpeg as Vigil runs it for a camera with a live tap (recordArgs with liveTap: RTSP, H.264 stream copy, no audio, ${r.segmentSeconds} s segments of ${r.fragmentMs} ms fragments into a temp dir, socket timeout ${r.socketTimeoutMs / 1000} s; the second output is fragmented MP4 on fd 4, ${LIVE_TAP_FRAGMENT_US / 1000} ms fragments cut at keyframes): \`ffmpeg ${recordArgv}\`, spawned by Vigil's runProcess with fds 3 and 4; its segment list (fd 1), stderr and -progress (fd 3) are drained, and fd 4 is read into a tapped LiveRelay (Vigil's class, as LiveManager.attachTap makes it) that splits it into init segment and fragments and keeps the current GOP, with no viewer. Nothing of Vigil's recorder beyond the command runs (no segment indexing).`,
    `Vigil via tap (a camera without a substream): the same recorders and relays, plus a MotionWatcher per camera with the live input MotionManager gives such a camera: it joins the camera's relay as a viewer (hello, init segment, the current GOP, then every fragment) and writes the fragmented MP4 to its ffmpeg's stdin: \`ffmpeg ${pipeArgv}\`. Detector settings as for Vigil above.`
  ]
}

function notes(c: Context): string[] {
  const { crop, scaled } = PATH_STRIP
  return [
    `Cameras: one ${SCENE.width}x${SCENE.height} ${SCENE.fps} fps H.264 clip at ${SCENE.bitrateKbps} kb/s (keyframe every ${SCENE.gop} frames, no B-frames; a camera's substream), ${fixed(LOOP_SECONDS, 2)} s (${SCENE.frames} frames), looped with -c copy into N mounts of one gst-rtsp-server (test/support/rtsp), each with an idle keep-alive client (bench/lib/live-source.ts). Scene (bench/lib/motion-scene.ts): still texture with light sensor noise; a ${BOX.width}x${BOX.height} dark box (a person, ${fixed((100 * BOX.width * BOX.height) / (SCENE.width * SCENE.height))} % of the frame) appears whole at ${BOX.appearsAt} s, walks ${BOX.speedPxPerSec} px/s to the right and is gone after ${BOX.leavesAt} s; nothing moves for the rest of the loop. One move per camera per loop; the loop is one frame longer than 12 s so that the move meets the detectors' 5 fps grid at a different phase each loop.`,
    `The tap arms record this same stream, i.e. they stand for a camera whose only stream is ${SCENE.width}x${SCENE.height}: the URL and tap paths are compared on one stream. On a real main stream (1080p, 4K) motion's ffmpeg decodes every picture at full size before scaling it down, so its decode costs several times more there, by either path; this benchmark does not measure that.`,
    `Order per camera count, on the same streams: ${ARMS.map(([, name]) => name).join(', ')}, one after the other (never two at once: each would slow the other on 2 cores). Warm-up before each window: bare ffmpeg ${c.warmupMs.bare / 1000} s, Vigil ${c.warmupMs.vigil / 1000} s, recorder + tap ${c.warmupMs.recorder / 1000} s and Vigil via tap ${c.warmupMs.tap / 1000} s after start, motion ${c.warmupMs.motion / 1000} s after its log says every camera is connected.`,
    `CPU: utime+stime of the arm's process tree over a ${c.windowSeconds} s window, percent of one core, read from /proc (bench/lib/proc-stats.ts); motion's threads are in its process, its hook's short-lived shells are recovered from cutime. Per camera = tree / cameras. Vigil's tree is the child Node process (all N MotionWatchers, loaded with tsx; the TypeScript is compiled once at start) and its N ffmpegs. In the app the watchers run inside Vigil's main process, so "node" here is an upper bound of what detection adds there: it includes a whole Node runtime.`,
    `CPU of the tap path: the recorder + tap and Vigil via tap trees are the same child Node process with the N recorder ffmpegs, and in Vigil via tap also the N motion ffmpegs; "ffmpeg" sums recorders and motion decoders. "node" in both includes the tapped relays splitting every fragment of the taps (and keeping the GOP); in Vigil via tap also handing each fragment to its watcher's ffmpeg stdin, and the detectors. Motion via tap = Vigil via tap minus recorder + tap (whole tree, and per process name): what motion adds to a camera that is recorded anyway, since Vigil records every camera with its tap whether motion is on or not. The Node runtime and the recorders cancel out; the difference carries the noise of two windows measured one after the other. Via URL per cam = the Vigil column above, for comparison.`,
    `RSS: summed VmRSS of the tree, mean over the window; anon = summed RssAnon (the processes' own heap and stacks; VmRSS also counts shared libraries once per process). The Node part of Vigil's RSS is mostly the runtime: the same child with no camera (Node, tsx and the motion modules loaded) used ${fixed(c.idleNodeRssMiB)} MiB; "watchers" = Vigil's RSS minus that, i.e. the N ffmpegs and what the detectors add to Node. "via tap" = Vigil via tap's RSS minus recorder + tap's (same Node runtime, recorders and relays in both): the N motion ffmpegs and what the watchers add to Node.`,
    `Event delay: a reference reader per camera (ffmpeg -threads 1 -flags low_delay at the full ${SCENE.fps} fps, cropping the box's path ${crop.width}x${crop.height}+${crop.x}+${crop.y}, area-scaled to ${scaled.width}x${scaled.height} gray, flushed per frame) runs beside every arm and notes Date.now() when the first frame with the box in view (at least ${PATH_STRIP.minDarkPixels} pixels darker than ${PATH_STRIP.darkBelow}) reaches Node after a quiet second: "the move arrived on this machine". Delay = event time minus that. Vigil's event time is Date.now() in the child when MotionWatcher calls onTransition with the start; "its first moving frame" is the arrival (Date.now()) of the first frame of the run of frames that made the event (the detector waits for ${DEFAULT_TUNING.startFrames} in a row), to show what decode and the ${c.vigil.fps} fps sampling cost apart from that rule. motion's event time is when its on_event_start hook ran \`date\` (fork + exec of sh and date, a few ms, included). Vigil via tap's times are taken as Vigil's; its frames come later than by URL: the recorder's tap writes a fragment only once it is complete (${LIVE_TAP_FRAGMENT_US / 1000} ms of video), the relay splits it off the pipe, the watcher writes it to its ffmpeg's stdin, and that ffmpeg demuxes the MP4 before it decodes.`,
    'A negative delay means the event came before the reference reader had the frame: the reader is itself a few tens of ms late at times (its own decode and pipe, and a busy machine delaying it), so read every delay as +- that.',
    `Moves count when they arrive inside the window and at least ${MATCH_MS / 1000} s before its end; each is paired with the camera's first event from 0.5 s before to ${MATCH_MS / 1000} s after it. missed = moves without an event; extra events = events in the window no move explains (false alarms, or a second event for one move).`,
    `Same machine clock for all times. All cameras' events are pooled per camera count; "all" pools every count.`,
    `Shared machine: a window in which processes this benchmark did not start used more than ${c.othersLimit}% of a core is measured again once (per window figures "othersCpuPercent" and "attempts" in the JSON). The test camera (source %) and the reference readers (reference %) run during every window and are not part of any arm.`,
    `What the Vigil child ran: main/core/motion as in the working tree at commit ${c.git.commit}${c.git.motionChanges.length ? ` (not committed: ${c.git.motionChanges.join(', ')})` : ''}, sha256 of its .ts files ${c.git.motionHash}; ` +
      `in the tap arms also main/core/live and main/core/media${c.git.tapChanges.length ? ` (not committed: ${c.git.tapChanges.join(', ')})` : ''}, sha256 of their .ts files ${c.git.tapHash}.`
  ]
}

/** Says which windows other sessions made busy even after measuring again. */
export function busyLine(rows: Row[], othersLimit: number): string {
  const windows = rows.flatMap((row) => ARMS.map(([arm, name]) => ({ name: `${row.cameras} cam ${name}`, window: row[arm].window })))
  const busy = windows.filter((w) => w.window.othersCpuPercent > othersLimit)
  const repeated = windows.filter((w) => w.window.attempts > 1).length
  if (busy.length === 0) return `${windows.length} windows, ${repeated} measured again because other processes were busy; every window kept was quiet.`
  return (
    `${windows.length} windows, ${repeated} measured again because other processes were busy; ${busy.length} still had more than ${othersLimit}% of a core used by other sessions: ` +
    `${busy.map((w) => `${w.name} (${fixed(w.window.othersCpuPercent)}%)`).join(', ')}. The machine has 2 cores, so their figures carry that contention.`
  )
}

export function markdown(c: Context, rows: Row[]): string {
  const m = c.machine
  return [
    '# Motion detection benchmark',
    '',
    `${c.date} - ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.kernel}, Node ${m.node}, ${m.ffmpeg}, ${m.motion}, load average at start ${m.loadAverage.join(' ')}, at end ${c.loadAtEnd.join(' ')}`,
    '',
    `${c.windowSeconds} s windows; cameras: ${SCENE.width}x${SCENE.height} ${SCENE.fps} fps H.264 at ${SCENE.bitrateKbps} kb/s from a local RTSP server, a person-sized box walks through every ${fixed(LOOP_SECONDS, 2)} s; Vigil and motion both analyse ${c.vigil.fps} frames per second. Vigil's motion runs two ways: reading the stream by URL (a camera's substream), and via the recorder's live tap (a camera without a substream; measured against the recorder with its tap alone).`,
    '',
    '## CPU (percent of one core)',
    '',
    cpuTable(rows),
    '',
    'Vigil = its motion detection alone (Node + its ffmpegs); bare ffmpeg = the same decode with nothing reading the frames; motion = the daemon; Vigil / motion = the ratio of the two; source = the test camera (RTSP server, feeders, keep-alives), reference = the delay readers, others = processes this benchmark did not start, in the bare / Vigil / motion windows.',
    '',
    '### A camera without a substream: motion via the recorder\'s tap',
    '',
    tapCpuTable(rows),
    '',
    'recorder + tap = the recorders with their live taps and tapped relays, no motion (what recording such a camera costs anyway); Vigil via tap = the same plus motion detection reading the taps; motion via tap = the difference, what motion adds (node / ffmpeg: the difference per process name); via URL per cam = motion reading the stream by URL (Vigil above); others as above, in the recorder + tap / Vigil via tap windows.',
    '',
    busyLine(rows, c.othersLimit),
    '',
    '## Memory',
    '',
    memoryTable(rows, c.idleNodeRssMiB),
    '',
    '## Event delay (move in the stream -> event)',
    '',
    delayTable(rows),
    '',
    '## Goals',
    '',
    ...goalLines(rows).map((line) => `- ${line}`),
    '',
    '## Settings',
    '',
    ...settingsLines(c).map((line) => `- ${line}`),
    '',
    '## How it is measured',
    '',
    ...notes(c).map((line) => `- ${line}`),
    '',
    `Reference reader: \`ffmpeg ${referenceArgs('rtsp://127.0.0.1:PORT/camN').join(' ')}\``,
    ''
  ].join('\n')
}
