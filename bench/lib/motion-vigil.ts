// The Vigil arms of the motion benchmark: Vigil's motion detection in a child Node process
// (motion-vigil-child.ts), reading each camera's URL or the recorder's live tap, the recorders with their taps
// alone (the tap arm's baseline), and the bare ffmpeg decode it runs, writing to /dev/null, to tell decode
// from Node.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { buildMotionArgs } from '../../main/core/motion/motion-args'
import type { DetectorConfig } from '../../main/core/motion/types'
import { nodeEnv, onCleanup, removeTempDir, stopChild, tail, tempDir, track } from './live-procs'
import { readRssKb } from './proc-stats'
import type { ChildEvent, ChildStats, MotionSource } from './motion-vigil-child'

export interface Camera {
  name: string
  url: string
}

/** A running arm: what to measure, and how to stop it. */
export interface Arm<T> {
  roots(): number[]
  /** Stops the arm; throws if a process died during the run. */
  stop(): Promise<T>
}

const CHILD = path.join(__dirname, 'motion-vigil-child.ts')
const ROOT = path.resolve(__dirname, '../..')

export interface VigilOutcome {
  events: ChildEvent[]
  stats: ChildStats | null
  /** Warnings the watchers logged (ffmpeg restarts), last few KB. */
  log: string
}

/**
 * Starts the child for the cameras; resolves once it runs. `source`: url = Vigil's motion detection on each
 * camera's URL; tap = recorders with live taps and motion detection reading the taps; recorder = the
 * recorders and taps alone (see motion-vigil-child.ts).
 */
export async function startVigil(ffmpeg: string, cameras: Camera[], config: DetectorConfig, source: MotionSource = 'url'): Promise<Arm<VigilOutcome> & { events: ChildEvent[] }> {
  // The recorders' segments: the parent owns the dir, so it is removed even if the child dies.
  const recordDir = source === 'url' ? null : tempDir('vigil-bench-motion-rec-')
  const env = {
    ...nodeEnv(),
    MOTION_CAMERAS: JSON.stringify(cameras),
    MOTION_CONFIG: JSON.stringify(config),
    MOTION_FFMPEG: ffmpeg,
    MOTION_SOURCE: source,
    ...(recordDir ? { MOTION_RECORD_DIR: recordDir } : {})
  }
  // --import tsx: one Node process that loads the TypeScript itself (the tsx CLI would add a second one).
  const child = track(spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }))
  let log = ''
  child.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)))
  const events: ChildEvent[] = []
  let stats: ChildStats | null = null
  let pending = ''
  let ready: () => void = () => {}
  const readyLine = new Promise<void>((resolve) => (ready = resolve))
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString()
    const lines = pending.split('\n')
    pending = lines.pop() ?? ''
    for (const line of lines) {
      if (line === 'READY') ready()
      else if (line.startsWith('EVENT ')) events.push(JSON.parse(line.slice(6)) as ChildEvent)
      else if (line.startsWith('STATS ')) stats = JSON.parse(line.slice(6)) as ChildStats
    }
  })
  const forget = onCleanup(() => stopChild(child, 5000))
  const name = source === 'url' ? 'the Vigil motion child' : `the Vigil motion child (${source})`
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${log}`)), 30_000)
    const onExit = (code: number | null) => (clearTimeout(timer), reject(new Error(`${name} exited with ${code}:\n${log}`)))
    child.once('exit', onExit)
    void readyLine.then(() => (clearTimeout(timer), child.off('exit', onExit), resolve()))
  })
  return {
    events,
    roots: () => (child.pid ? [child.pid] : []),
    stop: async () => {
      forget()
      const died = child.exitCode !== null || child.signalCode !== null
      await stopChild(child, 8000)
      if (recordDir) removeTempDir(recordDir)
      if (died) throw new Error(`${name} exited during the run:\n${log}`)
      // Vigil restarts a recorder that ends; here the arm would have measured a camera without recording.
      const exited = Object.entries((stats as ChildStats | null)?.recorderExits ?? {}).filter(([, n]) => n > 0)
      if (exited.length > 0) throw new Error(`${name}: recorder ffmpeg ended during the run (${exited.map(([camera]) => camera).join(', ')}):\n${log}`)
      return { events, stats, log }
    }
  }
}

/**
 * RSS (MiB) of the child with no camera: Node, tsx and Vigil's motion modules loaded, nothing running. What
 * the Vigil arm's Node uses beyond this is what the watchers themselves take.
 */
export async function idleChildRssMiB(ffmpeg: string, config: DetectorConfig): Promise<number> {
  const arm = await startVigil(ffmpeg, [], config)
  // Let start-up garbage be collected, as it is in the arm after its warm-up.
  await new Promise((resolve) => setTimeout(resolve, 3000))
  const rss = readRssKb(arm.roots()[0]!).rss / 1024
  await arm.stop()
  return rss
}

/** Vigil's ffmpeg command for one camera, writing the gray frames to /dev/null instead of a pipe to Node. */
export function bareDecodeArgs(url: string, config: DetectorConfig): string[] {
  const args = buildMotionArgs({ input: url, width: config.width, height: config.height, fps: config.fps })
  if (args[args.length - 1] !== 'pipe:1') throw new Error(`buildMotionArgs no longer ends with pipe:1: ${args.join(' ')}`)
  // -y: /dev/null exists, and ffmpeg would otherwise ask on stdin whether to overwrite it, and wait.
  return ['-y', ...args.slice(0, -1), '/dev/null']
}

/** N bare ffmpegs, spawned as Vigil's process runner spawns them (stdin a pipe, for 'q'). */
export function startBareDecode(ffmpeg: string, cameras: Camera[], config: DetectorConfig): Arm<void> {
  const procs: ChildProcess[] = cameras.map(({ url }) => track(spawn(ffmpeg, bareDecodeArgs(url, config), { stdio: ['pipe', 'ignore', 'pipe'] })))
  const tails = procs.map(tail)
  // Writing 'q' to an ffmpeg that just died must not crash the benchmark.
  for (const p of procs) p.stdin?.on('error', () => {})
  const forget = onCleanup(() => Promise.all(procs.map((p) => stopChild(p, 3000))))
  return {
    roots: () => procs.map((p) => p.pid!).filter(Boolean),
    stop: async () => {
      forget()
      const died = procs.findIndex((p) => p.exitCode !== null || p.signalCode !== null)
      await Promise.all(
        procs.map((p) => {
          p.stdin?.end('q')
          return stopChild(p, 3000)
        })
      )
      if (died >= 0) throw new Error(`bare ffmpeg for ${cameras[died]!.name} exited during the run:\n${tails[died]!()}`)
    }
  }
}
