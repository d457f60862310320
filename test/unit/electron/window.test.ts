import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeEach, describe, expect, it, vi } from 'vitest'

type Handler = (...args: any[]) => unknown

const fake = vi.hoisted(() => ({
  appHandlers: new Map<string, (...args: any[]) => unknown>(),
  windows: [] as Array<{ options: any; loaded: { file?: string; url?: string }; handlers: Map<string, (...args: any[]) => unknown> }>
}))

vi.mock('electron', () => {
  class BrowserWindow {
    loaded: { file?: string; url?: string } = {}
    handlers = new Map<string, Handler>()
    constructor(public options: any) {
      fake.windows.push(this)
    }
    once(event: string, handler: Handler) {
      this.handlers.set(event, handler)
    }
    loadFile(file: string) {
      this.loaded.file = file
      return Promise.resolve()
    }
    loadURL(url: string) {
      this.loaded.url = url
      return Promise.resolve()
    }
    maximize = vi.fn()
    show = vi.fn()
  }
  return {
    BrowserWindow,
    app: { on: (event: string, handler: Handler) => fake.appHandlers.set(event, handler) }
  }
})

const { appPageFor, createMainWindow, hardenAllWebContents, isAllowedPermission, isAppPageUrl, lockDownPermissions, secureWebPreferences } =
  await import('../../../main/electron/window')
const { silentLogger } = await import('../../../main/core/logger')

const indexFile = join('/opt', 'vigil', 'out', 'renderer', 'index.html')
const page = appPageFor(indexFile)
const devPage = appPageFor(indexFile, 'http://localhost:5173/')

beforeEach(() => {
  fake.appHandlers.clear()
  fake.windows.length = 0
})

describe('secureWebPreferences', () => {
  it('locks the renderer down', () => {
    const prefs = secureWebPreferences('/opt/vigil/out/preload/index.cjs')
    expect(prefs).toMatchObject({
      preload: '/opt/vigil/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false
    })
  })
})

describe('isAppPageUrl', () => {
  it('accepts the index file with routes in hash or query', () => {
    const index = pathToFileURL(indexFile).href
    expect(isAppPageUrl(index, page)).toBe(true)
    expect(isAppPageUrl(`${index}#/cameras/3`, page)).toBe(true)
    expect(isAppPageUrl(`${index}?lang=de`, page)).toBe(true)
  })

  it('refuses other files and the web', () => {
    expect(isAppPageUrl(pathToFileURL(join('/opt', 'vigil', 'out', 'renderer', 'other.html')).href, page)).toBe(false)
    expect(isAppPageUrl('file:///tmp/index.html', page)).toBe(false)
    expect(isAppPageUrl('https://example.com/', page)).toBe(false)
    expect(isAppPageUrl('about:blank', page)).toBe(false)
    expect(isAppPageUrl('', page)).toBe(false)
  })

  it('accepts the dev server origin only in dev', () => {
    expect(isAppPageUrl('http://localhost:5173/#/live', devPage)).toBe(true)
    expect(isAppPageUrl('http://localhost:5173/#/live', page)).toBe(false)
    expect(isAppPageUrl('http://localhost:5174/', devPage)).toBe(false)
    expect(isAppPageUrl('http://127.0.0.1:5173/', devPage)).toBe(false)
  })
})

describe('permissions', () => {
  it('allows notifications only', () => {
    expect(isAllowedPermission('notifications')).toBe(true)
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'display-capture', 'unknown']) {
      expect(isAllowedPermission(permission)).toBe(false)
    }
  })

  it('installs both the request and the check handler', () => {
    let request: Handler | undefined
    let check: Handler | undefined
    const session = {
      setPermissionRequestHandler: (handler: Handler) => (request = handler),
      setPermissionCheckHandler: (handler: Handler) => (check = handler)
    }
    lockDownPermissions(session as never)
    const granted: boolean[] = []
    request!(null, 'media', (ok: boolean) => granted.push(ok))
    request!(null, 'notifications', (ok: boolean) => granted.push(ok))
    expect(granted).toEqual([false, true])
    expect(check!(null, 'geolocation')).toBe(false)
    expect(check!(null, 'notifications')).toBe(true)
  })
})

describe('hardenAllWebContents', () => {
  function contentsFor(p: typeof page) {
    hardenAllWebContents(p, silentLogger)
    const created = fake.appHandlers.get('web-contents-created')
    expect(created).toBeTypeOf('function')
    const listeners = new Map<string, Handler>()
    let openHandler: Handler | undefined
    const contents = {
      setWindowOpenHandler: (handler: Handler) => (openHandler = handler),
      on: (event: string, handler: Handler) => listeners.set(event, handler)
    }
    created!({}, contents)
    const navigate = (event: 'will-navigate' | 'will-redirect', url: string) => {
      const e = { url, preventDefault: vi.fn() }
      listeners.get(event)!(e)
      return e.preventDefault.mock.calls.length > 0
    }
    return { listeners, openWindow: (url: string) => openHandler!({ url }), navigate }
  }

  it('denies every new window', () => {
    expect(contentsFor(page).openWindow('https://example.com/')).toEqual({ action: 'deny' })
    expect(contentsFor(page).openWindow(pathToFileURL(indexFile).href)).toEqual({ action: 'deny' })
  })

  it('blocks navigation and redirects away from the app, not within it', () => {
    const { navigate } = contentsFor(page)
    expect(navigate('will-navigate', 'https://example.com/')).toBe(true)
    expect(navigate('will-redirect', 'https://example.com/')).toBe(true)
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(navigate('will-navigate', `${pathToFileURL(indexFile).href}#/settings`)).toBe(false)
  })

  it('refuses webviews', () => {
    const { listeners } = contentsFor(page)
    const event = { preventDefault: vi.fn() }
    listeners.get('will-attach-webview')!(event)
    expect(event.preventDefault).toHaveBeenCalled()
  })
})

describe('createMainWindow', () => {
  const placement = { bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true }

  it('creates a hidden window with the secure preferences and loads the built index', () => {
    createMainWindow({ preloadPath: '/p/index.cjs', rendererIndexFile: indexFile, page, placement })
    const [win] = fake.windows
    expect(win.options).toMatchObject({ x: 10, y: 20, width: 1000, height: 700, show: false })
    expect(win.options.webPreferences).toEqual(secureWebPreferences('/p/index.cjs'))
    expect(win.loaded).toEqual({ file: indexFile })
  })

  it('shows (and maximizes) once ready', () => {
    const win = createMainWindow({ preloadPath: '/p/index.cjs', rendererIndexFile: indexFile, page, placement }) as any
    expect(win.show).not.toHaveBeenCalled()
    win.handlers.get('ready-to-show')()
    expect(win.maximize).toHaveBeenCalled()
    expect(win.show).toHaveBeenCalled()
  })

  it('loads the dev server in development', () => {
    createMainWindow({ preloadPath: '/p/index.cjs', rendererIndexFile: indexFile, page: devPage, placement })
    expect(fake.windows[0].loaded).toEqual({ url: 'http://localhost:5173/' })
  })
})
