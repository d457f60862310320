import { describe, expect, it } from 'vitest'
import type { VigilApp } from '../../../main/core/host'
import type { TrayState } from '../../../main/electron/tray-state'
import { trackTrayState } from '../../../main/electron/tray-tracker'
import { status } from './fixtures'


describe('trackTrayState', () => {
  it('forgets a removed camera, so its last offline status no longer shows as a problem', async () => {
    let cameras = [status('a', 'recording'), status('b', 'offline')]
    let listener: ((event: string, payload: unknown) => void) | null = null
    const core = {
      dispatch: async (method: string) => {
        if (method === 'cameras.status') return { ok: true, value: cameras }
        if (method === 'privacy.get') return { ok: true, value: { pausedUntil: null, alertsEnabled: true } }
        return { ok: true, value: { language: 'en' } }
      },
      subscribe: (l: (event: string, payload: unknown) => void) => {
        listener = l
        return () => {}
      }
    } as unknown as Pick<VigilApp, 'dispatch' | 'subscribe'>
    const shown: TrayState[] = []
    trackTrayState(core, { update: (state) => shown.push(state) })
    await new Promise((resolve) => setImmediate(resolve))
    expect(shown.at(-1)).toBe('problem')

    cameras = [status('a', 'recording')]
    listener!('camerasChanged', { reason: 'removed' })
    await new Promise((resolve) => setImmediate(resolve))
    expect(shown.at(-1)).toBe('recording')
  })
})
