export interface BackoffPolicy {
  baseMs: number
  capMs: number
}

/** Capped exponential backoff: base, 2x base, 4x base ... never above cap. failures counts from 1. */
export function backoffDelay(failures: number, policy: BackoffPolicy): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30))
  return Math.min(policy.capMs, policy.baseMs * 2 ** exponent)
}

/**
 * A wait between retries that stop() can cut short: a supervisor sleeping through its backoff must not
 * delay a clean shutdown by the rest of it.
 */
export class InterruptibleSleep {
  private wakeUp: (() => void) | null = null

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        if (this.wakeUp === done) this.wakeUp = null
        resolve()
      }
      const timer = setTimeout(done, ms)
      this.wakeUp = done
    })
  }

  /** Ends the current wait at once (if any). */
  wake(): void {
    this.wakeUp?.()
  }
}
