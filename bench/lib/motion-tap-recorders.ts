// The recorder side of the motion benchmark's tap arms, run inside motion-vigil-child.ts: per camera the
// recorder's ffmpeg as Vigil runs it for a camera with a live tap (recordArgs with liveTap, spawned by
// runProcess with fd 3 and 4), its segment list, stderr and -progress drained, and its tap (fd 4) read into a
// tapped LiveRelay, as LiveManager.attachTap does. Motion watchers then join a relay like any viewer.
import { recordArgs } from '../../main/core/media/record-args'
import { runProcess, type RunningProcess } from '../../main/core/media/process-runner'
import type { LiveRelay } from '../../main/core/live/live-relay'
import type { OpenLive } from '../../main/core/motion/live-input'
import { tappedRelay } from './tapped-relay'

/** The recorder settings Vigil uses (app.ts recorderSettings, default segment length). */
export const RECORD_SETTINGS = { segmentSeconds: 60, fragmentMs: 1000, socketTimeoutMs: 5000 } as const

/** The recorder's argv for one camera (pure; the report prints it): H.264 main stream, no audio, with the tap. */
export function benchRecordArgs(url: string, dir: string, runId: string): string[] {
  return recordArgs({ kind: 'rtsp', url, videoCodec: 'h264', audioCodec: null }, { incomingDir: dir, runId, ...RECORD_SETTINGS, liveTap: true })
}

export interface TapRecorders {
  /** How a MotionWatcher joins the camera's relay (MotionInput `live`). */
  open(camera: string): OpenLive
  /** Recorder exits before stop(), per camera: Vigil would restart it, the benchmark does not (its figures would be off). */
  readonly exits: Record<string, number>
  stop(): Promise<void>
}

/**
 * Starts one recorder with its tapped relay per camera, writing segments into `dir` (the parent's temp dir,
 * removed by the parent even if this process dies). `onExit` hears of a recorder that ended on its own.
 */
export function startTapRecorders(ffmpeg: string, cameras: { name: string; url: string }[], dir: string, onExit: (camera: string, why: string) => void): TapRecorders {
  const exits: Record<string, number> = {}
  let stopping = false
  const relays = new Map<string, LiveRelay>()
  const procs: RunningProcess[] = cameras.map(({ name, url }, i) => {
    exits[name] = 0
    const proc = runProcess(ffmpeg, benchRecordArgs(url, dir, `bench${i + 1}`), { extraPipes: 2 })
    // Segment list and -progress are read by Vigil; unread, a full pipe would stall ffmpeg.
    for (const fd of [1, 3]) (proc.child.stdio[fd] as NodeJS.ReadableStream | null)?.resume()
    let stderrTail = ''
    proc.child.stderr?.on('data', (chunk: Buffer) => (stderrTail = (stderrTail + chunk.toString()).slice(-2000)))
    void proc.exited.then(({ code, signal }) => {
      if (stopping) return
      exits[name]!++
      onExit(name, `${signal ?? `exit code ${code}`}: ${stderrTail.trim()}`)
    })
    const relay = tappedRelay(`${name}/main/copy`, ffmpeg)
    relay.attachTap(proc.child.stdio[4] as NodeJS.ReadableStream)
    relays.set(name, relay)
    return proc
  })
  return {
    open: (camera) => {
      const relay = relays.get(camera)
      if (!relay) throw new Error(`no recorder for ${camera}`)
      return (sink) => relay.add(sink)
    },
    exits,
    stop: async () => {
      stopping = true
      // 'q' as Vigil stops a recorder (it closes the open segment); the relays end once the taps are gone.
      await Promise.all(procs.map((proc) => proc.stop(3000)))
      await Promise.all([...relays.values()].map((relay) => relay.stop()))
    }
  }
}
