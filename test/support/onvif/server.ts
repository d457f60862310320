// A small ONVIF camera for tests: device service (time, capabilities, services) and event service with
// PullPoint subscriptions, SOAP 1.2 over HTTP on 127.0.0.1. It checks what a strict camera checks (SOAP
// version, WS-Security digest, Created against its own clock, nonce replay, subscription expiry) and answers
// with the faults cameras send. It parses requests itself, sharing no code with the client under test.
// Cameras that check the password on the HTTP layer are covered too: HTTP Digest as RFC 7616 describes it
// (nonces it issued, realm, opaque, qop=auth with nc and cnonce, stale=true for an expired nonce), and Basic.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { XMLParser } from 'fast-xml-parser'

export interface OnvifServerOptions {
  /** Without a username the camera asks for no authentication. */
  username?: string
  password?: string
  /** The camera's clock minus the real one (a camera that is an hour off: 3_600_000). */
  clockOffsetMs?: number
  /** Topics GetEventProperties announces (ConcreteSet form, e.g. 'tns1:VideoSource/MotionAlarm'). */
  topics?: string[]
  /** 0 or undefined: a free port. Pass a closed server's port to bring "the same camera" back. */
  port?: number
  /**
   * Where the camera checks the password: the WS-Security UsernameToken in the SOAP header (the default), HTTP
   * Digest on the HTTP layer, both (HTTP first), or HTTP Basic (a client must not send it over plain HTTP).
   * GetSystemDateAndTime stays open in every mode, as ONVIF requires.
   */
  auth?: 'ws-security' | 'http-digest' | 'both' | 'basic'
  /** The Digest challenges, one WWW-Authenticate line each, most preferred first. Default ['MD5']. */
  digestAlgorithms?: DigestAlgorithmName[]
  /** false: challenges offer no qop, so clients answer in the RFC 2069 form. Default true (qop="auth,auth-int"). */
  digestQop?: boolean
}

export type DigestAlgorithmName = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess'

/** How the camera judged one request's HTTP authentication (header values are never kept: they are secrets). */
export interface HttpAuthRecord {
  action: string
  /** The scheme of the request's Authorization header, lower case, or null without one. */
  scheme: string | null
  /** ok; challenged: no usable Authorization; stale: right password, expired nonce; refused: anything else. */
  outcome: 'ok' | 'challenged' | 'stale' | 'refused'
  algorithm: string | null
  nc: string | null
  why: string
}

export interface OnvifTestMessage {
  topic: string
  data: Record<string, string>
  source?: Record<string, string>
  operation?: 'Changed' | 'Initialized'
}

export interface OnvifTestServer {
  deviceUrl: string
  port: number
  /** Queues a notification on every live subscription (and remembers it as the topic's current state). */
  emit(message: OnvifTestMessage): void
  /** Live subscriptions (not expired, not unsubscribed). */
  subscriptions(): number
  /** The SOAP action of every request received, in order. */
  requests(): string[]
  /** HTTP authentication outcomes (auth 'http-digest', 'both' or 'basic'), in order. */
  httpAuth(): HttpAuthRecord[]
  /** Makes every nonce issued so far stale, as the end of a camera's nonce lifetime does. */
  expireNonces(): void
  close(): Promise<void>
}

const NS = {
  env: 'http://www.w3.org/2003/05/soap-envelope',
  tt: 'http://www.onvif.org/ver10/schema',
  tds: 'http://www.onvif.org/ver10/device/wsdl',
  tev: 'http://www.onvif.org/ver10/events/wsdl',
  wsnt: 'http://docs.oasis-open.org/wsn/b-2',
  wsa: 'http://www.w3.org/2005/08/addressing',
  wstop: 'http://docs.oasis-open.org/wsn/t-1',
  tns1: 'http://www.onvif.org/ver10/topics',
  ter: 'http://www.onvif.org/ver10/error',
  xs: 'http://www.w3.org/2001/XMLSchema'
}
const CONCRETE_SET = 'http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet'
const DEFAULT_TOPICS = ['tns1:VideoSource/MotionAlarm', 'tns1:RuleEngine/CellMotionDetector/Motion', 'tns1:RuleEngine/MyRuleDetector/Visitor']
/** How far Created may be from the camera's clock. Strict on purpose: the client must use camera time. */
const CREATED_TOLERANCE_MS = 5000
const MAX_PULL_TIMEOUT_MS = 60_000
const DEFAULT_TERMINATION_MS = 60_000

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false })

