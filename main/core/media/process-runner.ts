import { spawn, type ChildProcess } from 'node:child_process'
import type { Logger } from '../host'
import { redactArgs } from './redact'

export interface RunningProcess {
  readonly child: ChildProcess
  readonly pid: number | undefined
  /** Resolves with the exit code (null when killed by a signal) once the process is gone. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Asks ffmpeg to finish ('q' lets it write the segment trailer), then SIGTERM, then SIGKILL. */
  stop(graceMs?: number): Promise<void>
}

export interface SpawnOptions {
  /** Extra pipes beyond stdio 0-2 (ffmpeg -progress pipe:3). */
  extraPipes?: number
  env?: NodeJS.ProcessEnv
  logger?: Logger
}

/** Spawns without a shell (no quoting bugs, no injection), logging only the redacted command line. */
export function runProcess(command: string, args: readonly string[], options: SpawnOptions = {}): RunningProcess {
  options.logger?.info(`spawn ${command} ${redactArgs(args).join(' ')}`)
  const stdio: ('pipe' | 'ignore')[] = ['pipe', 'pipe', 'pipe']
  for (let i = 0; i < (options.extraPipes ?? 0); i++) stdio.push('pipe')
  const child = spawn(command, args, { stdio, env: options.env ?? process.env, windowsHide: true })
  // A failed write to a dying process' stdin must not crash the app.
  child.stdin?.on('error', () => {})

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', () => resolve({ code: -1, signal: null }))
    child.once('close', (code, signal) => resolve({ code, signal }))
  })

  let stopping: Promise<void> | null = null
  const stop = (graceMs = 4000): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.stdin?.write('q')
      child.stdin?.end()
      if (await settlesWithin(exited, graceMs)) return
      child.kill('SIGTERM')
      if (await settlesWithin(exited, 2000)) return
      child.kill('SIGKILL')
      await exited
    })()
    return stopping
  }

  return { child, pid: child.pid, exited, stop }
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)))
  const result = await Promise.race([promise.then(() => true as const), timeout])
  clearTimeout(timer)
  return result
}

/** Runs a short command to completion, collecting output; kills it after timeoutMs. */
export async function runToCompletion(
  command: string,
  args: readonly string[],
  timeoutMs: number
): Promise<{ code: number | null; stdout: Buffer; stderr: string; timedOut: boolean }> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true })
  const stdout: Buffer[] = []
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => {
    // Keep the tail only: ffmpeg can be chatty, and the cause of a failure is at the end.
    stderr = (stderr + chunk.toString('utf8')).slice(-16_384)
  })
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    child.kill('SIGKILL')
  }, timeoutMs)
  const code = await new Promise<number | null>((resolve) => {
    child.once('error', (error) => {
      stderr += String(error)
      resolve(-1)
    })
    child.once('close', (exitCode) => resolve(exitCode))
  })
  clearTimeout(timer)
  return { code, stdout: Buffer.concat(stdout), stderr, timedOut }
}
