// A camera's ONVIF events over a PullPoint subscription: learn the camera's clock, find its event service,
// subscribe, long-poll PullMessages, renew before the subscription terminates, and start over with backoff
// after any failure. Doorbell presses and motion come out as CameraSignals (see notifications.ts).
import type { Logger } from '../../host'
import { scrubSecrets } from '../../media/redact'
import { hostOf } from '../../media/stream-errors'
import { backoffDelay, InterruptibleSleep, type BackoffPolicy } from '../../recorder/backoff'
import { HttpDigestAuth } from './http-digest'
import { findNotifications, parseTopicSet, SignalTracker, type CameraSignal, type OnvifNotification, type TopicRule } from './notifications'
import {
  ACTION,
  NS,
  OnvifError,
  parseXsDateTime,
  referenceParametersOf,
  soapCall,
  xmlChild,
  xmlChildren,
  xmlText,
  type Credentials,
  type OnvifErrorCode,
  type SoapCall,
  type XmlNode
} from './soap'

export interface OnvifEventState {
  connected: boolean
  error: string | null
  /** Why it is not connected: ONVIF_UNAUTHORIZED means the user name or password is wrong. */
  code: OnvifErrorCode | null
}

export interface OnvifTiming {
  /** PullMessages Timeout: how long the camera may hold a pull open when it has nothing to say. */
  pullTimeoutS?: number
  /** Subscription lifetime asked for; renewed well before it runs out. */
  terminationS?: number
  /** Limit for every call except the long-poll, which gets pullTimeoutS on top. */
  requestTimeoutMs?: number
  backoff?: BackoffPolicy
}

export interface OnvifEventDeps {
  /** http://host:port/onvif/device_service */
  deviceUrl: string
  username: string | null
  password: string | null
  logger: Logger
  onSignal: (signal: CameraSignal) => void
  onState?: (state: OnvifEventState) => void
  /** Extra topic -> kind mappings (e.g. a digital input wired to a bell button), tried before the built-in ones. */
  topicRules?: readonly TopicRule[]
  timing?: OnvifTiming
}

const DEFAULT_TIMING: Required<OnvifTiming> = {
  pullTimeoutS: 5,
  terminationS: 60,
  requestTimeoutMs: 5000,
  backoff: { baseMs: 1000, capMs: 60_000 }
}
const MESSAGE_LIMIT = 20
/** stop() waits this long at most for the camera to confirm Unsubscribe. */
const UNSUBSCRIBE_TIMEOUT_MS = 2000
/** A UtcTime further than this from the arrival time is not trusted (firmware writing local time as UTC). */
const PLAUSIBLE_SKEW_MS = 5 * 60_000
/** Pause after an empty answer that came back early, so a camera that ignores Timeout cannot make the loop spin. */
const EARLY_EMPTY_PAUSE_MS = 1000

interface Camera {
  deviceUrl: string
  credentials: Credentials | null
  /** Kept for the camera's lifetime, so each call does not pay for a 401 before its Digest authentication. */
  httpAuth: HttpDigestAuth | null
  /** Camera clock minus ours, in ms. */
  clockOffsetMs: number
  timeoutMs: number
  signal?: AbortSignal
}

interface Subscription {
  address: string
  referenceParameters: string | null
  /** Local time (ms) at which to renew. */
  renewAt: number
}

function credentialsOf(deps: Pick<OnvifEventDeps, 'username' | 'password'>): Credentials | null {
  return deps.username ? { username: deps.username, password: deps.password ?? '' } : null
}

function cameraOf(deviceUrl: string, credentials: Credentials | null, timeoutMs: number, signal?: AbortSignal): Camera {
  return { deviceUrl, credentials, httpAuth: credentials && new HttpDigestAuth(credentials), clockOffsetMs: 0, timeoutMs, signal }
}

function call(camera: Camera, request: Omit<SoapCall, 'credentials' | 'cameraNow' | 'timeoutMs' | 'signal' | 'httpAuth'> & { timeoutMs?: number }) {
  return soapCall({
    credentials: camera.credentials,
    httpAuth: camera.httpAuth,
    cameraNow: () => Date.now() + camera.clockOffsetMs,
    signal: camera.signal,
    ...request,
    timeoutMs: request.timeoutMs ?? camera.timeoutMs
  })
}

/** The camera's UTC clock in a GetSystemDateAndTime response, or null (some firmware sends local time only). */
export function cameraUtcOf(body: XmlNode): number | null {
  const utc = xmlChild(xmlChild(xmlChild(body, 'GetSystemDateAndTimeResponse'), 'SystemDateAndTime'), 'UTCDateTime')
  const date = xmlChild(utc, 'Date')
  const time = xmlChild(utc, 'Time')
  const field = (node: XmlNode | null, name: string) => Number(xmlText(xmlChildren(node, name)[0]) || Number.NaN)
  const ms = Date.UTC(field(date, 'Year'), field(date, 'Month') - 1, field(date, 'Day'), field(time, 'Hour'), field(time, 'Minute'), field(time, 'Second'))
  return Number.isFinite(ms) ? ms : null
}

