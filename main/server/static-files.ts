import { existsSync, readFileSync, statSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

/** Same policy as the desktop window's meta tag: only our own scripts, no inline code, no outside hosts. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'"
].join('; ')

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin'
}

/**
 * Serves the built UI. A request path is resolved inside uiDir or refused: `..` and absolute paths never
 * reach the filesystem. Unknown paths without an extension get index.html (client-side routes).
 */
export function serveStatic(uiDir: string | null, urlPath: string, res: ServerResponse): void {
  if (!uiDir) {
    res.writeHead(503, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
    res.end('The Vigil UI is not built. Run `npm run build` (npm start and npm run serve do it for you).\n')
    return
  }
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    res.writeHead(400, SECURITY_HEADERS).end()
    return
  }
  // Checked before normalising, which would fold a leading "/.." away and hide the attempt.
  if (decoded.split(/[/\\]/).includes('..') || decoded.includes('\0')) {
    res.writeHead(403, SECURITY_HEADERS).end()
    return
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '')
  let file = join(uiDir, relative || 'index.html')
  if (!file.startsWith(uiDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
    if (extname(relative)) {
      res.writeHead(404, SECURITY_HEADERS).end()
      return
    }
    file = join(uiDir, 'index.html')
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream'
  // Hashed asset names can be cached for good; index.html must always be fresh.
  const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': cache })
  res.end(readFileSync(file))
}

export function findUiDir(candidates: string[]): string | null {
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null
}
