// The webhook port: an HTTP listener on every network interface that answers camera webhooks and nothing
// else. Cameras that call out need an address on the network; the desktop app otherwise opens no port, and
// the headless server binds 127.0.0.1 unless a password is set. Opt-in (Settings), one port, no UI, no API.
import { createServer, type Server } from 'node:http'
import type { WebhookListenerState } from '../contract'
import type { Logger, VigilApp } from '../core/host'
import { SECURITY_HEADERS } from './static-files'
import { isWebhookPath, webhookHandler } from './webhook-route'

const OFF: WebhookListenerState = { port: null, state: 'off', message: null }

export class WebhookListener {
  private server: Server | null = null
  private state: WebhookListenerState = OFF
  private readonly handle: ReturnType<typeof webhookHandler>

  /** `app` is asked only when a call arrives, so the listener can be made before the app it serves. */
  constructor(app: () => Pick<VigilApp, 'webhook'>, private readonly logger: Logger) {
    this.handle = webhookHandler({ webhook: (cameraId, token) => app().webhook(cameraId, token) }, logger)
  }

  /**
   * Listens on `port`; null closes the listener. A new port is opened before the old one closes, so a port
   * that cannot be opened leaves the old one serving (the answer says why). Never throws.
   */
  async listen(port: number | null): Promise<WebhookListenerState> {
    if (port === this.state.port && this.state.state === 'listening') return this.state
    if (port === null) {
      await this.close()
      return this.state
    }
    const server = this.createServer()
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      server.once('error', resolve)
      // No host: every interface, IPv6 and IPv4, since the caller is a camera somewhere on the network.
      server.listen(port, () => resolve(null))
    })
    if (error) return { port, state: 'failed', message: listenError(port, error) }
    await this.close()
    server.on('error', (e) => this.logger.error(`webhook port ${port}: ${String(e)}`))
    this.server = server
    this.state = { port, state: 'listening', message: null }
    this.logger.info(`webhook port ${port} open on every network interface`)
    return this.state
  }

  private createServer(): Server {
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0]!
      if (isWebhookPath(path)) {
        this.handle(req, res, path).catch((error: unknown) => {
          this.logger.error(`webhook failed: ${String(error)}`)
          if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS)
          res.end()
        })
        return
      }
      // Nothing else lives here: no UI, no API, not even a hint that Vigil runs.
      res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
      res.end('Not found')
    })
    server.requestTimeout = 10_000
    server.headersTimeout = 5_000
    return server
  }

  async close(): Promise<void> {
    const server = this.server
    this.server = null
    this.state = OFF
    if (!server) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

function listenError(port: number, error: NodeJS.ErrnoException): string {
  if (error.code === 'EADDRINUSE') return `Port ${port} is already used by another program: choose another one`
  if (error.code === 'EACCES') return `This system does not let Vigil open port ${port}: choose one from 1024 up`
  return `Port ${port} could not be opened (${error.code ?? error.message})`
}
