// SOAP 1.2 as ONVIF cameras speak it: envelopes with a WS-Security UsernameToken and, for subscription
// calls, WS-Addressing headers; one POST per call (two when the camera asks for HTTP Digest); SOAP faults
// turned into errors with a code.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { XMLParser } from 'fast-xml-parser'
import { hostOf } from '../../media/stream-errors'
import { HttpDigestAuth, type ChallengeOutcome } from './http-digest'

export const NS = {
  soap: 'http://www.w3.org/2003/05/soap-envelope',
  tds: 'http://www.onvif.org/ver10/device/wsdl',
  tev: 'http://www.onvif.org/ver10/events/wsdl',
  tt: 'http://www.onvif.org/ver10/schema',
  ter: 'http://www.onvif.org/ver10/error',
  tns1: 'http://www.onvif.org/ver10/topics',
  wsnt: 'http://docs.oasis-open.org/wsn/b-2',
  wstop: 'http://docs.oasis-open.org/wsn/t-1',
  wsa: 'http://www.w3.org/2005/08/addressing',
  wsse: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
  wsu: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd'
} as const

/** wsa:Action of each request, as the device and event WSDLs (and WS-BaseNotification) declare them. */
export const ACTION = {
  getSystemDateAndTime: `${NS.tds}/GetSystemDateAndTime`,
  getCapabilities: `${NS.tds}/GetCapabilities`,
  getServices: `${NS.tds}/GetServices`,
  getEventProperties: `${NS.tev}/EventPortType/GetEventPropertiesRequest`,
  createPullPointSubscription: `${NS.tev}/EventPortType/CreatePullPointSubscriptionRequest`,
  pullMessages: `${NS.tev}/PullPointSubscription/PullMessagesRequest`,
  renew: 'http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/RenewRequest',
  unsubscribe: 'http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/UnsubscribeRequest'
} as const

const PASSWORD_DIGEST = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest'
const BASE64_BINARY = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary'
const ANONYMOUS = 'http://www.w3.org/2005/08/addressing/anonymous'

export interface Credentials {
  username: string
  password: string
}

// ---------------------------------------------------------------------------------------------
// Building requests

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}

