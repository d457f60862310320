import { describe, expect, it } from 'vitest'
import { decideAlert, inQuietHours } from '../../../../main/core/events/alert-rules'
import { defaultDetection } from '../../../../main/core/events/detection-settings'

const rules = defaultDetection('cam').alerts
const base = { event: { kind: 'motion' as const, start: 1_000_000 }, rules, alertsEnabled: true, lastAlertAt: null, localMinutes: 12 * 60 }

describe('decideAlert', () => {
  it('alerts by default', () => {
    expect(decideAlert(base)).toEqual({ alert: true })
  })

  it('stays silent when alerts are off globally, for the camera, or for the kind', () => {
    expect(decideAlert({ ...base, alertsEnabled: false })).toEqual({ alert: false, why: 'alerts_off' })
    expect(decideAlert({ ...base, rules: { ...rules, enabled: false } })).toEqual({ alert: false, why: 'camera_off' })
    expect(decideAlert({ ...base, rules: { ...rules, kinds: ['doorbell'] } })).toEqual({ alert: false, why: 'kind_off' })
  })

  it('respects quiet hours across midnight', () => {
    const quiet = { ...rules, quietHours: { from: '22:00', to: '07:00' } }
    expect(decideAlert({ ...base, rules: quiet, localMinutes: 23 * 60 })).toEqual({ alert: false, why: 'quiet_hours' })
    expect(decideAlert({ ...base, rules: quiet, localMinutes: 6 * 60 + 59 })).toEqual({ alert: false, why: 'quiet_hours' })
    expect(decideAlert({ ...base, rules: quiet, localMinutes: 7 * 60 })).toEqual({ alert: true })
  })

  it('keeps one visitor to one alert within the cool-down', () => {
    const cooldown = { ...rules, cooldownSeconds: 60 }
    expect(decideAlert({ ...base, rules: cooldown, lastAlertAt: base.event.start - 59_999 })).toEqual({ alert: false, why: 'cooldown' })
    expect(decideAlert({ ...base, rules: cooldown, lastAlertAt: base.event.start - 60_000 })).toEqual({ alert: true })
  })
})

describe('inQuietHours', () => {
  it('handles daytime ranges, midnight-spanning ranges and an empty range', () => {
    expect(inQuietHours(13 * 60, { from: '12:00', to: '14:00' })).toBe(true)
    expect(inQuietHours(14 * 60, { from: '12:00', to: '14:00' })).toBe(false)
    expect(inQuietHours(0, { from: '22:00', to: '07:00' })).toBe(true)
    expect(inQuietHours(12 * 60, { from: '22:00', to: '07:00' })).toBe(false)
    expect(inQuietHours(12 * 60, { from: '08:00', to: '08:00' })).toBe(false)
  })
})
