// Scene clips for motion tests, made with the system ffmpeg from generated sources: a static textured
// background, a bright box that moves at known times, and the distractors a camera sees (exposure steps,
// dusk, sensor noise, a lamp lighting part of the picture). Each scene says where its zones are and when
// motion truly happens in them. Clips are cached in the temp dir like test/support/media.ts; none is committed.
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import path from 'node:path'
import type { MotionZoneSpec, NormPoint } from '../../main/core/motion/types'
import { MEDIA_CACHE_DIR } from './media'

/** Bump when a recipe below changes, so stale cached clips are not reused. */
const RECIPE = 'm1'
export const SCENE_WIDTH = 640
export const SCENE_HEIGHT = 360
export const SCENE_FPS = 10
const SCENES_DIR = path.join(MEDIA_CACHE_DIR, 'motion-scenes')

/** The moving object: a white box about the size of a person near the camera (2.7 % of the frame). */
export const BOX = { width: 64, height: 96, y: 132, speedPxPerSec: 100 } as const

export interface SceneTruth {
  zoneId: string
  /** Seconds from the clip's start. */
  start: number
  end: number
}

export interface Scene {
  name: string
  path: string
  seconds: number
  zones: MotionZoneSpec[]
  /** Motion that must become events; any other event is a false alarm. */
  expected: SceneTruth[]
}

const rect = (x0: number, y0: number, x1: number, y1: number): NormPoint[] => [
  { x: x0, y: y0 },
  { x: x1, y: y0 },
  { x: x1, y: y1 },
  { x: x0, y: y1 }
]

/** Right 40 % of the picture, where the box crosses in scenes that have motion in a zone. */
export const DOOR_ZONE: MotionZoneSpec = { id: 'door', name: 'Door', kind: 'include', points: rect(0.6, 0.15, 1, 0.85) }
/** Top left, where nothing ever moves. */
export const WINDOW_ZONE: MotionZoneSpec = { id: 'window', name: 'Window', kind: 'include', points: rect(0.05, 0.05, 0.35, 0.3) }
/** Covers the box's path through the door zone, with a margin. */
export const PATH_EXCLUSION: MotionZoneSpec = { id: 'path', name: 'Footpath', kind: 'exclude', points: rect(0.5, 0.28, 1, 0.72) }

/** The box enters the frame from the left at `from` seconds and crosses it at BOX.speedPxPerSec. */
function crossingX(from: number): string {
  return `-${BOX.width}+${BOX.speedPxPerSec}*(t-${from})`
}

/** When the crossing box's leading edge passes x (pixels). */
function crossingTime(from: number, x: number): number {
  return from + x / BOX.speedPxPerSec
}

const CROSS_FROM = 2
const DOOR_LEFT_PX = 0.6 * SCENE_WIDTH
const crossing = {
  enter: crossingTime(CROSS_FROM, DOOR_LEFT_PX),
  // Gone when its trailing edge passes the right border.
  leave: crossingTime(CROSS_FROM, SCENE_WIDTH + BOX.width)
}

interface Recipe {
  seconds: number
  /** Filters applied to the background [bg] before the box: distractors that act on the whole scene. */
  backgroundFilters?: string
  /** overlay x expression, or null for no box. */
  boxX: string | null
  /** Filters applied after the box (camera effects that act on the object too). */
  cameraFilters?: string
  zones: MotionZoneSpec[]
  expected: SceneTruth[]
}

const RECIPES = {
  /** The box crosses the frame left to right and through the door zone. */
  'box-enters-zone': {
    seconds: 12,
    boxX: crossingX(CROSS_FROM),
    zones: [DOOR_ZONE, WINDOW_ZONE],
    expected: [{ zoneId: 'door', start: crossing.enter, end: crossing.leave }]
  },
  /** The same crossing with the box's path through the door excluded: nothing may count. */
  'box-in-exclusion': {
    seconds: 12,
    boxX: crossingX(CROSS_FROM),
    zones: [DOOR_ZONE, WINDOW_ZONE, PATH_EXCLUSION],
    expected: []
  },
  /** The box walks up to the door zone and back, never into it. */
  'box-outside-zone': {
    seconds: 12,
    // Right edge at most 364 px; the zone starts at 384.
    boxX: `if(lt(t,6),-${BOX.width}+91*(t-2),300-91*(t-6))`,
    zones: [DOOR_ZONE, WINDOW_ZONE],
    expected: []
  },
  /** Auto-exposure: +40 levels at 4 s, then down to 70 % at 8 s. */
  'exposure-steps': {
    seconds: 12,
    boxX: null,
    cameraFilters: "lutyuv=y='clip(val+40,0,255)':enable='between(t,4,8)',lutyuv=y='val*0.7':enable='gte(t,8)'",
    zones: [DOOR_ZONE, WINDOW_ZONE],
    expected: []
  },
  /** Dusk: the picture darkens to about 55 % over the clip. */
  'dusk-ramp': {
    seconds: 14,
    boxX: null,
    cameraFilters: "eq=contrast='1-0.45*t/14':brightness='-0.225*t/14':eval=frame",
    zones: [DOOR_ZONE, WINDOW_ZONE],
    expected: []
  },
  /** Strong sensor noise on every frame (a camera at night with its gain up). */
  'sensor-noise': {
    seconds: 12,
    boxX: null,
    cameraFilters: 'noise=alls=40:allf=t',
    zones: [DOOR_ZONE, WINDOW_ZONE],
    expected: []
  },
  /** The crossing box under the same noise: the detector must not have gone deaf to it. */
  'box-in-noise': {
    seconds: 12,
    boxX: crossingX(CROSS_FROM),
    cameraFilters: 'noise=alls=40:allf=t',
    zones: [DOOR_ZONE, WINDOW_ZONE],
    expected: [{ zoneId: 'door', start: crossing.enter, end: crossing.leave }]
  },
  /** A lamp lights a textured area reaching into the door zone (35 % brighter) from 5 s on. */
  'lamp-on': {
    seconds: 12,
    boxX: null,
    backgroundFilters: "split[unlit][lamp];[lamp]crop=180:240:250:60,lutyuv=y='clip(val*1.35,0,255)'[pool];[unlit][pool]overlay=250:60:enable='gte(t,5)'",
    zones: [DOOR_ZONE, WINDOW_ZONE],
    expected: []
  },
  /** For the watcher: 6 s, the box crosses the door zone fast, early in the clip. */
  'short-crossing': {
    seconds: 6,
    boxX: `-${BOX.width}+300*(t-0.6)`,
    zones: [DOOR_ZONE],
    // Enters the zone at 0.6 + 384/300 = 1.88 s, gone at 0.6 + 704/300 = 2.95 s.
    expected: [{ zoneId: 'door', start: 1.88, end: 2.95 }]
  }
} satisfies Record<string, Recipe>

