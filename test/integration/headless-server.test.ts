// The headless transport over real HTTP and WebSocket: loopback by default, a password for anything else,
// sessions in HttpOnly SameSite=Strict cookies, a rate-limited login, and no cross-origin use.
import { mkdirSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../main/core/app'
import type { VigilApp } from '../../main/core/host'
import { silentLogger } from '../../main/core/logger'
import { startHeadlessServer, type HeadlessServer } from '../../main/server/http-server'
import { setPassword } from '../../main/server/password'
import { removeDir, tempDir } from '../support/vigil'

const PASSWORD = 'correct horse battery'

type Reply = { ok: boolean; value?: unknown; error: { code: string; fields: Record<string, string> } }
const json = async (response: Response) => (await response.json()) as Reply

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
}

function statusWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { host, 'content-type': 'application/json' } }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    req.end('{}')
  })
}

describe('headless server without a password', () => {
  let dataDir: string
  let app: VigilApp

  beforeAll(async () => {
    dataDir = tempDir()
    app = createApp({ dataDir, headless: true, demo: 'off', logger: silentLogger })
    await app.start('configure')
  })
  afterAll(async () => {
    await app.stop()
    removeDir(dataDir)
  })

  it('refuses to listen beyond loopback and says how to set a password', async () => {
    await expect(startHeadlessServer({ app, dataDir, host: '0.0.0.0', port: 0, uiDir: null, logger: silentLogger })).rejects.toThrow(
      /without a password.*vigil password set/
    )
  })

  it('serves the API on 127.0.0.1 and refuses requests for other host names (DNS rebinding)', async () => {
    const server = await startHeadlessServer({ app, dataDir, host: '127.0.0.1', port: 0, uiDir: null, logger: silentLogger })
    try {
      const ok = await json(await post(`${server.url}api/call/cameras.list`, {}))
      expect(ok).toEqual({ ok: true, value: [] })
      // fetch() may not set Host, so this request goes out through node:http.
      expect(await statusWithHost(`${server.url}api/call/cameras.list`, 'attacker.example')).toBe(403)
      expect(await statusWithHost(`${server.url}api/call/cameras.list`, `localhost:${new URL(server.url).port}`)).toBe(200)
      const crossSite = await post(`${server.url}api/call/cameras.list`, {}, { origin: 'http://attacker.example' })
      expect(crossSite.status).toBe(403)
      const form = await fetch(`${server.url}api/call/cameras.list`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' })
      expect(form.status).toBe(415)
      const unknown = await json(await post(`${server.url}api/call/cameras.destroyEverything`, {}))
      expect(unknown.error.code).toBe('NOT_FOUND')
      const invalid = await json(await post(`${server.url}api/call/cameras.add`, { name: '', mainUrl: 'ftp://x' }))
      expect(invalid.error.code).toBe('VALIDATION')
      expect(Object.keys(invalid.error.fields).sort()).toEqual(['mainUrl', 'name'])
      const page = await fetch(server.url)
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    } finally {
      await server.close()
    }
  })
})

describe('headless server with a password', () => {
  let dataDir: string
  let app: VigilApp
  let server: HeadlessServer
  let base: string

  beforeAll(async () => {
    dataDir = tempDir()
    mkdirSync(join(dataDir), { recursive: true })
    await setPassword(dataDir, PASSWORD)
    app = createApp({ dataDir, headless: true, demo: 'off', logger: silentLogger })
    await app.start('configure')
    server = await startHeadlessServer({ app, dataDir, host: '0.0.0.0', port: 0, uiDir: null, logger: silentLogger })
    base = server.url.replace('0.0.0.0', '127.0.0.1')
  })
  afterAll(async () => {
    await server?.close()
    await app?.stop()
    removeDir(dataDir)
  })

  it('answers 401 until logged in, and sets a strict HttpOnly session cookie on login', async () => {
    const anonymous = await post(`${base}api/call/cameras.list`, {})
    expect(anonymous.status).toBe(401)
    expect((await json(anonymous)).error.code).toBe('UNAUTHENTICATED')
    expect(await (await fetch(`${base}api/session`)).json()).toEqual({ authenticated: false, passwordRequired: true })

    const login = await post(`${base}api/login`, { password: PASSWORD })
    expect(login.status).toBe(200)
    const cookie = login.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    const session = cookie.split(';')[0]
    const list = await post(`${base}api/call/cameras.list`, {}, { cookie: session })
    expect(await list.json()).toEqual({ ok: true, value: [] })

    // Pushes need the session too.
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${base.replace('http', 'ws')}api/events`)
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
      ws.on('open', () => resolve(101))
    })
    expect(refused).toBe(403)
    const received = await new Promise<unknown>((resolve, reject) => {
      const ws = new WebSocket(`${base.replace('http', 'ws')}api/events`, { headers: { cookie: session } })
      ws.on('open', () => void post(`${base}api/call/cameras.add`, { name: 'Yard', mainUrl: 'rtsp://127.0.0.1:1/x', enabled: false }, { cookie: session }))
      ws.on('message', (data) => {
        resolve(JSON.parse(String(data)))
        ws.close()
      })
      ws.on('error', reject)
    })
    expect(received).toEqual({ event: 'camerasChanged', payload: { reason: 'added' } })
  })

  it('rate-limits wrong passwords with Retry-After', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push((await post(`${base}api/login`, { password: `guess-${i}` })).status)
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401])
    const limited = await post(`${base}api/login`, { password: PASSWORD })
    expect(statuses[5]).toBe(429)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})
