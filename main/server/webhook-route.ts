import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger, VigilApp, WebhookOutcome } from '../core/host'
import { LoginRateLimiter } from './sessions'
import { SECURITY_HEADERS } from './static-files'

/** `/hooks/<camera id>/<token>`: ids and tokens are URL-safe; anything else is not a webhook. */
const HOOK_ROUTE = /^\/hooks\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{16,128})$/
const MAX_HOOK_BODY_BYTES = 64 * 1024

const STATUS: Record<WebhookOutcome, number> = { accepted: 204, unknown: 404, disabled: 403, paused: 202 }

export function isWebhookPath(path: string): boolean {
  return path.startsWith('/hooks/')
}

/**
 * Cameras that call out (doorbells with an "HTTP notification" action) reach Vigil here. The token in the
 * path is the only credential such devices can send; wrong tokens are rate limited per address like logins.
 * GET and POST both count: cameras differ in which they send. The body is read and ignored.
 */
export function webhookHandler(app: Pick<VigilApp, 'webhook'>, logger: Logger) {
  const limiter = new LoginRateLimiter(10, 60_000)
  return async (req: IncomingMessage, res: ServerResponse, rawPath: string): Promise<void> => {
    const client = req.socket.remoteAddress ?? 'unknown'
    const reply = (status: number, message?: string) => {
      res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
      res.end(message ?? '')
    }
    if (req.method !== 'GET' && req.method !== 'POST') return reply(405, 'Use GET or POST')
    const wait = limiter.retryAfter(client)
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait))
      return reply(429, `Too many wrong tokens; try again in ${wait} s`)
    }
    if (!(await drained(req))) return reply(413, 'Request too large')
    const match = HOOK_ROUTE.exec(rawPath)
    const outcome = match ? await app.webhook(match[1], match[2]) : 'unknown'
    if (outcome === 'unknown') {
      limiter.fail(client)
      // The token is a credential: the log names the client, never the path.
      logger.warn(`webhook call with an unknown camera or token from ${client}`)
      return reply(STATUS.unknown, 'Unknown webhook')
    }
    limiter.succeed(client)
    if (outcome === 'disabled') return reply(STATUS.disabled, 'This camera\'s webhook is switched off in Vigil')
    if (outcome === 'paused') return reply(STATUS.paused, 'Vigil is in privacy mode: nothing is recorded right now')
    return reply(STATUS.accepted)
  }
}

async function drained(req: IncomingMessage): Promise<boolean> {
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_HOOK_BODY_BYTES) return false
  }
  return true
}
