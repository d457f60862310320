// HTTP Digest authentication (RFC 7616, and the RFC 2617/2069 forms older firmware still speaks) for cameras
// that check the password on the HTTP layer instead of, or as well as, in the SOAP header. The password
// never leaves this module: only its digests do, inside the Authorization header.
import { createHash, randomBytes } from 'node:crypto'
import type { Credentials } from './soap'

// ---------------------------------------------------------------------------------------------
// Reading WWW-Authenticate

export interface AuthChallenge {
  /** Lower case: 'digest', 'basic', ... */
  scheme: string
  /** Parameter names in lower case, values unquoted. */
  params: Map<string, string>
}

const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/

/**
 * Every challenge in a WWW-Authenticate value (RFC 9110 §11.6.1). fetch joins several header lines with
 * ", ", and a challenge's own parameters are comma-separated too, so a name followed by '=' is a parameter
 * of the challenge before it and any other token starts a new challenge.
 */
export function parseAuthenticate(header: string): AuthChallenge[] {
  const challenges: AuthChallenge[] = []
  let current: AuthChallenge | null = null
  let i = 0
  const readToken = () => {
    const start = i
    while (i < header.length && TOKEN_CHAR.test(header[i])) i++
    return header.slice(start, i)
  }
  const skipSpace = () => {
    while (header[i] === ' ' || header[i] === '\t') i++
  }
  while (i < header.length) {
    const name = readToken()
    if (!name) {
      i++ // separators, and token68 padding ('=') of schemes like Negotiate
      continue
    }
    skipSpace()
    if (header[i] === '=' && current) {
      i++
      skipSpace()
      const [value, end] = header[i] === '"' ? readQuoted(header, i) : readBare(header, i)
      current.params.set(name.toLowerCase(), value)
      i = end
    } else {
      current = { scheme: name.toLowerCase(), params: new Map() }
      challenges.push(current)
    }
  }
  return challenges
}

/** A quoted-string starting at `start` (the opening quote): its unescaped text and the index after it. */
function readQuoted(text: string, start: number): [string, number] {
  let value = ''
  let i = start + 1
  while (i < text.length && text[i] !== '"') {
    if (text[i] === '\\' && i + 1 < text.length) i++
    value += text[i++]
  }
  return [value, i + 1]
}

/** An unquoted value. Firmware sends nonces with '/' and '=' unquoted, so it ends only at a comma or space. */
function readBare(text: string, start: number): [string, number] {
  let i = start
  while (i < text.length && !/[,\s]/.test(text[i])) i++
  return [text.slice(start, i), i]
}

// ---------------------------------------------------------------------------------------------
// Digest challenges and responses

export type DigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess'

const ALGORITHMS: Record<string, DigestAlgorithm> = { md5: 'MD5', 'md5-sess': 'MD5-sess', 'sha-256': 'SHA-256', 'sha-256-sess': 'SHA-256-sess' }

export interface DigestChallenge {
  realm: string
  nonce: string
  opaque: string | null
  algorithm: DigestAlgorithm
  /** Whether the camera named the algorithm; RFC 2069 servers may not know the parameter, so it is echoed only then. */
  algorithmNamed: boolean
  /** 'auth', or null for the RFC 2069 form (the camera offered no qop). */
  qop: 'auth' | null
  /** The nonce of the rejected request had expired; the password itself was right. */
  stale: boolean
  /** RFC 7616 §3.4.4: send H(username:realm) instead of the user name. */
  userhash: boolean
}

/** The challenge as Vigil can answer it, or null (not Digest, an unknown algorithm, or only qop=auth-int). */
export function digestChallengeOf(challenge: AuthChallenge): DigestChallenge | null {
  const { params } = challenge
  const realm = params.get('realm')
  const nonce = params.get('nonce')
  const named = params.get('algorithm')
  const algorithm = ALGORITHMS[(named ?? 'MD5').toLowerCase()]
  if (challenge.scheme !== 'digest' || realm === undefined || !nonce || !algorithm) return null
  const offered = params.get('qop')
  const qops = offered?.split(',').map((q) => q.trim().toLowerCase())
  if (qops && !qops.includes('auth')) return null
  return {
    realm,
    nonce,
    opaque: params.get('opaque') ?? null,
    algorithm,
    algorithmNamed: named !== undefined,
    qop: qops ? 'auth' : null,
    stale: params.get('stale')?.toLowerCase() === 'true',
    userhash: params.get('userhash')?.toLowerCase() === 'true'
  }
}

export interface DigestInput {
  algorithm: DigestAlgorithm
  username: string
  password: string
  realm: string
  nonce: string
  method: string
  /** The request target as sent: path and query. */
  uri: string
  qop: 'auth' | null
  /** Eight hex digits, e.g. '00000001'. */
  nc: string
  cnonce: string
}

function hash(algorithm: DigestAlgorithm, text: string): string {
  return createHash(algorithm.startsWith('SHA-256') ? 'sha256' : 'md5')
    .update(text, 'utf8')
    .digest('hex')
}

