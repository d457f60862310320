import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  digestAuthorization,
  digestChallengeOf,
  digestResponse,
  HttpDigestAuth,
  parseAuthenticate,
  type DigestChallenge
} from '../../../../../main/core/events/onvif/http-digest'

const md5 = (text: string) => createHash('md5').update(text).digest('hex')

/** The Authorization header's parameters, unquoted, to check one at a time. */
function paramsOf(header: string): Record<string, string> {
  expect(header.startsWith('Digest ')).toBe(true)
  return Object.fromEntries([...parseAuthenticate(header)[0].params])
}

function onlyDigest(header: string): DigestChallenge {
  const challenge = digestChallengeOf(parseAuthenticate(header)[0])
  expect(challenge).not.toBeNull()
  return challenge!
}

// RFC 2617 §3.5: the challenge and the request of its example.
const RFC2617_CHALLENGE =
  'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"'
const MUFASA_2617 = { username: 'Mufasa', password: 'Circle Of Life' }

// RFC 7616 §3.9.1: two challenges, SHA-256 first (the server's preference), then MD5.
const RFC7616_NONCE = '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v'
const RFC7616_OPAQUE = 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS'
const RFC7616_CNONCE = 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ'
const rfc7616Challenge = (algorithm: string) =>
  `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=${algorithm}, nonce="${RFC7616_NONCE}", opaque="${RFC7616_OPAQUE}"`
const MUFASA_7616 = { username: 'Mufasa', password: 'Circle of Life' }

describe('digest responses of the RFC examples', () => {
  it('computes RFC 2617 §3.5 (MD5, qop=auth)', () => {
    const response = digestResponse({
      algorithm: 'MD5',
      ...MUFASA_2617,
      realm: 'testrealm@host.com',
      nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
      method: 'GET',
      uri: '/dir/index.html',
      qop: 'auth',
      nc: '00000001',
      cnonce: '0a4f113b'
    })
    expect(response).toBe('6629fae49393a05397450978507c4ef1')
  })

  it('answers the RFC 2617 §3.5 challenge with the header of its example', () => {
    const auth = new HttpDigestAuth(MUFASA_2617, () => '0a4f113b')
    expect(auth.challenged('http://www.nowhere.org/dir/index.html', RFC2617_CHALLENGE)).toEqual({ kind: 'digest', stale: false })
    const header = auth.authorization('GET', 'http://www.nowhere.org/dir/index.html')!
    expect(paramsOf(header)).toEqual({
      username: 'Mufasa',
      realm: 'testrealm@host.com',
      nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
      uri: '/dir/index.html',
      qop: 'auth',
      nc: '00000001',
      cnonce: '0a4f113b',
      response: '6629fae49393a05397450978507c4ef1',
      opaque: '5ccc069c403ebaf9f0171e9517f40e41'
    })
    // The camera named no algorithm, so none is echoed: RFC 2069-era servers may not know the parameter.
    expect(header).not.toContain('algorithm')
  })

  it('computes RFC 7616 §3.9.1 with SHA-256 and with MD5', () => {
    const request = { method: 'GET', uri: '/dir/index.html', nc: 1, cnonce: RFC7616_CNONCE }
    const sha256 = paramsOf(digestAuthorization(onlyDigest(rfc7616Challenge('SHA-256')), MUFASA_7616, request))
    expect(sha256).toMatchObject({ algorithm: 'SHA-256', nc: '00000001', opaque: RFC7616_OPAQUE, qop: 'auth' })
    expect(sha256.response).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1')
    const md5Header = paramsOf(digestAuthorization(onlyDigest(rfc7616Challenge('MD5')), MUFASA_7616, request))
    expect(md5Header).toMatchObject({ algorithm: 'MD5' })
    expect(md5Header.response).toBe('8ca523f5e9506fed4657c9700eebdbec')
  })

  it('answers the first challenge it can of several (RFC 7616 §3.9.1 lists SHA-256 first)', () => {
    const auth = new HttpDigestAuth(MUFASA_7616, () => RFC7616_CNONCE)
    // fetch joins the two header lines with ', ', so their parameters must not run together.
    auth.challenged('http://example.org/dir/index.html', `${rfc7616Challenge('SHA-256')}, ${rfc7616Challenge('MD5')}`)
    expect(paramsOf(auth.authorization('GET', 'http://example.org/dir/index.html')!).response).toBe(
      '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1'
    )
  })
})

