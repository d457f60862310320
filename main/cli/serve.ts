import { basename, dirname, resolve } from 'node:path'
import { createApp } from '../core/app'
import { createLogger } from '../core/logger'
import { startHeadlessServer } from '../server/http-server'
import { findUiDir } from '../server/static-files'
import { WebhookListener } from '../server/webhook-listener'
import { intFlag, stringFlag, UsageError, type ParsedArgs } from './args'

export const SERVE_FLAGS = {
  'data-dir': 'value',
  port: 'value',
  host: 'value',
  demo: 'switch',
  'no-demo': 'switch',
  ffmpeg: 'value',
  'segment-seconds': 'value'
} as const

/** `vigil serve`: every service plus the UI over HTTP, until SIGINT/SIGTERM, then a clean stop. */
export async function serve(args: ParsedArgs, dataDir: string): Promise<void> {
  if (args.flags.has('demo') && args.flags.has('no-demo')) throw new UsageError('Use either --demo or --no-demo, not both')
  const logger = createLogger('vigil')
  // The server below answers webhooks on its own address; the webhook port (Settings) reaches cameras on the
  // network even while the UI is bound to 127.0.0.1.
  const hooks = new WebhookListener(() => app, logger.child('hooks'))
  const app = createApp({
    dataDir,
    headless: true,
    listenForWebhooks: (port) => hooks.listen(port),
    demo: args.flags.has('demo') ? 'on' : args.flags.has('no-demo') ? 'off' : 'auto',
    ffmpegPath: stringFlag(args, 'ffmpeg'),
    logger
  })
  await app.start()
  const segmentSeconds = intFlag(args, 'segment-seconds', 2, 600)
  if (segmentSeconds) await app.dispatch('settings.set', { segmentSeconds })
  // Built: out/main/cli.js serves out/renderer. From source (tsx main/cli.ts): the build output in out/.
  const entry = process.argv[1] ? dirname(resolve(process.argv[1])) : process.cwd()
  const builtNextToUs = basename(entry) === 'main' && basename(dirname(entry)) === 'out'
  const uiDir = findUiDir([
    ...(builtNextToUs ? [resolve(entry, '../renderer')] : []),
    resolve(entry, '../out/renderer'),
    resolve(process.cwd(), 'out/renderer')
  ])
  let server
  try {
    server = await startHeadlessServer({
      app,
      dataDir,
      host: stringFlag(args, 'host') ?? '127.0.0.1',
      port: intFlag(args, 'port', 0, 65535) ?? 8787,
      uiDir,
      logger: logger.child('http')
    })
  } catch (error) {
    await app.stop()
    throw error
  }
  if (!uiDir) logger.warn('the UI is not built (run `npm run build`); only the API is served')
  // The one line a user (or a test harness) looks for.
  process.stdout.write(`Vigil is running at ${server.url} (data: ${dataDir})\n`)

  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info(`${signal}: stopping recorders cleanly`)
    await server.close()
    await app.stop()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
}
