// A WebSocket viewer of /api/live for tests: records every message with its arrival time, and reads the
// ffmpeg processes that serve live view (argv holds the camera URL and `-f mp4`; the recorder's uses `-f segment`).
import { readdirSync, readFileSync } from 'node:fs'
import WebSocket from 'ws'
import type { LiveHello } from '../../main/contract'
import { Mp4Splitter, type Mp4Unit } from '../../main/core/live/mp4-boxes'
import { waitFor } from './vigil'

export type Received = { at: number; hello: LiveHello } | { at: number; error: string } | { at: number; bytes: Buffer }

export interface TestViewer {
  readonly openedAt: number
  readonly messages: Received[]
  readonly closed: Promise<number>
  hellos(): LiveHello[]
  errors(): string[]
  /** Binary messages since the n-th hello (0 = the first stream), in order. */
  binaries(stream?: number): Buffer[]
  /** The binary messages cut into init and fragments, as a MediaSource would append them. */
  units(stream?: number): Mp4Unit[]
  /** Resolves once at least `count` fragments have arrived (of the given stream). */
  fragments(count: number, timeoutMs?: number, stream?: number): Promise<Extract<Mp4Unit, { kind: 'fragment' }>[]>
  close(): void
}

export function openViewer(baseUrl: string, query: string, headers: Record<string, string> = {}): TestViewer {
  const messages: Received[] = []
  const openedAt = Date.now()
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}api/live?${query}`, { headers })
  ws.on('message', (data: Buffer, isBinary) => {
    const at = Date.now()
    if (isBinary) {
      messages.push({ at, bytes: data })
      return
    }
    const parsed = JSON.parse(String(data)) as { hello?: LiveHello; error?: string }
    if (parsed.hello) messages.push({ at, hello: parsed.hello })
    else messages.push({ at, error: parsed.error ?? '(no error text)' })
  })
  const closed = new Promise<number>((resolve) => {
    ws.on('close', (code) => resolve(code))
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    ws.on('error', () => resolve(-1))
  })
  const binaries = (stream = 0) => {
    let seen = -1
    const out: Buffer[] = []
    for (const message of messages) {
      if ('hello' in message) seen++
      else if ('bytes' in message && seen === stream) out.push(message.bytes)
    }
    return out
  }
  const units = (stream = 0) => {
    const splitter = new Mp4Splitter()
    return binaries(stream).flatMap((bytes) => splitter.push(bytes))
  }
  return {
    openedAt,
    messages,
    closed,
    hellos: () => messages.flatMap((m) => ('hello' in m ? [m.hello] : [])),
    errors: () => messages.flatMap((m) => ('error' in m ? [m.error] : [])),
    binaries,
    units,
    async fragments(count, timeoutMs = 30_000, stream = 0) {
      return waitFor(
        `${count} live fragments`,
        () => {
          const fragments = units(stream).filter((u): u is Extract<Mp4Unit, { kind: 'fragment' }> => u.kind === 'fragment')
          return fragments.length >= count && fragments
        },
        timeoutMs,
        50
      )
    },
    close: () => ws.close()
  }
}

/** Pids of ffmpeg processes streaming live view from `url` (argv contains the URL and `-f mp4`). */
export function liveFfmpegPids(url: string): number[] {
  const pids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let argv: string[]
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')
    } catch {
      continue
    }
    if (!argv[0]?.endsWith('ffmpeg') || !argv.includes(url)) continue
    if (argv.some((arg, i) => arg === '-f' && argv[i + 1] === 'mp4')) pids.push(Number(entry))
  }
  return pids
}

/** Every ffmpeg connected to this camera URL, with its argv: a camera should see one connection, not one per viewer. */
export function cameraConnections(url: string): { pid: number; argv: string[] }[] {
  const found: { pid: number; argv: string[] }[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')
      if (argv[0]?.endsWith('ffmpeg') && argv.includes(url)) found.push({ pid: Number(entry), argv })
    } catch {
      // the process ended while we looked
    }
  }
  return found
}
