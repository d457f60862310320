// How the whole picture's brightness changed since the background was learned: camera auto-exposure, a
// cloud, dusk. Estimated as frame ~= gain * background + offset, so the detector can compare a frame with
// the background as it would look under today's light instead of calling every pixel changed.

/** Background brightness bands the fit compares separately (a gain shows as a slope across them). */
const BANDS = 8
/** Differences frame - background from -255 to 255, stored at index difference + 255. */
const DIFF_LEVELS = 511
/**
 * Half-width in gray levels of "agrees with a model": wider than sensor noise and than the spread a gain
 * causes within one band, narrower than a typical local light change or object.
 */
const AGREE = 8
/** A band with fewer sampled pixels than this says too little to fit on. */
const MIN_BAND_PIXELS = 16
/** Clipped pixels say nothing about the light (255 stays 255 however much brighter it gets). */
const DARKEST_USABLE = 2
const BRIGHTEST_USABLE = 253
/** Beyond these the picture did not just get brighter or darker: treat it as a new scene. */
const MIN_GAIN = 0.33
const MAX_GAIN = 3
/** Up to two clusters of differences per band: "lit like most of the picture" and "lit differently". */
const PEAKS_PER_BAND = 2
/** Below this share of the usable pixels agreeing, no light change explains the frame. */
const MIN_AGREEMENT = 0.25

/**
 * A consensus fit (the idea of RANSAC, on histograms): candidate lines through the most common differences
 * of the brightness bands are scored by how many pixels agree with them, and the winner is refined on the
 * pixels that agree. The majority wins however far off the rest is: moving objects, or a lamp lighting
 * 45 % of the picture, do not drag the fit to a compromise that matches nothing (a least-squares or
 * per-band-median fit does). Allocation-free per frame.
 */
export class LightingFit {
  gain = 1
  offset = 0
  private readonly histograms = new Int32Array(BANDS * DIFF_LEVELS)
  /** Per band, prefix sums over the histogram: counts and count * level, DIFF_LEVELS + 1 entries each. */
  private readonly cumCount = new Float64Array(BANDS * (DIFF_LEVELS + 1))
  private readonly cumLevel = new Float64Array(BANDS * (DIFF_LEVELS + 1))
  private readonly bandPixels = new Int32Array(BANDS)
  private readonly bandBackgroundSum = new Float64Array(BANDS)
  private readonly bandCentre = new Float64Array(BANDS)
  private readonly peakBand = new Int32Array(BANDS * PEAKS_PER_BAND)
  private readonly peakValue = new Float64Array(BANDS * PEAKS_PER_BAND)
  private bestScore = 0
  private bestSlope = 0
  private bestOffset = 0

  /**
   * Fits frame (`width` pixels a row) against background over the pixels where `usable` is set and `skip`
   * is not (last frame's moving objects). Returns false, and leaves gain 1 / offset 0, when the frame cannot
   * be explained as the background under other light (too few usable pixels, too few agreeing, or an
   * implausible gain).
   */
  fit(frame: Uint8Array, width: number, background: Float32Array, usable: Uint8Array, skip: Uint8Array | null): boolean {
    this.gain = 1
    this.offset = 0
    const total = this.collect(frame, background, usable, skip, width)
    const peaks = this.findPeaks()
    if (peaks === 0) return false

    // Candidates: no change; an offset through each peak; a line through each pair of peaks of two bands.
    this.bestScore = this.agreeing(0, 0)
    this.bestSlope = 0
    this.bestOffset = 0
    for (let a = 0; a < peaks; a++) {
      const bandA = this.peakBand[a]!
      this.consider(0, this.peakValue[a]!)
      for (let b = a + 1; b < peaks; b++) {
        const bandB = this.peakBand[b]!
        if (bandB === bandA) continue
        const slope = (this.peakValue[b]! - this.peakValue[a]!) / (this.bandCentre[bandB]! - this.bandCentre[bandA]!)
        this.consider(slope, this.peakValue[a]! - slope * this.bandCentre[bandA]!)
      }
    }
    if (this.bestScore < MIN_AGREEMENT * total) return false
    return this.refine(this.bestSlope, this.bestOffset)
  }

  /** Keeps the candidate line difference = slope * background + offset if more pixels agree with it. */
  private consider(slope: number, offset: number): void {
    if (1 + slope < MIN_GAIN || 1 + slope > MAX_GAIN) return
    const score = this.agreeing(slope, offset)
    if (score > this.bestScore) {
      this.bestScore = score
      this.bestSlope = slope
      this.bestOffset = offset
    }
  }

  /** Fills the per-band histograms of frame - background and their prefix sums; returns the usable pixel count. */
  private collect(frame: Uint8Array, background: Float32Array, usable: Uint8Array, skip: Uint8Array | null, width: number): number {
    this.histograms.fill(0)
    this.bandBackgroundSum.fill(0)
    const total = this.fillHistograms(frame, background, usable, skip, width)
    this.sumUp()
    return total
  }

