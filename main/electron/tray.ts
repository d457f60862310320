// The tray icon keeps Vigil reachable while the window is hidden and recording goes on. Its picture tells
// recording / alert / problem / paused at a glance; its menu pauses everything for a while (privacy mode).
import { Menu, Tray, nativeImage, type NativeImage } from 'electron'
import type { Language, PrivacyState } from '../contract'
import { trayMenu, trayTooltip, type TrayActions, type TrayMenuItem, type TrayState } from './tray-state'

export interface TrayOptions {
  /** build/tray.png; the state icons sit beside it as tray-alert.png, tray-problem.png, tray-paused.png. */
  iconPath: (name: string) => string
  actions: TrayActions
}

export interface TrayController {
  update(state: TrayState, privacy: PrivacyState, language: Language): void
  destroy(): void
}

export function createTray(options: TrayOptions): TrayController {
  const icons = new Map<TrayState, NativeImage>()
  const iconFor = (state: TrayState): NativeImage => {
    let icon = icons.get(state)
    if (!icon) {
      icon = nativeImage.createFromPath(options.iconPath(state === 'recording' ? 'tray.png' : `tray-${state}.png`))
      // macOS menu bar icons are 16 pt; the 32 px file then serves as the @2x representation.
      if (process.platform === 'darwin' && !icon.isEmpty()) icon = icon.resize({ width: 16, height: 16 })
      icons.set(state, icon)
    }
    return icon
  }
  const tray = new Tray(iconFor('recording'))
  // Windows and most Linux trays: a left click opens the window; the menu stays on right click.
  tray.on('click', options.actions.open)
  let shown = ''
  const controller: TrayController = {
    update(state, privacy, language) {
      const key = JSON.stringify([state, privacy, language])
      if (key === shown) return
      shown = key
      tray.setImage(iconFor(state))
      tray.setToolTip(trayTooltip(state, privacy, language))
      tray.setContextMenu(Menu.buildFromTemplate(toTemplate(trayMenu(privacy, language, options.actions))))
    },
    destroy: () => tray.destroy()
  }
  controller.update('recording', { pausedUntil: null, alertsEnabled: true }, 'en')
  return controller
}

function toTemplate(items: TrayMenuItem[]): Electron.MenuItemConstructorOptions[] {
  return items.map((item) => ({ ...item, submenu: item.submenu && toTemplate(item.submenu) }))
}
