// Motion detection end to end with the real ffmpeg: generated scenes with known truth (a box crossing
// zones, and distractors that must stay silent), real footage of people, and the watcher supervising a
// live-paced ffmpeg that is killed and stalled on purpose.
import { existsSync } from 'node:fs'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { silentLogger } from '../../main/core/logger'
import { runProcess } from '../../main/core/media/process-runner'
import { FrameSplitter } from '../../main/core/motion/frame-splitter'
import { analysisSize, buildMotionArgs } from '../../main/core/motion/motion-args'
import { MotionDetector } from '../../main/core/motion/motion-detector'
import { MotionWatcher } from '../../main/core/motion/motion-watcher'
import type { DetectorConfig, MotionTransition, MotionZoneSpec, NormPoint } from '../../main/core/motion/types'
import { makeScene, SCENE_NAMES, type Scene, type SceneName } from '../support/scenes'
import { waitFor } from '../support/vigil'

const FFMPEG = 'ffmpeg'
const SHARED_MEDIA = '/work/shared/media'
const FPS = 5
const TOLERANCE_SEC = 1

interface DetectedEvent {
  zoneId: string
  start: number
  end: number
}

const settings = (zones: MotionZoneSpec[], size = analysisSize(16, 9)): DetectorConfig => ({
  ...size,
  fps: FPS,
  zones,
  sensitivity: 50,
  minObjectPercent: 0.5
})

/**
 * Decodes `input` with the real ffmpeg and the production argv, as fast as it decodes, and feeds every frame
 * to a detector with t = frame index / fps. Returns the events (start/end paired, in seconds).
 */
async function detectEvents(input: string, config: DetectorConfig, inputFormat?: string): Promise<{ events: DetectedEvent[]; frames: number }> {
  const proc = runProcess(FFMPEG, buildMotionArgs({ input, width: config.width, height: config.height, fps: config.fps, inputFormat }))
  const detector = new MotionDetector(config)
  const transitions: MotionTransition[] = []
  let frames = 0
  const splitter = new FrameSplitter(config.width * config.height, (frame) => {
    transitions.push(...detector.push(frame, Math.round((frames++ * 1000) / config.fps)).transitions)
  })
  let stderr = ''
  proc.child.stdout?.on('data', (chunk: Buffer) => splitter.push(chunk))
  proc.child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exit = await proc.exited
  if (exit.code !== 0) throw new Error(`ffmpeg failed on ${input}: ${stderr}`)
  transitions.push(...detector.finish((frames * 1000) / config.fps))
  return { events: pairUp(transitions), frames }
}

/** Start and end transitions of each zone, in order, as events; an unmatched start is a test failure. */
function pairUp(transitions: MotionTransition[]): DetectedEvent[] {
  const open = new Map<string, number>()
  const events: DetectedEvent[] = []
  for (const transition of transitions) {
    if (transition.type === 'start') {
      expect(open.has(transition.zoneId), `second start in ${transition.zoneId} without an end`).toBe(false)
      open.set(transition.zoneId, transition.t)
    } else {
      const start = open.get(transition.zoneId)
      expect(start, `end in ${transition.zoneId} without a start`).toBeDefined()
      open.delete(transition.zoneId)
      events.push({ zoneId: transition.zoneId, start: start! / 1000, end: transition.t / 1000 })
    }
  }
  expect([...open.keys()], 'events left open after finish()').toEqual([])
  return events
}

const rect = (id: string, x0: number, y0: number, x1: number, y1: number): MotionZoneSpec => ({
  id,
  name: id,
  kind: 'include',
  points: [
    { x: x0, y: y0 },
    { x: x1, y: y0 },
    { x: x1, y: y1 },
    { x: x0, y: y1 }
  ]
})
const polygon = (id: string, points: NormPoint[]): MotionZoneSpec => ({ id, name: id, kind: 'include', points })

