// The independent leak check, one detector per process (face-api and Human both drive tfjs; apart they
// cannot disturb each other). It looks for people in the original and asks whether the same detector still
// finds them at the same place in the redacted output. None of these models drives the redaction:
//   faces:   @vladmandic/face-api SSD MobileNet v1 on whole frames;
//   persons: MoveNet Lightning (Human's single-person pose model) on overlapping windows at two scales,
//            a person counting as present when the pose is confident (score and enough keypoints).
//
//   node --import tsx redact-leak-child.ts job.json  -> one JSON line on stdout
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { decodeArgs } from '../../main/core/redaction/ffmpeg-args'
import { readFrames, startFfmpeg } from '../../main/core/redaction/ffmpeg-process'
import { centerOf, containsPoint, coverage, iou, type Box } from '../../main/core/redaction/geometry'
import { loadHuman } from '../../main/core/redaction/human-loader'
import { nodeRequire } from '../../main/core/node-require'

export interface LeakJob {
  mode: 'faces' | 'persons'
  original: string
  redacted: string
  width: number
  height: number
  fps: string
  frames: number[]
  /** Kept people per frame (output pixels): detections there are the subject, not a leak. */
  kept: Record<number, Box[]>
  /** Where to write crops of every leak for a human to look at (PPM). */
  debugDir?: string
  /** Spots where a person find was reviewed to be something else (crops looked at by a human). */
  nonPersons?: Box[]
}

export interface LeakFinding {
  frame: number
  box: Box
  score: number
}

export interface LeakResult {
  mode: 'faces' | 'persons'
  sampledFrames: number
  /** People (or faces) the detector found in the original, outside kept boxes. */
  visible: number
  /** ... and found again at the same place in the redacted output. */
  leaked: number
  keptVisible: number
  /** Kept people still found in the output (should equal keptVisible). */
  keptStillFound: number
  leaks: LeakFinding[]
  /** Finds on a spot reviewed as "no person there" (persons only). */
  ignored: number
  detectorMs: number
}

/** Face-api: a face counts in the original from this score; in the output from a lower one (strict). */
const FACE_MIN_ORIGINAL = 0.5
const FACE_MIN_OUTPUT = 0.3
/** MoveNet: a confident pose means a person is recognisably there. */
const POSE_MIN_SCORE = 0.35
const POSE_MIN_KEYPOINTS = 7
const KEYPOINT_MIN = 0.3
const SAME_PLACE_IOU = 0.3
/** Keypoints that all fall within a few pixels are no person (MoveNet sometimes collapses a pose on a bare wall). */
const MIN_POSE_HEIGHT = 12
/** Window edges as shares of the frame height; windows overlap by half. */
const WINDOW_SCALES = [0.3, 0.55]

async function sampledFrames(file: string, job: LeakJob): Promise<Map<number, Buffer>> {
  const wanted = new Set(job.frames)
  const frames = new Map<number, Buffer>()
  const run = startFfmpeg('/usr/bin/ffmpeg', decodeArgs({ pieces: [{ file, inMs: null, outMs: null }], width: job.width, height: job.height, fps: job.fps }, { width: job.width, height: job.height, pixFmt: 'rgb24' }))
  let index = 0
  for await (const frame of readFrames(run.child.stdout, job.width * job.height * 3)) {
    if (wanted.has(index)) frames.set(index, frame)
    index++
  }
  const exit = await run.finished
  if (exit.code !== 0) throw new Error(`decoding ${file} failed: ${exit.reason}`)
  return frames
}

/** A find belongs to a kept person when it is centred in, overlaps, or mostly lies in a kept box. */
const isKept = (job: LeakJob, frame: number, box: Box) => {
  const c = centerOf(box)
  return (job.kept[frame] ?? []).some((k) => containsPoint(k, c.x, c.y) || iou(k, box) >= SAME_PLACE_IOU || coverage(box, k) >= 0.5)
}

