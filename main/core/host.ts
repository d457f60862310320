// What a host (the Electron shell or the headless server) needs from the core, and what it passes in.
import type { Alert, Envelope, EventName, LiveHello, VigilEvents, WebhookListenerState } from '../contract'

/** Encrypts camera credentials at rest. Electron: safeStorage; headless: a 0600 key file. */
export interface SecretBox {
  /** A short tag stored with each ciphertext, so a value sealed by another box is recognised, not garbled. */
  readonly kind: string
  seal(plain: string): string
  open(sealed: string): string
}

export interface Logger {
  info(message: string): void
  warn(message: string): void
  error(message: string): void
  child(prefix: string): Logger
}

/** Shows an alert outside the UI: the desktop shell's native notification. Headless mode has none. */
export interface Notifier {
  notify(alert: Alert, jpeg: Buffer | null): void
}

/** What a camera's webhook call came to: the HTTP layer turns it into a status code. */
export type WebhookOutcome = 'accepted' | 'unknown' | 'disabled' | 'paused'

export interface AppOptions {
  dataDir: string
  headless: boolean
  /** 'auto': the demo camera records while no camera is configured. */
  demo: 'auto' | 'on' | 'off'
  /** An explicit ffmpeg path always wins over ffmpeg-static and the system ffmpeg. */
  ffmpegPath?: string
  secretBox?: SecretBox
  /** better-sqlite3 binary built for the loading runtime (Electron's ABI differs from Node's). */
  sqliteNativeBinding?: string
  logger?: Logger
  notifier?: Notifier
  /**
   * Opens (a port number), moves or closes (null) the webhook port: a transport's HTTP listener that answers
   * only camera webhooks. Without it (CLI runs) the webhook port setting has no effect.
   */
  listenForWebhooks?(port: number | null): Promise<WebhookListenerState>
}

export type EventListener = <E extends EventName>(event: E, payload: VigilEvents[E]) => void

/** What a viewer asks for: a camera's main or sub stream, copied as it comes or re-encoded to H.264. */
export interface LiveRequest {
  cameraId: string
  stream: 'main' | 'sub'
  transcode: boolean
}

/**
 * One message of a live stream, as both transports carry it (WebSocket: hello and error as JSON text, data as
 * binary; IPC: this object). First a hello, then fMP4 bytes: the init segment, then fragments, the first one
 * starting with a keyframe. An error says why there is no picture; the stream may go on after it with a new
 * hello and init (the camera came back: a new fMP4 stream whose timestamps continue the old one).
 */
export type LiveMessage = { kind: 'hello'; hello: LiveHello } | { kind: 'data'; bytes: Uint8Array } | { kind: 'error'; message: string }

/** A transport's end of one live stream. */
export interface LiveSink {
  send(message: LiveMessage): void
  /** Bytes handed to send() that have not reached the viewer yet; a viewer that falls too far behind is dropped. */
  bufferedBytes(): number
  /** The server ends the stream (after an error message): close the socket or IPC stream. */
  end(): void
}

/** Binary media for the transports. Only ids the index knows lead to files: no client path reaches the disk. */
export interface MediaService {
  /** Starts sending a live stream to `sink`; returns the function that stops it. Never throws: errors go to the sink. */
  openLive(request: LiveRequest, sink: LiveSink): () => void
  /** The file of an indexed segment that is on disk, or null (unknown id, deleted, missing, not started). */
  segmentFile(id: number): { path: string; bytes: number } | null
  /** An open export draft's redacted working copy of one camera (the wizard's preview). */
  exportPreview(draftId: string, cameraId: string): { path: string; bytes: number } | null
  /** A finished package's ZIP, for downloading it. */
  packageZip(packageId: string): { path: string; bytes: number } | null
}

export interface VigilApp {
  /** Validates and runs one contract call; never throws, errors come back as an envelope with a code. */
  dispatch(method: string, args: unknown): Promise<Envelope>
  subscribe(listener: EventListener): () => void
  /**
   * 'record' runs every service; 'configure' opens the database only, for CLI commands that change
   * settings while a recording instance may be running (it notices the change itself).
   */
  start(mode?: 'record' | 'configure'): Promise<void>
  /** Stops every recorder cleanly (the open segment is closed and indexed) and closes the database. */
  stop(): Promise<void>
  media: MediaService
  /**
   * A camera calling out (doorbell press, motion). 'unknown' covers a wrong token and an unknown camera
   * alike, so a caller cannot probe which cameras exist.
   */
  webhook(cameraId: string, token: string): Promise<WebhookOutcome>
}
