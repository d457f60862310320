import { readdir, rmdir } from 'node:fs/promises'

/**
 * A pass over the recordings that runs on a timer and on demand (a new segment, a changed setting). Calls
 * while one runs share it: two passes deleting the same files at once would only trip over each other.
 */
export class PeriodicPass<T> {
  private timer: NodeJS.Timeout | null = null
  private running: Promise<T> | null = null

  constructor(private readonly pass: () => Promise<T>) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.run(), intervalMs)
    void this.run()
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.running
  }

  run(): Promise<T> {
    this.running ??= this.pass().finally(() => (this.running = null))
    return this.running
  }
}

/** Removes a date folder that retention emptied. */
export async function removeIfEmpty(dir: string): Promise<void> {
  try {
    if ((await readdir(dir)).length === 0) await rmdir(dir)
  } catch {
    // Another segment landed there meanwhile, or it is already gone: both fine.
  }
}
