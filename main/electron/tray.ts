// The tray icon keeps Vigil reachable while the window is hidden and recording goes on.
import { Menu, Tray, nativeImage } from 'electron'

export interface TrayOptions {
  iconPath: string
  onOpen: () => void
  onQuit: () => void
}

export function createTray(options: TrayOptions): Tray {
  let icon = nativeImage.createFromPath(options.iconPath)
  // macOS menu bar icons are 16 pt; the 32 px file then serves as the @2x representation.
  if (process.platform === 'darwin' && !icon.isEmpty()) icon = icon.resize({ width: 16, height: 16 })
  const tray = new Tray(icon)
  tray.setToolTip('Vigil — recording')
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open Vigil', click: options.onOpen },
      { type: 'separator' },
      { label: 'Quit Vigil', click: options.onQuit }
    ])
  )
  // Windows and most Linux trays: a left click opens the window; the menu stays on right click.
  tray.on('click', options.onOpen)
  return tray
}
