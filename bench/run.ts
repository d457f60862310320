// `npm run bench`: every bench/*.bench.ts, one after the other (never in parallel: each one measures
// CPU and memory, and a neighbour would skew its numbers). Each runs in its own process.
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import path from 'node:path'

const TSX = path.resolve(__dirname, '../node_modules/tsx/dist/cli.mjs')

function runOne(file: string): Promise<number> {
  return new Promise((resolve) => {
    // Same process group: Ctrl+C reaches the benchmark, which then cleans up after itself.
    const child = spawn(process.execPath, [TSX, file], { stdio: 'inherit' })
    child.once('error', () => resolve(1))
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 130 : 1)))
  })
}

/** Benchmarks that run first, in this order (recording is the base the live benchmark builds on); the rest alphabetically. */
const ORDER = ['record.bench.ts', 'live.bench.ts', 'motion.bench.ts']
const rank = (name: string) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length)

async function main(): Promise<void> {
  const benches = readdirSync(__dirname)
    .filter((name) => name.endsWith('.bench.ts'))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  const failed: string[] = []
  // A benchmark that is interrupted should not start the next one.
  let interrupted = false
  process.on('SIGINT', () => (interrupted = true))
  for (const name of benches) {
    if (interrupted) break
    console.log(`\n=== ${name} ===`)
    const code = await runOne(path.join(__dirname, name))
    if (code !== 0) failed.push(`${name} (exit ${code})`)
  }
  if (interrupted) process.exitCode = 130
  else if (failed.length > 0) {
    console.error(`\nfailed: ${failed.join(', ')}`)
    process.exitCode = 1
  } else console.log(`\n${benches.length} benchmark(s) done; results in bench/results/`)
}

void main()