describe('motion detection on generated scenes with known truth', () => {
  const scenes = new Map<SceneName, Scene>()

  beforeAll(async () => {
    // One at a time: the machine's two cores are shared with other tests.
    for (const name of SCENE_NAMES) scenes.set(name, await makeScene(name))
  })

  const withMotion: SceneName[] = ['box-enters-zone', 'box-in-noise', 'short-crossing']
  const distractors = SCENE_NAMES.filter((name) => !withMotion.includes(name))

  it.each(withMotion)('%s: one event per true move, in the right zone, within 1 s of the truth', async (name) => {
    const scene = scenes.get(name)!
    const { events } = await detectEvents(scene.path, settings(scene.zones))
    expect(events.map((e) => e.zoneId)).toEqual(scene.expected.map((e) => e.zoneId))
    events.forEach((event, k) => {
      const truth = scene.expected[k]!
      expect(Math.abs(event.start - truth.start), `start ${event.start} vs ${truth.start}`).toBeLessThanOrEqual(TOLERANCE_SEC)
      expect(Math.abs(event.end - truth.end), `end ${event.end} vs ${truth.end}`).toBeLessThanOrEqual(TOLERANCE_SEC)
    })
  })

  it.each(distractors)('%s: no event at all', async (name) => {
    const scene = scenes.get(name)!
    expect(scene.expected).toEqual([])
    const { events, frames } = await detectEvents(scene.path, settings(scene.zones))
    expect(frames).toBeGreaterThanOrEqual(scene.seconds * FPS - 1)
    expect(events).toEqual([])
  })

  it('sees the box that moves only outside the zone when the whole frame counts (the silence above is not blindness)', async () => {
    const scene = scenes.get('box-outside-zone')!
    const { events } = await detectEvents(scene.path, settings([]))
    expect(events.map((e) => e.zoneId)).toEqual(['frame'])
    expect(Math.abs(events[0]!.start - 2)).toBeLessThanOrEqual(TOLERANCE_SEC)
  })
})

describe('motion detection on footage of people', () => {
  beforeAll(() => {
    if (!existsSync(SHARED_MEDIA)) throw new Error(`test footage missing: ${SHARED_MEDIA} (see its SOURCES.md)`)
  })

  /**
   * The clip with its first frame held still for `holdSec` (ffmpeg tpad): nothing moves until then, so motion
   * starts at a known time. Read through lavfi's movie source, so nothing is re-encoded or copied.
   */
  const heldStart = (file: string, holdSec: number, totalSec: number) => {
    expect(file).toMatch(/^[\w/.-]+$/) // no characters that need escaping in a filter graph
    return `movie=${file},tpad=start_duration=${holdSec}:start_mode=clone,trim=duration=${totalSec}`
  }

  it('two people walking down a corridor: one event starting when they start, none on the wall or ceiling', async () => {
    // 480x270, 12 fps, 2.9 s: two people walk toward the camera through the middle of the picture.
    const zones = [rect('corridor', 0.35, 0.25, 0.8, 1), rect('wall', 0.02, 0.05, 0.2, 0.95), rect('ceiling', 0.3, 0, 0.68, 0.15)]
    const input = heldStart(`${SHARED_MEDIA}/face-demographics-walking.gif`, 3, 8)
    const { events } = await detectEvents(input, settings(zones, analysisSize(480, 270)), 'lavfi')
    expect(events.map((e) => e.zoneId)).toEqual(['corridor'])
    expect(Math.abs(events[0]!.start - 3)).toBeLessThanOrEqual(TOLERANCE_SEC)
    // The clip ends at 5.9 s with both still walking.
    expect(Math.abs(events[0]!.end - 5.9)).toBeLessThanOrEqual(TOLERANCE_SEC)
  })

  it('pedestrians on a plaza (PETS 2009): an event when they start walking, none on the lawn or the facade', async () => {
    // 480x360 (4:3), 10 fps; people cross the plaza all the time, nobody the lawn bottom left in the first
    // 25 s, nobody the top of the facade.
    const zones = [
      rect('plaza', 0.25, 0.25, 0.9, 0.65),
      polygon('lawn', [{ x: 0, y: 0.6 }, { x: 0.08, y: 0.6 }, { x: 0.19, y: 0.98 }, { x: 0, y: 0.98 }]),
      rect('facade', 0.42, 0, 0.75, 0.09)
    ]
    const input = heldStart(`${SHARED_MEDIA}/vtest_pets2009_480x360.avi`, 3, 28)
    const config = { ...settings(zones, analysisSize(480, 360)), minObjectPercent: 0.2 }
    const { events } = await detectEvents(input, config, 'lavfi')
    expect(events.length).toBeGreaterThanOrEqual(1)
    expect(new Set(events.map((e) => e.zoneId))).toEqual(new Set(['plaza']))
    expect(Math.abs(events[0]!.start - 3)).toBeLessThanOrEqual(TOLERANCE_SEC)
  })
})

