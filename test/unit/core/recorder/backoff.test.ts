import { describe, expect, it } from 'vitest'
import { backoffDelay } from '../../../../main/core/recorder/backoff'

const policy = { baseMs: 1000, capMs: 30_000 }

describe('backoffDelay', () => {
  it('doubles from the base with each failure', () => {
    expect([1, 2, 3, 4, 5].map((failures) => backoffDelay(failures, policy))).toEqual([1000, 2000, 4000, 8000, 16_000])
  })

  it('never waits longer than the cap', () => {
    expect(backoffDelay(6, policy)).toBe(30_000)
    expect(backoffDelay(1000, policy)).toBe(30_000)
    expect(backoffDelay(Number.MAX_SAFE_INTEGER, policy)).toBe(30_000)
  })

  it('treats zero or negative failure counts as the first failure', () => {
    expect(backoffDelay(0, policy)).toBe(1000)
    expect(backoffDelay(-3, policy)).toBe(1000)
  })

  it('caps even the first delay', () => {
    expect(backoffDelay(1, { baseMs: 5000, capMs: 2000 })).toBe(2000)
  })
})

describe('InterruptibleSleep', () => {
  it('waits the full time unless woken, and a wake ends the wait at once', async () => {
    const { InterruptibleSleep } = await import('../../../../main/core/recorder/backoff')
    const backoff = new InterruptibleSleep()
    const started = Date.now()
    await backoff.sleep(50)
    expect(Date.now() - started).toBeGreaterThanOrEqual(45)
    const long = backoff.sleep(60_000)
    backoff.wake()
    await long
    expect(Date.now() - started).toBeLessThan(5000)
    backoff.wake() // nothing to wake: harmless
  })
})
