// Electron entry: one instance, one window, a tray, and the core app composed with desktop paths and secrets.
// Closing the window only hides it; recording goes on until Quit, which stops every recorder cleanly.
import { BrowserWindow, Notification, app, dialog, screen, session } from 'electron'
import { createWriteStream, existsSync, mkdirSync, writeFileSync, type WriteStream } from 'node:fs'
import { dirname, join } from 'node:path'
import { createApp } from '../core/app'
import type { Logger, SecretBox, VigilApp } from '../core/host'
import { createLogger } from '../core/logger'
import { WebhookListener } from '../server/webhook-listener'
import { registerIpc } from './ipc'
import { registerLiveIpc } from './live-ipc'
import { MEDIA_SCHEME, registerMediaProtocol, registerMediaScheme } from './media-protocol'
import { resolveSqliteBinding } from './native-binding'
import { installNetworkGuard } from './network-guard'
import { createSafeStorageBox } from './secret-box'
import { createDesktopNotifier } from './notifier'
import { createTray, type TrayController } from './tray'
import { trackTrayState } from './tray-tracker'
import { appPageFor, createMainWindow, hardenAllWebContents, lockDownPermissions } from './window'
import { WINDOW_STATE_FILE, loadWindowState, placeWindow, trackWindowState } from './window-state'

/** How long Quit waits for recorders to close their segments before giving up. */
const STOP_TIMEOUT_MS = 20_000

if (!app.requestSingleInstanceLock()) {
  // Another Vigil runs already; it receives 'second-instance' and shows its window.
  app.quit()
} else {
  runShell()
}