/**
 * Camera clock minus ours. The digest's Created must be fresh by the camera's clock, and cameras are often
 * off by minutes or hours. GetSystemDateAndTime needs no WS-Security token for exactly this reason; the
 * camera's HTTP Digest state stays, for cameras that protect every URL on the HTTP layer.
 */
async function measureClockOffset(camera: Camera): Promise<number> {
  const sentAt = Date.now()
  let body: XmlNode
  try {
    body = (await call({ ...camera, credentials: null }, { url: camera.deviceUrl, action: ACTION.getSystemDateAndTime, body: '<tds:GetSystemDateAndTime/>' })).body
  } catch (error) {
    // A camera that faults here (some demand a password even for the time) is reachable: go on with our clock.
    if (error instanceof OnvifError && (error.code === 'ONVIF_FAULT' || error.code === 'ONVIF_UNAUTHORIZED')) return 0
    throw error
  }
  const receivedAt = Date.now()
  const cameraMs = cameraUtcOf(body)
  // The camera tells whole seconds: +500 ms centres the estimate in its second.
  return cameraMs === null ? 0 : cameraMs + 500 - (sentAt + receivedAt) / 2
}

/**
 * Cameras behind NAT or with a stale network setup announce service addresses with a host we cannot reach
 * (their LAN or factory IP). The device URL is known to work, so a foreign host is replaced by it.
 */
export function reachableAddress(address: string, deviceUrl: string): string {
  try {
    const target = new URL(address.trim().split(/\s+/)[0])
    const device = new URL(deviceUrl)
    if (target.hostname === device.hostname) return target.toString()
    target.protocol = device.protocol
    target.host = device.host
    return target.toString()
  } catch {
    return address
  }
}

/** The event service address: GetCapabilities (every ONVIF version), else GetServices (ONVIF 2.x). */
async function findEventService(camera: Camera): Promise<string> {
  let firstError: unknown = null
  try {
    const request = '<tds:GetCapabilities><tds:Category>Events</tds:Category></tds:GetCapabilities>'
    const { body } = await call(camera, { url: camera.deviceUrl, action: ACTION.getCapabilities, body: request })
    const xaddr = xmlText(xmlChildren(xmlChild(xmlChild(xmlChild(body, 'GetCapabilitiesResponse'), 'Capabilities'), 'Events'), 'XAddr')[0])
    if (xaddr) return reachableAddress(xaddr, camera.deviceUrl)
  } catch (error) {
    if (!(error instanceof OnvifError) || error.code !== 'ONVIF_FAULT') throw error
    firstError = error
  }
  try {
    const request = '<tds:GetServices><tds:IncludeCapability>false</tds:IncludeCapability></tds:GetServices>'
    const { body } = await call(camera, { url: camera.deviceUrl, action: ACTION.getServices, body: request })
    for (const service of xmlChildren(xmlChild(body, 'GetServicesResponse'), 'Service')) {
      const xaddr = xmlText(xmlChildren(service, 'XAddr')[0])
      if (xmlText(xmlChildren(service, 'Namespace')[0]) === NS.tev && xaddr) return reachableAddress(xaddr, camera.deviceUrl)
    }
  } catch (error) {
    throw firstError ?? error
  }
  throw new OnvifError('ONVIF_NO_EVENTS', `camera ${hostOf(camera.deviceUrl)} does not offer an ONVIF event service`)
}

/** Local time at which to renew, from a response's CurrentTime and TerminationTime (both camera clock). */
function renewAtFrom(response: XmlNode | null, camera: Camera, timing: Required<OnvifTiming>): number {
  const terminates = parseXsDateTime(xmlText(xmlChildren(response, 'TerminationTime')[0]))
  const current = parseXsDateTime(xmlText(xmlChildren(response, 'CurrentTime')[0])) ?? Date.now() + camera.clockOffsetMs
  const remaining = terminates !== null ? terminates - current : timing.terminationS * 1000
  // Renew while at least one long-poll could still run out: a pull in flight must not outlive the subscription.
  const margin = Math.max(timing.pullTimeoutS * 1000 + timing.requestTimeoutMs, (timing.terminationS * 1000) / 3)
  return Date.now() + remaining - margin
}

function asOnvifError(error: unknown): OnvifError {
  return error instanceof OnvifError ? error : new OnvifError('ONVIF_BAD_RESPONSE', error instanceof Error ? error.message : String(error))
}