/** The response value: KD(H(A1), nonce:nc:cnonce:qop:H(A2)) (RFC 7616 §3.4.1), or KD(H(A1), nonce:H(A2)) without qop. */
export function digestResponse(input: DigestInput): string {
  const { algorithm } = input
  let ha1 = hash(algorithm, `${input.username}:${input.realm}:${input.password}`)
  // The -sess variants bind A1 to this nonce and cnonce (RFC 7616 §3.4.2).
  if (algorithm.endsWith('-sess')) ha1 = hash(algorithm, `${ha1}:${input.nonce}:${input.cnonce}`)
  const ha2 = hash(algorithm, `${input.method}:${input.uri}`)
  if (input.qop === null) return hash(algorithm, `${ha1}:${input.nonce}:${ha2}`)
  return hash(algorithm, `${ha1}:${input.nonce}:${input.nc}:${input.cnonce}:${input.qop}:${ha2}`)
}

const quote = (text: string) => `"${text.replace(/[\\"]/g, '\\$&')}"`

/** Non-ASCII names cannot go into a header as they are (fetch refuses them): RFC 7616 §3.4 sends username*. */
function usernameParam(challenge: DigestChallenge, username: string): string {
  if (challenge.userhash) return `username=${quote(hash(challenge.algorithm, `${username}:${challenge.realm}`))}`
  if (/^[\x20-\x7e]*$/.test(username)) return `username=${quote(username)}`
  return `username*=UTF-8''${encodeURIComponent(username).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`
}

export interface DigestRequest {
  method: string
  uri: string
  /** How many requests this nonce has authenticated, this one included. */
  nc: number
  cnonce: string
}

/** The Authorization header value answering `challenge` for one request. */
export function digestAuthorization(challenge: DigestChallenge, credentials: Credentials, request: DigestRequest): string {
  const nc = request.nc.toString(16).padStart(8, '0')
  const response = digestResponse({ ...credentials, ...challenge, ...request, nc })
  const params = [usernameParam(challenge, credentials.username), `realm=${quote(challenge.realm)}`, `nonce=${quote(challenge.nonce)}`, `uri=${quote(request.uri)}`]
  if (challenge.algorithmNamed) params.push(`algorithm=${challenge.algorithm}`)
  if (challenge.qop) params.push(`qop=${challenge.qop}`, `nc=${nc}`, `cnonce=${quote(request.cnonce)}`)
  params.push(`response=${quote(response)}`)
  if (challenge.opaque !== null) params.push(`opaque=${quote(challenge.opaque)}`)
  if (challenge.userhash) params.push('userhash=true')
  return `Digest ${params.join(', ')}`
}

// ---------------------------------------------------------------------------------------------
// Per-camera state

/** What a 401 asks for: a Digest Vigil can answer, Basic (never sent in clear text), or something else. */
export type ChallengeOutcome =
  | { kind: 'digest'; stale: boolean }
  | { kind: 'basic' }
  /** `offered`: the schemes as the camera named them, for the error message ('' when it sent no challenge). */
  | { kind: 'unsupported'; offered: string }

interface ProtectionSpace {
  challenge: DigestChallenge
  nc: number
}

/**
 * One camera's HTTP Digest state: the last challenge per origin (scheme, host and port) and how often its
 * nonce was used. Once a challenge has been answered successfully, every request carries Authorization
 * with the next nc at once, so only the first request, and one after each nonce expiry, costs a 401.
 */
export class HttpDigestAuth {
  private readonly spaces = new Map<string, ProtectionSpace>()

  constructor(
    private readonly credentials: Credentials,
    private readonly makeCnonce: () => string = () => randomBytes(16).toString('hex')
  ) {}

  /** The Authorization header for a request to `url`, or null while no challenge from its origin is known. */
  authorization(method: string, url: string): string | null {
    const target = new URL(url)
    const space = this.spaces.get(target.origin)
    if (!space) return null
    space.nc++
    return digestAuthorization(space.challenge, this.credentials, { method, uri: target.pathname + target.search, nc: space.nc, cnonce: this.makeCnonce() })
  }

  /**
   * Takes the challenges of a 401 to `url`. A usable Digest challenge (the first, as servers list their
   * preferred algorithm first) replaces the known one, with nc starting again at 1.
   */
  challenged(url: string, wwwAuthenticate: string | null): ChallengeOutcome {
    const origin = new URL(url).origin
    const challenges = parseAuthenticate(wwwAuthenticate ?? '')
    for (const offered of challenges) {
      const challenge = digestChallengeOf(offered)
      if (!challenge) continue
      this.spaces.set(origin, { challenge, nc: 0 })
      return { kind: 'digest', stale: challenge.stale }
    }
    // The camera no longer takes Digest (reconfigured): stop sending it.
    this.spaces.delete(origin)
    if (challenges.some((c) => c.scheme === 'basic')) return { kind: 'basic' }
    return { kind: 'unsupported', offered: describeOffer(challenges) }
  }

  /**
   * After a request that answered a fresh challenge: a refusal forgets it, so that with a wrong password the
   * next attempt starts without Authorization and costs the camera one failed login, not two (cameras lock
   * an account after a few).
   */
  settled(url: string, accepted: boolean): void {
    if (!accepted) this.spaces.delete(new URL(url).origin)
  }
}

/** 'Digest algorithm=SHA-512-256, Negotiate': enough to tell the user what the camera wanted. */
function describeOffer(challenges: AuthChallenge[]): string {
  return challenges
    .map((c) => {
      const algorithm = c.params.get('algorithm')
      const qop = c.params.get('qop')
      const name = c.scheme.charAt(0).toUpperCase() + c.scheme.slice(1)
      return [name, algorithm && `algorithm=${algorithm}`, qop && `qop=${qop}`].filter(Boolean).join(' ')
    })
    .join(', ')
}
