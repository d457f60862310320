import { describe, expect, it, vi } from 'vitest'
import type { Alert } from '../../../main/contract'
import { alertBody, alertTitle, eventRoute } from '../../../main/electron/alert-text'
import { trayMenu, trayState, trayTooltip } from '../../../main/electron/tray-state'
import { status } from './fixtures'

const open = { pausedUntil: null, alertsEnabled: true }

describe('trayState', () => {
  it('tells recording, problem, paused and alert, an unseen alert first', () => {
    expect(trayState({ statuses: [status('a', 'recording')], privacy: open, unseenAlert: false })).toBe('recording')
    expect(trayState({ statuses: [status('a', 'recording'), status('b', 'offline')], privacy: open, unseenAlert: false })).toBe('problem')
    expect(trayState({ statuses: [status('a', 'paused')], privacy: open, unseenAlert: false })).toBe('paused')
    expect(trayState({ statuses: [status('a', 'recording')], privacy: { ...open, pausedUntil: 1 }, unseenAlert: false })).toBe('paused')
    expect(trayState({ statuses: [status('b', 'offline')], privacy: open, unseenAlert: true })).toBe('alert')
  })

  it('names the end of privacy mode in the tooltip, in German too', () => {
    const until = new Date(2026, 10, 24, 14, 30).getTime()
    expect(trayTooltip('paused', { ...open, pausedUntil: until }, 'en')).toMatch(/privacy mode until 0?2:30|14:30/)
    expect(trayTooltip('problem', open, 'de')).toBe('Vigil — eine Kamera ist offline')
  })
})

describe('trayMenu', () => {
  it('offers pauses of 15 to 120 minutes, or resume while paused, and the alert switch', () => {
    const actions = { open: vi.fn(), pause: vi.fn(), setAlerts: vi.fn(), quit: vi.fn() }
    const menu = trayMenu(open, 'en', actions)
    const pause = menu.find((item) => item.label === 'Pause all recording')!
    expect(pause.submenu!.map((item) => item.label)).toEqual(['15 minutes', '30 minutes', '60 minutes', '120 minutes'])
    pause.submenu![2].click!()
    expect(actions.pause).toHaveBeenCalledWith(60)
    const alerts = menu.find((item) => item.label === 'Alerts')!
    expect(alerts).toMatchObject({ type: 'checkbox', checked: true })
    alerts.click!()
    expect(actions.setAlerts).toHaveBeenCalledWith(false)

    const paused = trayMenu({ pausedUntil: 5, alertsEnabled: false }, 'de', actions)
    const resume = paused.find((item) => item.label === 'Aufnahme fortsetzen')!
    resume.click!()
    expect(actions.pause).toHaveBeenLastCalledWith(null)
    expect(paused.find((item) => item.label === 'Meldungen')!.checked).toBe(false)
  })
})

describe('alert text', () => {
  it('names camera, kind, time and zone, and leads to the event', () => {
    const alert: Alert = {
      cameraName: 'Front door',
      event: { id: 7, cameraId: 'front', kind: 'doorbell', source: 'webhook', start: new Date(2026, 0, 2, 9, 5, 7).getTime(), end: null, zoneId: null, zoneName: null, peakScore: null, hasSnapshot: true }
    }
    expect(alertTitle(alert, 'en')).toBe('Front door: Doorbell')
    expect(alertTitle(alert, 'de')).toBe('Front door: Türklingel')
    expect(alertBody({ ...alert, event: { ...alert.event, zoneName: 'Path' } }, 'de')).toBe('09:05:07 — Path')
    expect(eventRoute(alert)).toBe('#/events/7')
  })
})
