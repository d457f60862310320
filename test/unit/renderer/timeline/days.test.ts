import { describe, expect, it } from 'vitest'
import { chooseDay, dayOf, dayRange } from '../../../../renderer/timeline/days'

describe('days in the recorder’s time zone', () => {
  it('names the local day of an instant', () => {
    const instant = Date.UTC(2025, 2, 14, 23, 30)
    expect(dayOf(instant, 'UTC')).toBe('2025-03-14')
    expect(dayOf(instant, 'Europe/Berlin')).toBe('2025-03-15')
    expect(dayOf(instant, 'America/New_York')).toBe('2025-03-14')
  })

  it('spans a day from local midnight to the next', () => {
    expect(dayRange('2025-03-14', 'UTC')).toEqual({ day: '2025-03-14', start: Date.UTC(2025, 2, 14), end: Date.UTC(2025, 2, 15) })
    const berlin = dayRange('2025-01-10', 'Europe/Berlin')
    expect(berlin.start).toBe(Date.UTC(2025, 0, 9, 23))
    expect(berlin.end - berlin.start).toBe(24 * 3600_000)
    // Half-hour zones too.
    expect(dayRange('2025-01-10', 'Asia/Kolkata').start).toBe(Date.UTC(2025, 0, 9, 18, 30))
  })

  it('is 23 or 25 hours long on daylight-saving days', () => {
    const spring = dayRange('2025-03-30', 'Europe/Berlin')
    expect(spring.start).toBe(Date.UTC(2025, 2, 29, 23))
    expect(spring.end - spring.start).toBe(23 * 3600_000)
    const autumn = dayRange('2025-10-26', 'Europe/Berlin')
    expect(autumn.end - autumn.start).toBe(25 * 3600_000)
    expect(dayOf(autumn.start, 'Europe/Berlin')).toBe('2025-10-26')
    expect(dayOf(autumn.end - 1, 'Europe/Berlin')).toBe('2025-10-26')
  })

  it('rolls over month ends', () => {
    expect(dayRange('2025-01-31', 'UTC').end).toBe(Date.UTC(2025, 1, 1))
  })
})

describe('the day the timeline opens', () => {
  const days = ['2025-03-16', '2025-03-14', '2025-03-10']
  it('prefers a picked day, then a linked one, then today, then the newest with recordings', () => {
    expect(chooseDay(days, { picked: '2025-03-10', linked: '2025-03-14', today: '2025-03-16' })).toBe('2025-03-10')
    expect(chooseDay(days, { picked: null, linked: '2025-03-14', today: '2025-03-16' })).toBe('2025-03-14')
    expect(chooseDay(days, { picked: null, linked: null, today: '2025-03-16' })).toBe('2025-03-16')
    expect(chooseDay(days, { picked: null, linked: null, today: '2025-03-17' })).toBe('2025-03-16')
  })

  it('skips days without recordings', () => {
    expect(chooseDay(days, { picked: '2025-03-11', linked: '2025-03-12', today: '2025-03-14' })).toBe('2025-03-14')
    expect(chooseDay([], { picked: null, linked: '2025-03-12', today: '2025-03-14' })).toBeNull()
  })
})
