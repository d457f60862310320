// What a host (the Electron shell or the headless server) needs from the core, and what it passes in.
import type { Envelope, EventName, VigilEvents } from '../contract'

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
}

export type EventListener = <E extends EventName>(event: E, payload: VigilEvents[E]) => void

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
}
