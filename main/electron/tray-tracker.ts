// Keeps the tray in step with the core: camera states, privacy mode, alerts not yet seen, the UI language.
import type { CameraStatus, Language, PrivacyState } from '../contract'
import type { VigilApp } from '../core/host'
import type { TrayController } from './tray'
import { trayState } from './tray-state'

export function trackTrayState(core: Pick<VigilApp, 'dispatch' | 'subscribe'>, tray: Pick<TrayController, 'update'>) {
  const statuses = new Map<string, CameraStatus>()
  let privacy: PrivacyState = { pausedUntil: null, alertsEnabled: true }
  let language: Language = 'en'
  let unseenAlert = false

  const render = () => tray.update(trayState({ statuses: [...statuses.values()], privacy, unseenAlert }), privacy, language)
  const refresh = async () => {
    const [status, privacyNow, settings] = await Promise.all([
      core.dispatch('cameras.status', {}),
      core.dispatch('privacy.get', {}),
      core.dispatch('settings.get', {})
    ])
    if (status.ok) {
      // The full list: a removed camera's last status (say, offline) must not linger in the tray.
      statuses.clear()
      for (const s of status.value as CameraStatus[]) statuses.set(s.cameraId, s)
    }
    if (privacyNow.ok) privacy = privacyNow.value as PrivacyState
    if (settings.ok) language = (settings.value as { language: Language }).language
    render()
  }

  core.subscribe((event, payload) => {
    if (event === 'cameraStatus') statuses.set((payload as CameraStatus).cameraId, payload as CameraStatus)
    else if (event === 'privacyChanged') privacy = payload as PrivacyState
    else if (event === 'camerasChanged') return void refresh()
    else if (event === 'alert') unseenAlert = true
    else return
    render()
  })
  void refresh()

  return {
    seen() {
      if (!unseenAlert) return
      unseenAlert = false
      void refresh()
    },
    language: () => language
  }
}
