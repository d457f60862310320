// One ffmpeg child for a redaction pass: raw frames in or out over pipes, the log tail kept for error
// messages and the -benchmark CPU line, and a kill that needs no grace (whatever it wrote is thrown away).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import type { Readable } from 'node:stream'
import { failureReason, parseBenchmark } from './ffmpeg-args'

export interface FfmpegRun {
  readonly child: ChildProcessWithoutNullStreams
  /** Settles when the process is gone; never rejects. */
  readonly finished: Promise<FfmpegExit>
  kill(): void
}

export interface FfmpegExit {
  code: number | null
  /** Why it failed, from its log (only meaningful when code !== 0). */
  reason: string
  cpuMs: number | null
  maxRssKb: number | null
}

const LOG_TAIL_CHARS = 16_384

export function startFfmpeg(ffmpeg: string, args: string[]): FfmpegRun {
  const child = spawn(ffmpeg, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true })
  // Writes to a process that has died must not crash the app; the exit code tells what happened.
  child.stdin.on('error', () => {})
  let log = ''
  child.stderr.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-LOG_TAIL_CHARS)
  })
  const finished = new Promise<FfmpegExit>((resolve) => {
    child.once('error', (error) => resolve({ code: -1, reason: error.message, cpuMs: null, maxRssKb: null }))
    child.once('close', (code) => {
      const bench = parseBenchmark(log)
      resolve({ code, reason: failureReason(log), cpuMs: bench?.cpuMs ?? null, maxRssKb: bench?.maxRssKb ?? null })
    })
  })
  return {
    child,
    finished,
    kill: () => {
      // Unread output left in a paused stdout would keep 'close', and so `finished`, from ever coming.
      child.stdout.destroy()
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    }
  }
}

/**
 * Splits a byte stream into frames of exactly frameBytes. Reading is pulled by the consumer, so a slow
 * consumer makes the pipe fill up and ffmpeg wait: memory stays at a few frames. A trailing partial
 * frame (a truncated stream) is dropped.
 */
export async function* readFrames(stream: Readable, frameBytes: number): AsyncGenerator<Buffer> {
  let frame = Buffer.allocUnsafeSlow(frameBytes)
  let filled = 0
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let offset = 0
    while (offset < chunk.length) {
      const take = Math.min(frameBytes - filled, chunk.length - offset)
      chunk.copy(frame, filled, offset, offset + take)
      filled += take
      offset += take
      if (filled === frameBytes) {
        yield frame
        frame = Buffer.allocUnsafeSlow(frameBytes)
        filled = 0
      }
    }
  }
}

/** Writes a buffer, waiting while the pipe is full; false when the reader has gone away. */
export function writeFrame(stdin: NodeJS.WritableStream & { destroyed?: boolean }, frame: Uint8Array): Promise<boolean> {
  if (stdin.destroyed) return Promise.resolve(false)
  return new Promise((resolve) => {
    const ok = stdin.write(frame)
    if (ok) return resolve(true)
    const done = (result: boolean) => {
      stdin.removeListener('drain', onDrain)
      stdin.removeListener('close', onClose)
      resolve(result)
    }
    const onDrain = () => done(true)
    const onClose = () => done(false)
    stdin.once('drain', onDrain)
    stdin.once('close', onClose)
  })
}