describe('MotionWatcher supervising a live-paced ffmpeg', () => {
  let watcher: MotionWatcher | null = null

  afterEach(async () => {
    await watcher?.stop()
    watcher = null
  })

  it('emits start and end, restarts after ffmpeg is killed or stalls, and ends an open event on stop', async () => {
    // 6 s looped at its own pace: the box crosses the door zone from 1.9 s to 2.95 s of every loop.
    const scene = await makeScene('short-crossing')
    const transitions: MotionTransition[] = []
    let scoredFrames = 0
    watcher = new MotionWatcher({
      ffmpeg: FFMPEG,
      input: { kind: 'url', url: scene.path, file: { realtime: true, loop: true } },
      config: settings(scene.zones),
      logger: silentLogger,
      onTransition: (transition) => transitions.push(transition),
      onScore: () => scoredFrames++,
      stallMs: 2000,
      backoff: { baseMs: 300, capMs: 1000 }
    })
    const count = (type: MotionTransition['type']) => transitions.filter((t) => t.type === type).length
    watcher.start()

    // A first crossing: start, then its end about 2 s after the box has left.
    await waitFor('a motion start', () => count('start') >= 1, 15_000)
    await waitFor('its end', () => count('end') >= 1, 15_000)
    const [start, end] = transitions
    expect(start).toMatchObject({ type: 'start', zoneId: 'door' })
    expect(end).toMatchObject({ type: 'end', zoneId: 'door' })
    // The box is in the zone for about 1 s of clip time; wall-clock times follow the paced clip.
    expect(end!.t - start!.t).toBeGreaterThanOrEqual(400)
    expect(end!.t - start!.t).toBeLessThan(3000)

    // ffmpeg dies: the watcher starts a new one, which detects the next crossing.
    const firstPid = watcher.pid!
    expect(firstPid).toBeGreaterThan(0)
    process.kill(firstPid, 'SIGKILL')
    await waitFor('a new ffmpeg after the kill', () => watcher!.pid !== undefined && watcher!.pid !== firstPid, 10_000)
    expect(watcher.startedRuns).toBe(2)
    const startsBefore = count('start')
    await waitFor('a start after the restart', () => count('start') > startsBefore, 15_000)

    // ffmpeg hangs (stopped, sends nothing): after stallMs the watcher replaces it.
    const secondPid = watcher.pid!
    process.kill(secondPid, 'SIGSTOP')
    await waitFor('a new ffmpeg after the stall', () => watcher!.pid !== undefined && watcher!.pid !== secondPid, 15_000)
    expect(watcher.startedRuns).toBe(3)
    const framesBefore = scoredFrames
    await waitFor('frames after the stall', () => scoredFrames > framesBefore + 5, 10_000)

    // Stopping in the middle of an event ends it.
    const startsNow = count('start')
    await waitFor('another start', () => count('start') > startsNow, 15_000)
    await watcher.stop()
    expect(count('start')).toBe(count('end'))
    expect(transitions[transitions.length - 1]!.type).toBe('end')
    for (let k = 0; k < transitions.length; k++) expect(transitions[k]!.type).toBe(k % 2 === 0 ? 'start' : 'end')
  })

  it('applies new zones without restarting ffmpeg, and restarts it for a new frame rate', async () => {
    const scene = await makeScene('short-crossing')
    const frameTimes: number[] = []
    let lastScores: string[] = []
    watcher = new MotionWatcher({
      ffmpeg: FFMPEG,
      input: { kind: 'url', url: scene.path, file: { realtime: true, loop: true } },
      config: settings(scene.zones),
      logger: silentLogger,
      onTransition: () => {},
      onScore: (scores, t) => {
        frameTimes.push(t)
        lastScores = [...scores.keys()]
      },
      backoff: { baseMs: 300, capMs: 1000 }
    })
    watcher.start()
    await waitFor('frames', () => frameTimes.length >= 5, 10_000)
    const pid = watcher.pid
    watcher.updateConfig(settings([rect('left', 0, 0, 0.5, 1), ...scene.zones]))
    await waitFor('scores of the new zone', () => lastScores.includes('left'), 5000)
    expect(watcher.pid).toBe(pid)
    expect(watcher.startedRuns).toBe(1)

    watcher.updateConfig({ ...settings(scene.zones), fps: 10 })
    await waitFor('a new ffmpeg at 10 fps', () => watcher!.pid !== undefined && watcher!.pid !== pid, 10_000)
    expect(watcher.startedRuns).toBe(2)
    const from = frameTimes.length
    await waitFor('2 s of frames', () => frameTimes.length - from >= 20, 10_000)
    // About 10 frames a second now (paced by -re; allow for a slow, shared machine).
    const recent = frameTimes.slice(-20)
    const rate = (recent.length - 1) / ((recent[recent.length - 1]! - recent[0]!) / 1000)
    expect(rate).toBeGreaterThan(7)
    expect(rate).toBeLessThan(13)
  })
})
