import { describe, expect, it } from 'vitest'
import type { Box } from '../../../../main/core/redaction/geometry'
import { groupDetections, type Observation } from '../../../../main/core/redaction/grouping'
import { boxesAt, completeTrack, paddedBoxes, trackerSettingsFor } from '../../../../main/core/redaction/track-timeline'
import { matchScore, Tracker } from '../../../../main/core/redaction/tracker'

const K = 2
const SETTINGS = trackerSettingsFor(10, K) // 10 fps, detect every 2nd frame: gap 15 frames, margin 3

/** A person walking in a straight line: box at frame f. */
function walker(x0: number, y0: number, vx: number, vy: number, w = 40, h = 100) {
  return (f: number): Box => ({ x: x0 + vx * f, y: y0 + vy * f, w, h })
}

const person = (box: Box, score = 0.6): Observation => ({ kind: 'person', box, score })

/** Runs the tracker over detection frames; `visible(name, f)` says whether each walker is detected. */
function run(
  walkers: Record<string, (f: number) => Box>,
  frames: number,
  visible: (name: string, f: number) => boolean = () => true,
  order: 'as-given' | 'alternating' = 'as-given'
) {
  const tracker = new Tracker(SETTINGS)
  const idsOf: Record<string, number[]> = Object.fromEntries(Object.keys(walkers).map((n) => [n, []]))
  for (let f = 0; f < frames; f += K) {
    const listed = Object.keys(walkers).filter((n) => visible(n, f))
    const names = order === 'alternating' && (f / K) % 2 === 1 ? listed.reverse() : listed
    const ids = tracker.step(f, names.map((n) => person(walkers[n](f))))
    names.forEach((n, i) => idsOf[n].push(ids[i]))
  }
  return { tracks: tracker.finish(), idsOf }
}

describe('Tracker', () => {
  it('gives each person one stable id over time', () => {
    const { tracks, idsOf } = run({ a: walker(0, 100, 3, 0), b: walker(400, 300, -2, -1) }, 60)
    expect(tracks).toHaveLength(2)
    expect(new Set(idsOf.a)).toEqual(new Set([1]))
    expect(new Set(idsOf.b)).toEqual(new Set([2]))
    expect(tracks[0].keyframes).toHaveLength(30)
  })

  it('keeps ids when two people of the same size cross on the same line (motion decides, not overlap)', () => {
    // Both 40 px wide, 20 px apart per detection run; at frame 20 they are in the same place. Afterwards each
    // new box overlaps both last boxes equally: only the predicted motion tells who is who. The detections'
    // order flips from frame to frame, so no tie-break can get it right by luck.
    const a = walker(0, 100, 10, 0, 40, 100)
    const b = walker(400, 100, -10, 0, 40, 100)
    const { tracks, idsOf } = run({ a, b }, 40, () => true, 'alternating')
    expect(tracks).toHaveLength(2)
    expect(new Set(idsOf.a).size).toBe(1)
    expect(new Set(idsOf.b).size).toBe(1)
    const fromLeft = tracks.find((t) => t.id === idsOf.a[0])!
    expect(fromLeft.keyframes.at(-1)!.box.x).toBeGreaterThan(300)
  })

  it('keeps ids when two people cross (their boxes overlap for several frames)', () => {
    // a walks right, b walks left on a slightly lower line and is a little larger (nearer the camera).
    const a = walker(0, 100, 4, 0, 40, 100)
    const b = walker(400, 112, -4, 0, 46, 115)
    const { tracks, idsOf } = run({ a, b }, 100)
    expect(tracks).toHaveLength(2)
    expect(new Set(idsOf.a).size).toBe(1)
    expect(new Set(idsOf.b).size).toBe(1)
    // After the crossing, the track that started on the left is on the right.
    const left = tracks.find((t) => t.id === idsOf.a[0])!
    expect(left.keyframes[0].box.x).toBeLessThan(10)
    expect(left.keyframes.at(-1)!.box.x).toBeGreaterThan(350)
  })

  it('keeps the id through a short occlusion and interpolates the hidden frames', () => {
    const a = walker(0, 100, 3, 0)
    // Hidden behind a pillar for 8 frames (4 detection runs).
    const { tracks, idsOf } = run({ a }, 60, (_n, f) => f < 20 || f >= 28)
    expect(tracks).toHaveLength(1)
    expect(new Set(idsOf.a)).toEqual(new Set([1]))
    const track = completeTrack(tracks[0], SETTINGS, 60, 10)
    for (const f of [20, 23, 27]) {
      const at = boxesAt(track, f, K)!
      expect(at.box.x).toBeCloseTo(a(f).x, 5)
    }
  })

  it('fills a single missed detection in the middle', () => {
    const a = walker(10, 50, 2, 1)
    const { tracks } = run({ a }, 40, (_n, f) => f !== 20)
    expect(tracks).toHaveLength(1)
    const track = completeTrack(tracks[0], SETTINGS, 40, 10)
    expect(track.keyframes.map((k) => k.frame)).not.toContain(20)
    const filled = boxesAt(track, 20, K)!
    expect(filled.box.x).toBeCloseTo(a(20).x, 5)
    expect(filled.box.y).toBeCloseTo(a(20).y, 5)
  })

  it('starts a new id when someone reappears after longer than the gap limit', () => {
    const { tracks } = run({ a: walker(0, 100, 1, 0) }, 80, (_n, f) => f < 10 || f > 10 + SETTINGS.maxGapFrames + 4)
    expect(tracks.map((t) => t.id)).toEqual([1, 2])
  })

  it('continues a small fast person by center distance when the boxes no longer overlap', () => {
    // 12 px wide, moving 8 px per frame: 16 px between detections, no overlap with the last box.
    const { tracks } = run({ a: walker(0, 100, 8, 0, 12, 30) }, 30)
    expect(tracks).toHaveLength(1)
  })

  it('does not join two people just because they are near each other when one is far larger', () => {
    expect(matchScore({ x: 0, y: 0, w: 10, h: 20 }, { x: 12, y: 0, w: 40, h: 80 }, { minIou: 0.1 }, 1)).toBeNull()
  })
})