/** WS-Security UsernameToken Profile 1.0: Base64(SHA1(nonce bytes + Created + password)). */
export function passwordDigest(nonce: Buffer, created: string, password: string): string {
  return createHash('sha1')
    .update(Buffer.concat([nonce, Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')]))
    .digest('base64')
}

/**
 * xs:dateTime in whole seconds. Cameras check Created against their own clock, and some reject
 * fractional seconds, so milliseconds are dropped.
 */
export function xsDateTime(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}

/** The wsse:Security header; `cameraNow` is the camera's clock, which judges whether Created is fresh. */
export function securityHeader(credentials: Credentials, cameraNow: number, nonce: Buffer = randomBytes(16)): string {
  const created = xsDateTime(cameraNow)
  return (
    '<wsse:Security><wsse:UsernameToken>' +
    `<wsse:Username>${escapeXml(credentials.username)}</wsse:Username>` +
    `<wsse:Password Type="${PASSWORD_DIGEST}">${passwordDigest(nonce, created, credentials.password)}</wsse:Password>` +
    `<wsse:Nonce EncodingType="${BASE64_BINARY}">${nonce.toString('base64')}</wsse:Nonce>` +
    `<wsu:Created>${created}</wsu:Created>` +
    '</wsse:UsernameToken></wsse:Security>'
  )
}

export interface EnvelopeOptions {
  action: string
  /** The Body's content; may use the prefixes declared on the envelope (tds, tev, tt, wsnt, wsa). */
  body: string
  credentials?: Credentials | null
  /** The camera's clock in epoch ms, for the digest's Created. */
  cameraNow?: number
  nonce?: Buffer
  /**
   * WS-Addressing destination. Subscription calls (PullMessages, Renew, Unsubscribe) carry it: a camera
   * may serve every subscription at one URL and tell them apart by wsa:To and reference parameters.
   */
  to?: string
  /** The subscription reference's wsa:ReferenceParameters, echoed as headers (WS-Addressing 1.0 §3.3). */
  referenceParameters?: string | null
}

export function buildEnvelope(options: EnvelopeOptions): string {
  const headers: string[] = []
  if (options.to !== undefined) {
    headers.push(
      `<wsa:Action>${escapeXml(options.action)}</wsa:Action>`,
      `<wsa:MessageID>urn:uuid:${randomUUID()}</wsa:MessageID>`,
      `<wsa:ReplyTo><wsa:Address>${ANONYMOUS}</wsa:Address></wsa:ReplyTo>`,
      `<wsa:To>${escapeXml(options.to)}</wsa:To>`
    )
    if (options.referenceParameters) headers.push(options.referenceParameters)
  }
  if (options.credentials) headers.push(securityHeader(options.credentials, options.cameraNow ?? Date.now(), options.nonce))
  const declarations = (['tds', 'tev', 'tt', 'wsnt', 'wsa', 'wsse', 'wsu'] as const).map((p) => ` xmlns:${p}="${NS[p]}"`).join('')
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<s:Envelope xmlns:s="${NS.soap}"${declarations}>` +
    `<s:Header>${headers.join('')}</s:Header>` +
    `<s:Body>${options.body}</s:Body>` +
    '</s:Envelope>'
  )
}

/** SOAP 1.2 media type; the action parameter is how SOAP 1.2 over HTTP names the operation (RFC 3902). */
export function soapContentType(action: string): string {
  return `application/soap+xml; charset=utf-8; action="${action}"`
}

/**
 * The wsa:ReferenceParameters of the SubscriptionReference in a CreatePullPointSubscription response, as
 * raw XML ready to echo, or null. Namespace prefixes declared further up the response are re-declared on
 * each echoed element, since they leave their original scope.
 */
export function referenceParametersOf(responseXml: string): string | null {
  const reference = /<(?:[\w.-]+:)?SubscriptionReference\b[\s\S]*?<\/(?:[\w.-]+:)?SubscriptionReference>/.exec(responseXml)?.[0]
  if (!reference) return null
  const inner = /<([\w.-]+:)?ReferenceParameters\b[^>]*?(?:\/>|>([\s\S]*?)<\/\1ReferenceParameters>)/.exec(reference)?.[2]?.trim()
  if (!inner) return null
  const declared = new Map<string, string>()
  for (const match of responseXml.matchAll(/\sxmlns:([\w.-]+)="([^"]*)"/g)) if (!declared.has(match[1])) declared.set(match[1], match[2])
  // Each top-level element gets the declarations of every prefix used inside the parameters.
  const used = new Set([...inner.matchAll(/<\/?([\w.-]+):|\s([\w.-]+):[\w.-]+=/g)].map((m) => m[1] ?? m[2]).filter((p) => p !== 'xmlns'))
  const extra = [...used].filter((p) => declared.has(p)).map((p) => ` xmlns:${p}="${declared.get(p)}"`)
  if (extra.length === 0) return inner
  let depth = 0
  return inner.replace(/<(\/?)([\w.:-]+)([^>]*?)(\/?)>/g, (tag, close: string, name: string, rest: string, selfClose: string) => {
    if (close) {
      depth--
      return tag
    }
    const top = depth === 0
    if (!selfClose) depth++
    if (!top) return tag
    const missing = extra.filter((declaration) => !rest.includes(declaration.trim().split('=')[0]))
    return `<${name}${missing.join('')}${rest}${selfClose}>`
  })
}

// ---------------------------------------------------------------------------------------------
// Reading responses

// Element names lose their namespace prefix (cameras use any prefixes they like); attributes are '@Name';
// values stay strings, so a token like "001" is not turned into a number.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true
})

export type XmlNode = Record<string, unknown>

export function parseXml(xml: string): XmlNode {
  return parser.parse(xml) as XmlNode
}

/** An element's text, whether it has attributes ({'#text': ...}) or not (a plain string). */
export function xmlText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim()
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const text = (value as XmlNode)['#text']
    if (typeof text === 'string' || typeof text === 'number') return String(text).trim()
    return ''
  }
  return null
}

/** An element's children of one name as a list: the parser gives one child as an object, several as an array. */
export function xmlChildren(node: unknown, name: string): unknown[] {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return []
  const value = (node as XmlNode)[name]
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}

export function xmlChild(node: unknown, name: string): XmlNode | null {
  const first = xmlChildren(node, name)[0]
  if (first !== null && typeof first === 'object') return first as XmlNode
  // An empty element parses as '' (or as text); give callers an object either way.
  return first === undefined ? null : {}
}

export function xmlAttr(node: unknown, name: string): string | null {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return null
  const value = (node as XmlNode)[`@${name}`]
  return typeof value === 'string' ? value : null
}

/** xs:dateTime to epoch ms. A time without a zone is read as UTC: ONVIF times are UTC. */
export function parseXsDateTime(text: string | null): number | null {
  if (!text) return null
  const zoned = /(Z|[+-]\d\d:?\d\d)$/i.test(text) ? text : `${text}Z`
  const ms = Date.parse(zoned)
  return Number.isFinite(ms) ? ms : null
}

// ---------------------------------------------------------------------------------------------
// Faults and errors

export interface SoapFault {
  /** Local names: 'Sender', 'Receiver', ... (SOAP 1.1: 'Client', 'Server'). */
  code: string
  /** Subcode chain as local names, outermost first, e.g. ['NotAuthorized'] or ['InvalidArgVal', 'NoProfile']. */
  subcodes: string[]
  reason: string
}

const localName = (qname: string) => qname.slice(qname.lastIndexOf(':') + 1)

/** The SOAP fault in a response (SOAP 1.2, or 1.1 from old firmware), or null if it is not a fault. */
export function parseFault(xml: string): SoapFault | null {
  return faultIn(safeParse(xml))
}

/** The fault in an already parsed response (see parseXml), or null. */
function faultIn(parsed: XmlNode): SoapFault | null {
  const fault = xmlChild(xmlChild(xmlChild(parsed, 'Envelope'), 'Body'), 'Fault')
  if (!fault) return null
  const code = xmlChild(fault, 'Code')
  if (code) {
    const subcodes: string[] = []
    for (let sub = xmlChild(code, 'Subcode'); sub; sub = xmlChild(sub, 'Subcode')) {
      const value = xmlText(xmlChildren(sub, 'Value')[0])
      if (value) subcodes.push(localName(value))
    }
    const texts = xmlChildren(xmlChild(fault, 'Reason'), 'Text')
    const english = texts.find((t) => xmlAttr(t, 'lang')?.toLowerCase().startsWith('en')) ?? texts[0]
    return { code: localName(xmlText(xmlChildren(code, 'Value')[0]) ?? ''), subcodes, reason: xmlText(english) ?? '' }
  }
  const faultcode = xmlText(xmlChildren(fault, 'faultcode')[0]) ?? ''
  return { code: localName(faultcode), subcodes: [], reason: xmlText(xmlChildren(fault, 'faultstring')[0]) ?? '' }
}

/** ONVIF answers a bad or missing UsernameToken with ter:NotAuthorized; WS-Security stacks use their own codes. */
const AUTH_FAULTS = new Set(['NotAuthorized', 'FailedAuthentication', 'InvalidSecurity', 'InvalidSecurityToken'])

export function isAuthFault(fault: SoapFault): boolean {
  return [fault.code, ...fault.subcodes].some((name) => AUTH_FAULTS.has(name))
}

export type OnvifErrorCode =
  | 'ONVIF_UNAUTHORIZED'
  /** The camera asks for an HTTP authentication Vigil will not send (Basic over plain HTTP) or does not know. */
  | 'ONVIF_UNSUPPORTED_AUTH'
  | 'ONVIF_FAULT'
  | 'ONVIF_HTTP'
  | 'ONVIF_TIMEOUT'
  | 'ONVIF_UNREACHABLE'
  | 'ONVIF_BAD_RESPONSE'
  | 'ONVIF_NO_EVENTS'
  | 'ONVIF_ABORTED'

export class OnvifError extends Error {
  constructor(
    readonly code: OnvifErrorCode,
    message: string,
    readonly fault: SoapFault | null = null,
    readonly status: number | null = null
  ) {
    super(message)
    this.name = 'OnvifError'
  }
}

export function isAuthError(error: unknown): boolean {
  return error instanceof OnvifError && error.code === 'ONVIF_UNAUTHORIZED'
}

/** The error for a fault answered to `operation`: auth faults get their own code, so a UI can ask for the password. */
export function faultError(fault: SoapFault, operation: string, host: string, status: number | null = null): OnvifError {
  const subcode = fault.subcodes.length > 0 ? fault.subcodes.join('/') : fault.code
  const reason = fault.reason ? `: ${fault.reason}` : ''
  if (isAuthFault(fault)) {
    return new OnvifError('ONVIF_UNAUTHORIZED', `camera ${host} refused the user name or password (ONVIF ${subcode} on ${operation})`, fault, status)
  }
  return new OnvifError('ONVIF_FAULT', `camera ${host} answered ${operation} with a fault (${subcode})${reason}`, fault, status)
}

// ---------------------------------------------------------------------------------------------
// One call

export interface SoapCall {
  url: string
  action: string
  body: string
  credentials: Credentials | null
  /** The camera's clock now, in epoch ms (see OnvifEventSubscription: measured with GetSystemDateAndTime). */
  cameraNow?: () => number
  to?: string
  referenceParameters?: string | null
  timeoutMs: number
  /** Aborts the call (stop()); the call then rejects with ONVIF_ABORTED. */
  signal?: AbortSignal
  /**
   * The camera's HTTP Digest state, shared by its calls so that they authenticate without a 401 first. It
   * answers challenges even when `credentials` is null (GetSystemDateAndTime, which some cameras protect on
   * the HTTP layer). Without it, a call with credentials answers a challenge with a throwaway state.
   */
  httpAuth?: HttpDigestAuth | null
}

export interface SoapResponse {
  /** The Body element, children by local name. */
  body: XmlNode
  xml: string
}

const operationOf = (action: string) => localName(action.slice(action.lastIndexOf('/') + 1)).replace(/Request$/, '')

/** POSTs one SOAP 1.2 request; resolves with the response body, rejects with an OnvifError. */
export async function soapCall(call: SoapCall): Promise<SoapResponse> {
  const host = hostOf(call.url)
  const operation = operationOf(call.action)
  const timeout = AbortSignal.timeout(call.timeoutMs)
  const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout
  let reply: HttpReply
  try {
    reply = await exchange(call, signal)
  } catch (error) {
    if (call.signal?.aborted) throw new OnvifError('ONVIF_ABORTED', `${operation} to ${host} was cancelled`)
    if (timeout.aborted) throw new OnvifError('ONVIF_TIMEOUT', `camera ${host} did not answer ${operation} within ${call.timeoutMs} ms`)
    throw new OnvifError('ONVIF_UNREACHABLE', `camera ${host} could not be reached for ${operation} (${networkReason(error)})`)
  }
  return readReply(reply, host, operation)
}

interface HttpReply {
  status: number
  xml: string
  /** The WWW-Authenticate challenges of a 401 (several header lines joined by ', '). */
  authenticate: string | null
  /** What the camera asked for, when a 401 was answered (or could not be). */
  challenge: ChallengeOutcome | null
}

/**
 * The request, and on a 401 with a Digest challenge the same request once more with Authorization: the first
 * request to a camera, one whose nonce went stale, or one whose cached nonce the camera forgot (after a
 * reboot, not every firmware says stale=true).
 */
async function exchange(call: SoapCall, signal: AbortSignal): Promise<HttpReply> {
  const auth = call.httpAuth ?? (call.credentials ? new HttpDigestAuth(call.credentials) : null)
  const first = await post(call, auth?.authorization('POST', call.url) ?? null, signal)
  if (first.status !== 401 || !auth) return first
  const challenge = auth.challenged(call.url, first.authenticate)
  if (challenge.kind !== 'digest') return { ...first, challenge }
  // A fresh envelope: a strict camera refuses a WS-Security nonce it has seen, even on a retry.
  const second = await post(call, auth.authorization('POST', call.url), signal)
  auth.settled(call.url, second.status !== 401)
  return { ...second, challenge }
}

async function post(call: SoapCall, authorization: string | null, signal: AbortSignal): Promise<HttpReply> {
  const envelope = buildEnvelope({
    action: call.action,
    body: call.body,
    credentials: call.credentials,
    cameraNow: (call.cameraNow ?? Date.now)(),
    to: call.to,
    referenceParameters: call.referenceParameters
  })
  const headers: Record<string, string> = { 'content-type': soapContentType(call.action) }
  if (authorization) headers.authorization = authorization
  const response = await fetch(call.url, { method: 'POST', headers, body: envelope, signal })
  // The body is read even for a 401, so the connection can serve the retry.
  const xml = await response.text()
  return { status: response.status, xml, authenticate: response.headers.get('www-authenticate'), challenge: null }
}

function readReply(reply: HttpReply, host: string, operation: string): SoapResponse {
  const { status, xml } = reply
  // Parsed once: the fault check and the body read the same document.
  const parsed = safeParse(xml)
  const fault = faultIn(parsed)
  if (status === 401) throw unauthorizedError(reply, fault, host, operation)
  if (fault) throw faultError(fault, operation, host, status)
  if (status < 200 || status >= 300) throw new OnvifError('ONVIF_HTTP', `camera ${host} answered ${operation} with HTTP ${status}`, null, status)
  const body = xmlChild(xmlChild(parsed, 'Envelope'), 'Body')
  if (!body) throw new OnvifError('ONVIF_BAD_RESPONSE', `camera ${host} answered ${operation} with something that is not a SOAP envelope`, null, status)
  return { body, xml }
}

/** A 401 after whatever authentication Vigil could offer; a fault in its body (many cameras send one) is kept. */
function unauthorizedError(reply: HttpReply, fault: SoapFault | null, host: string, operation: string): OnvifError {
  const challenge = reply.challenge
  if (challenge?.kind === 'basic') {
    return new OnvifError(
      'ONVIF_UNSUPPORTED_AUTH',
      `camera ${host} asks for HTTP Basic authentication on ${operation}, which Vigil does not send: ` +
        'Basic would carry the password in clear text over unencrypted HTTP. Switch the camera to Digest authentication',
      fault,
      401
    )
  }
  if (challenge?.kind === 'unsupported' && challenge.offered) {
    return new OnvifError('ONVIF_UNSUPPORTED_AUTH', `camera ${host} asks for an HTTP authentication Vigil does not support on ${operation} (${challenge.offered})`, fault, 401)
  }
  const how = challenge?.kind === 'digest' ? 'HTTP Digest, 401' : fault && isAuthFault(fault) ? `ONVIF ${fault.subcodes.join('/') || fault.code}` : 'HTTP 401'
  return new OnvifError('ONVIF_UNAUTHORIZED', `camera ${host} refused the user name or password (${how} on ${operation})`, fault, 401)
}

function safeParse(xml: string): XmlNode {
  try {
    return parseXml(xml)
  } catch {
    return {}
  }
}

/** 'ECONNREFUSED', 'ENOTFOUND', ... from undici's "fetch failed" TypeError, which hides the cause one level down. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause
  if (cause && typeof cause.code === 'string') return cause.code
  if (cause && typeof cause.message === 'string') return cause.message
  return error instanceof Error ? error.message : String(error)
}
