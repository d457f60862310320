import { describe, expect, it } from 'vitest'
import { ClockAnchor } from '../../../../main/core/recorder/clock-anchor'

const T0 = Date.UTC(2026, 10, 24, 12, 0, 0)

describe('ClockAnchor', () => {
  it('knows nothing before the first report', () => {
    const anchor = new ClockAnchor()
    expect(anchor.originMs).toBeNull()
    expect(anchor.wallTime(10)).toBeNull()
  })

  it('takes the smallest now - outTime as the wall time of stream time 0', () => {
    const anchor = new ClockAnchor()
    anchor.observe(T0 + 1500, 1000) // 500 ms pipeline delay
    anchor.observe(T0 + 2200, 2000) // 200 ms: the best estimate
    anchor.observe(T0 + 3900, 3000)
    expect(anchor.originMs).toBe(T0 + 200)
    expect(anchor.wallTime(10)).toBe(T0 + 10_200)
    expect(anchor.wallTime(2.5)).toBe(T0 + 2700)
  })

  it('ignores reports before media was written (outTime <= 0)', () => {
    const anchor = new ClockAnchor()
    anchor.observe(T0, 0)
    anchor.observe(T0, -40)
    expect(anchor.originMs).toBeNull()
  })

  it('forgets samples older than its window, so it follows a drifting camera clock', () => {
    const anchor = new ClockAnchor(3)
    anchor.observe(T0 + 1000, 1000) // origin T0: best, but will slide out
    anchor.observe(T0 + 2050, 2000)
    anchor.observe(T0 + 3060, 3000)
    expect(anchor.originMs).toBe(T0)
    anchor.observe(T0 + 4070, 4000)
    expect(anchor.originMs).toBe(T0 + 50)
  })

  it('rounds wall times to whole milliseconds', () => {
    const anchor = new ClockAnchor()
    anchor.observe(T0 + 1000, 1000)
    expect(anchor.wallTime(1.0004)).toBe(T0 + 1000)
    expect(anchor.wallTime(1.0006)).toBe(T0 + 1001)
  })
})
