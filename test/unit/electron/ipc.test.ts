import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { METHOD_NAMES, type Envelope } from '../../../main/contract'
import type { EventListener, VigilApp } from '../../../main/core/host'
import { silentLogger } from '../../../main/core/logger'

type Handle = (event: unknown, args: unknown) => Promise<Envelope>

const fake = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, args: unknown) => Promise<any>>(),
  windows: [] as unknown[]
}))

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handle) => {
      if (fake.handlers.has(channel)) throw new Error(`second handler for ${channel}`)
      fake.handlers.set(channel, handler)
    },
    removeHandler: (channel: string) => fake.handlers.delete(channel)
  },
  BrowserWindow: { getAllWindows: () => fake.windows },
  app: { on: () => {} }
}))

const { CALL_CHANNEL_PREFIX, EVENT_CHANNEL, isTrustedSender, registerIpc } = await import('../../../main/electron/ipc')
const { appPageFor } = await import('../../../main/electron/window')

const indexFile = join('/opt', 'vigil', 'out', 'renderer', 'index.html')
const indexUrl = pathToFileURL(indexFile).href
const page = appPageFor(indexFile)
const topFrame = (url: string) => ({ url, parent: null })

function fakeApp() {
  let listener: EventListener | undefined
  const unsubscribe = vi.fn()
  const app = {
    dispatch: vi.fn(async (method: string, args: unknown): Promise<Envelope> => ({ ok: true, value: { method, args } })),
    subscribe: vi.fn((l: EventListener) => {
      listener = l
      return unsubscribe
    }),
    start: vi.fn(),
    stop: vi.fn(),
    media: { openLive: vi.fn(() => () => {}), segmentFile: vi.fn(() => null), exportPreview: vi.fn(() => null), packageZip: vi.fn(() => null) },
    webhook: vi.fn(async () => 'unknown' as const)
  } satisfies VigilApp
  return { app, unsubscribe, emit: (...args: Parameters<EventListener>) => listener!(...args) }
}

function fakeWindow(url: string, destroyed = false) {
  return {
    isDestroyed: () => destroyed,
    webContents: { isDestroyed: () => destroyed, getURL: () => url, send: vi.fn() }
  }
}

const call = (method: string, frame: unknown, args: unknown = {}) =>
  fake.handlers.get(CALL_CHANNEL_PREFIX + method)!({ senderFrame: frame }, args)

beforeEach(() => {
  fake.handlers.clear()
  fake.windows.length = 0
})

describe('isTrustedSender', () => {
  it('trusts the top frame of the app page', () => {
    expect(isTrustedSender(topFrame(indexUrl), page)).toBe(true)
    expect(isTrustedSender(topFrame(`${indexUrl}#/cameras`), page)).toBe(true)
  })

  it('refuses a missing frame, a subframe, and foreign pages', () => {
    expect(isTrustedSender(null, page)).toBe(false)
    expect(isTrustedSender(undefined, page)).toBe(false)
    expect(isTrustedSender({ url: indexUrl, parent: {} }, page)).toBe(false)
    expect(isTrustedSender(topFrame('https://evil.example/'), page)).toBe(false)
    expect(isTrustedSender(topFrame('file:///tmp/index.html'), page)).toBe(false)
    expect(isTrustedSender(topFrame('http://localhost:5173/'), page)).toBe(false)
  })

  it('trusts the dev server only when it is configured', () => {
    const dev = appPageFor(indexFile, 'http://localhost:5173')
    expect(isTrustedSender(topFrame('http://localhost:5173/'), dev)).toBe(true)
    expect(isTrustedSender(topFrame('http://localhost:4000/'), dev)).toBe(false)
  })
})

describe('registerIpc', () => {
  it('registers one channel per contract method and nothing else', () => {
    registerIpc(fakeApp().app, page, silentLogger)
    expect([...fake.handlers.keys()].sort()).toEqual(METHOD_NAMES.map((m) => `vigil:call:${m}`).sort())
  })

  it('passes trusted calls to dispatch and returns its envelope', async () => {
    const { app } = fakeApp()
    registerIpc(app, page, silentLogger)
    const envelope = await call('cameras.remove', topFrame(indexUrl), { id: 'cam1' })
    expect(app.dispatch).toHaveBeenCalledWith('cameras.remove', { id: 'cam1' })
    expect(envelope).toEqual({ ok: true, value: { method: 'cameras.remove', args: { id: 'cam1' } } })
  })

  it('answers FORBIDDEN without dispatching for an untrusted sender', async () => {
    const { app } = fakeApp()
    registerIpc(app, page, silentLogger)
    for (const frame of [null, topFrame('https://evil.example/'), { url: indexUrl, parent: {} }]) {
      const envelope = await call('cameras.list', frame)
      expect(envelope.ok).toBe(false)
      expect(envelope).toMatchObject({ error: { code: 'FORBIDDEN' } })
    }
    expect(app.dispatch).not.toHaveBeenCalled()
  })

  it('turns a throwing dispatch into an INTERNAL envelope', async () => {
    const { app } = fakeApp()
    app.dispatch.mockRejectedValueOnce(new Error('boom'))
    registerIpc(app, page, silentLogger)
    expect(await call('app.info', topFrame(indexUrl))).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })

  it('pushes events to live app windows only', () => {
    const { app, emit } = fakeApp()
    const ours = fakeWindow(`${indexUrl}#/live`)
    const foreign = fakeWindow('https://evil.example/')
    const closed = fakeWindow(indexUrl, true)
    fake.windows.push(ours, foreign, closed)
    registerIpc(app, page, silentLogger)
    emit('storageChanged', { deletedSegments: 3 })
    expect(ours.webContents.send).toHaveBeenCalledWith(EVENT_CHANNEL, { event: 'storageChanged', payload: { deletedSegments: 3 } })
    expect(foreign.webContents.send).not.toHaveBeenCalled()
    expect(closed.webContents.send).not.toHaveBeenCalled()
  })

  it('undoes everything it registered', () => {
    const { app, unsubscribe } = fakeApp()
    const dispose = registerIpc(app, page, silentLogger)
    dispose()
    expect(fake.handlers.size).toBe(0)
    expect(unsubscribe).toHaveBeenCalled()
  })
})
