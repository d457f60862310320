// Child process of the motion benchmark: Vigil's motion detection for N cameras, and nothing else. One
// MotionWatcher per camera (Vigil's own class: its ffmpeg decodes the stream to small gray frames, the
// detector scores them in this process), so the parent can measure exactly this process tree.
// Each event start is written to stdout at once with the wall-clock time it was raised.
//
//   MOTION_CAMERAS='[{"name":"cam1","url":"rtsp://..."}]' MOTION_CONFIG='{...DetectorConfig}' \
//   MOTION_FFMPEG=/usr/bin/ffmpeg node --import tsx motion-vigil-child.ts
//
// stdout: READY, then per event `EVENT {"camera","raisedAt","firstFrameAt","score"}`, at exit `STATS {...}`.
import { createLogger } from '../../main/core/logger'
import { MotionWatcher } from '../../main/core/motion/motion-watcher'
import type { DetectorConfig } from '../../main/core/motion/types'

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
}

const cameras = JSON.parse(process.env.MOTION_CAMERAS ?? '[]') as { name: string; url: string }[]
const config = JSON.parse(process.env.MOTION_CONFIG ?? 'null') as DetectorConfig
const ffmpeg = process.env.MOTION_FFMPEG ?? 'ffmpeg'
// Warnings (an ffmpeg restart) go to stderr, where the parent keeps them for its report.
const logger = createLogger('bench-motion', (line) => process.stderr.write(`${line}\n`))

const frames: Record<string, number> = {}
const watchers = cameras.map(({ name, url }) => {
  frames[name] = 0
  return new MotionWatcher({
    ffmpeg,
    input: { kind: 'url', url },
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
  await Promise.all(watchers.map((watcher) => watcher.stop()))
  const runs = Object.fromEntries(cameras.map(({ name }, i) => [name, watchers[i]!.startedRuns]))
  const stats: ChildStats = { frames, runs }
  process.stdout.write(`STATS ${JSON.stringify(stats)}\n`, () => process.exit(0))
}

process.on('SIGTERM', () => void stop())
process.on('SIGINT', () => void stop())
process.stdout.write('READY\n')
