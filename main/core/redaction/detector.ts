// Person and face detection on one RGB frame with Human (wasm backend): CenterNet for whole persons (so
// people seen from behind or far away are found too) and BlazeFace for faces (close-ups where the body is
// cut off). Thresholds are low on purpose: a missed bystander is a privacy leak, a false box only costs a
// little context.
import type { Config, Human } from '@vladmandic/human'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { RedactionError } from './errors'
import type { Box } from './geometry'
import { loadHuman, type TfApi } from './human-loader'

export interface DetectorSettings {
  /** CenterNet score from which a "person" counts. */
  personMinScore: number
  /** BlazeFace score from which a face counts. */
  faceMinScore: number
  /** Overlap above which two person boxes are merged by non-maximum suppression (Human: 0.4). */
  personNmsIou: number
  faceNmsIou: number
  maxPersons: number
  maxFaces: number
}

export const DEFAULT_DETECTOR_SETTINGS: DetectorSettings = {
  // Below Human's defaults (0.2): on the test clips people entering the frame or walking toward the camera
  // score 0.15-0.2 for their first frames. The extra false boxes cost a little context, not privacy.
  personMinScore: 0.15,
  faceMinScore: 0.15,
  // People who walk close together overlap a lot; 0.4 would drop one of them.
  personNmsIou: 0.5,
  faceNmsIou: 0.3,
  maxPersons: 100,
  maxFaces: 100
}

export interface RawDetection {
  kind: 'person' | 'face'
  /** Pixels of the frame passed to detect(). */
  box: Box
  score: number
}

export interface ModelInfo {
  name: string
  file: string
  /** SHA-256 of the model's JSON and weights as loaded, so a report names the exact model. */
  sha256?: string
  purpose: string
  /** As published by the model's origin; Human ships the models under the licence of their source. */
  licence: string
  origin: string
}

export interface DetectorInfo {
  engine: string
  backend: string
  tfjs: string
  models: ModelInfo[]
  settings: DetectorSettings
}

export const MODELS: ModelInfo[] = [
  {
    name: 'CenterNet (MobileNetV3, COCO), class "person"',
    file: 'centernet.json',
    purpose: 'persons',
    licence: 'not stated by its origin (repository without a licence file); shipped in @vladmandic/human (MIT)',
    origin: 'https://github.com/610265158/mobilenetv3_centernet, converted by Vladimir Mandic'
  },
  {
    name: 'BlazeFace (back-camera / full-range)',
    file: 'blazeface.json',
    purpose: 'faces',
    licence: 'Apache-2.0 (Google MediaPipe)',
    origin: 'https://github.com/google/mediapipe, converted by Vladimir Mandic'
  }
]

/** Human's configuration for this job: only the two detectors, no caching or skipping between frames. */
export function humanConfig(s: DetectorSettings): Partial<Config> {
  // Human reuses results across "similar" frames to save time on webcams; on recorded footage every
  // detection must be a real one, so caching (cacheSensitivity) and frame skipping are off.
  const off = { enabled: false }
  return {
    debug: false,
    async: true,
    warmup: 'none',
    cacheSensitivity: 0,
    skipAllowed: false,
    filter: { ...off, equalization: false },
    face: {
      enabled: true,
      detector: {
        enabled: true,
        modelPath: 'blazeface.json',
        rotation: false,
        maxDetected: s.maxFaces,
        minConfidence: s.faceMinScore,
        iouThreshold: s.faceNmsIou,
        skipFrames: 0,
        skipTime: 0,
        return: false
      },
      mesh: off,
      iris: off,
      description: off,
      emotion: off,
      antispoof: off,
      liveness: off,
      attention: off,
      gear: off
    },
    body: off,
    hand: off,
    gesture: off,
    segmentation: off,
    object: {
      enabled: true,
      modelPath: 'centernet.json',
      minConfidence: s.personMinScore,
      iouThreshold: s.personNmsIou,
      maxDetected: s.maxPersons,
      skipFrames: 0,
      skipTime: 0
    }
  } as Partial<Config>
}

export interface Detector {
  readonly info: DetectorInfo
  /** Detections in the pixel space of the given frame (tightly packed RGB, 3 bytes per pixel). */
  detect(rgb: Uint8Array, width: number, height: number): Promise<RawDetection[]>
}

/** Hash of model.json and the weight file next to it (same name, .bin), as shipped in Human's models folder. */
function modelHash(dir: string, file: string): string {
  const hash = createHash('sha256')
  hash.update(readFileSync(join(dir, file)))
  hash.update(readFileSync(join(dir, file.replace(/\.json$/, '.bin'))))
  return hash.digest('hex')
}

function toBox(raw: [number, number, number, number], width: number, height: number): Box {
  return { x: raw[0] * width, y: raw[1] * height, w: raw[2] * width, h: raw[3] * height }
}

export async function createDetector(settings: DetectorSettings = DEFAULT_DETECTOR_SETTINGS): Promise<Detector> {
  let human: Human
  let tf: TfApi
  let info: DetectorInfo
  try {
    const loaded = await loadHuman(humanConfig(settings))
    human = loaded.human
    tf = loaded.tf
    info = {
      engine: `@vladmandic/human ${loaded.files.humanVersion}`,
      backend: `tfjs-backend-wasm ${loaded.files.tfjsVersion} (${tf.getBackend()})`,
      tfjs: loaded.files.tfjsVersion,
      models: MODELS.map((m) => ({ ...m, sha256: modelHash(loaded.files.modelsDir, m.file) })),
      settings
    }
  } catch (error) {
    throw new RedactionError('REDACT_DETECTOR_FAILED', `The detection models could not be loaded: ${error instanceof Error ? error.message : String(error)}`)
  }
  return {
    info,
    async detect(rgb, width, height) {
      const tensor = tf.tensor3d(rgb, [height, width, 3], 'int32')
      try {
        const result = await human.detect(tensor as Parameters<Human['detect']>[0])
        if (result.error) throw new Error(result.error)
        const persons = result.object
          .filter((o) => o.label === 'person')
          .map((o): RawDetection => ({ kind: 'person', box: toBox(o.boxRaw, width, height), score: o.score }))
        const faces = result.face.map((f): RawDetection => ({ kind: 'face', box: toBox(f.boxRaw, width, height), score: f.score }))
        return [...persons, ...faces]
      } finally {
        tf.dispose(tensor)
      }
    }
  }
}
