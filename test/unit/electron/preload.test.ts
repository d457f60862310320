import { types } from 'node:util'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { EVENT_NAMES, METHOD_NAMES, type VigilTransport } from '../../../main/contract'

const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'pong' })),
  send: vi.fn((..._args: unknown[]) => {}),
  listeners: [] as Array<{ channel: string; listener: (event: unknown, message: unknown) => void }>
}))

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => fake.invoke(...args),
    send: (...args: unknown[]) => fake.send(...args),
    on: (channel: string, listener: (event: unknown, message: unknown) => void) => fake.listeners.push({ channel, listener })
  },
  // for main/electron/ipc.ts, imported below for its channel names
  ipcMain: { handle: () => {}, removeHandler: () => {}, on: () => {}, removeAllListeners: () => {} },
  BrowserWindow: { getAllWindows: () => [] },
  app: { on: () => {} }
}))

await import('../../../preload/index')
const { CALL_CHANNEL_PREFIX, EVENT_CHANNEL } = await import('../../../main/electron/ipc')
const { LIVE_ACK_CHANNEL, LIVE_CLOSE_CHANNEL, LIVE_MESSAGE_CHANNEL, LIVE_OPEN_CHANNEL } = await import('../../../main/electron/live-ipc')
type LiveListener = (message: unknown) => void
const bridge = fake.exposed.get('vigilBridge') as VigilTransport & {
  openLive(request: unknown, listener: LiveListener): () => void
}

const pushLive = (message: unknown) => {
  for (const { channel, listener } of fake.listeners) if (channel === LIVE_MESSAGE_CHANNEL) listener({ sender: 'ipc' }, message)
}

const push = (message: unknown) => {
  for (const { channel, listener } of fake.listeners) if (channel === EVENT_CHANNEL) listener({ sender: 'ipc' }, message)
}

afterEach(() => {
  fake.invoke.mockClear()
  fake.send.mockClear()
})

describe('preload bridge', () => {
  it('exposes a plain object (a Proxy would not cross contextBridge)', () => {
    expect(bridge).toBeDefined()
    expect(types.isProxy(bridge)).toBe(false)
    expect(Object.getPrototypeOf(bridge)).toBe(Object.prototype)
    expect(Object.keys(bridge).sort()).toEqual(['call', 'openLive', 'subscribe'])
  })

  it('listens on the channels main pushes to', () => {
    expect(fake.listeners.map((l) => l.channel)).toEqual([EVENT_CHANNEL, LIVE_MESSAGE_CHANNEL])
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

describe('preload live streams', () => {
  it('opens a stream on the channel main listens to, with an id of its own', () => {
    bridge.openLive({ cameraId: 'door', stream: 'sub', transcode: true }, () => {})
    const [channel, payload] = fake.send.mock.calls[0] as [string, { streamId: string }]
    expect(channel).toBe(LIVE_OPEN_CHANNEL)
    expect(payload).toEqual({ streamId: expect.stringMatching(/^live-\d+$/), cameraId: 'door', stream: 'sub', transcode: true })
  })

  it('delivers its own stream\'s messages, acknowledges bytes, and closes once', () => {
    const mine = vi.fn()
    const other = vi.fn()
    const close = bridge.openLive({ cameraId: 'door', stream: 'main', transcode: false }, mine)
    bridge.openLive({ cameraId: 'yard', stream: 'main', transcode: false }, other)
    const [mineId, otherId] = fake.send.mock.calls.map((call) => (call[1] as { streamId: string }).streamId)
    expect(mineId).not.toBe(otherId)
    const hello = { kind: 'hello', hello: { mime: 'video/mp4; codecs="avc1.42C01E"', transcoded: false } }
    pushLive({ streamId: mineId, message: hello })
    pushLive({ streamId: mineId, message: { kind: 'data', bytes: new Uint8Array(300) } })
    expect(mine.mock.calls.map((call) => (call[0] as { kind: string }).kind)).toEqual(['hello', 'data'])
    expect(other).not.toHaveBeenCalled()
    expect(fake.send).toHaveBeenLastCalledWith(LIVE_ACK_CHANNEL, { streamId: mineId, bytes: 300 })

    close()
    close()
    expect(fake.send.mock.calls.filter((call) => call[0] === LIVE_CLOSE_CHANNEL)).toEqual([[LIVE_CLOSE_CHANNEL, { streamId: mineId }]])
    pushLive({ streamId: mineId, message: hello })
    expect(mine).toHaveBeenCalledTimes(2)
  })

  it('ends a stream main closed the way a closed socket ends it', () => {
    const listener = vi.fn()
    bridge.openLive({ cameraId: 'door', stream: 'main', transcode: false }, listener)
    const streamId = (fake.send.mock.calls[0][1] as { streamId: string }).streamId
    pushLive({ streamId, message: { kind: 'error', message: 'The camera was removed' } })
    pushLive({ streamId, end: true })
    pushLive({ streamId, message: { kind: 'error', message: 'late' } })
    expect(listener.mock.calls.map((call) => call[0])).toEqual([
      { kind: 'error', message: 'The camera was removed' },
      { kind: 'error', message: 'The live stream ended' }
    ])
  })

  it('refuses malformed requests before they reach IPC', () => {
    expect(() => bridge.openLive({ cameraId: 'door', stream: 'hd', transcode: false }, () => {})).toThrow('openLive expects')
    expect(() => bridge.openLive({ cameraId: '', stream: 'main', transcode: false }, () => {})).toThrow('openLive expects')
    expect(() => bridge.openLive({ cameraId: 'door', stream: 'main', transcode: false }, 'listener' as never)).toThrow('listener')
    expect(fake.send).not.toHaveBeenCalled()
  })
})
