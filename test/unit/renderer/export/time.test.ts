import { describe, expect, it } from 'vitest'
import { checkRange, clockDuration, fromLocalInput, offsetLabel, parseOffset, spanLabel, toLocalInput } from '../../../../renderer/export/time'

describe('times in the export wizard', () => {
  it('types instants in the recorder’s time zone and reads them back', () => {
    const at = Date.UTC(2025, 4, 3, 20, 5, 9)
    expect(toLocalInput(at, 'Europe/Berlin')).toBe('2025-05-03T22:05:09')
    expect(toLocalInput(at, 'UTC')).toBe('2025-05-03T20:05:09')
    expect(fromLocalInput('2025-05-03T22:05:09', 'Europe/Berlin')).toBe(at)
    // Without seconds (a browser may leave them out) and with a space.
    expect(fromLocalInput('2025-05-03T22:05', 'Europe/Berlin')).toBe(at - 9000)
    expect(fromLocalInput('2025-05-03 22:05:09', 'Europe/Berlin')).toBe(at)
  })

  it('refuses what is not a real date and time', () => {
    expect(fromLocalInput('', 'UTC')).toBeNull()
    expect(fromLocalInput('2025-02-30T10:00', 'UTC')).toBeNull()
    expect(fromLocalInput('2025-05-03T24:00', 'UTC')).toBeNull()
    expect(fromLocalInput('yesterday', 'UTC')).toBeNull()
  })

  it('handles daylight-saving days', () => {
    // 2025-03-30 02:30 does not exist in Berlin; 2025-10-26 02:30 exists twice.
    expect(fromLocalInput('2025-03-30T01:59:59', 'Europe/Berlin')).toBe(Date.UTC(2025, 2, 30, 0, 59, 59))
    expect(fromLocalInput('2025-03-30T03:00:00', 'Europe/Berlin')).toBe(Date.UTC(2025, 2, 30, 1))
    const twice = fromLocalInput('2025-10-26T02:30:00', 'Europe/Berlin')!
    expect([Date.UTC(2025, 9, 26, 0, 30), Date.UTC(2025, 9, 26, 1, 30)]).toContain(twice)
    expect(toLocalInput(twice, 'Europe/Berlin')).toBe('2025-10-26T02:30:00')
  })

  it('writes offsets from the range start as a clock', () => {
    const start = Date.UTC(2025, 4, 3, 20)
    expect(clockDuration(0)).toBe('00:00')
    expect(clockDuration(65_400)).toBe('01:05')
    expect(clockDuration(3_723_000)).toBe('1:02:03')
    expect(clockDuration(-5000)).toBe('00:00')
    expect(offsetLabel(start + 12_000, start)).toBe('00:12')
    expect(spanLabel(start + 12_000, start + 100_900, start)).toBe('00:12–01:40')
  })

  it('reads typed offsets', () => {
    expect(parseOffset('90')).toBe(90_000)
    expect(parseOffset('1:30')).toBe(90_000)
    expect(parseOffset(' 01:30 ')).toBe(90_000)
    expect(parseOffset('1:02:03')).toBe(3_723_000)
    expect(parseOffset('1:75')).toBeNull()
    expect(parseOffset('1:2:3:4')).toBeNull()
    expect(parseOffset('-1')).toBeNull()
    expect(parseOffset('')).toBeNull()
  })

  it('checks a typed range and warns when it is long', () => {
    const ok = checkRange('2025-05-03T22:00:00', '2025-05-03T22:05:00', 'Europe/Berlin')
    expect(ok).toEqual({ from: Date.UTC(2025, 4, 3, 20), to: Date.UTC(2025, 4, 3, 20, 5), errors: {}, long: false })
    expect(checkRange('2025-05-03T22:00:00', '2025-05-03T22:30:00', 'UTC').long).toBe(false)
    expect(checkRange('2025-05-03T22:00:00', '2025-05-03T22:30:01', 'UTC').long).toBe(true)
    expect(checkRange('2025-05-03T22:00:00', '2025-05-03T21:00:00', 'UTC').errors).toEqual({ to: 'beforeStart' })
    expect(checkRange('2025-05-03T22:00:00', '2025-05-03T22:00:00', 'UTC').errors).toEqual({ to: 'beforeStart' })
    expect(checkRange('2025-05-03T22:00:00', '2025-05-04T22:00:01', 'UTC').errors).toEqual({ to: 'tooLong' })
    expect(checkRange('', 'nonsense', 'UTC').errors).toEqual({ from: 'invalid', to: 'invalid' })
  })
})
