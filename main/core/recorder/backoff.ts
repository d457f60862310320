export interface BackoffPolicy {
  baseMs: number
  capMs: number
}

/** Capped exponential backoff: base, 2x base, 4x base ... never above cap. failures counts from 1. */
export function backoffDelay(failures: number, policy: BackoffPolicy): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30))
  return Math.min(policy.capMs, policy.baseMs * 2 ** exponent)
}
