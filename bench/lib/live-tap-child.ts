// Child process of the live-tap A/B (live-tap.ts): runs the recorder commands Vigil used and, in the "with"
// arm, reads each live tap (fd 4) into a tapped LiveRelay, Vigil's own code, exactly as LiveManager.attachTap
// does with no viewer. The parent measures this process tree in both arms; the difference is what the
// always-on tap costs, in ffmpeg (the second output) and in Node (splitting fragments, keeping the GOP).
//
//   TAP_COMMANDS='[{"ffmpeg": "...", "args": [...]}]' TAP_MODE=with|without node --import tsx live-tap-child.ts
import { spawn, type ChildProcess } from 'node:child_process'
import { tappedRelay } from './tapped-relay'

interface Command {
  ffmpeg: string
  args: string[]
}

const commands = JSON.parse(process.env.TAP_COMMANDS ?? '[]') as Command[]
const withTap = process.env.TAP_MODE === 'with'

function start({ ffmpeg, args }: Command, index: number): ChildProcess {
  const child = spawn(ffmpeg, args, { stdio: ['pipe', 'pipe', 'pipe', 'pipe', withTap ? 'pipe' : 'ignore'] })
  // Segment list, stderr and -progress are read in both arms, as Vigil reads them.
  for (const fd of [1, 2, 3]) (child.stdio[fd] as NodeJS.ReadableStream | null)?.resume()
  child.once('exit', (code) => process.stdout.write(`EXITED ${index} ${code}\n`))
  const tap = child.stdio[4] as NodeJS.ReadableStream | null
  if (withTap && tap) tappedRelay(`bench-${index}/main/copy`, ffmpeg).attachTap(tap)
  return child
}

const children = commands.map(start)

function stop(): void {
  let left = children.length
  if (left === 0) process.exit(0)
  for (const child of children) {
    child.once('exit', () => --left === 0 && process.exit(0))
    // 'q' is how Vigil stops a recorder; a kill after a grace period.
    child.stdin?.end('q')
    setTimeout(() => child.kill('SIGKILL'), 3000).unref()
  }
}

process.on('SIGTERM', stop)
process.on('SIGINT', stop)
process.stdout.write('READY\n')
