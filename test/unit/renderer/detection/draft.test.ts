import { describe, expect, it } from 'vitest'
import type { DetectionSettings } from '../../../../renderer/api/contract'
import { isDirty, parseNumber, placeErrors, raisesEvents, toDraft, toPatch } from '../../../../renderer/detection/draft'

const stored: DetectionSettings = {
  cameraId: 'cam1',
  motion: {
    enabled: true,
    sensitivity: 60,
    minObjectPercent: 0.5,
    zones: [{ id: 'zone-1', name: 'Drive', kind: 'include', points: [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 1 }] }]
  },
  recording: { mode: 'continuous', preRollSeconds: 5, postRollSeconds: 10 },
  alerts: { enabled: true, kinds: ['motion', 'doorbell'], cooldownSeconds: 60, quietHours: null },
  onvif: { enabled: false, deviceUrl: null },
  webhook: { enabled: false, kind: 'doorbell' }
}

describe('detection settings draft', () => {
  it('sends nothing when nothing changed', () => {
    const draft = toDraft(stored)
    expect(toPatch(stored, draft)).toEqual({})
    expect(isDirty(stored, draft)).toBe(false)
    // The same kinds in another order, the same number written differently: no change.
    const reordered = { ...draft, alerts: { ...draft.alerts, kinds: ['doorbell' as const, 'motion' as const] }, motion: { ...draft.motion, minObjectPercent: '0,50' } }
    expect(toPatch(stored, reordered)).toEqual({})
  })

  it('sends only the changed fields of the changed sections', () => {
    const draft = toDraft(stored)
    draft.motion = { ...draft.motion, sensitivity: 80 }
    draft.recording = { ...draft.recording, mode: 'events', postRollSeconds: ' 30 ' }
    draft.alerts = { ...draft.alerts, quiet: true }
    draft.onvif = { enabled: true, deviceUrl: ' http://cam/onvif/device_service ' }
    expect(toPatch(stored, draft)).toEqual({
      motion: { sensitivity: 80 },
      recording: { mode: 'events', postRollSeconds: 30 },
      alerts: { quietHours: { from: '22:00', to: '06:00' } },
      onvif: { enabled: true, deviceUrl: 'http://cam/onvif/device_service' }
    })
  })

  it('sends the whole zone list when a zone changed, and null quiet hours when switched off', () => {
    const withQuiet = { ...stored, alerts: { ...stored.alerts, quietHours: { from: '23:00', to: '05:00' } } }
    const draft = toDraft(withQuiet)
    expect(draft.alerts).toMatchObject({ quiet: true, quietFrom: '23:00', quietTo: '05:00' })
    draft.alerts = { ...draft.alerts, quiet: false }
    draft.motion = { ...draft.motion, zones: [{ ...stored.motion.zones[0], kind: 'exclude' }] }
    const patch = toPatch(withQuiet, draft)
    expect(patch.alerts).toEqual({ quietHours: null })
    expect(patch.motion?.zones?.[0].kind).toBe('exclude')
  })

  it('turns an unreadable number into NaN for the server to name', () => {
    expect(parseNumber('')).toBeNaN()
    expect(parseNumber('abc')).toBeNaN()
    expect(parseNumber('2,5')).toBe(2.5)
    const draft = toDraft(stored)
    draft.alerts = { ...draft.alerts, cooldownSeconds: '' }
    expect(toPatch(stored, draft).alerts?.cooldownSeconds).toBeNaN()
  })

  it('places validation messages on fields and zones', () => {
    const zones = [{ id: 'zone-1' }, { id: 'zone-7' }]
    const placed = placeErrors(
      {
        'motion.sensitivity': 'From 1 to 100',
        'motion.zones.1.name': 'Give the zone a name',
        'motion.zones.1.points': 'A zone needs at least 3 points',
        'motion.zones': 'At most 16 zones',
        'alerts.quietHours.from': 'Expected a time like 22:00',
        'onvif.deviceUrl': 'Expected the device service URL',
        cameraId: 'Required'
      },
      zones
    )
    expect(placed.fields).toEqual({
      'motion.sensitivity': 'From 1 to 100',
      'motion.zones': 'At most 16 zones',
      'alerts.quietHours': 'Expected a time like 22:00',
      'onvif.deviceUrl': 'Expected the device service URL'
    })
    expect(placed.zones).toEqual({ 'zone-7': 'Give the zone a name' })
    expect(placed.other).toEqual(['cameraId: Required'])
  })

  it('knows whether anything can raise events (else "events only" keeps nothing)', () => {
    const draft = toDraft(stored)
    expect(raisesEvents(draft)).toBe(true)
    draft.motion = { ...draft.motion, enabled: false }
    expect(raisesEvents(draft)).toBe(false)
    draft.webhook = { ...draft.webhook, enabled: true }
    expect(raisesEvents(draft)).toBe(true)
  })
})
