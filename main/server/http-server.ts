import { createReadStream } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { LIVE_PATH, type Envelope } from '../contract'
import type { LiveSink, Logger, VigilApp } from '../core/host'
import { liveRequestFromQuery } from '../core/live/live-request'
import { planRange } from '../core/media/byte-range'
import { lookupMedia } from '../core/media/media-files'
import { loadPassword, verifyPassword, type StoredHash } from './password'
import { LoginRateLimiter, parseCookies, SESSION_COOKIE, SessionStore } from './sessions'
import { SECURITY_HEADERS, serveStatic } from './static-files'
import { isWebhookPath, webhookHandler } from './webhook-route'

export interface HeadlessServerOptions {
  app: VigilApp
  dataDir: string
  host: string
  port: number
  uiDir: string | null
  logger: Logger
}

export interface HeadlessServer {
  url: string
  close(): Promise<void>
}

const MAX_BODY_BYTES = 1024 * 1024
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost'])

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host)
}

/**
 * The headless transport: the same contract as the desktop IPC, over HTTP (calls) and WebSocket (pushes).
 * Binding anything but loopback requires a password (scrypt hash in the data dir).
 */
export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const { app, logger } = options
  const password = loadPassword(options.dataDir)
  if (!isLoopback(options.host) && !password) {
    throw new Error(
      `Refusing to listen on ${options.host} without a password: anyone on your network could watch your cameras. ` +
        `Set one with \`vigil password set --data-dir ${options.dataDir}\`, or listen on 127.0.0.1.`
    )
  }
  const sessions = new SessionStore()
  const limiter = new LoginRateLimiter()
  const sockets = new Set<WebSocket>()
  const liveSockets = new Set<WebSocket>()
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 })

  const webhook = webhookHandler(app, logger.child('hooks'))
  const authenticated = (req: IncomingMessage) =>
    !password || sessions.valid(parseCookies(req.headers.cookie)[SESSION_COOKIE])

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error(`request failed: ${String(error)}`)
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Internal error' } })
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://vigil.invalid')
    if (!sameOriginRequest(req)) {
      sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'Cross-origin request refused' } })
      return
    }
    if (url.pathname === '/api/session' && req.method === 'GET') {
      sendJson(res, 200, { authenticated: authenticated(req), passwordRequired: !!password })
      return
    }
    if (url.pathname === '/api/login' && req.method === 'POST') {
      await login(req, res, password)
      return
    }
    // Decided on the raw path too: URL parsing folds "/media/segments/../../x" into "/x".
    const rawPath = (req.url ?? '/').split('?')[0]
    if (rawPath.startsWith('/media/') || url.pathname.startsWith('/media/')) {
      serveMedia(req, res, rawPath)
      return
    }
    // A camera is no logged-in browser: its token authenticates the call.
    if (isWebhookPath(rawPath)) {
      await webhook(req, res, rawPath)
      return
    }
    if (url.pathname.startsWith('/api/')) {
      if (!authenticated(req)) {
        sendJson(res, 401, { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Log in first' } })
        return
      }
      const method = /^\/api\/call\/([a-zA-Z.]+)$/.exec(url.pathname)?.[1]
      if (!method || req.method !== 'POST') {
        sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: `No route ${req.method} ${url.pathname}` } })
        return
      }
      // JSON only: a cross-site form cannot send it without a CORS preflight, which we never answer.
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        sendJson(res, 415, { ok: false, error: { code: 'VALIDATION', message: 'Send JSON (Content-Type: application/json)' } })
        return
      }
      const body = await readJson(req)
      const envelope: Envelope = body.ok ? await app.dispatch(method, body.value) : body.envelope
      sendJson(res, 200, envelope)
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, SECURITY_HEADERS).end()
      return
    }
    serveStatic(options.uiDir, url.pathname, res)
  }

  /** Recorded segments, export previews and package ZIPs, by ids the core knows, with range support. */
  function serveMedia(req: IncomingMessage, res: ServerResponse, rawPath: string): void {
    if (!authenticated(req)) {
      sendJson(res, 401, { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Log in first' } })
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...SECURITY_HEADERS, Allow: 'GET, HEAD' }).end()
      return
    }
    const found = lookupMedia(rawPath, app.media)
    if (found.kind !== 'file') {
      const status = found.kind === 'bad' ? 400 : 404
      sendJson(res, status, { ok: false, error: { code: status === 400 ? 'VALIDATION' : 'NOT_FOUND', message: found.message } })
      return
    }
    const file = found
    const plan = planRange(req.headers.range, file.bytes, file.mime)
    if (file.download) res.setHeader('Content-Disposition', `attachment; filename="${file.download}"`)
    res.writeHead(plan.status, { ...SECURITY_HEADERS, ...plan.headers })
    if (plan.status === 416 || req.method === 'HEAD' || plan.end < plan.start) {
      res.end()
      return
    }
    const stream = createReadStream(file.path, { start: plan.start, end: plan.end })
    stream.on('error', (error) => {
      logger.warn(`reading ${rawPath} failed: ${error.message}`)
      res.destroy()
    })
    res.on('close', () => stream.destroy())
    stream.pipe(res)
  }

  async function login(req: IncomingMessage, res: ServerResponse, stored: StoredHash | null): Promise<void> {
    const client = req.socket.remoteAddress ?? 'unknown'
    const wait = limiter.retryAfter(client)
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait))
      sendJson(res, 429, { ok: false, error: { code: 'RATE_LIMITED', message: `Too many attempts; try again in ${wait} s` } })
      return
    }
    const body = await readJson(req)
    const typed = body.ok && typeof (body.value as { password?: unknown })?.password === 'string'
      ? (body.value as { password: string }).password
      : ''
    if (stored && !(await verifyPassword(stored, typed))) {
      limiter.fail(client)
      logger.warn(`failed login from ${client}`)
      sendJson(res, 401, { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Wrong password' } })
      return
    }
    limiter.succeed(client)
    res.setHeader('Set-Cookie', sessions.cookie(sessions.create()))
    sendJson(res, 200, { ok: true, value: { authenticated: true } })
  }

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://vigil.invalid')
    const path = url.pathname
    if ((path !== '/api/events' && path !== LIVE_PATH) || !sameOriginRequest(req) || !authenticated(req)) {
      refuseUpgrade(socket, '403 Forbidden')
      return
    }
    if (path === LIVE_PATH) {
      const request = liveRequestFromQuery(url.searchParams)
      if (!request) {
        refuseUpgrade(socket, '400 Bad Request')
        return
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        liveSockets.add(ws)
        const close = app.media.openLive(request, liveSink(ws))
        const done = () => {
          liveSockets.delete(ws)
          close()
        }
        ws.on('close', done)
        ws.on('error', done)
      })
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws)
      ws.on('close', () => sockets.delete(ws))
      ws.on('error', () => sockets.delete(ws))
    })
  })

  const unsubscribe = app.subscribe((event, payload) => {
    const message = JSON.stringify({ event, payload })
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(message)
  })

  /** Refuses requests whose Origin or Host is not this server (cross-site requests, DNS rebinding). */
  function sameOriginRequest(req: IncomingMessage): boolean {
    const host = req.headers.host
    if (!host) return false
    if (isLoopback(options.host)) {
      const hostname = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '')
      if (!isLoopback(hostname)) return false
    }
    const origin = req.headers.origin
    return !origin || origin === `http://${host}`
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => resolve())
  })
  const address = server.address() as AddressInfo
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${shownHost}:${address.port}/`,
    async close() {
      unsubscribe()
      for (const ws of [...sockets, ...liveSockets]) ws.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`)
  socket.destroy()
}

/** The live protocol over one WebSocket (media-routes.ts): hello and error as JSON text, fMP4 bytes as binary. */
function liveSink(ws: WebSocket): LiveSink {
  return {
    send(message) {
      if (ws.readyState !== ws.OPEN) return
      if (message.kind === 'data') ws.send(message.bytes, { binary: true })
      else ws.send(JSON.stringify(message.kind === 'hello' ? { hello: message.hello } : { error: message.message }))
    },
    bufferedBytes: () => ws.bufferedAmount,
    end: () => ws.close(1000)
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(JSON.stringify(body))
}

async function readJson(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; envelope: Envelope }> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) return { ok: false, envelope: { ok: false, error: { code: 'VALIDATION', message: 'Request too large' } } }
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (!text) return { ok: true, value: {} }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false, envelope: { ok: false, error: { code: 'VALIDATION', message: 'The request body is not valid JSON' } } }
  }
}
