// Zoom levels of the day bar and the axis ticks that fit each one.

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE

/** Visible time span of the bar, widest first: a whole day down to one minute. */
export const ZOOM_LEVELS = [24 * HOUR, 12 * HOUR, 6 * HOUR, 3 * HOUR, HOUR, 30 * MINUTE, 15 * MINUTE, 5 * MINUTE, MINUTE] as const

const STEPS = [
  5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR
]

/** The smallest tick step that keeps labels at least `minPx` apart on a bar `widthPx` wide. */
export function tickStep(spanMs: number, widthPx: number, minPx = 72): number {
  const fits = STEPS.find((step) => (step / spanMs) * widthPx >= minPx)
  return fits ?? STEPS[STEPS.length - 1]
}

/**
 * Tick instants inside [from, to], counted from the day's midnight so labels land on round local times
 * (also in zones with a half-hour offset).
 */
export function ticks(from: number, to: number, dayStart: number, step: number): number[] {
  const first = dayStart + Math.ceil((from - dayStart) / step) * step
  const result: number[] = []
  for (let at = first; at <= to; at += step) result.push(at)
  return result
}

/** Whether tick labels need seconds at this step. */
export const labelsNeedSeconds = (step: number) => step < MINUTE
