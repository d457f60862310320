import { describe, expect, it } from 'vitest'
import { LoginRateLimiter, parseCookies, SESSION_COOKIE, SessionStore } from '../../../main/server/sessions'

const HOUR = 3_600_000

/** A clock the test moves by hand. */
function manualClock(start = Date.UTC(2026, 10, 24, 12, 0, 0)) {
  let now = start
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

describe('SessionStore', () => {
  it('accepts a token it created and refuses others', () => {
    const sessions = new SessionStore()
    const token = sessions.create()
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(sessions.valid(token)).toBe(true)
    expect(sessions.valid(`${token}x`)).toBe(false)
    expect(sessions.valid('')).toBe(false)
    expect(sessions.valid(undefined)).toBe(false)
    expect(sessions.create()).not.toBe(token)
  })

  it('lets a session expire after 12 hours', () => {
    const clock = manualClock()
    const sessions = new SessionStore(clock.now)
    const token = sessions.create()
    clock.advance(12 * HOUR)
    expect(sessions.valid(token)).toBe(true)
    clock.advance(1)
    expect(sessions.valid(token)).toBe(false)
    // Once expired it stays gone, even if the clock steps back.
    clock.advance(-HOUR)
    expect(sessions.valid(token)).toBe(false)
  })

  it('sets an HttpOnly, SameSite=Strict cookie that lives as long as the session', () => {
    const cookie = new SessionStore().cookie('tok')
    expect(cookie).toBe(`${SESSION_COOKIE}=tok; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200`)
  })
})

describe('LoginRateLimiter', () => {
  it('lets a client try until the fifth failure, then makes it wait', () => {
    const clock = manualClock()
    const limiter = new LoginRateLimiter(5, 60_000, clock.now)
    for (let i = 0; i < 4; i++) {
      limiter.fail('10.0.0.2')
      clock.advance(1000)
    }
    expect(limiter.retryAfter('10.0.0.2')).toBe(0)
    limiter.fail('10.0.0.2')
    // The first failure was 4 s ago: it leaves the 60 s window in 56 s.
    expect(limiter.retryAfter('10.0.0.2')).toBe(56)
    expect(limiter.retryAfter('10.0.0.3')).toBe(0)
  })

  it('forgets the failures after a success', () => {
    const clock = manualClock()
    const limiter = new LoginRateLimiter(5, 60_000, clock.now)
    for (let i = 0; i < 5; i++) limiter.fail('c')
    expect(limiter.retryAfter('c')).toBeGreaterThan(0)
    limiter.succeed('c')
    expect(limiter.retryAfter('c')).toBe(0)
  })

  it('lets failures leave the window as time passes', () => {
    const clock = manualClock()
    const limiter = new LoginRateLimiter(5, 60_000, clock.now)
    for (let i = 0; i < 5; i++) limiter.fail('c')
    clock.advance(59_001)
    expect(limiter.retryAfter('c')).toBe(1)
    clock.advance(999)
    expect(limiter.retryAfter('c')).toBe(0)
    // One new failure does not block again: the old ones have left the window.
    limiter.fail('c')
    expect(limiter.retryAfter('c')).toBe(0)
  })
})

describe('parseCookies', () => {
  it('reads name=value pairs, keeping = inside values', () => {
    expect(parseCookies(`theme=dark; ${SESSION_COOKIE}=abc=def;  lang=de `)).toEqual({
      theme: 'dark',
      [SESSION_COOKIE]: 'abc=def',
      lang: 'de'
    })
  })

  it('ignores parts without a name and a missing header', () => {
    expect(parseCookies('=orphan; flag; a=1')).toEqual({ a: '1' })
    expect(parseCookies(undefined)).toEqual({})
    expect(parseCookies('')).toEqual({})
  })
})
