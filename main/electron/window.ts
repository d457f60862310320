// The one app window and the rules every web page in the shell lives under (Electron security checklist).
import { BrowserWindow, app, type Session, type WebPreferences } from 'electron'
import { pathToFileURL } from 'node:url'
import type { Logger } from '../core/host'
import { describeUrl } from './network-guard'
import type { WindowPlacement } from './window-state'

/** Where the UI comes from: the built index.html, or the electron-vite dev server while developing. */
export interface AppPage {
  /** file:// URL of out/renderer/index.html. */
  indexFileUrl: string
  /** ELECTRON_RENDERER_URL, only when running unpackaged under `electron-vite dev`. */
  devServerUrl?: string
}

/** The only webPreferences any Vigil window gets. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false
  }
}

export function appPageFor(rendererIndexFile: string, devServerUrl?: string): AppPage {
  return { indexFileUrl: pathToFileURL(rendererIndexFile).href, ...(devServerUrl ? { devServerUrl } : {}) }
}

/**
 * True when `url` is the app's own page: the index file (any hash or query, for client-side routes) or,
 * in development, any page on the dev server's origin.
 */
export function isAppPageUrl(url: string, page: AppPage): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol === 'file:') {
    const index = new URL(page.indexFileUrl)
    return index.protocol === 'file:' && parsed.host === index.host && parsed.pathname === index.pathname
  }
  if (page.devServerUrl && (parsed.protocol === 'http:' || parsed.protocol === 'https:')) {
    try {
      return parsed.origin === new URL(page.devServerUrl).origin
    } catch {
      return false
    }
  }
  return false
}

/** Notifications are the only permission the UI may use (alerts); camera, mic, geolocation & co. are denied. */
export function isAllowedPermission(permission: string): boolean {
  return permission === 'notifications'
}

export function lockDownPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(isAllowedPermission(permission)))
  session.setPermissionCheckHandler((_contents, permission) => isAllowedPermission(permission))
}

/**
 * Applies to every web contents the app ever creates: no new windows, no webviews, no navigation away from
 * the app's own page. Call once, before the first window.
 */
export function hardenAllWebContents(page: AppPage, logger: Logger): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      logger.warn(`blocked a new window for ${describeUrl(url)}`)
      return { action: 'deny' }
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    const blockForeign = (event: { preventDefault(): void }, url: string): void => {
      if (isAppPageUrl(url, page)) return
      event.preventDefault()
      logger.warn(`blocked navigation to ${describeUrl(url)}`)
    }
    contents.on('will-navigate', (event) => blockForeign(event, event.url))
    contents.on('will-redirect', (event) => blockForeign(event, event.url))
  })
}

export interface MainWindowOptions {
  preloadPath: string
  rendererIndexFile: string
  page: AppPage
  placement: WindowPlacement
  iconPath?: string
}

export const MIN_WINDOW_SIZE = { width: 800, height: 560 }

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { placement } = options
  const win = new BrowserWindow({
    ...placement.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'Vigil',
    backgroundColor: '#11151c',
    autoHideMenuBar: true,
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: secureWebPreferences(options.preloadPath)
  })
  win.once('ready-to-show', () => {
    if (placement.maximized) win.maximize()
    win.show()
  })
  if (options.page.devServerUrl) void win.loadURL(options.page.devServerUrl)
  else void win.loadFile(options.rendererIndexFile)
  return win
}
