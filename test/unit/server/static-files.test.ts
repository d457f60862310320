import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findUiDir, SECURITY_HEADERS, serveStatic } from '../../../main/server/static-files'

// <root>/ui is the built UI; <root>/secret.txt sits next to it and must never be served.
let root: string
let uiDir: string

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'vigil-static-'))
  uiDir = join(root, 'ui')
  mkdirSync(join(uiDir, 'assets'), { recursive: true })
  writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>Vigil</title>')
  writeFileSync(join(uiDir, 'assets', 'index-3f2a.js'), 'console.log("vigil")')
  writeFileSync(join(uiDir, 'favicon.svg'), '<svg/>')
  writeFileSync(join(root, 'secret.txt'), 'TOP SECRET')
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** Records what serveStatic does with a response. */
class RecordedResponse {
  status = 0
  headers: Record<string, string> = {}
  body = ''
  writeHead(status: number, headers: Record<string, string> = {}) {
    this.status = status
    this.headers = headers
    return this
  }
  end(body?: Buffer | string) {
    if (body !== undefined) this.body = body.toString()
    return this
  }
}

function get(path: string, dir: string | null = uiDir): RecordedResponse {
  const res = new RecordedResponse()
  serveStatic(dir, path, res as unknown as ServerResponse)
  return res
}

describe('serveStatic', () => {
  it('serves index.html for /, never cached', () => {
    const res = get('/')
    expect(res.status).toBe(200)
    expect(res.body).toContain('<title>Vigil</title>')
    expect(res.headers['Content-Type']).toBe('text/html; charset=utf-8')
    expect(res.headers['Cache-Control']).toBe('no-cache')
  })

  it('serves hashed assets with their type, cached for good', () => {
    const res = get('/assets/index-3f2a.js')
    expect(res.status).toBe(200)
    expect(res.body).toBe('console.log("vigil")')
    expect(res.headers['Content-Type']).toBe('text/javascript; charset=utf-8')
    expect(res.headers['Cache-Control']).toContain('immutable')
    expect(get('/favicon.svg').headers['Content-Type']).toBe('image/svg+xml')
  })

  it('answers every response with the security headers', () => {
    for (const path of ['/', '/assets/index-3f2a.js', '/missing.js', '/..%5Csecret.txt']) {
      expect(get(path).headers).toMatchObject(SECURITY_HEADERS)
    }
    expect(SECURITY_HEADERS['Content-Security-Policy']).toContain("script-src 'self'")
  })

  it('falls back to index.html for client-side routes (no extension)', () => {
    const res = get('/cameras/door-1a2b3c')
    expect(res.status).toBe(200)
    expect(res.body).toContain('<title>Vigil</title>')
  })

  it('answers 404 for a missing file with an extension', () => {
    expect(get('/assets/missing-0000.js').status).toBe(404)
  })

  it('serves a folder path as the app, not as a listing', () => {
    const res = get('/assets')
    expect(res.status).toBe(200)
    expect(res.body).toContain('<title>Vigil</title>')
  })

  it.each(['..\\secret.txt', '/..%5Csecret.txt', '/assets/..%5C..%5Csecret.txt', '../secret.txt', 'assets/../../secret.txt'])(
    'refuses the traversal %j with 403',
    (path) => {
      const res = get(path)
      expect(res.status).toBe(403)
      expect(res.body).toBe('')
    }
  )

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2F..%2Fsecret.txt', '/%2E%2E%2F%2E%2E%2Fsecret.txt', '//../secret.txt'])(
    'never reaches outside the UI folder for %j',
    (path) => {
      const res = get(path)
      expect(res.body).not.toContain('TOP SECRET')
      expect(res.status).not.toBe(200)
    }
  )

  it('refuses a NUL byte with 403 and a malformed escape with 400', () => {
    expect(get('/index.html%00.js').status).toBe(403)
    expect(get('/%E0%A4%A').status).toBe(400)
  })

  it('says how to build the UI when there is none (503)', () => {
    const res = get('/', null)
    expect(res.status).toBe(503)
    expect(res.body).toContain('npm run build')
  })
})

describe('serveStatic behind a real HTTP server', () => {
  let server: Server
  let base: string

  beforeAll(async () => {
    server = createServer((req, res) => serveStatic(uiDir, new URL(req.url ?? '/', 'http://localhost').pathname, res))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('serves the app and an asset', async () => {
    const page = await fetch(`${base}/recordings`)
    expect(page.status).toBe(200)
    expect(page.headers.get('x-frame-options')).toBe('DENY')
    expect(await page.text()).toContain('<title>Vigil</title>')
    expect(await (await fetch(`${base}/assets/index-3f2a.js`)).text()).toBe('console.log("vigil")')
  })

  it('refuses an encoded backslash traversal and never leaks the file next to the UI', async () => {
    const refused = await fetch(`${base}/..%5Csecret.txt`)
    expect(refused.status).toBe(403)
    const encoded = await fetch(`${base}/assets/..%2F..%2Fsecret.txt`)
    expect(await encoded.text()).not.toContain('TOP SECRET')
  })
})

describe('findUiDir', () => {
  it('returns the first candidate that holds index.html', () => {
    expect(findUiDir([join(root, 'nope'), root, uiDir])).toBe(uiDir)
    expect(findUiDir([join(root, 'nope')])).toBeNull()
  })
})
