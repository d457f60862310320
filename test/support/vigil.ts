// Runs the real core (real SQLite file, real ffmpeg) in the test process, with short segments and fast
// retries so a test sees several segments, an outage and a recovery within seconds.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { createApp, type Tuning } from '../../main/core/app'
import type { MethodArgs, MethodName, MethodResults } from '../../main/contract'
import { callApp } from '../../main/core/call-app'
import type { VigilApp } from '../../main/core/host'
import { createLogger, silentLogger } from '../../main/core/logger'

export const FAST_TUNING: Tuning = {
  recorder: {
    segmentSeconds: 3,
    stallMs: 8000,
    socketTimeoutMs: 4000,
    backoff: { baseMs: 500, capMs: 2000 },
    healthyAfterMs: 10_000
  },
  probeTimeoutMs: 6000,
  retentionIntervalMs: 60_000
}

export interface TestVigil {
  app: VigilApp
  dataDir: string
  call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResults[M]>
}

export function tempDir(prefix = 'vigil-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export async function startVigil(dataDir: string, tuning: Tuning = FAST_TUNING, demo: 'auto' | 'on' | 'off' = 'off'): Promise<TestVigil> {
  const logger = process.env.VIGIL_TEST_LOG ? createLogger('test') : silentLogger
  const app = createApp({ dataDir, headless: true, demo, logger, tuning })
  await app.start()
  return { app, dataDir, call: (method, args) => callApp(app, method, args) }
}

export { callApp }

export async function waitFor<T>(what: string, check: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 30_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < deadline) {
    try {
      const value = await check()
      if (value) return value
    } catch (error) {
      last = error
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`)
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

export interface FileMedia {
  durationSec: number
  videoCodec: string | null
  audioCodec: string | null
  frames: number
}

/** What ffprobe (the real one, independent of Vigil's indexer) says about a recorded file. */
export function ffprobeFile(file: string): FileMedia | null {
  const result = spawnSync(
    'ffprobe',
    ['-v', 'error', '-count_packets', '-of', 'json', '-show_entries', 'format=duration:stream=codec_type,codec_name,nb_read_packets', file],
    { encoding: 'utf8' }
  )
  if (result.status !== 0) return null
  const parsed = JSON.parse(result.stdout) as {
    format?: { duration?: string }
    streams?: { codec_type: string; codec_name: string; nb_read_packets?: string }[]
  }
  const video = parsed.streams?.find((s) => s.codec_type === 'video')
  return {
    durationSec: Number(parsed.format?.duration ?? 0),
    videoCodec: video?.codec_name ?? null,
    audioCodec: parsed.streams?.find((s) => s.codec_type === 'audio')?.codec_name ?? null,
    frames: Number(video?.nb_read_packets ?? 0)
  }
}

/** Pids of ffmpeg processes whose command line mentions `needle` (the recorder's incoming folder). */
export function ffmpegPidsFor(needle: string): number[] {
  const result = spawnSync('pgrep', ['-f', needle], { encoding: 'utf8' })
  return result.stdout
    .split('\n')
    .map(Number)
    .filter((pid) => pid > 0 && pid !== process.pid)
}
