// Child process of the motion benchmark: Vigil's motion detection for N cameras, and nothing else. One
// MotionWatcher per camera (Vigil's own class: its ffmpeg decodes the stream to small gray frames, the
// detector scores them in this process), so the parent can measure exactly this process tree.
// Each event start is written to stdout at once with the wall-clock time it was raised.
//
// MOTION_SOURCE says where the watchers' frames come from:
//   url       each watcher's ffmpeg opens the camera URL itself (a camera with a substream);
//   tap       per camera the recorder's ffmpeg with its live tap and a tapped LiveRelay (motion-tap-recorders.ts),
//             and the watcher reads the relay (a camera without a substream: no second connection);
//   recorder  the same recorders and relays, no watchers: what recording with its tap costs anyway, the
//             baseline the tap arm is measured against.
//
//   MOTION_CAMERAS='[{"name":"cam1","url":"rtsp://..."}]' MOTION_CONFIG='{...DetectorConfig}' \
//   MOTION_FFMPEG=/usr/bin/ffmpeg [MOTION_SOURCE=tap MOTION_RECORD_DIR=/tmp/...] node --import tsx motion-vigil-child.ts
//
// stdout: READY, then per event `EVENT {"camera","raisedAt","firstFrameAt","score"}`, at exit `STATS {...}`.
import { createLogger } from '../../main/core/logger'
import { MotionWatcher, type MotionInput } from '../../main/core/motion/motion-watcher'
import type { DetectorConfig } from '../../main/core/motion/types'
import { startTapRecorders, type TapRecorders } from './motion-tap-recorders'

export interface ChildEvent {
  camera: string
  /** Date.now() when the watcher reported the event's start. */
  raisedAt: number
  /** Date.now() when the event's first moving frame arrived (the detector waits for more before it decides). */
  firstFrameAt: number
  score: number
}

export interface ChildStats {
  /** Frames analysed per camera, and ffmpeg runs (1 = never restarted). */
  frames: Record<string, number>
  runs: Record<string, number>
  /** tap and recorder: recorder ffmpegs that ended before stop, per camera (none expected). */
  recorderExits: Record<string, number>
}

export type MotionSource = 'url' | 'tap' | 'recorder'

const cameras = JSON.parse(process.env.MOTION_CAMERAS ?? '[]') as { name: string; url: string }[]
const config = JSON.parse(process.env.MOTION_CONFIG ?? 'null') as DetectorConfig
const ffmpeg = process.env.MOTION_FFMPEG ?? 'ffmpeg'
const source = (process.env.MOTION_SOURCE ?? 'url') as MotionSource
if (!['url', 'tap', 'recorder'].includes(source)) throw new Error(`MOTION_SOURCE must be url, tap or recorder, not ${source}`)
// Warnings (an ffmpeg restart) go to stderr, where the parent keeps them for its report.
const logger = createLogger('bench-motion', (line) => process.stderr.write(`${line}\n`))

function startRecorders(): TapRecorders | null {
  if (source === 'url') return null
  const dir = process.env.MOTION_RECORD_DIR
  if (!dir) throw new Error(`MOTION_SOURCE=${source} needs MOTION_RECORD_DIR for the recorders' segments`)
  return startTapRecorders(ffmpeg, cameras, dir, (camera, why) => logger.child(camera).warn(`recorder ffmpeg ended (${why})`))
}
const recorders = startRecorders()

const inputOf = (camera: { name: string; url: string }): MotionInput =>
  recorders ? { kind: 'live', open: recorders.open(camera.name) } : { kind: 'url', url: camera.url }

const frames: Record<string, number> = {}
const watchers = (source === 'recorder' ? [] : cameras).map((camera) => {
  const { name } = camera
  frames[name] = 0
  return new MotionWatcher({
    ffmpeg,
    input: inputOf(camera),
    config,
    logger: logger.child(name),
    onTransition: (transition) => {
      if (transition.type !== 'start') return
      const event: ChildEvent = { camera: name, raisedAt: Date.now(), firstFrameAt: transition.t, score: transition.score }
      process.stdout.write(`EVENT ${JSON.stringify(event)}\n`)
    },
    onScore: () => {
      frames[name]!++
    }
  })
})
for (const watcher of watchers) watcher.start()
// With no camera (the parent's idle measurement) nothing else would keep the process alive.
const keepAlive = setInterval(() => {}, 60_000)

let stopping = false
async function stop(): Promise<void> {
  if (stopping) return
  stopping = true
  clearInterval(keepAlive)
  // Watchers first: a recorder stopping under them would read as a stream restart.
  await Promise.all(watchers.map((watcher) => watcher.stop()))
  await recorders?.stop()
  const runs = Object.fromEntries(watchers.map((watcher, i) => [cameras[i]!.name, watcher.startedRuns]))
  const stats: ChildStats = { frames, runs, recorderExits: recorders?.exits ?? {} }
  process.stdout.write(`STATS ${JSON.stringify(stats)}\n`, () => process.exit(0))
}

process.on('SIGTERM', () => void stop())
process.on('SIGINT', () => void stop())
process.stdout.write('READY\n')
