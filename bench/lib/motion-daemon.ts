// The comparison: Debian's `motion` daemon (4.5.x) watching the same RTSP streams at the same analysis rate.
// One `motion -n` process for all cameras (one camera file each, as its docs describe); an on_event_start
// hook appends the wall-clock time (ms) to a file per camera, which is the daemon's event time here.
import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { onCleanup, sleep, stopChild, track } from './live-procs'
import type { Arm, Camera } from './motion-vigil'

export const MOTION = '/usr/bin/motion'

/**
 * Per-camera settings. Detection settings are the daemon's defaults (threshold = changed pixels at capture
 * size); event_gap is shortened from 60 s so that each loop of the scene is an event of its own; all output
 * (pictures, movies, web control, stream) is off, so the daemon only detects, like Vigil's watcher.
 */
export const MOTION_SETTINGS = {
  width: 640,
  height: 360,
  framerate: 5,
  threshold: 1500,
  noise_level: 32,
  noise_tune: 'on',
  minimum_motion_frames: 1,
  event_gap: 3,
  pre_capture: 0,
  post_capture: 0,
  picture_output: 'off',
  movie_output: 'off',
  snapshot_interval: 0
} as const

/** The daemon's version line, or null when it is not installed. */
export function motionVersion(): string | null {
  if (!existsSync(MOTION)) return null
  const out = spawnSync(MOTION, ['-h'], { encoding: 'utf8', timeout: 10_000 })
  return /motion Version [\d.]+/i.exec(`${out.stdout}${out.stderr}`)?.[0] ?? null
}

export interface MotionFiles {
  main: string
  cameras: string[]
  log: string
  events: string[]
}

/** motion.conf: process-wide options, then one `camera` line per camera file (they must come last). */
export function mainConf(dir: string, cameraFiles: string[], log: string): string {
  return [
    'daemon off',
    'setup_mode off',
    `log_file ${log}`,
    'log_level 6',
    'native_language off',
    `target_dir ${path.join(dir, 'target')}`,
    'webcontrol_port 0',
    'stream_port 0',
    ...cameraFiles.map((file) => `camera ${file}`),
    ''
  ].join('\n')
}

/** cameraN.conf for one stream. */
export function cameraConf(camera: Camera, id: number, hook: string): string {
  return [
    `camera_id ${id}`,
    `camera_name ${camera.name}`,
    `netcam_url ${camera.url}`,
    ...Object.entries(MOTION_SETTINGS).map(([key, value]) => `${key} ${value}`),
    `on_event_start ${hook}`,
    ''
  ].join('\n')
}

/** Writes the configs and the hook script into dir. Paths must be free of '%' (motion expands conversion specifiers). */
export function writeMotionConfig(dir: string, cameras: Camera[]): MotionFiles {
  if (dir.includes('%')) throw new Error(`motion would expand '%' in ${dir}`)
  const stamp = path.join(dir, 'stamp.sh')
  // date +%s%3N: epoch milliseconds, the same clock as Date.now(). In a script, so motion never sees the '%'.
  writeFileSync(stamp, '#!/bin/sh\ndate +%s%3N >> "$1"\n')
  chmodSync(stamp, 0o755)
  const events = cameras.map((camera) => path.join(dir, `${camera.name}.events`))
  const files = cameras.map((camera, i) => {
    const file = path.join(dir, `${camera.name}.conf`)
    writeFileSync(file, cameraConf(camera, i + 1, `${stamp} ${events[i]}`))
    return file
  })
  const log = path.join(dir, 'motion.log')
  const main = path.join(dir, 'motion.conf')
  writeFileSync(main, mainConf(dir, files, log))
  return { main, cameras: files, log, events }
}

export interface DaemonOutcome {
  /** Event start times (epoch ms) per camera name. */
  events: Map<string, number[]>
  /** The end of the daemon's log, for the report if something went wrong. */
  logTail: string
}

const CONNECT_TIMEOUT_MS = 60_000

/** Starts `motion -n -c motion.conf`; resolves once every camera's stream is connected (from its log). */
export async function startDaemon(dir: string, cameras: Camera[]): Promise<Arm<DaemonOutcome>> {
  const files = writeMotionConfig(dir, cameras)
  const child = track(spawn(MOTION, ['-n', '-c', files.main], { stdio: ['ignore', 'ignore', 'pipe'] }))
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)))
  const forget = onCleanup(() => stopChild(child, 8000))
  const readLog = () => (existsSync(files.log) ? readFileSync(files.log, 'utf8') : '')
  const logTail = () => readLog().slice(-4000) || stderr
  const deadline = Date.now() + CONNECT_TIMEOUT_MS
  for (;;) {
    const connected = cameras.filter((camera) => readLog().includes(`Camera (${camera.name}) connected`)).length
    if (connected === cameras.length) break
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`motion exited at start:\n${logTail()}`)
    if (Date.now() > deadline) {
      await stopChild(child, 8000)
      forget()
      throw new Error(`motion connected ${connected} of ${cameras.length} cameras in ${CONNECT_TIMEOUT_MS / 1000} s:\n${logTail()}`)
    }
    await sleep(250)
  }
  return {
    roots: () => (child.pid ? [child.pid] : []),
    stop: async () => {
      forget()
      const died = child.exitCode !== null || child.signalCode !== null
      await stopChild(child, 8000)
      if (died) throw new Error(`motion exited during the run:\n${logTail()}`)
      const events = new Map<string, number[]>()
      cameras.forEach((camera, i) => {
        const text = existsSync(files.events[i]!) ? readFileSync(files.events[i]!, 'utf8') : ''
        events.set(camera.name, text.split('\n').filter(Boolean).map(Number))
      })
      return { events, logTail: logTail() }
    }
  }
}