function runShell(): void {
  // Privileged schemes must be declared before the app is ready.
  registerMediaScheme()
  const userData = app.getPath('userData')
  const logger = createShellLogger(join(userData, 'logs', 'vigil.log'))
  const log = logger.child('shell')

  let vigil: VigilApp | null = null
  let starting: Promise<void> | null = null
  let win: BrowserWindow | null = null
  let tray: TrayController | null = null
  let quit: 'running' | 'stopping' | 'stopped' = 'running'

  const showWindow = (): void => {
    if (!win || win.isDestroyed()) return
    if (win.isMinimized()) win.restore()
    win.show()
    win.focus()
    trayTracker?.seen()
  }
  /** Shows the window at a route of the UI, e.g. the event a notification was about. */
  const openRoute = (route: string): void => {
    showWindow()
    if (!win || win.isDestroyed()) return
    void win.webContents.executeJavaScript(`window.location.hash = ${JSON.stringify(route)}`).catch(() => {})
  }
  let trayTracker: ReturnType<typeof trackTrayState> | null = null

  app.on('second-instance', showWindow)
  app.on('activate', showWindow)
  // The window hides instead of closing; should every window go anyway, Vigil keeps recording in the tray.
  app.on('window-all-closed', () => {})

  app.on('before-quit', (event) => {
    if (quit === 'stopped') return
    event.preventDefault()
    if (quit === 'stopping') return
    quit = 'stopping'
    void stopCore().finally(() => {
      quit = 'stopped'
      tray?.destroy()
      app.quit()
    })
  })
  // `npm start` forwards Ctrl+C / kill as signals: take the same clean path as the tray's Quit.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit())

  async function stopCore(): Promise<void> {
    try {
      await starting
    } catch {
      // a failed start was reported already; stop what did start
    }
    if (!vigil) return
    log.info('stopping recorders')
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS)))
    try {
      const result = await Promise.race([vigil.stop().then(() => 'stopped' as const), timeout])
      if (result === 'timeout') log.error(`recorders did not stop within ${STOP_TIMEOUT_MS / 1000} s; quitting anyway`)
      else log.info('stopped cleanly')
    } catch (error) {
      log.error(`stopping failed: ${messageOf(error)}`)
    } finally {
      clearTimeout(timer)
    }
  }

  async function start(): Promise<void> {
    const rendererIndexFile = join(__dirname, '../renderer/index.html')
    const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
    const page = appPageFor(rendererIndexFile, devServerUrl)

    hardenAllWebContents(page, log)
    lockDownPermissions(session.defaultSession)
    installNetworkGuard(session.defaultSession, {
      devServerUrl,
      policy: { filesRoot: dirname(rendererIndexFile), appSchemes: [`${MEDIA_SCHEME}:`] },
      logger: logger.child('network')
    })

    let secretBox: SecretBox | undefined
    const safe = createSafeStorageBox()
    if (safe.ok) secretBox = safe.box
    else log.warn(`safeStorage is unavailable (${safe.reason}); camera passwords are sealed with a key file instead`)

    const sqlite = resolveSqliteBinding({
      appPath: app.getAppPath(),
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      electronVersion: process.versions.electron,
      platform: process.platform,
      arch: process.arch
    })
    if (sqlite.problem) log.error(sqlite.problem)

    const dataDir = join(userData, 'data')
    log.info(`data folder: ${dataDir}`)
    // Cameras that call out reach the desktop app on the webhook port, when the owner opens one in Settings.
    const hooks = new WebhookListener(() => core, logger.child('hooks'))
    const core = createApp({
      dataDir,
      headless: false,
      listenForWebhooks: (port) => hooks.listen(port),
      demo: 'auto',
      ...(secretBox ? { secretBox } : {}),
      ...(sqlite.path ? { sqliteNativeBinding: sqlite.path } : {}),
      logger,
      notifier: createDesktopNotifier({
        language: () => trayTracker?.language() ?? 'en',
        open: openRoute
      })
    })
    vigil = core
    registerIpc(core, page, logger.child('ipc'))
    registerMediaProtocol(core.media, page, logger.child('media'))
    registerLiveIpc(core.media, page, logger.child('live'))
    await core.start()
    if (quit !== 'running') return

    const stateFile = join(userData, WINDOW_STATE_FILE)
    const placement = placeWindow(
      loadWindowState(stateFile),
      screen.getAllDisplays().map((display) => display.workArea),
      screen.getPrimaryDisplay().workArea
    )
    win = createMainWindow({
      preloadPath: join(__dirname, '../preload/index.cjs'),
      rendererIndexFile,
      page,
      placement,
      iconPath: resourceFile('icon.png')
    })
    trackWindowState(win, stateFile, (error) => log.warn(`could not save the window state: ${messageOf(error)}`))
    win.on('close', (event) => {
      if (quit !== 'running') return
      event.preventDefault()
      win?.hide()
      noticeKeepsRecording()
    })

    const call = (method: string, args: unknown) => void core.dispatch(method, args)
    tray = createTray({
      iconPath: resourceFile,
      actions: {
        open: showWindow,
        pause: (minutes) => call('privacy.set', { pauseMinutes: minutes }),
        setAlerts: (enabled) => call('privacy.set', { alertsEnabled: enabled }),
        quit: () => app.quit()
      }
    })
    trayTracker = trackTrayState(core, tray)
    win.on('focus', () => trayTracker?.seen())
  }

  /** Once per installation: closing the window does not stop recording. */
  function noticeKeepsRecording(): void {
    const marker = join(userData, 'tray-notice-shown')
    if (existsSync(marker) || !Notification.isSupported()) return
    new Notification({
      title: 'Vigil keeps recording',
      body:
        'Vigil is still recording in the background. Open it again from the tray icon (or by starting Vigil), ' +
        'and quit it there.'
    }).show()
    try {
      writeFileSync(marker, new Date().toISOString() + '\n')
    } catch (error) {
      log.warn(`could not remember the tray notice: ${messageOf(error)}`)
    }
  }

  app
    .whenReady()
    .then(() => (starting = start()))
    .catch((error: unknown) => {
      log.error(`start failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
      const details = `Details are in ${join(userData, 'logs', 'vigil.log')}.`
      dialog.showErrorBox('Vigil could not start', `${messageOf(error)}\n\n${details}`)
      app.quit()
    })
}

/** Packaged: resources/<name> (ship build/icon.png and build/tray.png as extra resources); unpackaged: build/<name>. */
function resourceFile(name: string): string {
  return app.isPackaged ? join(process.resourcesPath, name) : join(app.getAppPath(), 'build', name)
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The core's logger, written to the console and to <userData>/logs/vigil.log (a packaged app has no terminal). */
function createShellLogger(file: string): Logger {
  let stream: WriteStream | null = null
  try {
    mkdirSync(dirname(file), { recursive: true })
    stream = createWriteStream(file, { flags: 'a' })
    stream.on('error', () => (stream = null))
  } catch {
    stream = null
  }
  return createLogger('vigil', (line) => {
    console.error(line)
    stream?.write(line + '\n')
  })
}