describe('digest forms without an RFC example', () => {
  const base = { username: 'Mufasa', password: 'CircleOfLife', realm: 'testrealm@host.com', nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093', method: 'GET', uri: '/dir/index.html' }

  it('uses the RFC 2069 form H(H(A1):nonce:H(A2)) when the camera offers no qop, with no nc or cnonce', () => {
    const expected = md5(`${md5('Mufasa:testrealm@host.com:CircleOfLife')}:dcd98b7102dd2f0e8b11d0f600bfb0c093:${md5('GET:/dir/index.html')}`)
    expect(digestResponse({ ...base, algorithm: 'MD5', qop: null, nc: '00000001', cnonce: 'x' })).toBe(expected)
    const header = digestAuthorization(onlyDigest('Digest realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093"'), base, {
      method: 'GET',
      uri: '/dir/index.html',
      nc: 1,
      cnonce: 'x'
    })
    expect(paramsOf(header).response).toBe(expected)
    expect(header).not.toMatch(/\b(qop|nc|cnonce|opaque)=/)
  })

  it('binds A1 to nonce and cnonce for MD5-sess (RFC 7616 §3.4.2)', () => {
    const ha1 = md5(`${md5('Mufasa:testrealm@host.com:CircleOfLife')}:dcd98b7102dd2f0e8b11d0f600bfb0c093:0a4f113b`)
    const expected = md5(`${ha1}:dcd98b7102dd2f0e8b11d0f600bfb0c093:00000001:0a4f113b:auth:${md5('GET:/dir/index.html')}`)
    expect(digestResponse({ ...base, algorithm: 'MD5-sess', qop: 'auth', nc: '00000001', cnonce: '0a4f113b' })).toBe(expected)
  })

  it('hashes the user name when the camera asks for userhash, and sends a non-ASCII name as username*', () => {
    const hashed = onlyDigest('Digest realm="r", nonce="n", algorithm=MD5, qop="auth", userhash=true')
    const header = digestAuthorization(hashed, { username: 'admin', password: 'p' }, { method: 'POST', uri: '/', nc: 1, cnonce: 'c' })
    expect(paramsOf(header)).toMatchObject({ username: md5('admin:r'), userhash: 'true' })
    const plain = onlyDigest('Digest realm="r", nonce="n", qop="auth"')
    expect(digestAuthorization(plain, { username: 'Jäsøn', password: 'p' }, { method: 'POST', uri: '/', nc: 1, cnonce: 'c' })).toContain(
      "username*=UTF-8''J%C3%A4s%C3%B8n"
    )
  })

  it('escapes quotes and backslashes in a quoted user name', () => {
    const header = digestAuthorization(onlyDigest('Digest realm="r", nonce="n", qop="auth"'), { username: 'a"b\\c', password: 'p' }, { method: 'POST', uri: '/', nc: 1, cnonce: 'c' })
    expect(header).toContain('username="a\\"b\\\\c"')
    expect(paramsOf(header).username).toBe('a"b\\c')
  })
})

describe('parseAuthenticate', () => {
  it('splits several challenges, with commas inside quoted values and escaped quotes', () => {
    const challenges = parseAuthenticate('Basic realm="cam, front", DIGEST Realm="a \\"b\\"", NONCE=abc/def==, qop="auth,auth-int", Negotiate YII=')
    expect(challenges.map((c) => c.scheme)).toEqual(['basic', 'digest', 'negotiate'])
    expect(challenges[0].params.get('realm')).toBe('cam, front')
    expect(Object.fromEntries(challenges[1].params)).toEqual({ realm: 'a "b"', nonce: 'abc/def==', qop: 'auth,auth-int' })
  })

  it('skips Digest challenges it cannot answer', () => {
    expect(digestChallengeOf(parseAuthenticate('Digest realm="r", nonce="n", algorithm=SHA-512-256')[0])).toBeNull()
    expect(digestChallengeOf(parseAuthenticate('Digest realm="r", nonce="n", qop="auth-int"')[0])).toBeNull()
    expect(digestChallengeOf(parseAuthenticate('Digest realm="r"')[0])).toBeNull()
    expect(onlyDigest('Digest realm="r", nonce="n", algorithm=sha-256-SESS, stale=TRUE')).toMatchObject({ algorithm: 'SHA-256-sess', stale: true, qop: null })
  })
})

describe('HttpDigestAuth', () => {
  const url = 'http://192.168.1.20:8080/onvif/event_service?x=1'
  const credentials = { username: 'admin', password: 'Door-Secret-4711' }

  it('sends nothing before a challenge, then counts nc up per nonce and starts again at 1 with a new one', () => {
    const auth = new HttpDigestAuth(credentials, () => 'c')
    expect(auth.authorization('POST', url)).toBeNull()
    auth.challenged(url, 'Digest realm="cam", nonce="one", qop="auth"')
    const first = paramsOf(auth.authorization('POST', url)!)
    expect(first).toMatchObject({ nc: '00000001', uri: '/onvif/event_service?x=1', nonce: 'one' })
    expect(paramsOf(auth.authorization('POST', 'http://192.168.1.20:8080/onvif/subscription/7')!)).toMatchObject({ nc: '00000002' })
    expect(auth.challenged(url, 'Digest realm="cam", nonce="two", qop="auth", stale=true')).toEqual({ kind: 'digest', stale: true })
    expect(paramsOf(auth.authorization('POST', url)!)).toMatchObject({ nc: '00000001', nonce: 'two' })
  })

  it('keeps challenges per origin, and forgets one that was refused', () => {
    const auth = new HttpDigestAuth(credentials)
    auth.challenged(url, 'Digest realm="cam", nonce="one", qop="auth"')
    expect(auth.authorization('POST', 'http://192.168.1.21:8080/onvif/event_service')).toBeNull()
    auth.settled(url, true)
    expect(auth.authorization('POST', url)).not.toBeNull()
    auth.settled(url, false)
    expect(auth.authorization('POST', url)).toBeNull()
  })

  it('uses a fresh cnonce per request and never puts the password in the header', () => {
    const auth = new HttpDigestAuth(credentials)
    auth.challenged(url, 'Digest realm="cam", nonce="one", qop="auth", algorithm=SHA-256')
    const a = auth.authorization('POST', url)!
    const b = auth.authorization('POST', url)!
    expect(paramsOf(a).cnonce).not.toBe(paramsOf(b).cnonce)
    expect(a + b).not.toContain(credentials.password)
  })

  it('reports Basic (never answered) and schemes it does not know', () => {
    const auth = new HttpDigestAuth(credentials)
    auth.challenged(url, 'Digest realm="x", nonce="n"')
    // A camera switched from Digest to Basic: the known Digest challenge is dropped, nothing is sent.
    expect(auth.challenged(url, 'Basic realm="IP Camera"')).toEqual({ kind: 'basic' })
    expect(auth.authorization('POST', url)).toBeNull()
    // A usable Digest next to Basic wins.
    expect(auth.challenged(url, 'Basic realm="x", Digest realm="x", nonce="n"')).toEqual({ kind: 'digest', stale: false })
    expect(new HttpDigestAuth(credentials).challenged(url, 'Digest realm="r", nonce="n", algorithm=SHA-512-256, Negotiate')).toEqual({
      kind: 'unsupported',
      offered: 'Digest algorithm=SHA-512-256, Negotiate'
    })
    expect(new HttpDigestAuth(credentials).challenged(url, null)).toEqual({ kind: 'unsupported', offered: '' })
  })
})