/**
 * One camera's event subscription, kept alive until stop(). Signals reach onSignal; connection changes
 * reach onState. Every failure (camera offline, wrong password, subscription lost after a camera reboot)
 * leads to a fresh subscription after a capped backoff.
 */
export class OnvifEventSubscription {
  private readonly timing: Required<OnvifTiming>
  private readonly credentials: Credentials | null
  private readonly tracker: SignalTracker
  private readonly backoff = new InterruptibleSleep()
  private loop: Promise<void> | null = null
  private stopping = false
  private abort = new AbortController()
  private camera: Camera
  private subscription: Subscription | null = null
  private state: OnvifEventState = { connected: false, error: null, code: null }

  constructor(private readonly deps: OnvifEventDeps) {
    this.timing = { ...DEFAULT_TIMING, ...deps.timing }
    this.credentials = credentialsOf(deps)
    this.tracker = new SignalTracker(deps.topicRules)
    this.camera = cameraOf(deps.deviceUrl, this.credentials, this.timing.requestTimeoutMs)
  }

  start(): void {
    if (this.loop) return
    this.stopping = false
    this.abort = new AbortController()
    this.camera = { ...this.camera, signal: this.abort.signal }
    this.loop = this.run().catch((error: unknown) => this.deps.logger.error(`event loop crashed: ${this.scrub(String(error))}`))
  }

  /** Ends the subscription: a pending long-poll is cut off at once, then the camera is told (best effort). */
  async stop(): Promise<void> {
    this.stopping = true
    this.abort.abort()
    this.backoff.wake()
    await this.loop
    this.loop = null
    const subscription = this.subscription
    this.subscription = null
    if (subscription) await this.unsubscribe(subscription)
    this.setState({ connected: false, error: null, code: null })
  }

  private async run(): Promise<void> {
    let failures = 0
    while (!this.stopping) {
      try {
        await this.session(() => (failures = 0))
      } catch (error) {
        if (this.stopping) break
        failures++
        const failure = asOnvifError(error)
        const delay = backoffDelay(failures, this.timing.backoff)
        const message = this.scrub(failure.message)
        this.setState({ connected: false, error: message, code: failure.code })
        this.deps.logger.warn(`${message}; subscribing again in ${delay} ms`)
        await this.backoff.sleep(delay)
      }
    }
  }

  /** One subscription from creation to failure; returns only when stopping. */
  private async session(onHealthy: () => void): Promise<void> {
    if (this.subscription) {
      // The last subscription failed; a camera has few subscription slots, so free it if it still exists.
      const stale = this.subscription
      this.subscription = null
      await this.unsubscribe(stale)
    }
    const clockOffsetMs = await measureClockOffset(this.camera)
    this.camera = { ...this.camera, clockOffsetMs }
    const eventService = await findEventService(this.camera)
    const subscription = await this.subscribe(eventService)
    this.subscription = subscription
    this.setState({ connected: true, error: null, code: null })
    const offset = Math.abs(clockOffsetMs) >= 2000 ? ` (camera clock ${Math.round(clockOffsetMs / 1000)} s off)` : ''
    this.deps.logger.info(`subscribed to events of ${hostOf(eventService)}${offset}`)

    let healthy = false
    while (!this.stopping) {
      if (Date.now() >= subscription.renewAt) await this.renew(subscription)
      const startedAt = Date.now()
      const delivered = await this.pull(subscription)
      if (!healthy) {
        healthy = true
        onHealthy()
      }
      if (delivered === 0 && Date.now() - startedAt < (this.timing.pullTimeoutS * 1000) / 2) await this.backoff.sleep(EARLY_EMPTY_PAUSE_MS)
    }
  }

  private async subscribe(eventService: string): Promise<Subscription> {
    const request =
      '<tev:CreatePullPointSubscription>' +
      `<tev:InitialTerminationTime>PT${this.timing.terminationS}S</tev:InitialTerminationTime>` +
      '</tev:CreatePullPointSubscription>'
    const { body, xml } = await call(this.camera, { url: eventService, action: ACTION.createPullPointSubscription, body: request })
    const response = xmlChild(body, 'CreatePullPointSubscriptionResponse')
    const address = xmlText(xmlChildren(xmlChild(response, 'SubscriptionReference'), 'Address')[0])
    if (!address) {
      throw new OnvifError('ONVIF_BAD_RESPONSE', `camera ${hostOf(eventService)} created a subscription without an address`)
    }
    return {
      address: reachableAddress(address, this.deps.deviceUrl),
      referenceParameters: referenceParametersOf(xml),
      renewAt: renewAtFrom(response, this.camera, this.timing)
    }
  }

