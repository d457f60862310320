import { describe, expect, it } from 'vitest'
import { RedactionError } from '../../../../main/core/redaction/errors'
import { FramePlanner, keptTouched, regionBoxAt, resolvePolicy, type RedactionPolicy } from '../../../../main/core/redaction/policy'
import { trackerSettingsFor } from '../../../../main/core/redaction/track-timeline'
import type { Analysis, Track } from '../../../../main/core/redaction/types'

function track(id: number, x: number, kind: Track['kind'] = 'person'): Track {
  return {
    id,
    kind,
    label: `Person ${id}`,
    keyframes: [
      { frame: 0, box: { x, y: 100, w: 60, h: 150 }, score: 0.6 },
      { frame: 10, box: { x, y: 100, w: 60, h: 150 }, score: 0.6 }
    ],
    firstFrame: 0,
    lastFrame: 12,
    startMs: 0,
    endMs: 1300,
    bestScore: 0.6,
    confirmed: true,
    thumbnail: null
  }
}

function analysis(tracks: Track[], motion: number[][] = []): Analysis {
  return {
    tracks,
    video: { width: 640, height: 360, sourceWidth: 640, sourceHeight: 360, fps: '10/1', fpsValue: 10, frameCount: 20, durationMs: 2000, hasAudio: false },
    tracker: trackerSettingsFor(10, 2),
    motion: { cellWidth: 8, cellHeight: 8, frames: motion }
  } as unknown as Analysis
}

function codeOf(action: () => unknown): string {
  try {
    action()
  } catch (error) {
    expect(error).toBeInstanceOf(RedactionError)
    return (error as RedactionError).code
  }
  throw new Error('expected a RedactionError')
}

describe('resolvePolicy', () => {
  const a = analysis([track(1, 100), track(2, 300)])

  it('names unknown track ids and the ones that exist', () => {
    expect(codeOf(() => resolvePolicy({ keep: [2, 7], effect: 'pixelate' }, a))).toBe('REDACT_UNKNOWN_TRACK')
    try {
      resolvePolicy({ keep: [7], effect: 'pixelate' }, a)
    } catch (error) {
      expect((error as Error).message).toBe('Unknown track id 7: this analysis has tracks 1, 2')
    }
  })

  it('refuses an unknown effect and malformed regions', () => {
    expect(codeOf(() => resolvePolicy({ keep: [], effect: 'blur' } as unknown as RedactionPolicy, a))).toBe('REDACT_INVALID_POLICY')
    expect(codeOf(() => resolvePolicy({ keep: [], effect: 'fill', regions: [{ keyframes: [] }] }, a))).toBe('REDACT_INVALID_POLICY')
    expect(codeOf(() => resolvePolicy({ keep: [], effect: 'fill', regions: [{ keyframes: [{ atMs: 0, box: { x: 0, y: 0, w: 0, h: 5 } }] }] }, a))).toBe(
      'REDACT_INVALID_POLICY'
    )
  })

  it('fills in defaults: kept people win overlaps with bodies, no safety net, black fill', () => {
    expect(resolvePolicy({ keep: [1, 1], effect: 'fill' }, a)).toMatchObject({ keep: [1], overlap: 'keep', redactMoving: false, fillColor: [0, 0, 0], fillYuv: [16, 128, 128] })
  })
})

