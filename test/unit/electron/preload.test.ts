import { types } from 'node:util'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { EVENT_NAMES, METHOD_NAMES, type VigilTransport } from '../../../main/contract'

const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'pong' })),
  listeners: [] as Array<{ channel: string; listener: (event: unknown, message: unknown) => void }>
}))

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => fake.invoke(...args),
    on: (channel: string, listener: (event: unknown, message: unknown) => void) => fake.listeners.push({ channel, listener })
  },
  // for main/electron/ipc.ts, imported below for its channel names
  ipcMain: { handle: () => {}, removeHandler: () => {} },
  BrowserWindow: { getAllWindows: () => [] },
  app: { on: () => {} }
}))

await import('../../../preload/index')
const { CALL_CHANNEL_PREFIX, EVENT_CHANNEL } = await import('../../../main/electron/ipc')
const bridge = fake.exposed.get('vigilBridge') as VigilTransport

const push = (message: unknown) => {
  for (const { channel, listener } of fake.listeners) if (channel === EVENT_CHANNEL) listener({ sender: 'ipc' }, message)
}

afterEach(() => fake.invoke.mockClear())

describe('preload bridge', () => {
  it('exposes a plain object (a Proxy would not cross contextBridge)', () => {
    expect(bridge).toBeDefined()
    expect(types.isProxy(bridge)).toBe(false)
    expect(Object.getPrototypeOf(bridge)).toBe(Object.prototype)
    expect(Object.keys(bridge).sort()).toEqual(['call', 'subscribe'])
  })

  it('listens on the channel main pushes to', () => {
    expect(fake.listeners.map((l) => l.channel)).toEqual([EVENT_CHANNEL])
  })

  it('invokes the channel main registers, for every contract method', async () => {
    for (const method of METHOD_NAMES) {
      await expect(bridge.call(method, { a: 1 })).resolves.toEqual({ ok: true, value: 'pong' })
      expect(fake.invoke).toHaveBeenLastCalledWith(CALL_CHANNEL_PREFIX + method, { a: 1 })
    }
  })

  it('rejects names outside the contract without touching IPC', async () => {
    await expect(bridge.call('fs.readFile' as never, {})).rejects.toThrow('Unknown Vigil method "fs.readFile"')
    await expect(bridge.call(42 as never, {})).rejects.toThrow('Unknown Vigil method')
    expect(fake.invoke).not.toHaveBeenCalled()
  })

  it('delivers pushes to the matching subscribers only, without the IPC event', () => {
    const status = vi.fn()
    const storage = vi.fn()
    const offStatus = bridge.subscribe('cameraStatus', status)
    bridge.subscribe('storageChanged', storage)
    push({ event: 'cameraStatus', payload: { id: 'cam1' } })
    expect(status).toHaveBeenCalledTimes(1)
    expect(status).toHaveBeenCalledWith({ id: 'cam1' })
    expect(storage).not.toHaveBeenCalled()

    offStatus()
    push({ event: 'cameraStatus', payload: { id: 'cam1' } })
    expect(status).toHaveBeenCalledTimes(1)
  })

  it('keeps other listeners running when one throws, and ignores malformed pushes', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const good = vi.fn()
    bridge.subscribe('segmentIndexed', () => {
      throw new Error('listener bug')
    })
    bridge.subscribe('segmentIndexed', good)
    push({ event: 'segmentIndexed', payload: 1 })
    expect(good).toHaveBeenCalledWith(1)
    expect(error).toHaveBeenCalled()
    push(null)
    push('segmentIndexed')
    push({ event: 7 })
    expect(good).toHaveBeenCalledTimes(1)
    error.mockRestore()
  })

  it('refuses unknown events', () => {
    expect(() => bridge.subscribe('anything' as never, () => {})).toThrow('Unknown Vigil event')
    for (const event of EVENT_NAMES) expect(bridge.subscribe(event, () => {})).toBeTypeOf('function')
  })
})