type Node = Record<string, any>

interface Subscription {
  id: number
  address: string
  terminatesAt: number // camera clock
  queue: string[]
  waiter: { answer: () => void; timer: NodeJS.Timeout } | null
  expiry: NodeJS.Timeout
}

class Fault {
  constructor(
    readonly status: number,
    readonly code: 'Sender' | 'Receiver' | 'VersionMismatch',
    readonly subcode: string | null,
    readonly reason: string
  ) {}
}

const notAuthorized = (why: string) => new Fault(400, 'Sender', 'ter:NotAuthorized', `Sender not Authorized (${why})`)

/** The HTTP layer's judgement of a request, and the challenges to send with a 401. */
interface HttpVerdict {
  record: Omit<HttpAuthRecord, 'action'>
  challenges: string[]
}

const DIGEST_REALM = 'Vigil Test Camera'
const HASHES: Record<DigestAlgorithmName, string> = { MD5: 'md5', 'MD5-sess': 'md5', 'SHA-256': 'sha256', 'SHA-256-sess': 'sha256' }

/** The auth-params of an Authorization header after its scheme: name=token or name="quoted string". */
function authParams(text: string): Map<string, string> {
  const params = new Map<string, string>()
  for (const match of text.matchAll(/([\w*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
    params.set(match[1].toLowerCase(), match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3])
  }
  return params
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
const textOf = (value: any): string => (typeof value === 'string' ? value : typeof value?.['#text'] === 'string' ? value['#text'] : '').trim()

/** xs:duration (PT60S, PT1M, P0DT1H) or xs:dateTime -> ms from `now`; null if neither. */
function parseTermination(text: string, now: number): number | null {
  const duration = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text)
  if (duration && text !== 'P' && text !== 'PT') {
    const [, d, h, m, s] = duration.map((v) => Number(v ?? 0))
    return ((d * 24 + h) * 60 + m) * 60_000 + s * 1000
  }
  const at = Date.parse(text)
  return Number.isFinite(at) ? at - now : null
}

function items(values: Record<string, string> | undefined): string {
  return Object.entries(values ?? {})
    .map(([name, value]) => `<tt:SimpleItem Name="${esc(name)}" Value="${esc(value)}"/>`)
    .join('')
}

function envelope(body: string, action?: string): string {
  const declarations = Object.entries(NS)
    .map(([prefix, uri]) => ` xmlns:${prefix}="${uri}"`)
    .join('')
  const header = action ? `<env:Header><wsa:Action>${action}</wsa:Action></env:Header>` : '<env:Header/>'
  return `<?xml version="1.0" encoding="UTF-8"?><env:Envelope${declarations}>${header}<env:Body>${body}</env:Body></env:Envelope>`
}

function faultXml(fault: Fault): string {
  const subcode = fault.subcode ? `<env:Subcode><env:Value>${fault.subcode}</env:Value></env:Subcode>` : ''
  return envelope(
    '<env:Fault>' +
      `<env:Code><env:Value>env:${fault.code}</env:Value>${subcode}</env:Code>` +
      `<env:Reason><env:Text xml:lang="en">${esc(fault.reason)}</env:Text></env:Reason>` +
      '</env:Fault>',
    'http://www.w3.org/2005/08/addressing/soap/fault'
  )
}

/** The Data item a real camera uses for a topic's state, for the topic set's message descriptions. */
function stateItemOf(topic: string): string {
  if (/CellMotionDetector/.test(topic)) return 'IsMotion'
  if (/DigitalInput/.test(topic)) return 'LogicalState'
  return 'State'
}

/** Builds the nested wstop:TopicSet from 'tns1:A/B/C' paths: the root element keeps its prefix, as cameras write it. */
function topicSetXml(topics: string[]): string {
  interface Tree {
    children: Map<string, Tree>
    topic: string | null
  }
  const root: Tree = { children: new Map(), topic: null }
  for (const topic of topics) {
    let node = root
    topic.split('/').forEach((segment, i) => {
      const name = i === 0 ? segment : segment.slice(segment.indexOf(':') + 1)
      if (!node.children.has(name)) node.children.set(name, { children: new Map(), topic: null })
      node = node.children.get(name)!
    })
    node.topic = topic
  }
  const render = (tree: Tree): string =>
    [...tree.children.entries()]
      .map(([name, child]) => {
        const description = child.topic
          ? '<tt:MessageDescription IsProperty="true">' +
            '<tt:Source><tt:SimpleItemDescription Name="Source" Type="tt:ReferenceToken"/></tt:Source>' +
            `<tt:Data><tt:SimpleItemDescription Name="${stateItemOf(child.topic)}" Type="xs:boolean"/></tt:Data>` +
            '</tt:MessageDescription>'
          : ''
        return `<${name}${child.topic ? ' wstop:topic="true"' : ''}>${description}${render(child)}</${name}>`
      })
      .join('')
  return `<wstop:TopicSet>${render(root)}</wstop:TopicSet>`
}

export async function startOnvifServer(options: OnvifServerOptions = {}): Promise<OnvifTestServer> {
  const now = () => Date.now() + (options.clockOffsetMs ?? 0)
  const topics = options.topics ?? DEFAULT_TOPICS
  const received: string[] = []
  const live = new Map<number, Subscription>()
  /** Current state per topic and source, sent as Initialized to each new subscription (as cameras do). */
  const properties = new Map<string, OnvifTestMessage & { at: number }>()
  /** Nonces seen within the freshness window: a replayed request is refused. */
  const nonces = new Map<string, number>()
  const authMode = options.auth ?? 'ws-security'
  const digestAlgorithms = options.digestAlgorithms ?? ['MD5']
  /** HTTP Digest nonces this camera issued, with the nc values each has authenticated (a replay is refused). */
  const digestNonces = new Map<string, { algorithm: DigestAlgorithmName; ncs: Set<string>; stale: boolean }>()
  const digestOpaque = randomBytes(12).toString('base64')
  const httpAuthLog: HttpAuthRecord[] = []
  let nextId = 1
  let base = ''

  const notificationXml = (subscription: Subscription, message: OnvifTestMessage, at: number) =>
    '<wsnt:NotificationMessage>' +
    `<wsnt:SubscriptionReference><wsa:Address>${subscription.address}</wsa:Address></wsnt:SubscriptionReference>` +
    `<wsnt:Topic Dialect="${CONCRETE_SET}">${esc(message.topic)}</wsnt:Topic>` +
    `<wsnt:ProducerReference><wsa:Address>${base}/onvif/event_service</wsa:Address></wsnt:ProducerReference>` +
    '<wsnt:Message>' +
    `<tt:Message UtcTime="${iso(at)}" PropertyOperation="${message.operation ?? 'Changed'}">` +
    `<tt:Source>${items(message.source)}</tt:Source><tt:Data>${items(message.data)}</tt:Data>` +
    '</tt:Message></wsnt:Message></wsnt:NotificationMessage>'

  const drop = (subscription: Subscription) => {
    clearTimeout(subscription.expiry)
    live.delete(subscription.id)
    subscription.waiter?.answer()
  }

  const scheduleExpiry = (subscription: Subscription) => {
    clearTimeout(subscription.expiry)
    subscription.expiry = setTimeout(() => drop(subscription), Math.max(0, subscription.terminatesAt - now()))
  }

  const verifyToken = (header: Node | undefined): Fault | null => {
    if (!options.username) return null
    const token = header?.Security?.UsernameToken
    if (!token) return notAuthorized('no UsernameToken')
    const password = token.Password
    if (!String(password?.['@Type'] ?? '').endsWith('#PasswordDigest')) return notAuthorized('PasswordDigest required')
    const nonceText = textOf(token.Nonce)
    const created = textOf(token.Created)
    const createdAt = Date.parse(created)
    if (!nonceText || !Number.isFinite(createdAt)) return notAuthorized('Nonce and Created required')
    if (Math.abs(createdAt - now()) > CREATED_TOLERANCE_MS) return notAuthorized(`Created ${created} is not fresh`)
    const expected = createHash('sha1')
      .update(Buffer.concat([Buffer.from(nonceText, 'base64'), Buffer.from(created), Buffer.from(options.password ?? '')]))
      .digest()
    const given = Buffer.from(textOf(password), 'base64')
    if (textOf(token.Username) !== options.username || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return notAuthorized('wrong user name or password')
    }
    for (const [seen, at] of nonces) if (at < Date.now() - 2 * CREATED_TOLERANCE_MS) nonces.delete(seen)
    if (nonces.has(nonceText)) return notAuthorized('nonce replayed')
    nonces.set(nonceText, Date.now())
    return null
  }

  /** Fresh Digest challenges, one per algorithm, each with its own nonce. */
  const digestChallenges = (stale: boolean): string[] =>
    digestAlgorithms.map((algorithm) => {
      const nonce = randomBytes(24).toString('base64')
      digestNonces.set(nonce, { algorithm, ncs: new Set(), stale: false })
      const qop = options.digestQop === false ? '' : ', qop="auth,auth-int"'
      return `Digest realm="${DIGEST_REALM}"${qop}, algorithm=${algorithm}, nonce="${nonce}", opaque="${digestOpaque}"${stale ? ', stale=true' : ''}`
    })

  /** The response a client with the right password computes for these parameters (RFC 7616 §3.4.1). */
  const expectedDigest = (algorithm: DigestAlgorithmName, params: Map<string, string>, method: string): string => {
    const h = (text: string) => createHash(HASHES[algorithm]).update(text, 'utf8').digest('hex')
    const nonce = params.get('nonce') ?? ''
    const cnonce = params.get('cnonce') ?? ''
    let ha1 = h(`${options.username}:${DIGEST_REALM}:${options.password ?? ''}`)
    if (algorithm.endsWith('-sess')) ha1 = h(`${ha1}:${nonce}:${cnonce}`)
    const ha2 = h(`${method}:${params.get('uri')}`)
    if (options.digestQop === false) return h(`${ha1}:${nonce}:${ha2}`)
    return h(`${ha1}:${nonce}:${params.get('nc')}:${cnonce}:${params.get('qop')}:${ha2}`)
  }

  /** Checks an Authorization: Digest header the way RFC 7616 §3.3 and §3.4 have a server check it. */
  const verifyDigest = (req: IncomingMessage, params: Map<string, string>): Omit<HttpAuthRecord, 'action' | 'scheme'> => {
    const algorithm = (params.get('algorithm') ?? 'MD5') as DigestAlgorithmName
    const nc = params.get('nc') ?? null
    const refused = (why: string) => ({ outcome: 'refused' as const, algorithm, nc, why })
    for (const name of ['username', 'realm', 'nonce', 'uri', 'response']) if (!params.has(name)) return refused(`no ${name}`)
    if (options.digestQop !== false) {
      if (params.get('qop') !== 'auth') return refused('qop=auth expected')
      if (!/^[0-9a-f]{8}$/i.test(nc ?? '') || !params.get('cnonce')) return refused('nc and cnonce expected')
    }
    if (params.get('realm') !== DIGEST_REALM) return refused(`wrong realm ${params.get('realm')}`)
    if (params.get('uri') !== req.url) return refused(`uri ${params.get('uri')} is not the request target ${req.url}`)
    if (params.get('opaque') !== digestOpaque) return refused('opaque not echoed')
    if (!(algorithm in HASHES) || !digestAlgorithms.includes(algorithm)) return refused(`algorithm ${algorithm} not offered`)
    const issued = digestNonces.get(params.get('nonce')!)
    if (issued && issued.algorithm !== algorithm) return refused(`nonce was issued for ${issued.algorithm}`)
    if (params.get('username') !== options.username || !sameText(params.get('response')!, expectedDigest(algorithm, params, req.method ?? 'POST'))) {
      return refused('wrong user name or password')
    }
    // Only a request with the right digest learns that its nonce merely expired (RFC 7616 §3.3, stale).
    if (!issued || issued.stale) return { outcome: 'stale', algorithm, nc, why: issued ? 'nonce expired' : 'nonce not issued here' }
    if (nc !== null && issued.ncs.has(nc.toLowerCase())) return refused(`nc ${nc} replayed`)
    if (nc !== null) issued.ncs.add(nc.toLowerCase())
    return { outcome: 'ok', algorithm, nc, why: '' }
  }

  /** The HTTP layer's check of the Authorization header; anything but outcome 'ok' is answered with 401. */
  const verifyHttpAuth = (req: IncomingMessage): HttpVerdict => {
    const header = req.headers.authorization ?? ''
    const scheme = /^(\S+)/.exec(header)?.[1].toLowerCase() ?? null
    if (authMode === 'basic') {
      const given = scheme === 'basic' ? Buffer.from(header.slice(6).trim(), 'base64').toString('utf8') : null
      const outcome = given === null ? 'challenged' : sameText(given, `${options.username}:${options.password ?? ''}`) ? 'ok' : 'refused'
      return { record: { scheme, outcome, algorithm: null, nc: null, why: 'Basic' }, challenges: [`Basic realm="${DIGEST_REALM}"`] }
    }
    if (scheme !== 'digest') {
      return { record: { scheme, outcome: 'challenged', algorithm: null, nc: null, why: 'no Digest authorization' }, challenges: digestChallenges(false) }
    }
    const record = { scheme, ...verifyDigest(req, authParams(header.slice(scheme.length))) }
    return { record, challenges: record.outcome === 'ok' ? [] : digestChallenges(record.outcome === 'stale') }
  }

  const deviceService = (operation: string, request: Node): string => {
    switch (operation) {
      case 'GetSystemDateAndTime': {
        const t = new Date(now())
        return (
          '<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime>' +
          '<tt:DateTimeType>NTP</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings>' +
          '<tt:TimeZone><tt:TZ>UTC0</tt:TZ></tt:TimeZone><tt:UTCDateTime>' +
          `<tt:Time><tt:Hour>${t.getUTCHours()}</tt:Hour><tt:Minute>${t.getUTCMinutes()}</tt:Minute><tt:Second>${t.getUTCSeconds()}</tt:Second></tt:Time>` +
          `<tt:Date><tt:Year>${t.getUTCFullYear()}</tt:Year><tt:Month>${t.getUTCMonth() + 1}</tt:Month><tt:Day>${t.getUTCDate()}</tt:Day></tt:Date>` +
          '</tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>'
        )
      }
      case 'GetCapabilities': {
        const category = textOf(request.Category) || 'All'
        const events =
          `<tt:Events><tt:XAddr>${base}/onvif/event_service</tt:XAddr>` +
          '<tt:WSSubscriptionPolicySupport>false</tt:WSSubscriptionPolicySupport>' +
          '<tt:WSPullPointSupport>true</tt:WSPullPointSupport>' +
          '<tt:WSPausableSubscriptionManagerInterfaceSupport>false</tt:WSPausableSubscriptionManagerInterfaceSupport></tt:Events>'
        const device = `<tt:Device><tt:XAddr>${base}/onvif/device_service</tt:XAddr></tt:Device>`
        const wanted = category === 'All' ? device + events : category === 'Events' ? events : category === 'Device' ? device : null
        if (wanted === null) throw new Fault(500, 'Receiver', 'ter:ActionNotSupported', `No ${category} capabilities`)
        return `<tds:GetCapabilitiesResponse><tds:Capabilities>${wanted}</tds:Capabilities></tds:GetCapabilitiesResponse>`
      }
      case 'GetServices': {
        const service = (namespace: string, path: string) =>
          `<tds:Service><tds:Namespace>${namespace}</tds:Namespace><tds:XAddr>${base}${path}</tds:XAddr>` +
          '<tds:Version><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tds:Version></tds:Service>'
        return `<tds:GetServicesResponse>${service(NS.tds, '/onvif/device_service')}${service(NS.tev, '/onvif/event_service')}</tds:GetServicesResponse>`
      }
    }
    throw new Fault(400, 'Sender', 'ter:ActionNotSupported', `${operation} is not a device service operation`)
  }

  const eventService = (operation: string, request: Node): string => {
    switch (operation) {
      case 'GetEventProperties':
        return (
          '<tev:GetEventPropertiesResponse>' +
          '<tev:TopicNamespaceLocation>http://www.onvif.org/onvif/ver10/topics/topicns.xml</tev:TopicNamespaceLocation>' +
          `<wsnt:FixedTopicSet>true</wsnt:FixedTopicSet>${topicSetXml(topics)}` +
          `<wsnt:TopicExpressionDialect>${CONCRETE_SET}</wsnt:TopicExpressionDialect>` +
          '<wsnt:TopicExpressionDialect>http://docs.oasis-open.org/wsn/t-1/TopicExpression/Concrete</wsnt:TopicExpressionDialect>' +
          '<tev:MessageContentFilterDialect>http://www.onvif.org/ver10/tev/messageContentFilter/ItemFilter</tev:MessageContentFilterDialect>' +
          '<tev:MessageContentSchemaLocation>http://www.onvif.org/onvif/ver10/schema/onvif.xsd</tev:MessageContentSchemaLocation>' +
          '</tev:GetEventPropertiesResponse>'
        )
      case 'CreatePullPointSubscription': {
        const requested = textOf(request.InitialTerminationTime)
        const lifetime = requested ? parseTermination(requested, now()) : DEFAULT_TERMINATION_MS
        if (lifetime === null || lifetime <= 0) throw new Fault(400, 'Sender', 'ter:InvalidArgVal', `Invalid InitialTerminationTime ${requested}`)
        const id = nextId++
        const subscription: Subscription = {
          id,
          address: `${base}/onvif/subscription/${id}`,
          terminatesAt: now() + lifetime,
          queue: [],
          waiter: null,
          expiry: setTimeout(() => {}, 0)
        }
        for (const state of properties.values()) subscription.queue.push(notificationXml(subscription, { ...state, operation: 'Initialized' }, state.at))
        live.set(id, subscription)
        scheduleExpiry(subscription)
        return (
          '<tev:CreatePullPointSubscriptionResponse>' +
          `<tev:SubscriptionReference><wsa:Address>${subscription.address}</wsa:Address></tev:SubscriptionReference>` +
          `<wsnt:CurrentTime>${iso(now())}</wsnt:CurrentTime><wsnt:TerminationTime>${iso(subscription.terminatesAt)}</wsnt:TerminationTime>` +
          '</tev:CreatePullPointSubscriptionResponse>'
        )
      }
    }
    throw new Fault(400, 'Sender', 'ter:ActionNotSupported', `${operation} is not an event service operation`)
  }

  /** Subscription manager and pull point; PullMessages may answer later (long-poll), hence the callback. */
  const subscriptionService = (operation: string, request: Node, id: number, answer: (body: string, action: string) => void, res: ServerResponse) => {
    const subscription = live.get(id)
    if (!subscription || subscription.terminatesAt <= now()) {
      if (subscription) drop(subscription)
      throw new Fault(400, 'Sender', 'wsa:DestinationUnreachable', `No subscription ${id} (expired or unsubscribed)`)
    }
    switch (operation) {
      case 'PullMessages': {
        const timeout = Math.min(parseTermination(textOf(request.Timeout), now()) ?? 0, MAX_PULL_TIMEOUT_MS)
        const limit = Math.max(1, Number(textOf(request.MessageLimit)) || 1)
        const respond = () => {
          if (subscription.waiter) clearTimeout(subscription.waiter.timer)
          subscription.waiter = null
          const messages = subscription.queue.splice(0, limit)
          answer(
            '<tev:PullMessagesResponse>' +
              `<tev:CurrentTime>${iso(now())}</tev:CurrentTime><tev:TerminationTime>${iso(subscription.terminatesAt)}</tev:TerminationTime>` +
              `${messages.join('')}</tev:PullMessagesResponse>`,
            `${NS.tev}/PullPointSubscription/PullMessagesResponse`
          )
        }
        subscription.waiter?.answer() // a newer pull replaces a pending one, which ends empty
        if (subscription.queue.length > 0 || timeout <= 0) return respond()
        const waiter = { answer: respond, timer: setTimeout(respond, timeout) }
        subscription.waiter = waiter
        res.on('close', () => {
          if (subscription.waiter === waiter) {
            clearTimeout(waiter.timer)
            subscription.waiter = null
          }
        })
        return
      }
      case 'Renew': {
        const requested = textOf(request.TerminationTime)
        const lifetime = requested ? parseTermination(requested, now()) : DEFAULT_TERMINATION_MS
        if (lifetime === null || lifetime <= 0) throw new Fault(400, 'Sender', 'ter:InvalidArgVal', `Invalid TerminationTime ${requested}`)
        subscription.terminatesAt = now() + lifetime
        scheduleExpiry(subscription)
        return answer(
          `<wsnt:RenewResponse><wsnt:TerminationTime>${iso(subscription.terminatesAt)}</wsnt:TerminationTime>` +
            `<wsnt:CurrentTime>${iso(now())}</wsnt:CurrentTime></wsnt:RenewResponse>`,
          'http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/RenewResponse'
        )
      }
      case 'Unsubscribe':
        drop(subscription)
        return answer('<wsnt:UnsubscribeResponse/>', 'http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/UnsubscribeResponse')
    }
    throw new Fault(400, 'Sender', 'ter:ActionNotSupported', `${operation} is not a subscription operation`)
  }

  const handle = (req: IncomingMessage, res: ServerResponse, xml: string) => {
    const send = (status: number, body: string, challenges: string[] = []) => {
      if (res.destroyed || res.writableEnded) return
      const headers: Record<string, string | string[]> = { 'content-type': 'application/soap+xml; charset=utf-8' }
      if (challenges.length > 0) headers['www-authenticate'] = challenges
      res.writeHead(status, headers).end(body)
    }
    try {
      const contentAction = /action="([^"]*)"/i.exec(req.headers['content-type'] ?? '')?.[1]
      let parsed: Node
      try {
        parsed = parser.parse(xml) as Node
      } catch {
        throw new Fault(400, 'Sender', null, 'Malformed XML')
      }
      const env = parsed.Envelope
      const operation = env?.Body && typeof env.Body === 'object' ? Object.keys(env.Body).find((key) => !key.startsWith('@')) : undefined
      const action = contentAction || textOf(env?.Header?.Action) || operation || '?'
      received.push(action)
      if (!env || !operation) throw new Fault(400, 'Sender', null, 'Not a SOAP envelope')
      // SOAP 1.1 envelopes (another namespace) get the fault SOAP 1.2 prescribes for them.
      if (!new RegExp(`xmlns(:[\\w.-]+)?="${NS.env.replace(/[./]/g, '\\$&')}"`).test(xml)) {
        throw new Fault(400, 'VersionMismatch', null, 'Wrong Version: SOAP 1.2 expected')
      }
      const request = (env.Body[operation] ?? {}) as Node
      const path = new URL(req.url ?? '/', base).pathname
      const subscriptionId = /^\/onvif\/subscription\/(\d+)$/.exec(path)?.[1]
      const ok = (body: string, action?: string) => send(200, envelope(body, action))
      if (path !== '/onvif/device_service' && path !== '/onvif/event_service' && !subscriptionId) {
        throw new Fault(400, 'Sender', 'wsa:DestinationUnreachable', `No service at ${path}`)
      }
      // GetSystemDateAndTime is open to all: clients need the camera's clock to authenticate.
      if (!(path === '/onvif/device_service' && operation === 'GetSystemDateAndTime')) {
        if (authMode !== 'ws-security' && options.username) {
          const verdict = verifyHttpAuth(req)
          httpAuthLog.push({ action, ...verdict.record })
          // Cameras send a NotAuthorized fault with the 401; clients must look at the status first.
          if (verdict.record.outcome !== 'ok') return send(401, faultXml(notAuthorized(`HTTP ${verdict.record.why}`)), verdict.challenges)
        }
        const fault = authMode === 'ws-security' || authMode === 'both' ? verifyToken(typeof env.Header === 'object' ? env.Header : undefined) : null
        if (fault) throw fault
      }
      if (path === '/onvif/device_service') return ok(deviceService(operation, request))
      if (path === '/onvif/event_service') return ok(eventService(operation, request), `${NS.tev}/EventPortType/${operation}Response`)
      return subscriptionService(operation, request, Number(subscriptionId), ok, res)
    } catch (error) {
      const fault = error instanceof Fault ? error : new Fault(500, 'Receiver', null, String(error))
      send(fault.status, faultXml(fault))
    }
  }

  const server = createServer((req, res) => {
    if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end()
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  base = `http://127.0.0.1:${port}`

  return {
    deviceUrl: `${base}/onvif/device_service`,
    port,
    emit(message) {
      const at = now()
      if ((message.operation ?? 'Changed') === 'Changed') {
        properties.set(`${message.topic}|${JSON.stringify(message.source ?? {})}`, { ...message, at })
      }
      for (const subscription of live.values()) {
        subscription.queue.push(notificationXml(subscription, message, at))
        subscription.waiter?.answer()
      }
    },
    subscriptions: () => [...live.values()].filter((s) => s.terminatesAt > now()).length,
    requests: () => [...received],
    httpAuth: () => [...httpAuthLog],
    expireNonces: () => {
      for (const nonce of digestNonces.values()) nonce.stale = true
    },
    close: async () => {
      for (const subscription of live.values()) {
        clearTimeout(subscription.expiry)
        if (subscription.waiter) clearTimeout(subscription.waiter.timer)
      }
      live.clear()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      await closed
    }
  }
}
