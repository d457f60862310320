// Starts the built `vigil serve` as a user would (a real process, a real port) and drives it with Debian's
// Chromium through playwright-core. No Playwright browser download is involved.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { chromium, type Browser } from 'playwright-core'

const ROOT = resolve(__dirname, '../..')
export const CHROMIUM = process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium'

export interface ServeProcess {
  url: string
  child: ChildProcess
  output(): string
  stop(): Promise<number | null>
}

export async function startServe(dataDir: string, extraArgs: string[] = []): Promise<ServeProcess> {
  const cli = join(ROOT, 'out/main/cli.js')
  if (!existsSync(cli)) throw new Error(`${cli} is missing: the e2e global setup builds it`)
  const child = spawn(process.execPath, [cli, 'serve', '--data-dir', dataDir, '--port', '0', ...extraArgs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`vigil serve did not start within 30 s:\n${output}`)), 30_000)
    const check = () => {
      const match = /Vigil is running at (http:\/\/\S+?)\/? \(/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolveUrl(match[1])
      }
    }
    child.stdout!.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`vigil serve exited with ${code}:\n${output}`))
    })
  })
  return {
    url,
    child,
    output: () => output,
    stop: () =>
      new Promise((resolveExit) => {
        if (child.exitCode !== null) return resolveExit(child.exitCode)
        child.once('exit', (code) => resolveExit(code))
        child.kill('SIGTERM')
      })
  }
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it with apt-get install chromium (.ci/run does)`)
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync']
  })
}
