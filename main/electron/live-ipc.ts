// Live view over IPC, the desktop twin of the /api/live WebSocket. The preload opens a stream with an id it
// picks; main answers on one channel with { streamId, message } (hello, fMP4 bytes, error) and { streamId,
// end: true } when it closes the stream itself. The preload acknowledges the bytes it delivered, which tells
// main how far a window has fallen behind (IPC has no bufferedAmount). Same sender check as calls.
import { ipcMain, type IpcMainEvent, type WebContents } from 'electron'
import type { LiveMessage, LiveSink, Logger, MediaService } from '../core/host'
import { validateLiveRequest } from '../core/live/live-request'
import { describeUrl } from './network-guard'
import { isTrustedSender } from './ipc'
import type { AppPage } from './window'

// Same strings as preload/index.ts (which may import only the contract); a unit test keeps them equal.
export const LIVE_OPEN_CHANNEL = 'vigil:live:open'
export const LIVE_CLOSE_CHANNEL = 'vigil:live:close'
export const LIVE_ACK_CHANNEL = 'vigil:live:ack'
export const LIVE_MESSAGE_CHANNEL = 'vigil:live:message'

/** More live streams than this from one window is a bug (a leak), not a wall of cameras. */
export const MAX_STREAMS_PER_WINDOW = 32
const STREAM_ID = /^[A-Za-z0-9_-]{1,64}$/

export type LivePush = { streamId: string; message: LiveMessage } | { streamId: string; end: true }

/** Checks { streamId, cameraId, stream, transcode } from the preload. */
export function parseOpenPayload(payload: unknown): { streamId: string; request: NonNullable<ReturnType<typeof validateLiveRequest>> } | null {
  if (typeof payload !== 'object' || payload === null) return null
  const { streamId } = payload as { streamId?: unknown }
  if (typeof streamId !== 'string' || !STREAM_ID.test(streamId)) return null
  const request = validateLiveRequest(payload)
  return request ? { streamId, request } : null
}

/** The part of WebContents a stream needs. */
export type LiveTarget = Pick<WebContents, 'id' | 'send' | 'isDestroyed' | 'on'>

interface OpenStream {
  close: () => void
  sent: number
  acked: number
}

/** The live streams of every window, keyed by window, then by the preload's stream id. */
export class LiveStreams {
  private readonly byWindow = new Map<number, Map<string, OpenStream>>()
  private readonly watched = new Set<number>()

  constructor(
    private readonly media: Pick<MediaService, 'openLive'>,
    private readonly logger: Logger
  ) {}

  open(target: LiveTarget, streamId: string, request: Parameters<MediaService['openLive']>[0]): void {
    this.watch(target)
    let streams = this.byWindow.get(target.id)
    if (!streams) {
      streams = new Map()
      this.byWindow.set(target.id, streams)
    }
    if (streams.has(streamId)) this.close(target.id, streamId)
    if (streams.size >= MAX_STREAMS_PER_WINDOW) {
      this.logger.warn(`refused live stream ${streamId}: ${MAX_STREAMS_PER_WINDOW} are open in this window already`)
      this.push(target, { streamId, message: { kind: 'error', message: 'Too many live streams are open' } })
      this.push(target, { streamId, end: true })
      return
    }
    const entry: OpenStream = { close: () => {}, sent: 0, acked: 0 }
    streams.set(streamId, entry)
    const sink: LiveSink = {
      send: (message) => {
        if (message.kind === 'data') {
          entry.sent += message.bytes.byteLength
          // IPC clones a view's whole backing buffer: send exactly the bytes.
          const bytes = message.bytes.byteLength === message.bytes.buffer.byteLength ? message.bytes : new Uint8Array(message.bytes)
          this.push(target, { streamId, message: { kind: 'data', bytes } })
        } else {
          this.push(target, { streamId, message })
        }
      },
      bufferedBytes: () => entry.sent - entry.acked,
      end: () => {
        if (this.byWindow.get(target.id)?.get(streamId) !== entry) return
        streams.delete(streamId)
        this.push(target, { streamId, end: true })
      }
    }
    entry.close = this.media.openLive(request, sink)
  }

