import { describe, expect, it } from 'vitest'
import { formatClock, inQuietHours, isPaused, minuteOfDay, parseClock, quietMinutes, spansMidnight } from '../../../../renderer/events/clock-time'

describe('clock times and quiet hours', () => {
  it('parses and formats HH:MM', () => {
    expect(parseClock('22:05')).toBe(22 * 60 + 5)
    expect(parseClock('00:00')).toBe(0)
    expect(parseClock('24:00')).toBeNull()
    expect(parseClock('7:00')).toBeNull()
    expect(parseClock('')).toBeNull()
    expect(formatClock(22 * 60 + 5)).toBe('22:05')
    expect(formatClock(1440 + 61)).toBe('01:01')
    expect(formatClock(-1)).toBe('23:59')
  })

  it('knows quiet hours over midnight and within a day', () => {
    const night = { from: '22:00', to: '06:30' }
    expect(spansMidnight(night)).toBe(true)
    expect(quietMinutes(night)).toBe(8 * 60 + 30)
    expect(inQuietHours(night, 23 * 60)).toBe(true)
    expect(inQuietHours(night, 3 * 60)).toBe(true)
    expect(inQuietHours(night, 6 * 60 + 30)).toBe(false)
    expect(inQuietHours(night, 12 * 60)).toBe(false)
    const lunch = { from: '12:00', to: '13:00' }
    expect(spansMidnight(lunch)).toBe(false)
    expect(inQuietHours(lunch, 12 * 60)).toBe(true)
    expect(inQuietHours(lunch, 13 * 60)).toBe(false)
  })

  it('treats equal or broken times as no quiet time', () => {
    expect(quietMinutes({ from: '08:00', to: '08:00' })).toBe(0)
    expect(inQuietHours({ from: '08:00', to: '08:00' }, 8 * 60)).toBe(false)
    expect(inQuietHours({ from: '', to: '08:00' }, 60)).toBe(false)
  })

  it('reads the minute of the day in the recorder’s zone', () => {
    const instant = Date.UTC(2025, 0, 10, 23, 15)
    expect(minuteOfDay(instant, 'UTC')).toBe(23 * 60 + 15)
    expect(minuteOfDay(instant, 'Europe/Berlin')).toBe(15)
  })

  it('says whether a privacy pause is still running', () => {
    expect(isPaused({ pausedUntil: 2000 }, 1000)).toBe(true)
    expect(isPaused({ pausedUntil: 1000 }, 1000)).toBe(false)
    expect(isPaused({ pausedUntil: null }, 1000)).toBe(false)
    expect(isPaused(null, 1000)).toBe(false)
  })
})