describe('FramePlanner', () => {
  it('redacts every track that is not kept and lists the kept ones', () => {
    const a = analysis([track(1, 100), track(2, 300)])
    const plan = new FramePlanner(a, resolvePolicy({ keep: [2], effect: 'pixelate' }, a)).plan(5)
    expect(plan.paint.map((p) => p.trackId)).toEqual([1])
    expect(plan.keep.map((k) => k.trackId)).toEqual([2])
    // Padded beyond the detection box (x 100..160) and even-aligned.
    expect(plan.paint[0].rect.x0).toBeLessThan(100)
    expect(plan.paint[0].rect.x1).toBeGreaterThan(160)
    expect(plan.paint[0].block).toBe(22)
    // Outside a track's span nothing is painted.
    expect(new FramePlanner(a, resolvePolicy({ keep: [], effect: 'pixelate' }, a)).plan(15).paint).toEqual([])
  })

  it('overlap: the kept body is spared from a bystander\'s body but not from their head; "redact" covers all of the bystander', () => {
    // Bystander 1 (x 100..160) stands just left of kept person 2 (x 130..190): their boxes overlap.
    const a = analysis([track(1, 100), track(2, 130)])
    const spared = new FramePlanner(a, resolvePolicy({ keep: [2], effect: 'pixelate' }, a)).plan(5)
    const keptRects = spared.keep.map((k) => k.rect)
    const [body, head] = spared.paint
    expect(body).toMatchObject({ source: 'track', trackId: 1, exclude: keptRects })
    // The head zone: the top quarter of the bystander's box, same pixelation grid, not spared.
    expect(head).toMatchObject({ source: 'head', trackId: 1, block: body.block, exclude: [] })
    expect(head.rect).toMatchObject({ x0: body.rect.x0, y0: body.rect.y0, x1: body.rect.x1 })
    expect(head.rect.y1 - head.rect.y0).toBeCloseTo((body.rect.y1 - body.rect.y0) / 4, -1)
    expect(keptTouched(spared, 2)).toBe(true)
    const covered = new FramePlanner(a, resolvePolicy({ keep: [2], effect: 'pixelate', overlap: 'redact' }, a)).plan(5)
    expect(covered.paint).toHaveLength(1)
    expect(covered.paint[0].exclude).toEqual([])
    // Without an overlap there is no extra head job, and the kept person is untouched.
    const apart = analysis([track(1, 100), track(2, 400)])
    const plan = new FramePlanner(apart, resolvePolicy({ keep: [2], effect: 'pixelate' }, apart)).plan(5)
    expect(plan.paint.map((p) => p.source)).toEqual(['track'])
    expect(keptTouched(plan, 2)).toBe(false)
  })

  it('the kept person\'s own face box is never covered by another face or head box', () => {
    const kept = track(2, 130)
    kept.keyframes = kept.keyframes.map((k) => ({ ...k, faceBox: { x: 145, y: 102, w: 30, h: 30 } }))
    const a = analysis([track(1, 140, 'face'), kept])
    const plan = new FramePlanner(a, resolvePolicy({ keep: [2], effect: 'pixelate' }, a)).plan(5)
    const keptFace = plan.keep.find((k) => k.rect.y1 - k.rect.y0 < 60)!.rect
    expect(plan.paint[0]).toMatchObject({ source: 'face', exclude: [keptFace] })
  })

  it('a face track is always covered, even where it overlaps a kept person', () => {
    const a = analysis([track(1, 100, 'face'), track(2, 130)])
    const plan = new FramePlanner(a, resolvePolicy({ keep: [2], effect: 'pixelate', overlap: 'keep' }, a)).plan(5)
    expect(plan.paint[0]).toMatchObject({ source: 'face', exclude: [] })
  })

  it('safety net: covers moving areas except the kept people', () => {
    const a = analysis([track(2, 300)], [[5, 0, 0, 100, 80, 280, 90, 120, 200]])
    const policy = resolvePolicy({ keep: [2], effect: 'pixelate', redactMoving: true }, a)
    const plan = new FramePlanner(a, policy).plan(5)
    const motion = plan.paint.filter((p) => p.source === 'motion')
    expect(motion.map((m) => m.rect)).toEqual([
      { x0: 0, y0: 0, x1: 100, y1: 80 },
      { x0: 280, y0: 90, x1: 400, y1: 290 }
    ])
    expect(motion[1].exclude).toEqual(plan.keep.map((k) => k.rect))
    expect(new FramePlanner(a, resolvePolicy({ keep: [2], effect: 'pixelate' }, a)).plan(5).paint).toEqual([])
  })

  it('manual regions: fixed or moving between keyframes, only while active, never spared', () => {
    const a = analysis([track(2, 300)])
    const region = {
      keyframes: [
        { atMs: 0, box: { x: 0, y: 0, w: 40, h: 20 } },
        { atMs: 1000, box: { x: 100, y: 0, w: 40, h: 20 } }
      ],
      toMs: 1500
    }
    expect(regionBoxAt(region, 500)).toEqual({ x: 50, y: 0, w: 40, h: 20 })
    expect(regionBoxAt(region, 1200)).toEqual({ x: 100, y: 0, w: 40, h: 20 })
    expect(regionBoxAt(region, 1600)).toBeNull()
    const planner = new FramePlanner(a, resolvePolicy({ keep: [2], effect: 'fill', regions: [region] }, a))
    expect(planner.plan(5).paint).toEqual([{ rect: { x0: 50, y0: 0, x1: 90, y1: 20 }, source: 'region', regionIndex: 0, block: 16, exclude: [] }])
    expect(planner.plan(16).paint).toEqual([])
  })
})