describe('faces and persons', () => {
  const body = { x: 100, y: 100, w: 60, h: 160 }
  const face = { x: 115, y: 105, w: 30, h: 30 }

  it('attaches a face to the person it belongs to, and keeps a face without a body on its own', () => {
    const grouped = groupDetections([
      { kind: 'person', box: body, score: 0.7 },
      { kind: 'face', box: face, score: 0.8 },
      { kind: 'face', box: { x: 400, y: 40, w: 50, h: 50 }, score: 0.9 }
    ])
    expect(grouped).toEqual([
      { kind: 'person', box: body, score: 0.7, faceBox: face },
      { kind: 'face', box: { x: 400, y: 40, w: 50, h: 50 }, score: 0.9 }
    ])
  })

  it('merges a second box on the same face instead of making it someone else', () => {
    const grouped = groupDetections([
      { kind: 'person', box: body, score: 0.7 },
      { kind: 'face', box: face, score: 0.8 },
      { kind: 'face', box: { x: 108, y: 104, w: 24, h: 24 }, score: 0.3 },
      { kind: 'face', box: { x: 400, y: 40, w: 40, h: 40 }, score: 0.6 },
      { kind: 'face', box: { x: 410, y: 50, w: 40, h: 40 }, score: 0.4 }
    ])
    expect(grouped).toEqual([
      { kind: 'person', box: body, score: 0.7, faceBox: { x: 108, y: 104, w: 37, h: 31 } },
      { kind: 'face', box: { x: 400, y: 40, w: 50, h: 50 }, score: 0.6 }
    ])
  })

  it('a face near the feet is not that person\'s face', () => {
    const grouped = groupDetections([
      { kind: 'person', box: body, score: 0.7 },
      { kind: 'face', box: { x: 115, y: 220, w: 30, h: 30 }, score: 0.8 }
    ])
    expect(grouped.map((o) => o.kind)).toEqual(['person', 'face'])
  })

  it('a face seen while the body is missed keeps the person track alive (no second track)', () => {
    const tracker = new Tracker(SETTINGS)
    tracker.step(0, [{ kind: 'person', box: body, score: 0.7, faceBox: face }])
    tracker.step(2, [{ kind: 'face', box: face, score: 0.8 }])
    tracker.step(4, [{ kind: 'person', box: body, score: 0.7 }])
    const tracks = tracker.finish()
    expect(tracks).toHaveLength(1)
    expect(tracks[0].keyframes[1]).toMatchObject({ frame: 2, predicted: true, faceBox: face })
  })

  it('a face-only track becomes a person when the body comes into view', () => {
    const tracker = new Tracker(SETTINGS)
    tracker.step(0, [{ kind: 'face', box: face, score: 0.8 }])
    tracker.step(2, [{ kind: 'person', box: body, score: 0.7, faceBox: face }])
    const tracks = tracker.finish()
    expect(tracks).toHaveLength(1)
    expect(tracks[0].kind).toBe('person')
  })
})

describe('track timeline', () => {
  it('covers a margin before the first and after the last detection, following the motion', () => {
    const a = walker(100, 100, 3, 0)
    const { tracks } = run({ a }, 21) // detections at 0, 2, ..., 20
    const track = completeTrack(tracks[0], SETTINGS, 100, 10)
    expect(track.firstFrame).toBe(0)
    expect(track.lastFrame).toBe(20 + SETTINGS.marginFrames)
    expect(boxesAt(track, 22, K)!.box.x).toBeCloseTo(a(22).x, 5)
    expect(boxesAt(track, track.lastFrame + 1, K)).toBeNull()
    expect(track.startMs).toBe(0)
    expect(track.endMs).toBe(((track.lastFrame + 1) / 10) * 1000)
    expect(track.label).toBe('Person 1')
    expect(track.confirmed).toBe(true)
  })

  it('pads more when the person moves fast, and adds the face as a second area', () => {
    const slow = paddedBoxes('person', { box: { x: 100, y: 100, w: 50, h: 100 }, faceBox: null, speed: 0 }, 3)
    const fast = paddedBoxes('person', { box: { x: 100, y: 100, w: 50, h: 100 }, faceBox: { x: 110, y: 100, w: 20, h: 20 }, speed: 4 }, 3)
    expect(slow).toHaveLength(1)
    expect(fast).toHaveLength(2)
    expect(fast[0].w).toBeGreaterThan(slow[0].w)
    expect(slow[0].x).toBeLessThan(100)
  })
})
