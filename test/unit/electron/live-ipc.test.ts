import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { LiveRequest, LiveSink, MediaService } from '../../../main/core/host'
import { silentLogger } from '../../../main/core/logger'

const fake = vi.hoisted(() => ({ listeners: new Map<string, (event: unknown, payload: unknown) => void>() }))

vi.mock('electron', () => ({
  ipcMain: {
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) => fake.listeners.set(channel, listener),
    removeAllListeners: (channel: string) => fake.listeners.delete(channel),
    handle: () => {},
    removeHandler: () => {}
  },
  BrowserWindow: { getAllWindows: () => [] },
  app: { on: () => {} }
}))

const live = await import('../../../main/electron/live-ipc')
const { LIVE_ACK_CHANNEL, LIVE_CLOSE_CHANNEL, LIVE_MESSAGE_CHANNEL, LIVE_OPEN_CHANNEL, MAX_STREAMS_PER_WINDOW, parseOpenPayload, registerLiveIpc } = live
const { appPageFor } = await import('../../../main/electron/window')

const indexFile = join('/opt', 'vigil', 'out', 'renderer', 'index.html')
const page = appPageFor(indexFile)
const trustedFrame = { url: pathToFileURL(indexFile).href, parent: null }

/** A window's WebContents as the streams see it: records pushes, fires its own events on demand. */
function fakeContents(id: number) {
  const handlers = new Map<string, (() => void)[]>()
  const contents = {
    id,
    destroyed: false,
    sent: [] as { channel: string; push: any }[],
    send: vi.fn((channel: string, push: unknown) => contents.sent.push({ channel, push })),
    isDestroyed: () => contents.destroyed,
    on: (event: string, handler: () => void) => {
      handlers.set(event, [...(handlers.get(event) ?? []), handler])
      return contents
    },
    fire: (event: string) => (handlers.get(event) ?? []).forEach((handler) => handler())
  }
  return contents
}

/** A media service whose openLive keeps the sinks, so the test can play the relay's part. */
function fakeMedia() {
  const opened: { request: LiveRequest; sink: LiveSink; close: ReturnType<typeof vi.fn> }[] = []
  const media: MediaService = {
    openLive: vi.fn((request: LiveRequest, sink: LiveSink) => {
      const close = vi.fn()
      opened.push({ request, sink, close })
      return close
    }),
    segmentFile: () => null, exportPreview: () => null, packageZip: () => null
  }
  return { media, opened }
}

const emit = (channel: string, sender: ReturnType<typeof fakeContents>, payload: unknown, frame: unknown = trustedFrame) =>
  fake.listeners.get(channel)!({ sender, senderFrame: frame }, payload)

beforeEach(() => fake.listeners.clear())

describe('parseOpenPayload', () => {
  it('takes a stream id the preload chose and a valid request', () => {
    expect(parseOpenPayload({ streamId: 'live-1', cameraId: 'door', stream: 'main', transcode: false })).toEqual({
      streamId: 'live-1',
      request: { cameraId: 'door', stream: 'main', transcode: false }
    })
    for (const bad of [null, {}, { streamId: 'live 1', cameraId: 'door', stream: 'main', transcode: false }, { streamId: 'x'.repeat(65), cameraId: 'door', stream: 'main', transcode: false }, { streamId: 'live-1', cameraId: 'door', stream: 'hd', transcode: false }]) {
      expect(parseOpenPayload(bad)).toBeNull()
    }
  })
})