  /**
   * Every other pixel, in a checkerboard: thousands of samples are plenty for eight histograms, and the
   * fit is the detector's most expensive step per pixel.
   */
  private fillHistograms(frame: Uint8Array, background: Float32Array, usable: Uint8Array, skip: Uint8Array | null, width: number): number {
    const { histograms, bandBackgroundSum } = this
    const bandWidth = 256 / BANDS
    const height = frame.length / width
    let total = 0
    for (let y = 0; y < height; y++) {
      for (let i = y * width + (y & 1), end = (y + 1) * width; i < end; i += 2) {
        if (usable[i] === 0 || (skip !== null && skip[i] !== 0)) continue
        const f = frame[i]!
        const b = background[i]!
        if (f < DARKEST_USABLE || f > BRIGHTEST_USABLE || b < DARKEST_USABLE || b > BRIGHTEST_USABLE) continue
        const band = (b / bandWidth) | 0
        // f - b + 255.5 > 0 here, so truncation rounds (and is cheaper than Math.round).
        histograms[band * DIFF_LEVELS + ((f - b + 255.5) | 0)]!++
        bandBackgroundSum[band]! += b
        total++
      }
    }
    return total
  }

  /** Prefix sums of each band's histogram (window counts and means in O(1)), each band's size and mean level. */
  private sumUp(): void {
    const { histograms, bandPixels, bandBackgroundSum, cumCount, cumLevel } = this
    for (let band = 0; band < BANDS; band++) {
      const h = band * DIFF_LEVELS
      const c = band * (DIFF_LEVELS + 1)
      cumCount[c] = 0
      cumLevel[c] = 0
      for (let level = 0; level < DIFF_LEVELS; level++) {
        const count = histograms[h + level]!
        cumCount[c + level + 1] = cumCount[c + level]! + count
        cumLevel[c + level + 1] = cumLevel[c + level]! + count * level
      }
      bandPixels[band] = cumCount[c + DIFF_LEVELS]!
      this.bandCentre[band] = bandPixels[band]! > 0 ? bandBackgroundSum[band]! / bandPixels[band]! : 0
    }
  }

  /** Up to PEAKS_PER_BAND clusters per band (the fullest windows, apart from each other); returns how many. */
  private findPeaks(): number {
    let peaks = 0
    for (let band = 0; band < BANDS; band++) {
      if (this.bandPixels[band]! < MIN_BAND_PIXELS) continue
      let taken = Number.NaN
      for (let k = 0; k < PEAKS_PER_BAND; k++) {
        let bestCount = 0
        let bestCentre = -1
        for (let centre = 0; centre < DIFF_LEVELS; centre++) {
          if (Math.abs(centre - taken) <= 2 * AGREE) continue
          const count = this.windowCount(band, centre)
          if (count > bestCount) {
            bestCount = count
            bestCentre = centre
          }
        }
        if (bestCount < MIN_BAND_PIXELS) break
        taken = bestCentre
        this.peakBand[peaks] = band
        this.peakValue[peaks] = this.windowMean(band, bestCentre) - 255
        peaks++
      }
    }
    return peaks
  }

  /** Usable pixels whose difference lies within AGREE of the line difference = slope * background + offset. */
  private agreeing(slope: number, offset: number): number {
    let count = 0
    for (let band = 0; band < BANDS; band++) {
      if (this.bandPixels[band] === 0) continue
      count += this.windowCount(band, slope * this.bandCentre[band]! + offset + 255)
    }
    return count
  }

  /** Weighted least squares on the agreeing pixels' mean difference per band. */
  private refine(slope: number, offset: number): boolean {
    let weight = 0
    let sumX = 0
    let sumY = 0
    let sumXX = 0
    let sumXY = 0
    let bands = 0
    for (let band = 0; band < BANDS; band++) {
      if (this.bandPixels[band] === 0) continue
      const x = this.bandCentre[band]!
      const centre = slope * x + offset + 255
      const n = this.windowCount(band, centre)
      if (n === 0) continue
      const y = this.windowMean(band, centre) - 255
      weight += n
      sumX += n * x
      sumY += n * y
      sumXX += n * x * x
      sumXY += n * x * y
      bands++
    }
    const meanX = sumX / weight
    const meanY = sumY / weight
    const spread = sumXX / weight - meanX * meanX
    // A flat scene (one band, or bands close together) cannot show a gain: explain it by an offset alone.
    const refined = bands >= 2 && spread > 100 ? (sumXY / weight - meanX * meanY) / spread : 0
    if (1 + refined < MIN_GAIN || 1 + refined > MAX_GAIN) return false
    this.gain = 1 + refined
    this.offset = meanY - refined * meanX
    return true
  }

  private windowCount(band: number, centre: number): number {
    const c = band * (DIFF_LEVELS + 1)
    return this.cumCount[c + windowEnd(centre)]! - this.cumCount[c + windowStart(centre)]!
  }

  private windowMean(band: number, centre: number): number {
    const c = band * (DIFF_LEVELS + 1)
    const lo = windowStart(centre)
    const hi = windowEnd(centre)
    const count = this.cumCount[c + hi]! - this.cumCount[c + lo]!
    return count > 0 ? (this.cumLevel[c + hi]! - this.cumLevel[c + lo]!) / count : centre
  }
}

/** Histogram index range [windowStart, windowEnd) of the levels within AGREE of centre. */
function windowStart(centre: number): number {
  return Math.max(0, Math.min(DIFF_LEVELS, Math.round(centre - AGREE)))
}

function windowEnd(centre: number): number {
  return Math.max(0, Math.min(DIFF_LEVELS, Math.round(centre + AGREE) + 1))
}
