// Entry of a detection worker thread: one Human instance (one single-threaded wasm module) that answers
// detect requests one at a time, so the main thread stays free to read frames from ffmpeg meanwhile.
// Protocol (see detection-pool.ts): workerData = DetectorSettings; in: DetectRequest; out: WorkerReply.
import { parentPort, workerData } from 'node:worker_threads'
import { createDetector, type DetectorInfo, type DetectorSettings, type RawDetection } from './detector'

export interface DetectRequest {
  id: number
  width: number
  height: number
  /** Transferred, not copied: RGB, 3 bytes per pixel. */
  rgb: ArrayBuffer
}

export type WorkerReply =
  | { type: 'ready'; info: DetectorInfo }
  | { type: 'result'; id: number; detections: RawDetection[]; ms: number }
  | { type: 'failed'; id: number | null; message: string }

async function serve(): Promise<void> {
  const port = parentPort
  if (!port) throw new Error('detection-worker.ts must run in a worker thread')
  const reply = (message: WorkerReply) => port.postMessage(message)
  try {
    const detector = await createDetector(workerData as DetectorSettings)
    reply({ type: 'ready', info: detector.info })
    // Requests are handled strictly one after the other: Human is not re-entrant.
    let queue = Promise.resolve()
    port.on('message', (request: DetectRequest) => {
      queue = queue.then(async () => {
        const started = performance.now()
        try {
          const detections = await detector.detect(new Uint8Array(request.rgb), request.width, request.height)
          reply({ type: 'result', id: request.id, detections, ms: performance.now() - started })
        } catch (error) {
          reply({ type: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error) })
        }
      })
    })
  } catch (error) {
    reply({ type: 'failed', id: null, message: error instanceof Error ? error.message : String(error) })
  }
}

void serve()
