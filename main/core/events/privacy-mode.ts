import type { PrivacyState } from '../../contract'
import type { SettingsRepo } from '../db'

const KEY = 'privacy'
const DEFAULT_STATE: PrivacyState = { pausedUntil: null, alertsEnabled: true }

export interface PrivacyModeDeps {
  settings: SettingsRepo
  now?: () => number
  /** Called when the state changes, including when a pause runs out on its own. */
  onChange(state: PrivacyState): void
}

/**
 * Privacy mode: "people are home, record nothing for an hour". The pause survives a restart (it is stored)
 * and ends on its own; the alert switch lives here too because the tray menu and the header show both.
 */
export class PrivacyMode {
  private timer: NodeJS.Timeout | null = null
  private readonly now: () => number

  constructor(private readonly deps: PrivacyModeDeps) {
    this.now = deps.now ?? Date.now
  }

  state(): PrivacyState {
    const stored = { ...DEFAULT_STATE, ...this.deps.settings.get<Partial<PrivacyState>>(KEY, {}) }
    if (stored.pausedUntil !== null && stored.pausedUntil <= this.now()) stored.pausedUntil = null
    return stored
  }

  paused(): boolean {
    return this.state().pausedUntil !== null
  }

  set(change: { pauseMinutes?: number | null; alertsEnabled?: boolean }): PrivacyState {
    const next = this.state()
    if (change.pauseMinutes !== undefined) {
      next.pausedUntil = change.pauseMinutes === null ? null : this.now() + change.pauseMinutes * 60_000
    }
    if (change.alertsEnabled !== undefined) next.alertsEnabled = change.alertsEnabled
    this.deps.settings.set(KEY, next)
    this.arm()
    this.deps.onChange(next)
    return next
  }

  /** Arms the timer that ends a pause (also after a restart in the middle of one). */
  start(): void {
    this.arm()
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private arm(): void {
    this.stop()
    const until = this.state().pausedUntil
    if (until === null) return
    // setTimeout fires early for delays beyond 2^31 ms; a pause is at most a day, far below that.
    this.timer = setTimeout(() => {
      this.timer = null
      this.deps.settings.set(KEY, { ...this.state(), pausedUntil: null })
      this.deps.onChange(this.state())
    }, until - this.now())
  }
}