describe('live view over IPC', () => {
  it('opens a stream for the app window and pushes hello, bytes and errors tagged with its id', () => {
    const { media, opened } = fakeMedia()
    registerLiveIpc(media, page, silentLogger)
    const win = fakeContents(1)
    emit(LIVE_OPEN_CHANNEL, win, { streamId: 'live-1', cameraId: 'door', stream: 'sub', transcode: true })
    expect(opened).toHaveLength(1)
    expect(opened[0].request).toEqual({ cameraId: 'door', stream: 'sub', transcode: true })
    const { sink } = opened[0]
    sink.send({ kind: 'hello', hello: { mime: 'video/mp4; codecs="avc1.42C01E"', transcoded: true } })
    // A view into a bigger buffer goes out as exactly its bytes (IPC would clone the whole buffer).
    const pool = new Uint8Array(100).fill(7)
    sink.send({ kind: 'data', bytes: pool.subarray(10, 20) })
    sink.send({ kind: 'error', message: 'The camera ended the stream' })
    expect(win.sent.map((s) => s.channel)).toEqual([LIVE_MESSAGE_CHANNEL, LIVE_MESSAGE_CHANNEL, LIVE_MESSAGE_CHANNEL])
    expect(win.sent[0].push).toEqual({ streamId: 'live-1', message: { kind: 'hello', hello: { mime: 'video/mp4; codecs="avc1.42C01E"', transcoded: true } } })
    const data = win.sent[1].push.message.bytes as Uint8Array
    expect(data.byteLength).toBe(10)
    expect(data.buffer.byteLength).toBe(10)
    expect(win.sent[2].push).toEqual({ streamId: 'live-1', message: { kind: 'error', message: 'The camera ended the stream' } })
  })

  it('counts unacknowledged bytes as the viewer\'s backlog', () => {
    const { media, opened } = fakeMedia()
    registerLiveIpc(media, page, silentLogger)
    const win = fakeContents(1)
    emit(LIVE_OPEN_CHANNEL, win, { streamId: 'live-1', cameraId: 'door', stream: 'main', transcode: false })
    const { sink } = opened[0]
    sink.send({ kind: 'data', bytes: new Uint8Array(1000) })
    sink.send({ kind: 'data', bytes: new Uint8Array(500) })
    expect(sink.bufferedBytes()).toBe(1500)
    emit(LIVE_ACK_CHANNEL, win, { streamId: 'live-1', bytes: 1000 })
    expect(sink.bufferedBytes()).toBe(500)
    // Nonsense acknowledgements change nothing, and never push the backlog below zero.
    emit(LIVE_ACK_CHANNEL, win, { streamId: 'live-1', bytes: -5 })
    emit(LIVE_ACK_CHANNEL, win, { streamId: 'live-2', bytes: 500 })
    emit(LIVE_ACK_CHANNEL, fakeContents(2), { streamId: 'live-1', bytes: 500 })
    expect(sink.bufferedBytes()).toBe(500)
    emit(LIVE_ACK_CHANNEL, win, { streamId: 'live-1', bytes: 10_000 })
    expect(sink.bufferedBytes()).toBe(0)
  })

  it('closes on request, when main ends the stream, and with the window', () => {
    const { media, opened } = fakeMedia()
    registerLiveIpc(media, page, silentLogger)
    const win = fakeContents(1)
    for (const streamId of ['a', 'b', 'c']) emit(LIVE_OPEN_CHANNEL, win, { streamId, cameraId: 'door', stream: 'main', transcode: false })
    emit(LIVE_CLOSE_CHANNEL, win, { streamId: 'a' })
    expect(opened[0].close).toHaveBeenCalledTimes(1)
    // Main ends b itself (the relay dropped it): the preload hears the end, and b is forgotten.
    opened[1].sink.end()
    expect(win.sent.at(-1)!.push).toEqual({ streamId: 'b', end: true })
    emit(LIVE_CLOSE_CHANNEL, win, { streamId: 'b' })
    expect(opened[1].close).not.toHaveBeenCalled()
    // A reload ends whatever is left.
    win.fire('did-navigate')
    expect(opened[2].close).toHaveBeenCalledTimes(1)
    expect(opened[0].close).toHaveBeenCalledTimes(1)
  })

  it('refuses other senders, malformed requests and too many streams per window', () => {
    const { media, opened } = fakeMedia()
    registerLiveIpc(media, page, silentLogger)
    const win = fakeContents(1)
    const request = { cameraId: 'door', stream: 'main', transcode: false }
    emit(LIVE_OPEN_CHANNEL, win, { streamId: 'x', ...request }, { url: 'https://evil.example/', parent: null })
    emit(LIVE_OPEN_CHANNEL, win, { streamId: 'x', ...request }, { url: trustedFrame.url, parent: {} })
    emit(LIVE_OPEN_CHANNEL, win, { streamId: 'x', ...request }, null)
    expect(opened).toHaveLength(0)
    emit(LIVE_OPEN_CHANNEL, win, { streamId: 'bad', cameraId: 'door', stream: 'main', transcode: 'yes' })
    expect(opened).toHaveLength(0)
    expect(win.sent.map((s) => s.push)).toEqual([
      { streamId: 'bad', message: { kind: 'error', message: 'Malformed live stream request' } },
      { streamId: 'bad', end: true }
    ])
    for (let i = 0; i <= MAX_STREAMS_PER_WINDOW; i++) emit(LIVE_OPEN_CHANNEL, win, { streamId: `s${i}`, ...request })
    expect(opened).toHaveLength(MAX_STREAMS_PER_WINDOW)
    expect(win.sent.at(-1)!.push).toEqual({ streamId: `s${MAX_STREAMS_PER_WINDOW}`, end: true })
  })

  it('undoes its channels and ends every stream', () => {
    const { media, opened } = fakeMedia()
    const dispose = registerLiveIpc(media, page, silentLogger)
    emit(LIVE_OPEN_CHANNEL, fakeContents(1), { streamId: 'a', cameraId: 'door', stream: 'main', transcode: false })
    dispose()
    expect(fake.listeners.size).toBe(0)
    expect(opened[0].close).toHaveBeenCalledTimes(1)
  })
})
