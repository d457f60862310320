// Runs detection either on the calling thread or on worker threads. tfjs-wasm uses one thread per
// instance, so on two cores one worker lets ffmpeg's decoding and Node's frame handling run beside the
// detector, and two workers let two detections run at once (bench/results/redact.md measures both).
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { nodeRequire } from '../node-require'
import type { DetectRequest, WorkerReply } from './detection-worker'
import { createDetector, type DetectorInfo, type DetectorSettings, type RawDetection } from './detector'
import { RedactionError } from './errors'

export interface DetectionResult {
  detections: RawDetection[]
  /** Time the detector itself spent, without queueing. */
  ms: number
}

export interface DetectionPool {
  readonly info: DetectorInfo
  /** Detector threads; 0 when detection runs on the calling thread. */
  readonly workers: number
  /** Detects on an RGB frame; the buffer is handed over (a worker takes ownership of its memory). */
  detect(rgb: Uint8Array, width: number, height: number): Promise<DetectionResult>
  close(): Promise<void>
}

/** Detection on the calling thread, one frame at a time (Human is not re-entrant). */
async function inThreadPool(settings: DetectorSettings): Promise<DetectionPool> {
  const detector = await createDetector(settings)
  let queue: Promise<unknown> = Promise.resolve()
  return {
    info: detector.info,
    workers: 0,
    detect(rgb, width, height) {
      const job = queue.then(async () => {
        const started = performance.now()
        const detections = await detector.detect(rgb, width, height)
        return { detections, ms: performance.now() - started }
      })
      queue = job.catch(() => {})
      return job
    },
    close: async () => {}
  }
}

/**
 * How to start detection-worker: from TypeScript sources (tests, tsx) through tsx's CommonJS hook; from a
 * build, the compiled detection-worker.js next to the bundle (or one folder up, when the bundle is split
 * into chunks). Null when neither exists: the caller then detects on its own thread.
 */
function workerLaunch(): { code: string } | { file: string } | null {
  if (__filename.endsWith('.ts')) {
    try {
      const hook = nodeRequire.resolve('tsx/cjs')
      return { code: `require(${JSON.stringify(hook)}); require(${JSON.stringify(join(__dirname, 'detection-worker.ts'))})` }
    } catch {
      return null
    }
  }
  const built = [join(__dirname, 'detection-worker.js'), join(__dirname, '..', 'detection-worker.js')].find((file) => existsSync(file))
  return built ? { file: built } : null
}

interface PendingJob {
  request: DetectRequest
  resolve: (result: DetectionResult) => void
  reject: (error: Error) => void
}

class WorkerSlot {
  busy: PendingJob | null = null
  constructor(readonly worker: Worker) {}
}

async function startWorker(launch: { code: string } | { file: string }, settings: DetectorSettings): Promise<{ worker: Worker; info: DetectorInfo }> {
  const worker = 'code' in launch ? new Worker(launch.code, { eval: true, workerData: settings }) : new Worker(launch.file, { workerData: settings })
  // Listeners are removed one by one: a Worker keeps internal listeners that removeAllListeners() would drop.
  let onError: (error: Error) => void = () => {}
  let onExit: (code: number) => void = () => {}
  let onMessage: (reply: WorkerReply) => void = () => {}
  try {
    const info = await new Promise<DetectorInfo>((resolve, reject) => {
      onError = reject
      onExit = (code) => reject(new Error(`the detection worker exited with code ${code} while loading`))
      onMessage = (reply) => {
        if (reply.type === 'ready') resolve(reply.info)
        else reject(new Error(reply.type === 'failed' ? reply.message : `unexpected ${reply.type} while loading`))
      }
      worker.once('error', onError).once('exit', onExit).once('message', onMessage)
    })
    return { worker, info }
  } catch (error) {
    await worker.terminate()
    throw new RedactionError('REDACT_DETECTOR_FAILED', `The detection worker did not start: ${error instanceof Error ? error.message : String(error)}`)
  } finally {
    worker.off('error', onError).off('exit', onExit).off('message', onMessage)
  }
}

async function workerPool(launch: { code: string } | { file: string }, settings: DetectorSettings, count: number): Promise<DetectionPool> {
  const started = await Promise.all(Array.from({ length: count }, () => startWorker(launch, settings).catch((error: unknown) => error as Error)))
  const failure = started.find((s): s is Error => s instanceof Error)
  if (failure) {
    await Promise.all(started.map((s) => (s instanceof Error ? undefined : s.worker.terminate())))
    throw failure
  }
  const slots = (started as { worker: Worker; info: DetectorInfo }[]).map((s) => new WorkerSlot(s.worker))
  const waiting: PendingJob[] = []
  let broken: Error | null = null
  let closing = false
  let nextId = 1

  const dispatch = () => {
    for (const slot of slots) {
      if (slot.busy || waiting.length === 0) continue
      const job = waiting.shift()!
      slot.busy = job
      slot.worker.postMessage(job.request, [job.request.rgb])
    }
  }
  const failAll = (error: Error) => {
    broken ??= error
    for (const slot of slots) {
      slot.busy?.reject(error)
      slot.busy = null
    }
    for (const job of waiting.splice(0)) job.reject(error)
  }
  for (const slot of slots) {
    slot.worker.on('message', (reply: WorkerReply) => {
      const job = slot.busy
      slot.busy = null
      if (reply.type === 'result') job?.resolve({ detections: reply.detections, ms: reply.ms })
      else if (reply.type === 'failed') job?.reject(new RedactionError('REDACT_DETECTOR_FAILED', `Detection failed: ${reply.message}`))
      dispatch()
    })
    slot.worker.on('error', (error) => failAll(new RedactionError('REDACT_DETECTOR_FAILED', `The detection worker crashed: ${error.message}`)))
    slot.worker.on('exit', (code) => {
      if (!closing) failAll(new RedactionError('REDACT_DETECTOR_FAILED', `The detection worker exited with code ${code}`))
    })
  }

  return {
    info: (started[0] as { info: DetectorInfo }).info,
    workers: slots.length,
    detect(rgb, width, height) {
      if (broken) return Promise.reject(broken)
      // Transfer a buffer of exactly this frame (a Buffer may be a view into a larger shared pool).
      const own = rgb.byteOffset === 0 && rgb.byteLength === rgb.buffer.byteLength ? rgb : rgb.slice()
      return new Promise<DetectionResult>((resolve, reject) => {
        waiting.push({ request: { id: nextId++, width, height, rgb: own.buffer as ArrayBuffer }, resolve, reject })
        dispatch()
      })
    },
    async close() {
      closing = true
      failAll(new RedactionError('REDACT_CANCELLED', 'The detection pool was closed'))
      await Promise.all(slots.map((slot) => slot.worker.terminate()))
    }
  }
}

/**
 * Starts `workers` detector threads (0 = detect on this thread). Falls back to this thread when no worker
 * script can be found, because a slower redaction beats none.
 */
export async function createDetectionPool(settings: DetectorSettings, workers: number): Promise<DetectionPool> {
  const launch = workers > 0 ? workerLaunch() : null
  if (!launch) return inThreadPool(settings)
  return workerPool(launch, settings, workers)
}
