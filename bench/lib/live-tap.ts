// Vigil may serve a camera's main stream from a "live tap": the recorder's ffmpeg writes a second output, the
// live fragmented MP4, to fd 4 (record-args.ts), and the relay reads it; no ffmpeg starts when someone
// watches. That output is muxed, and read and split by Node, whether anyone watches or not, so "viewed minus
// idle" misses it. Its cost is measured here as an A/B of the recorder's own command lines in a child Node
// process: as Vigil ran them with the tap read into Vigil's LiveRelay, and without the tap output.
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { nodeEnv, onCleanup, stopChild, tail, track } from './live-procs'

export interface RecorderCommand {
  pid: number
  argv: string[]
}

function cmdline(pid: string): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((arg, i, all) => arg !== '' || i < all.length - 1)
  } catch {
    return null
  }
}

/** The recording ffmpegs (`-f segment`) reading these URLs, with their argv. */
export function recorderCommands(urls: string[]): RecorderCommand[] {
  const wanted = new Set(urls)
  const found: RecorderCommand[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const argv = cmdline(entry)
    if (!argv || !argv[0]?.endsWith('ffmpeg') || !argv.some((arg) => wanted.has(arg))) continue
    if (argv.some((arg, i) => arg === '-f' && argv[i + 1] === 'segment')) found.push({ pid: Number(entry), argv })
  }
  return found
}

export const hasLiveTap = (argv: string[]) => argv.includes('pipe:4')

/** Index of the segment output pattern (…/.incoming/<run>-%06d.mp4): the tap output comes after it. */
function segmentOutputIndex(argv: string[]): number {
  const index = argv.findIndex((arg) => /-%0\d+d\.mp4$/.test(arg))
  if (index < 0) throw new Error(`no segment output in the recorder's argv: ${argv.join(' ')}`)
  return index
}

/** The same command writing its segments into `dir`, with or without the live tap output. */
export function benchArgv(argv: string[], dir: string, withTap: boolean): string[] {
  const index = segmentOutputIndex(argv)
  const args = argv.slice(1)
  args[index - 1] = path.join(dir, path.basename(argv[index]))
  return withTap ? args : args.slice(0, index)
}

const CHILD = path.join(__dirname, 'live-tap-child.ts')

export interface TapArm {
  pid: number
  output(): string
  stop(): Promise<void>
}

/**
 * Starts one arm of the A/B in a child Node process (live-tap-child.ts): the recorder commands, with the tap
 * output read into Vigil's LiveRelay, or without the tap output. Resolves once the commands are started.
 */
export async function startTapArm(commands: { ffmpeg: string; args: string[] }[], withTap: boolean): Promise<TapArm> {
  const env = { ...nodeEnv(), TAP_COMMANDS: JSON.stringify(commands), TAP_MODE: withTap ? 'with' : 'without' }
  // --import tsx: one Node process that loads the TypeScript itself (the tsx CLI would add a second one).
  const child = track(spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: path.resolve(__dirname, '../..'), env, stdio: ['ignore', 'pipe', 'pipe'] }))
  const output = tail(child)
  const forget = onCleanup(() => stopChild(child, 5000))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the tap A/B child did not start:\n${output()}`)), 30_000)
    const check = () => output().includes('READY') && (clearTimeout(timer), child.stdout!.off('data', check), resolve())
    child.stdout!.on('data', check)
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`the tap A/B child exited with ${code}:\n${output()}`))))
  })
  return {
    pid: child.pid!,
    output,
    stop: async () => {
      forget()
      await stopChild(child, 8000)
    }
  }
}
