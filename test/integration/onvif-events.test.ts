// The ONVIF event client against a test camera speaking the real protocol over HTTP (test/support/onvif):
// SOAP 1.2, WS-Security digests checked against the camera's own clock, PullPoint long-polls, expiry.
import { afterEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../main/core/logger'
import type { CameraSignal } from '../../main/core/events/onvif/notifications'
import { OnvifEventSubscription, probeOnvifEvents, type OnvifEventDeps, type OnvifEventState } from '../../main/core/events/onvif/pullpoint-client'
import { ACTION, soapCall } from '../../main/core/events/onvif/soap'
import { startOnvifServer, type OnvifServerOptions, type OnvifTestServer } from '../support/onvif/server'

const USER = 'admin'
const PASSWORD = 'Door-Secret-4711'
const VISITOR = 'tns1:RuleEngine/MyRuleDetector/Visitor'
const CELL_MOTION = 'tns1:RuleEngine/CellMotionDetector/Motion'
const MOTION_ALARM = 'tns1:VideoSource/MotionAlarm'

interface TestClient {
  subscription: OnvifEventSubscription
  signals: (CameraSignal & { receivedAt: number })[]
  states: OnvifEventState[]
  logs: string[]
}

const servers: OnvifTestServer[] = []
const clients: TestClient[] = []

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.subscription.stop()))
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function camera(options: OnvifServerOptions = {}): Promise<OnvifTestServer> {
  const server = await startOnvifServer({ username: USER, password: PASSWORD, ...options })
  servers.push(server)
  return server
}

function client(server: { deviceUrl: string }, overrides: Partial<OnvifEventDeps> = {}): TestClient {
  const signals: TestClient['signals'] = []
  const states: OnvifEventState[] = []
  const logs: string[] = []
  const subscription = new OnvifEventSubscription({
    deviceUrl: server.deviceUrl,
    username: USER,
    password: PASSWORD,
    logger: createLogger('onvif', (line) => logs.push(line)),
    onSignal: (signal) => signals.push({ ...signal, receivedAt: Date.now() }),
    onState: (state) => states.push(state),
    timing: { pullTimeoutS: 2, terminationS: 30, requestTimeoutMs: 2000, backoff: { baseMs: 200, capMs: 800 } },
    ...overrides
  })
  const test = { subscription, signals, states, logs }
  clients.push(test)
  subscription.start()
  return test
}