export type SceneName = keyof typeof RECIPES
export const SCENE_NAMES = Object.keys(RECIPES) as SceneName[]

/** The static background: a frozen Mandelbrot view (plain areas, fine detail, a dark part), in gray. */
function backgroundArgs(file: string): string[] {
  return [
    '-nostdin', '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `mandelbrot=s=${SCENE_WIDTH}x${SCENE_HEIGHT}:start_scale=0.02:end_scale=0.02:start_x=-0.745:start_y=0.112,format=gray`,
    '-frames:v', '1', file
  ]
}

/** The ffmpeg argv that renders a scene (pure, so it can be read without running it). */
export function sceneArgs(name: SceneName, backgroundPng: string, outFile: string): string[] {
  const recipe: Recipe = RECIPES[name]
  const graph: string[] = []
  graph.push(`[0:v]format=yuv420p${recipe.backgroundFilters ? `,${recipe.backgroundFilters}` : ''}[bg]`)
  let last = 'bg'
  if (recipe.boxX !== null) {
    graph.push(`color=c=white:s=${BOX.width}x${BOX.height}:r=${SCENE_FPS}[box]`)
    graph.push(`[${last}][box]overlay=x='${recipe.boxX}':y=${BOX.y}:shortest=1[moved]`)
    last = 'moved'
  }
  graph.push(`[${last}]${recipe.cameraFilters ? `${recipe.cameraFilters},` : ''}format=yuv420p[out]`)
  return [
    '-nostdin', '-hide_banner', '-loglevel', 'error', '-y',
    '-loop', '1', '-framerate', String(SCENE_FPS), '-t', String(recipe.seconds), '-i', backgroundPng,
    '-filter_complex', graph.join(';'), '-map', '[out]',
    // Keyframes every second and a modest quality: compression artefacts like a camera's, quickly encoded.
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-g', String(SCENE_FPS), '-bf', '0', '-threads', '1',
    '-t', String(recipe.seconds), '-movflags', '+faststart', '-f', 'mp4', outFile
  ]
}

const pending = new Map<string, Promise<string>>()

/** Renders (once, cached across runs) a scene clip and returns it with its zones and truth. */
export async function makeScene(name: SceneName): Promise<Scene> {
  const recipe: Recipe = RECIPES[name]
  // Named after what is rendered, so scenes that differ only in their zones share one clip.
  const background = path.join(SCENES_DIR, `${RECIPE}-background.png`)
  const look = createHash('sha1').update(JSON.stringify(sceneArgs(name, 'background', 'out'))).digest('hex').slice(0, 10)
  const file = path.join(SCENES_DIR, `${RECIPE}-${look}.mp4`)
  await cached(background, (tmp) => backgroundArgs(tmp))
  await cached(file, (tmp) => sceneArgs(name, background, tmp))
  return { name, path: file, seconds: recipe.seconds, zones: recipe.zones, expected: recipe.expected }
}

function cached(file: string, argsFor: (tmp: string) => string[]): Promise<string> {
  let job = pending.get(file)
  if (!job) {
    job = render(file, argsFor)
    job.catch(() => pending.delete(file))
    pending.set(file, job)
  }
  return job
}

async function render(file: string, argsFor: (tmp: string) => string[]): Promise<string> {
  if (existsSync(file)) return file
  mkdirSync(path.dirname(file), { recursive: true })
  // Render to a private name and rename: a parallel worker never sees half a file.
  const tmp = `${file}.${process.pid}.tmp${path.extname(file)}`
  try {
    await new Promise<void>((resolve, reject) => {
      execFile('ffmpeg', argsFor(tmp), { maxBuffer: 1 << 20 }, (err, _stdout, stderr) =>
        err ? reject(new Error(`ffmpeg could not render ${path.basename(file)}: ${stderr || err.message}`)) : resolve()
      )
    })
    renameSync(tmp, file)
  } finally {
    rmSync(tmp, { force: true })
  }
  return file
}
