import { randomBytes } from 'node:crypto'

export const SESSION_COOKIE = 'vigil_session'
const SESSION_TTL_MS = 12 * 3_600_000

/** In-memory sessions: a restart of the server logs everyone out, which is the safe direction. */
export class SessionStore {
  private readonly sessions = new Map<string, number>()

  constructor(private readonly now: () => number = Date.now) {}

  create(): string {
    const token = randomBytes(32).toString('base64url')
    this.sessions.set(token, this.now() + SESSION_TTL_MS)
    return token
  }

  valid(token: string | undefined): boolean {
    if (!token) return false
    const expires = this.sessions.get(token)
    if (expires === undefined) return false
    if (expires < this.now()) {
      this.sessions.delete(token)
      return false
    }
    return true
  }

  cookie(token: string): string {
    return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_TTL_MS / 1000}`
  }
}

/** Failed logins per client: after `limit` failures within `windowMs`, further attempts wait. */
export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>()

  constructor(
    private readonly limit = 5,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now
  ) {}

  /** Seconds the client must wait, or 0 when it may try. */
  retryAfter(client: string): number {
    const recent = this.recent(client)
    if (recent.length < this.limit) return 0
    return Math.ceil((recent[0] + this.windowMs - this.now()) / 1000)
  }

  fail(client: string): void {
    this.failures.set(client, [...this.recent(client), this.now()])
  }

  succeed(client: string): void {
    this.failures.delete(client)
  }

  private recent(client: string): number[] {
    const cutoff = this.now() - this.windowMs
    return (this.failures.get(client) ?? []).filter((at) => at > cutoff)
  }
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0) cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim()
  }
  return cookies
}
