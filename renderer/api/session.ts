// Login for the headless server (the desktop window needs none): GET /api/session, POST /api/login.
export interface SessionState {
  authenticated: boolean
  passwordRequired: boolean
}

export type LoginResult =
  | { ok: true }
  | { ok: false; reason: 'wrongPassword' }
  | { ok: false; reason: 'rateLimited'; retryAfterSeconds: number | null }
  | { ok: false; reason: 'unreachable'; detail: string }

export async function fetchSession(): Promise<SessionState> {
  const response = await fetch('/api/session', { credentials: 'same-origin' })
  if (!response.ok) throw new Error(`GET /api/session answered HTTP ${response.status}`)
  return (await response.json()) as SessionState
}

export async function login(password: string): Promise<LoginResult> {
  let response: Response
  try {
    response = await fetch('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ password })
    })
  } catch (error) {
    return { ok: false, reason: 'unreachable', detail: (error as Error).message }
  }
  if (response.ok) return { ok: true }
  if (response.status === 401) return { ok: false, reason: 'wrongPassword' }
  if (response.status === 429) {
    const seconds = Number.parseInt(response.headers.get('retry-after') ?? '', 10)
    return { ok: false, reason: 'rateLimited', retryAfterSeconds: Number.isFinite(seconds) ? seconds : null }
  }
  return { ok: false, reason: 'unreachable', detail: `HTTP ${response.status}` }
}
