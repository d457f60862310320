import type { CameraRegistry } from '../cameras/registry'
import type { Logger } from '../host'
import type { DetectionSettings } from '../../contract'
import { OnvifEventSubscription } from './onvif/pullpoint-client'
import type { CameraSignal } from './onvif/notifications'

export interface CameraEventsManagerDeps {
  registry: CameraRegistry
  detection(cameraId: string): DetectionSettings
  logger: Logger
  onSignal(cameraId: string, signal: CameraSignal): void
}

/** One ONVIF PullPoint subscription per enabled camera that has camera events switched on. */
export class CameraEventsManager {
  private readonly subscriptions = new Map<string, { subscription: OnvifEventSubscription; signature: string }>()

  constructor(private readonly deps: CameraEventsManagerDeps) {}

  async sync(active: boolean): Promise<void> {
    const wanted = new Map<string, { deviceUrl: string; username: string | null; password: string | null }>()
    if (active) {
      for (const row of this.deps.registry.rows()) {
        const onvif = this.deps.detection(row.id).onvif
        if (!row.enabled || !onvif.enabled || !onvif.deviceUrl) continue
        const [username = null, password = null] = this.deps.registry.secretsOf(row.id)
        wanted.set(row.id, { deviceUrl: onvif.deviceUrl, username, password })
      }
    }
    // Unsubscribed together: each camera may take its request timeout to answer.
    const stopping: Promise<void>[] = []
    for (const [id, running] of this.subscriptions) {
      const want = wanted.get(id)
      if (want && signatureOf(want) === running.signature) continue
      this.subscriptions.delete(id)
      stopping.push(running.subscription.stop())
    }
    await Promise.all(stopping)
    for (const [id, want] of wanted) {
      if (this.subscriptions.has(id)) continue
      const subscription = new OnvifEventSubscription({
        ...want,
        logger: this.deps.logger.child(id),
        onSignal: (signal) => this.deps.onSignal(id, signal)
      })
      this.subscriptions.set(id, { subscription, signature: signatureOf(want) })
      subscription.start()
    }
  }

  async stopAll(): Promise<void> {
    await this.sync(false)
  }
}

/** Credentials are part of the signature (a new password re-subscribes) but never leave this module. */
function signatureOf(want: { deviceUrl: string; username: string | null; password: string | null }): string {
  return JSON.stringify([want.deviceUrl, want.username, want.password])
}