function crop(rgb: Uint8Array, width: number, win: Box): Uint8Array {
  const out = new Uint8Array(win.w * win.h * 3)
  for (let y = 0; y < win.h; y++) out.set(rgb.subarray(((win.y + y) * width + win.x) * 3, ((win.y + y) * width + win.x + win.w) * 3), y * win.w * 3)
  return out
}

function savePpm(file: string, rgb: Uint8Array, w: number, h: number): void {
  writeFileSync(file, Buffer.concat([Buffer.from(`P6\n${w} ${h}\n255\n`), Buffer.from(rgb)]))
}

// ---------------------------------------------------------------------------------------------

async function checkFaces(job: LeakJob, original: Map<number, Buffer>, redacted: Map<number, Buffer>): Promise<LeakResult> {
  const tf = nodeRequire('@tensorflow/tfjs') as { setBackend(b: string): Promise<boolean>; ready(): Promise<void>; tensor3d(v: Uint8Array, s: number[], d: string): unknown; dispose(t: unknown): void }
  const wasm = nodeRequire('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(p: string, f: boolean): void }
  const faceapi = nodeRequire('@vladmandic/face-api/dist/face-api.node-wasm.js') as {
    nets: { ssdMobilenetv1: { loadFromDisk(dir: string): Promise<void> } }
    SsdMobilenetv1Options: new (o: { minConfidence: number; maxResults: number }) => unknown
    detectAllFaces(t: unknown, o: unknown): Promise<{ score: number; box: { x: number; y: number; width: number; height: number } }[]>
  }
  wasm.setWasmPaths(dirname(nodeRequire.resolve('@tensorflow/tfjs-backend-wasm')) + '/', false)
  await tf.setBackend('wasm')
  await tf.ready()
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(join(dirname(nodeRequire.resolve('@vladmandic/face-api')), '..', 'model'))
  const options = new faceapi.SsdMobilenetv1Options({ minConfidence: FACE_MIN_OUTPUT, maxResults: 200 })
  const detect = async (rgb: Uint8Array) => {
    const tensor = tf.tensor3d(rgb, [job.height, job.width, 3], 'int32')
    try {
      return (await faceapi.detectAllFaces(tensor, options)).map((f) => ({ score: f.score, box: { x: f.box.x, y: f.box.y, w: f.box.width, h: f.box.height } }))
    } finally {
      tf.dispose(tensor)
    }
  }
  const result: LeakResult = { mode: 'faces', sampledFrames: 0, visible: 0, leaked: 0, keptVisible: 0, keptStillFound: 0, leaks: [], ignored: 0, detectorMs: 0 }
  const started = performance.now()
  for (const frame of job.frames) {
    const before = original.get(frame)
    const after = redacted.get(frame)
    if (!before || !after) continue
    result.sampledFrames++
    const seen = (await detect(before)).filter((f) => f.score >= FACE_MIN_ORIGINAL)
    const found = await detect(after)
    for (const face of seen) {
      const again = found.find((f) => iou(f.box, face.box) >= SAME_PLACE_IOU)
      if (isKept(job, frame, face.box)) {
        result.keptVisible++
        if (again) result.keptStillFound++
        continue
      }
      result.visible++
      if (again) {
        result.leaked++
        result.leaks.push({ frame, box: face.box, score: again.score })
      }
    }
  }
  result.detectorMs = performance.now() - started
  return result
}

// ---------------------------------------------------------------------------------------------

function windows(width: number, height: number): Box[] {
  const all: Box[] = []
  for (const scale of WINDOW_SCALES) {
    const side = Math.max(64, Math.round(height * scale))
    const step = Math.round(side / 2)
    const xs: number[] = []
    const ys: number[] = []
    for (let x = 0; x + side <= width; x += step) xs.push(x)
    for (let y = 0; y + side <= height; y += step) ys.push(y)
    if (xs.at(-1)! + side < width) xs.push(width - side)
    if (ys.at(-1)! + side < height) ys.push(height - side)
    for (const y of ys) for (const x of xs) all.push({ x, y, w: side, h: side })
  }
  return all
}

async function checkPersons(job: LeakJob, original: Map<number, Buffer>, redacted: Map<number, Buffer>): Promise<LeakResult> {
  const off = { enabled: false }
  const { human, tf } = await loadHuman({
    debug: false,
    warmup: 'none',
    cacheSensitivity: 0,
    skipAllowed: false,
    filter: { ...off },
    face: { ...off },
    hand: { ...off },
    object: { ...off },
    gesture: { ...off },
    segmentation: { ...off },
    body: { enabled: true, modelPath: 'movenet-lightning.json', maxDetected: 1, minConfidence: 0.05, skipFrames: 0, skipTime: 0 }
  } as never)
  /** The pose in a window, in frame pixels, if it is confident enough to call it a person. */
  const pose = async (rgb: Uint8Array, win: Box): Promise<{ box: Box; score: number } | null> => {
    const tensor = tf.tensor3d(crop(rgb, job.width, win), [win.h, win.w, 3], 'int32')
    try {
      const result = await human.detect(tensor as never)
      const body = result.body[0]
      if (!body) return null
      const confident = body.keypoints.filter((k) => k.score >= KEYPOINT_MIN)
      if (body.score < POSE_MIN_SCORE || confident.length < POSE_MIN_KEYPOINTS) return null
      const xs = confident.map((k) => k.position[0])
      const ys = confident.map((k) => k.position[1])
      const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]
      // Keypoints run from the nose to the ankles: widen to the whole person.
      const w = x1 - x0
      const h = y1 - y0
      if (h < MIN_POSE_HEIGHT) return null
      return { score: body.score, box: { x: win.x + x0 - w * 0.15, y: win.y + y0 - h * 0.15, w: w * 1.3, h: h * 1.25 } }
    } finally {
      tf.dispose(tensor)
    }
  }
  const result: LeakResult = { mode: 'persons', sampledFrames: 0, visible: 0, leaked: 0, keptVisible: 0, keptStillFound: 0, leaks: [], ignored: 0, detectorMs: 0 }
  const started = performance.now()
  const grid = windows(job.width, job.height)
  for (const frame of job.frames) {
    const before = original.get(frame)
    const after = redacted.get(frame)
    if (!before || !after) continue
    result.sampledFrames++
    // Every window of the original; overlapping finds of one person are merged (best score wins).
    const finds: { box: Box; score: number; win: Box }[] = []
    for (const win of grid) {
      const found = await pose(before, win)
      if (found) finds.push({ ...found, win })
    }
    finds.sort((a, b) => b.score - a.score)
    const people = finds.filter((f, i) => !finds.slice(0, i).some((g) => iou(g.box, f.box) > SAME_PLACE_IOU))
    for (const person of people) {
      const c = centerOf(person.box)
      if ((job.nonPersons ?? []).some((spot) => containsPoint(spot, c.x, c.y))) {
        result.ignored++
        continue
      }
      const again = await pose(after, person.win)
      const stillThere = again !== null && iou(again.box, person.box) >= SAME_PLACE_IOU
      if (isKept(job, frame, person.box)) {
        result.keptVisible++
        if (stillThere) result.keptStillFound++
        continue
      }
      result.visible++
      if (stillThere) {
        result.leaked++
        result.leaks.push({ frame, box: person.box, score: again!.score })
        if (job.debugDir) {
          const name = join(job.debugDir, `leak-f${frame}-${Math.round(person.box.x)}-${Math.round(person.box.y)}`)
          savePpm(`${name}-original.ppm`, crop(before, job.width, person.win), person.win.w, person.win.h)
          savePpm(`${name}-redacted.ppm`, crop(after, job.width, person.win), person.win.w, person.win.h)
        }
      }
    }
  }
  result.detectorMs = performance.now() - started
  return result
}

async function main(): Promise<void> {
  const { readFileSync } = await import('node:fs')
  const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as LeakJob
  const [original, redacted] = await Promise.all([sampledFrames(job.original, job), sampledFrames(job.redacted, job)])
  const result = job.mode === 'faces' ? await checkFaces(job, original, redacted) : await checkPersons(job, original, redacted)
  process.stdout.write(JSON.stringify(result) + '\n')
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