  ack(windowId: number, streamId: unknown, bytes: unknown): void {
    if (typeof streamId !== 'string' || typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 0) return
    const entry = this.byWindow.get(windowId)?.get(streamId)
    if (entry) entry.acked = Math.min(entry.sent, entry.acked + bytes)
  }

  close(windowId: number, streamId: unknown): void {
    if (typeof streamId !== 'string') return
    const streams = this.byWindow.get(windowId)
    const entry = streams?.get(streamId)
    if (!entry) return
    streams!.delete(streamId)
    entry.close()
  }

  closeWindow(windowId: number): void {
    const streams = this.byWindow.get(windowId)
    if (!streams) return
    this.byWindow.delete(windowId)
    for (const entry of streams.values()) entry.close()
  }

  closeAll(): void {
    for (const windowId of [...this.byWindow.keys()]) this.closeWindow(windowId)
  }

  count(windowId: number): number {
    return this.byWindow.get(windowId)?.size ?? 0
  }

  /** A window that reloads, crashes or closes cannot say goodbye: everything it had open ends with it. */
  private watch(target: LiveTarget): void {
    if (this.watched.has(target.id)) return
    this.watched.add(target.id)
    const id = target.id
    target.on('destroyed', () => {
      this.watched.delete(id)
      this.closeWindow(id)
    })
    // did-navigate is a new document (a reload); in-page (hash) navigation between views does not fire it.
    target.on('did-navigate', () => this.closeWindow(id))
    target.on('render-process-gone', () => this.closeWindow(id))
  }

  private push(target: LiveTarget, push: LivePush): void {
    if (!target.isDestroyed()) target.send(LIVE_MESSAGE_CHANNEL, push)
  }
}

/** Registers the live channels. Returns an undo that also ends every open stream. */
export function registerLiveIpc(media: MediaService, page: AppPage, logger: Logger): () => void {
  const streams = new LiveStreams(media, logger)
  const trusted = (event: IpcMainEvent, what: string): boolean => {
    if (isTrustedSender(event.senderFrame, page)) return true
    logger.warn(`refused ${what} from ${event.senderFrame ? describeUrl(event.senderFrame.url) : 'a closed frame'}`)
    return false
  }
  ipcMain.on(LIVE_OPEN_CHANNEL, (event, payload: unknown) => {
    if (!trusted(event, 'a live stream')) return
    const parsed = parseOpenPayload(payload)
    if (!parsed) {
      logger.warn('refused a malformed live stream request')
      const streamId = (payload as { streamId?: unknown } | null)?.streamId
      if (typeof streamId === 'string' && STREAM_ID.test(streamId)) {
        event.sender.send(LIVE_MESSAGE_CHANNEL, { streamId, message: { kind: 'error', message: 'Malformed live stream request' } })
        event.sender.send(LIVE_MESSAGE_CHANNEL, { streamId, end: true })
      }
      return
    }
    streams.open(event.sender, parsed.streamId, parsed.request)
  })
  ipcMain.on(LIVE_ACK_CHANNEL, (event, payload: unknown) => {
    if (!trusted(event, 'a live acknowledgement')) return
    const { streamId, bytes } = (payload ?? {}) as { streamId?: unknown; bytes?: unknown }
    streams.ack(event.sender.id, streamId, bytes)
  })
  ipcMain.on(LIVE_CLOSE_CHANNEL, (event, payload: unknown) => {
    if (!trusted(event, 'a live close')) return
    streams.close(event.sender.id, (payload as { streamId?: unknown } | null)?.streamId)
  })
  return () => {
    for (const channel of [LIVE_OPEN_CHANNEL, LIVE_ACK_CHANNEL, LIVE_CLOSE_CHANNEL]) ipcMain.removeAllListeners(channel)
    streams.closeAll()
  }
}