  /** One long-poll; returns how many notifications came. */
  private async pull(subscription: Subscription): Promise<number> {
    const request =
      '<tev:PullMessages>' +
      `<tev:Timeout>PT${this.timing.pullTimeoutS}S</tev:Timeout><tev:MessageLimit>${MESSAGE_LIMIT}</tev:MessageLimit>` +
      '</tev:PullMessages>'
    const { body } = await call(this.camera, {
      url: subscription.address,
      to: subscription.address,
      referenceParameters: subscription.referenceParameters,
      action: ACTION.pullMessages,
      body: request,
      timeoutMs: this.timing.pullTimeoutS * 1000 + this.timing.requestTimeoutMs
    })
    const response = xmlChild(body, 'PullMessagesResponse')
    if (xmlChildren(response, 'TerminationTime').length > 0) subscription.renewAt = renewAtFrom(response, this.camera, this.timing)
    const receivedAt = Date.now()
    const notifications = findNotifications(response)
    for (const notification of notifications) {
      if (this.stopping) break
      const signal = this.tracker.accept(this.onOurClock(notification, receivedAt), receivedAt)
      if (signal) this.deliver(signal)
    }
    return notifications.length
  }

  private async renew(subscription: Subscription): Promise<void> {
    const request = `<wsnt:Renew><wsnt:TerminationTime>PT${this.timing.terminationS}S</wsnt:TerminationTime></wsnt:Renew>`
    const { body } = await call(this.camera, {
      url: subscription.address,
      to: subscription.address,
      referenceParameters: subscription.referenceParameters,
      action: ACTION.renew,
      body: request
    })
    subscription.renewAt = renewAtFrom(xmlChild(body, 'RenewResponse'), this.camera, this.timing)
  }

  /** Best effort: errors are ignored (the subscription ends by itself at its termination time anyway). */
  private async unsubscribe(subscription: Subscription): Promise<void> {
    try {
      await call(
        { ...this.camera, signal: undefined },
        {
          url: subscription.address,
          to: subscription.address,
          referenceParameters: subscription.referenceParameters,
          action: ACTION.unsubscribe,
          body: '<wsnt:Unsubscribe/>',
          timeoutMs: Math.min(this.timing.requestTimeoutMs, UNSUBSCRIBE_TIMEOUT_MS)
        }
      )
    } catch {
      // Gone already (camera rebooted) or unreachable: nothing to free.
    }
  }

  /** UtcTime is the camera's clock: move it to ours, unless it is implausible (then the arrival time is used). */
  private onOurClock(notification: OnvifNotification, receivedAt: number): OnvifNotification {
    if (notification.utcTime === null) return notification
    const local = notification.utcTime - this.camera.clockOffsetMs
    return { ...notification, utcTime: Math.abs(local - receivedAt) <= PLAUSIBLE_SKEW_MS ? Math.round(local) : receivedAt }
  }

  private deliver(signal: CameraSignal): void {
    try {
      this.deps.onSignal(signal)
    } catch (error) {
      // A listener's bug must not end the subscription.
      this.deps.logger.error(`signal listener failed: ${this.scrub(String(error))}`)
    }
  }

  private setState(state: OnvifEventState): void {
    if (state.connected === this.state.connected && state.error === this.state.error && state.code === this.state.code) return
    this.state = state
    this.deps.onState?.(state)
  }

  private scrub(text: string): string {
    return scrubSecrets(text, [this.deps.password])
  }
}

export interface OnvifEventProbe {
  supported: boolean
  /** Canonical topics (prefixes removed), e.g. 'RuleEngine/MyRuleDetector/Visitor'. */
  topics: string[]
  error: string | null
  /** ONVIF_UNAUTHORIZED: the camera has an event service but refused the credentials. */
  code: OnvifErrorCode | null
}

export interface OnvifProbeDeps {
  deviceUrl: string
  username: string | null
  password: string | null
  logger?: Logger
  requestTimeoutMs?: number
  signal?: AbortSignal
}

/** Whether a camera offers ONVIF events, and which topics (GetEventProperties), for the camera settings UI. */
export async function probeOnvifEvents(deps: OnvifProbeDeps): Promise<OnvifEventProbe> {
  const camera = cameraOf(deps.deviceUrl, credentialsOf(deps), deps.requestTimeoutMs ?? DEFAULT_TIMING.requestTimeoutMs, deps.signal)
  try {
    camera.clockOffsetMs = await measureClockOffset(camera)
    const eventService = await findEventService(camera)
    const { body } = await call(camera, { url: eventService, action: ACTION.getEventProperties, body: '<tev:GetEventProperties/>' })
    const topicSet = xmlChild(xmlChild(body, 'GetEventPropertiesResponse'), 'TopicSet')
    return { supported: true, topics: parseTopicSet(topicSet), error: null, code: null }
  } catch (error) {
    const failure = asOnvifError(error)
    const message = scrubSecrets(failure.message, [deps.password])
    deps.logger?.warn(`event probe failed: ${message}`)
    return { supported: false, topics: [], error: message, code: failure.code }
  }
}
