// Motion events per zone from a stream of small gray frames: background subtraction under a lighting fit,
// noise-aware thresholds, blobs per zone, and start/end rules. Plain code on typed arrays, no native parts.
import { BackgroundModel, type CompareSettings, type UpdateRates } from './background-model'
import { BlobFinder } from './blobs'
import { zoneMasks, type ZoneMask } from './polygon-mask'
import type { DetectorConfig, DetectorTuning, FrameResult, MotionTransition } from './types'
import { ZoneActivity } from './zone-activity'

export const DEFAULT_TUNING: Readonly<DetectorTuning> = {
  warmupMs: 1000,
  startFrames: 2,
  endAfterMs: 2000,
  backgroundTauMs: 5000,
  foregroundTauMs: 30_000,
  stationaryMs: 3000,
  noiseTauMs: 4000,
  noiseFactor: 4,
  globalChangeFraction: 0.6,
  minNeighbours: 3
}

/** Threshold (gray levels) at sensitivity 100 and at 1; geometric in between, so each step is a like ratio. */
const MOST_SENSITIVE_LEVELS = 4
const LEAST_SENSITIVE_LEVELS = 60

/**
 * Gray-level change a pixel needs at a sensitivity (1..100): 60 at 1, about 16 at 50, 4 at 100. The
 * noise term of the background model may raise it per pixel, never lower it.
 */
export function changeThreshold(sensitivity: number): number {
  const s = Math.min(100, Math.max(1, sensitivity))
  return MOST_SENSITIVE_LEVELS * (LEAST_SENSITIVE_LEVELS / MOST_SENSITIVE_LEVELS) ** ((100 - s) / 99)
}

const NO_TRANSITIONS: MotionTransition[] = []

interface Zone extends ZoneMask {
  activity: ZoneActivity
}

export class MotionDetector {
  private config!: DetectorConfig
  private tuning!: DetectorTuning
  private model!: BackgroundModel
  private zones: Zone[] = []
  private readonly blobs: BlobFinder
  private readonly scores = new Map<string, number>()
  private readonly result: FrameResult = { scores: this.scores, transitions: NO_TRANSITIONS, globalChange: false }
  private compare!: CompareSettings
  private rates!: UpdateRates
  private warmupFrames = 0
  private minScore = 0

  constructor(config: DetectorConfig) {
    this.blobs = new BlobFinder(config.width, config.height, 8)
    this.configure(config, true)
  }

  /**
   * Analyses one frame (width*height gray bytes) taken at time t (ms). The returned object and its score
   * map are reused by the next call; transitions are fresh arrays.
   */
  push(frame: Uint8Array, t: number): FrameResult {
    const { width, height } = this.config
    if (frame.length !== width * height) {
      throw new RangeError(`motion frame has ${frame.length} bytes, expected ${width * height} (${width}x${height} gray)`)
    }
    const result = this.result
    result.transitions = NO_TRANSITIONS
    result.globalChange = false
    const model = this.model
    if (model.learnedFrames < this.warmupFrames) {
      model.learn(frame)
      this.observeNothing(t)
      return result
    }
    const changedShare = model.compare(frame, this.compare)
    if (changedShare > this.tuning.globalChangeFraction) {
      // Too much at once for objects: the light switched, the camera moved or turned to night mode.
      // Learn the new picture instead of raising an event for all of it.
      model.restart()
      model.learn(frame)
      result.globalChange = true
      this.observeNothing(t)
      return result
    }
    model.update(frame, this.rates)
    const frameArea = width * height
    for (const zone of this.zones) {
      let score = 0
      if (model.foregroundPixels > 0 && zone.pixels > 0) {
        this.blobs.find(model.foreground, zone.mask, zone.box)
        score = this.blobs.largestArea() / frameArea
      }
      this.scores.set(zone.id, score)
      this.emit(zone.activity.observe(t, score, this.minScore))
    }
    return result
  }

  /** The stream ended: ends open events (at their last motion) and forgets the background. */
  finish(t: number): MotionTransition[] {
    const ended: MotionTransition[] = []
    for (const zone of this.zones) {
      const transition = zone.activity.finish(t)
      if (transition) ended.push(transition)
      this.scores.set(zone.id, 0)
    }
    this.model.restart()
    return ended
  }

  /**
   * New settings for the same camera. Zones that still exist keep their open events and the background is
   * kept; events of removed zones end now (returned). A different frame size needs a new detector.
   */
  updateConfig(config: DetectorConfig): MotionTransition[] {
    if (config.width !== this.config.width || config.height !== this.config.height) {
      throw new RangeError(
        `motion frame size changed from ${this.config.width}x${this.config.height} to ${config.width}x${config.height}: create a new detector`
      )
    }
    return this.configure(config, false)
  }

  /** Applies a config; returns the ends of events in zones that no longer exist. */
  private configure(config: DetectorConfig, fresh: boolean): MotionTransition[] {
    const { width, height, fps } = config
    if (!(width > 0 && height > 0 && Number.isInteger(width) && Number.isInteger(height))) {
      throw new RangeError(`motion frame size must be whole positive pixels, got ${width}x${height}`)
    }
    if (!(fps > 0)) throw new RangeError(`motion fps must be positive, got ${fps}`)
    const tuning: DetectorTuning = { ...DEFAULT_TUNING, ...config.tuning }
    const rule = { startFrames: tuning.startFrames, endAfterMs: tuning.endAfterMs }
    const masks = zoneMasks(config.zones, width, height)
    const previous = new Map(this.zones.map((zone) => [zone.id, zone.activity]))
    this.zones = masks.zones.map((mask) => {
      const activity = previous.get(mask.id) ?? new ZoneActivity(mask.id, rule)
      previous.delete(mask.id)
      activity.rule = rule
      return { ...mask, activity }
    })
    const ended: MotionTransition[] = []
    for (const removed of previous.values()) {
      const transition = removed.finish(Number.POSITIVE_INFINITY)
      if (transition) ended.push(transition)
    }

    const oldModel = fresh ? null : this.model
    this.model = new BackgroundModel(width, height, masks.analysed)
    if (oldModel) {
      // Same camera, same picture: only settings changed, so the learned background stays valid.
      this.model.background.set(oldModel.background)
      this.model.noise.set(oldModel.noise)
      this.model.learnedFrames = oldModel.learnedFrames
    }
    this.scores.clear()
    for (const zone of this.zones) this.scores.set(zone.id, 0)
    const frameMs = 1000 / fps
    const perFrame = (tauMs: number) => 1 - Math.exp(-frameMs / tauMs)
    this.rates = {
      still: perFrame(tuning.backgroundTauMs),
      moving: perFrame(tuning.foregroundTauMs),
      noise: perFrame(tuning.noiseTauMs),
      stationaryFrames: Math.max(1, Math.round((tuning.stationaryMs * fps) / 1000))
    }
    this.compare = { baseThreshold: changeThreshold(config.sensitivity), noiseFactor: tuning.noiseFactor, minNeighbours: tuning.minNeighbours }
    this.warmupFrames = Math.max(2, Math.ceil((tuning.warmupMs * fps) / 1000))
    this.minScore = Math.max(0, config.minObjectPercent) / 100
    this.tuning = tuning
    this.config = config
    return ended
  }

  private observeNothing(t: number): void {
    for (const zone of this.zones) {
      this.scores.set(zone.id, 0)
      this.emit(zone.activity.observe(t, null, this.minScore))
    }
  }

  private emit(transition: MotionTransition | null): void {
    if (!transition) return
    if (this.result.transitions === NO_TRANSITIONS) this.result.transitions = []
    this.result.transitions.push(transition)
  }
}