async function waitFor<T>(what: string, check: () => T | null | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = check()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const connected = (c: TestClient) => waitFor('a connected subscription', () => c.states.at(-1)?.connected)
const count = (server: OnvifTestServer, action: string) => server.requests().filter((a) => a === action).length
const pick = (c: TestClient, kind: CameraSignal['kind']) => c.signals.filter((s) => s.kind === kind).map((s) => s.active)

describe('ONVIF PullPoint events', () => {
  it('delivers a doorbell press as exactly one active doorbell signal while the long-poll is pending', async () => {
    const server = await camera()
    // A long pull: a press that waited for the next poll would take up to 20 s.
    const c = client(server, { timing: { pullTimeoutS: 20, terminationS: 60, requestTimeoutMs: 2000 } })
    await connected(c)
    await waitFor('a pending pull', () => count(server, ACTION.pullMessages) >= 1)
    expect(server.subscriptions()).toBe(1)

    const pressedAt = Date.now()
    server.emit({ topic: VISITOR, source: { Source: '000' }, data: { State: 'true' } })
    const press = await waitFor('the press', () => c.signals.find((s) => s.kind === 'doorbell'), 10_000)
    // The pending pull answered at once (well under a second on a quiet machine; the bound leaves room for load).
    expect(press.receivedAt - pressedAt).toBeLessThan(5000)
    expect(press).toMatchObject({ kind: 'doorbell', active: true, topic: 'RuleEngine/MyRuleDetector/Visitor', source: 'Source=000' })
    expect(Math.abs(press.at - pressedAt)).toBeLessThan(2000)

    server.emit({ topic: VISITOR, source: { Source: '000' }, data: { State: 'false' } })
    await waitFor('the release', () => c.signals.length === 2)
    await sleep(2500) // the next pull is pending at once: a repeat would have arrived by now
    expect(pick(c, 'doorbell')).toEqual([true, false])
    expect(c.logs.join('\n')).not.toContain(PASSWORD)
  })

  it('reports motion as start/stop pairs per topic, ignoring repeats', async () => {
    const server = await camera()
    const c = client(server)
    await connected(c)
    const source = { VideoSourceConfigurationToken: 'VideoSourceToken', Rule: 'MyMotionDetectorRule' }
    for (const value of ['true', 'true', 'true', 'false']) server.emit({ topic: CELL_MOTION, source, data: { IsMotion: value } })
    server.emit({ topic: MOTION_ALARM, source: { Source: 'VideoSourceToken' }, data: { State: 'true' } })
    server.emit({ topic: MOTION_ALARM, source: { Source: 'VideoSourceToken' }, data: { State: 'false' } })
    await waitFor('four motion signals', () => c.signals.length >= 4)
    await sleep(300)
    expect(c.signals.map(({ topic, active }) => [topic, active])).toEqual([
      ['RuleEngine/CellMotionDetector/Motion', true],
      ['RuleEngine/CellMotionDetector/Motion', false],
      ['VideoSource/MotionAlarm', true],
      ['VideoSource/MotionAlarm', false]
    ])
  })

  it('does not report the doorbell state a new subscription starts with as a press', async () => {
    const server = await camera()
    const first = client(server)
    await connected(first)
    server.emit({ topic: VISITOR, data: { State: 'true' } }) // pressed and held
    server.emit({ topic: MOTION_ALARM, data: { State: 'true' } })
    await waitFor('press and motion', () => first.signals.length === 2)

    const second = client(server) // its subscription starts with both as Initialized
    await connected(second)
    await waitFor('the ongoing motion', () => second.signals.length >= 1)
    await sleep(500)
    expect(second.signals.map(({ kind, active }) => [kind, active])).toEqual([['motion', true]])
    expect(first.signals).toHaveLength(2)
  })

  it('reports a wrong password as an auth error and retries with growing delays, not in a tight loop', async () => {
    const server = await camera()
    const c = client(server, { password: 'wrong-password' })
    const state = await waitFor('an error state', () => c.states.find((s) => s.error))
    expect(state).toMatchObject({ connected: false, code: 'ONVIF_UNAUTHORIZED' })
    expect(state.error).toMatch(/refused the user name or password/)

    await sleep(3000)
    // 200, 400, 800, 800 ... ms apart: a handful of attempts in 3 s; a tight loop would make hundreds.
    const attempts = count(server, ACTION.getCapabilities)
    expect(attempts).toBeGreaterThanOrEqual(3)
    expect(attempts).toBeLessThanOrEqual(8)
    const delays = c.logs.map((line) => /subscribing again in (\d+) ms/.exec(line)?.[1]).filter(Boolean).map(Number)
    expect(delays.slice(0, 4)).toEqual([200, 400, 800, 800])
    expect(count(server, ACTION.createPullPointSubscription)).toBe(0)
    expect(c.logs.join('\n')).not.toContain('wrong-password')
    expect(c.signals).toEqual([])
  })

  it('authenticates with a camera whose clock is an hour off, and puts event times on our clock', async () => {
    const server = await camera({ clockOffsetMs: 3_600_000 })
    // The camera really checks Created: a token made with our clock is refused.
    await expect(
      soapCall({ url: server.deviceUrl, action: ACTION.getCapabilities, body: '<tds:GetCapabilities/>', credentials: { username: USER, password: PASSWORD }, timeoutMs: 2000 })
    ).rejects.toMatchObject({ code: 'ONVIF_UNAUTHORIZED' })

    const c = client(server)
    await connected(c)
    const pressedAt = Date.now()
    server.emit({ topic: VISITOR, data: { State: 'true' } })
    const press = await waitFor('the press', () => c.signals[0], 2000)
    expect(press).toMatchObject({ kind: 'doorbell', active: true })
    expect(Math.abs(press.at - pressedAt)).toBeLessThan(2000) // not an hour ahead
    expect(c.logs.some((line) => /camera clock 3600 s off/.test(line))).toBe(true)
  })

  it('survives the camera restarting: subscribes again on the new instance', async () => {
    const server = await camera()
    const c = client(server)
    await connected(c)
    const port = server.port
    await servers.splice(servers.indexOf(server), 1)[0].close()
    await waitFor('the loss to be noticed', () => c.states.at(-1)?.connected === false)

    const again = await camera({ port })
    await waitFor('a new subscription', () => c.states.at(-1)?.connected && again.subscriptions() === 1, 15_000)
    expect(count(again, ACTION.createPullPointSubscription)).toBe(1)
    again.emit({ topic: VISITOR, data: { State: 'true' } })
    await waitFor('the press after the restart', () => c.signals.find((s) => s.kind === 'doorbell' && s.active), 3000)
  })

  it('renews the subscription before it terminates instead of losing it', async () => {
    const server = await camera()
    const c = client(server, { timing: { pullTimeoutS: 1, terminationS: 3, requestTimeoutMs: 1000, backoff: { baseMs: 200, capMs: 800 } } })
    await connected(c)
    await sleep(5000) // beyond the 3 s the subscription was created for
    expect(count(server, ACTION.renew)).toBeGreaterThanOrEqual(2)
    expect(count(server, ACTION.createPullPointSubscription)).toBe(1)
    expect(server.subscriptions()).toBe(1)
    server.emit({ topic: VISITOR, data: { State: 'true' } })
    await waitFor('the press', () => c.signals[0], 2000)
  })

  it('stop() cuts a pending long-poll short and unsubscribes', async () => {
    const server = await camera()
    const c = client(server, { timing: { pullTimeoutS: 30, terminationS: 60, requestTimeoutMs: 2000 } })
    await connected(c)
    await waitFor('a pending pull', () => count(server, ACTION.pullMessages) >= 1)
    await sleep(300)
    const startedAt = Date.now()
    await c.subscription.stop()
    // Not the 30 s the pull would still have run.
    expect(Date.now() - startedAt).toBeLessThan(5000)
    expect(server.requests().at(-1)).toBe(ACTION.unsubscribe)
    expect(server.subscriptions()).toBe(0)
    expect(c.states.at(-1)).toEqual({ connected: false, error: null, code: null })
  })

  it('probes whether a camera offers events and which topics', async () => {
    const server = await camera({ topics: [VISITOR, MOTION_ALARM, 'tns1:Device/Trigger/DigitalInput'] })
    expect(await probeOnvifEvents({ deviceUrl: server.deviceUrl, username: USER, password: PASSWORD })).toEqual({
      supported: true,
      topics: ['Device/Trigger/DigitalInput', 'RuleEngine/MyRuleDetector/Visitor', 'VideoSource/MotionAlarm'],
      error: null,
      code: null
    })

    const denied = await probeOnvifEvents({ deviceUrl: server.deviceUrl, username: USER, password: 'nope' })
    expect(denied).toMatchObject({ supported: false, topics: [], code: 'ONVIF_UNAUTHORIZED' })

    const open = await camera({ username: undefined, password: undefined })
    expect(await probeOnvifEvents({ deviceUrl: open.deviceUrl, username: null, password: null })).toMatchObject({ supported: true })

    const gone = await camera()
    const goneUrl = gone.deviceUrl
    await servers.splice(servers.indexOf(gone), 1)[0].close()
    const offline = await probeOnvifEvents({ deviceUrl: goneUrl, username: USER, password: PASSWORD, requestTimeoutMs: 1000 })
    expect(offline).toMatchObject({ supported: false, code: 'ONVIF_UNREACHABLE' })
    expect(offline.error).toMatch(/could not be reached/)
  })
})

// Cameras that check the password on the HTTP layer (RFC 7616 Digest), instead of or as well as WS-Security.
describe('ONVIF events from cameras that want HTTP authentication', () => {
  const outcomes = (server: OnvifTestServer, action?: string) => server.httpAuth().filter((r) => !action || r.action === action).map((r) => r.outcome)

  it.each([
    { name: 'HTTP Digest, SHA-256 preferred', options: { auth: 'http-digest', digestAlgorithms: ['SHA-256', 'MD5'] }, algorithm: 'SHA-256' },
    { name: 'HTTP Digest and WS-Security, MD5-sess', options: { auth: 'both', digestAlgorithms: ['MD5-sess'] }, algorithm: 'MD5-sess' },
    { name: 'HTTP Digest without qop (RFC 2069)', options: { auth: 'http-digest', digestQop: false }, algorithm: 'MD5' }
  ] satisfies { name: string; options: OnvifServerOptions; algorithm: string }[])('delivers a doorbell press from a camera that wants $name', async ({ options, algorithm }) => {
    const server = await camera(options)
    const c = client(server)
    await connected(c)
    server.emit({ topic: VISITOR, source: { Source: '000' }, data: { State: 'true' } })
    const press = await waitFor('the press', () => c.signals.find((s) => s.kind === 'doorbell'), 5000)
    expect(press).toMatchObject({ kind: 'doorbell', active: true, topic: 'RuleEngine/MyRuleDetector/Visitor' })

    // One 401 for the first call; every later call sent Authorization at once, each nonce use with its own nc.
    const records = server.httpAuth()
    expect(records.map((r) => r.outcome)).toEqual(['challenged', ...records.slice(1).map(() => 'ok')])
    expect(records.length).toBeGreaterThanOrEqual(3) // GetCapabilities, CreatePullPointSubscription, PullMessages
    expect(new Set(records.slice(1).map((r) => r.algorithm))).toEqual(new Set([algorithm]))
    if (options.digestQop !== false) expect(records.slice(1).map((r) => r.nc)).toEqual(records.slice(1).map((_, i) => (i + 1).toString(16).padStart(8, '0')))
    expect(c.logs.join('\n')).not.toContain(PASSWORD)
  })

  it('reports a wrong password as an auth error with backoff, one failed login per attempt, never logging the password', async () => {
    const server = await camera({ auth: 'http-digest', digestAlgorithms: ['SHA-256', 'MD5'] })
    const c = client(server, { password: 'wrong-password' })
    const state = await waitFor('an error state', () => c.states.find((s) => s.error))
    expect(state).toMatchObject({ connected: false, code: 'ONVIF_UNAUTHORIZED' })
    expect(state.error).toMatch(/refused the user name or password \(HTTP Digest, 401 on GetCapabilities\)/)

    await sleep(3000)
    const delays = c.logs.map((line) => /subscribing again in (\d+) ms/.exec(line)?.[1]).filter(Boolean).map(Number)
    expect(delays.slice(0, 4)).toEqual([200, 400, 800, 800])
    // Each attempt: a request without Authorization, the camera's challenge, one answer it refuses. A camera
    // locks the account after a few failed logins, so two refusals in a row would be one too many.
    const attempts = outcomes(server, ACTION.getCapabilities)
    expect(attempts.filter((o) => o === 'refused').length).toBeGreaterThanOrEqual(3)
    expect(attempts.filter((o) => o === 'refused').length).toBeLessThanOrEqual(8)
    expect(attempts.join(' ')).toMatch(/^(challenged refused ?)+(challenged)?$/)
    expect(count(server, ACTION.createPullPointSubscription)).toBe(0)
    expect(c.logs.join('\n')).not.toContain('wrong-password')
    expect(c.signals).toEqual([])

    const probe = await probeOnvifEvents({ deviceUrl: server.deviceUrl, username: USER, password: 'wrong-password' })
    expect(probe).toMatchObject({ supported: false, code: 'ONVIF_UNAUTHORIZED' })
    expect(probe.error).not.toContain('wrong-password')
  })

  it('answers a stale nonce by retrying once with the new one, keeping the subscription', async () => {
    const server = await camera({ auth: 'http-digest' })
    const c = client(server, { timing: { pullTimeoutS: 20, terminationS: 60, requestTimeoutMs: 2000 } })
    await connected(c)
    await waitFor('a pending pull', () => count(server, ACTION.pullMessages) >= 1)
    server.expireNonces()
    server.emit({ topic: VISITOR, data: { State: 'true' } }) // answers the pending pull; the next one meets the stale nonce
    await waitFor('the press', () => c.signals.length === 1, 5000)
    await waitFor('the next pull to authenticate again', () => outcomes(server, ACTION.pullMessages).includes('stale') && outcomes(server).at(-1) === 'ok')

    server.emit({ topic: VISITOR, data: { State: 'false' } })
    await waitFor('the release', () => c.signals.length === 2, 5000)
    expect(pick(c, 'doorbell')).toEqual([true, false])
    const records = server.httpAuth()
    const stale = records.findIndex((r) => r.outcome === 'stale')
    // The stale answer was followed at once by a successful retry of the same call, and no other 401.
    expect(records.slice(stale + 1, stale + 2)).toMatchObject([{ action: ACTION.pullMessages, outcome: 'ok', nc: '00000001' }])
    expect(records.filter((r) => r.outcome !== 'ok').map((r) => r.outcome)).toEqual(['challenged', 'stale'])
    expect(c.states.filter((s) => !s.connected)).toEqual([])
    expect(count(server, ACTION.createPullPointSubscription)).toBe(1)
  })

  it('refuses to send Basic authentication over plain HTTP and says why', async () => {
    const server = await camera({ auth: 'basic' })
    const c = client(server)
    const state = await waitFor('an error state', () => c.states.find((s) => s.error))
    expect(state).toMatchObject({ connected: false, code: 'ONVIF_UNSUPPORTED_AUTH' })
    expect(state.error).toMatch(/asks for HTTP Basic authentication/)
    expect(state.error).toMatch(/unencrypted HTTP/)
    await sleep(500)
    // The camera never saw an Authorization header: the password did not travel.
    expect(server.httpAuth().length).toBeGreaterThanOrEqual(1)
    expect(server.httpAuth().every((r) => r.scheme === null && r.outcome === 'challenged')).toBe(true)
    expect(c.logs.join('\n')).not.toContain(PASSWORD)
  })
})
