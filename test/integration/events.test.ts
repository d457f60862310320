// Camera-side events end to end: a doorbell that calls a webhook, an ONVIF camera that reports a press over
// PullPoint, privacy mode and events-only recording, with the real core, a real RTSP camera, the real HTTP
// server and a real ONVIF event service on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Alert, Camera, CameraEvent, VigilEvents } from '../../main/contract'
import { silentLogger } from '../../main/core/logger'
import { startHeadlessServer, type HeadlessServer } from '../../main/server/http-server'
import { startOnvifServer, type OnvifTestServer } from '../support/onvif/server'
import { haveRtspTooling, startRtspServer, type RtspTestServer } from '../support/rtsp'
import { FAST_TUNING, removeDir, startVigil, tempDir, waitFor, type TestVigil } from '../support/vigil'

const tooling = haveRtspTooling()
if (!tooling.ok) throw new Error(`RTSP test tooling missing (run .ci/run to install): ${tooling.missing.join(', ')}`)

const CREDS = { user: 'admin', password: 'door-bell-9' }

describe('doorbell and camera events', () => {
  let rtsp: RtspTestServer
  let onvif: OnvifTestServer
  let vigil: TestVigil
  let dataDir: string
  let server: HeadlessServer
  let door: Camera
  const alerts: Alert[] = []
  const changes: CameraEvent[] = []

  beforeAll(async () => {
    rtsp = await startRtspServer({ streams: [{ path: '/door' }, { path: '/yard' }], auth: CREDS })
    onvif = await startOnvifServer({ username: CREDS.user, password: CREDS.password, clockOffsetMs: 90 * 60_000 })
    dataDir = tempDir()
    vigil = await startVigil(dataDir, { ...FAST_TUNING, snapshotDelayMs: 300, eventSettleMs: 1000, retentionIntervalMs: 1000 })
    vigil.app.subscribe(<E extends keyof VigilEvents>(event: E, payload: VigilEvents[E]) => {
      if (event === 'alert') alerts.push(payload as Alert)
      if (event === 'eventChanged') changes.push(payload as CameraEvent)
    })
    door = await vigil.call('cameras.add', { name: 'Front door', mainUrl: rtsp.url('/door'), username: CREDS.user, password: CREDS.password })
    // The test pattern moves everywhere: Vigil's own motion detection would fire all the time.
    await vigil.call('detection.set', { cameraId: door.id, motion: { enabled: false } })
    server = await startHeadlessServer({ app: vigil.app, dataDir, host: '127.0.0.1', port: 0, uiDir: null, logger: silentLogger })
    await waitFor('the door camera recording', async () => (await vigil.call('cameras.status', {})).some((s) => s.cameraId === door.id && s.state === 'recording'), 60_000)
  })

  afterAll(async () => {
    await server?.close()
    await vigil?.app.stop()
    await onvif?.close()
    await rtsp?.close()
    removeDir(dataDir)
  })

  const hook = (path: string, method = 'POST') => fetch(new URL(path, server.url), { method })

  it('turns a webhook call into a doorbell event with a snapshot and one alert per visitor', async () => {
    const before = Date.now()
    expect((await hook(`/hooks/${door.id}/not-the-right-token-at-all`)).status).toBe(404)
    const { path, token } = await vigil.call('detection.webhook', { cameraId: door.id })
    expect(path).toBe(`/hooks/${door.id}/${token}`)
    // Switched off until the user turns it on.
    expect((await hook(path)).status).toBe(403)
    await vigil.call('detection.set', { cameraId: door.id, webhook: { enabled: true, kind: 'doorbell' } })

    expect((await hook(path)).status).toBe(204)
    const alert = await waitFor('the doorbell alert', () => alerts.find((a) => a.event.source === 'webhook'), 15_000)
    expect(alert.cameraName).toBe('Front door')
    expect(alert.event).toMatchObject({ cameraId: door.id, kind: 'doorbell', hasSnapshot: true })
    expect(alert.event.start).toBeGreaterThanOrEqual(before)
    expect(alert.event.start).toBeLessThanOrEqual(Date.now())
    expect(alert.event.end).toBe(alert.event.start)

    const snapshot = await vigil.call('events.snapshot', { id: alert.event.id })
    expect(Buffer.from(snapshot.jpegBase64, 'base64').subarray(0, 2).toString('hex')).toBe('ffd8')
    const listed = await vigil.call('events.list', { cameraId: door.id, kinds: ['doorbell'] })
    expect(listed.map((e) => e.id)).toContain(alert.event.id)
    expect(await vigil.call('events.get', { id: alert.event.id })).toEqual(alert.event)

    // A second press within the cool-down is an event, but no second alert.
    expect((await hook(path, 'GET')).status).toBe(204)
    await waitFor('the second press stored', async () => (await vigil.call('events.list', { cameraId: door.id, kinds: ['doorbell'] })).length === 2)
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect(alerts.filter((a) => a.event.source === 'webhook')).toHaveLength(1)

    // A new token retires the old one.
    const renewed = await vigil.call('detection.webhook', { cameraId: door.id, regenerate: true })
    expect(renewed.token).not.toBe(token)
    expect((await hook(path)).status).toBe(404)
  })

  it('subscribes to the camera\'s ONVIF events and turns a doorbell press into an event and an alert', async () => {
    const probe = await vigil.call('detection.probeOnvif', { cameraId: door.id, deviceUrl: onvif.deviceUrl })
    expect(probe).toMatchObject({ supported: true, error: null })
    expect(probe.topics).toContain('VideoSource/MotionAlarm')

    await vigil.call('detection.set', {
      cameraId: door.id,
      onvif: { enabled: true, deviceUrl: onvif.deviceUrl },
      alerts: { cooldownSeconds: 0 }
    })
    await waitFor('a PullPoint subscription', () => onvif.subscriptions() > 0, 15_000)
    const pressedAt = Date.now()
    onvif.emit({ topic: 'tns1:RuleEngine/MyRuleDetector/Visitor', data: { State: 'true' } })
    const alert = await waitFor('the ONVIF doorbell alert', () => alerts.find((a) => a.event.source === 'onvif'), 15_000)
    expect(alert.event).toMatchObject({ cameraId: door.id, kind: 'doorbell' })
    // The camera's clock is 90 minutes off; the event is placed on this machine's clock, next to the recording.
    expect(Math.abs(alert.event.start - pressedAt)).toBeLessThan(3000)

    onvif.emit({ topic: 'tns1:VideoSource/MotionAlarm', data: { State: 'true' } })
    const motion = await waitFor('the camera motion event', () => changes.find((e) => e.kind === 'camera_motion'), 15_000)
    expect(motion.end).toBeNull()
    onvif.emit({ topic: 'tns1:VideoSource/MotionAlarm', data: { State: 'false' } })
    await waitFor('the camera motion event to end', async () => (await vigil.call('events.get', { id: motion.id })).end !== null, 15_000)

    await vigil.call('detection.set', { cameraId: door.id, onvif: { enabled: false } })
    await waitFor('the subscription to be cancelled', () => onvif.subscriptions() === 0, 15_000)
  })

  it('pauses every camera, detection and alert in privacy mode, and resumes', async () => {
    const { path } = await vigil.call('detection.webhook', { cameraId: door.id })
    const paused = await vigil.call('privacy.set', { pauseMinutes: 30 })
    try {
      expect(paused.pausedUntil).toBeGreaterThan(Date.now() + 29 * 60_000)
      await waitFor('the camera paused', async () => (await vigil.call('cameras.status', {})).find((s) => s.cameraId === door.id)?.state === 'paused', 20_000)
      // Segment times are estimates that can run a little ahead of the clock under load: look past now.
      const gaps = await vigil.call('recordings.gaps', { cameraId: door.id, from: 0, to: Date.now() + 60_000 })
      expect(gaps.at(-1)).toMatchObject({ cause: 'paused', end: null })

      const eventsBefore = (await vigil.call('events.list', { cameraId: door.id })).length
      expect((await hook(path)).status).toBe(202)
      expect((await vigil.call('events.list', { cameraId: door.id })).length).toBe(eventsBefore)
    } finally {
      expect(await vigil.call('privacy.set', { pauseMinutes: null })).toEqual({ pausedUntil: null, alertsEnabled: true })
    }
    await waitFor('recording again', async () => (await vigil.call('cameras.status', {})).find((s) => s.cameraId === door.id)?.state === 'recording', 60_000)
  })

  it('keeps only the footage around events for a camera in events-only mode', async () => {
    const yard = await vigil.call('cameras.add', { name: 'Yard', mainUrl: rtsp.url('/yard'), username: CREDS.user, password: CREDS.password })
    await vigil.call('detection.set', {
      cameraId: yard.id,
      motion: { enabled: false },
      recording: { mode: 'events', preRollSeconds: 2, postRollSeconds: 2 },
      webhook: { enabled: true, kind: 'camera_motion' }
    })
    const { path } = await vigil.call('detection.webhook', { cameraId: yard.id })
    const segments = () => vigil.call('recordings.segments', { cameraId: yard.id, from: 0, to: Date.now() + 60_000 })
    const indexed = new Set<number>()
    vigil.app.subscribe((event, payload) => {
      if (event === 'segmentIndexed' && (payload as { cameraId: string }).cameraId === yard.id) indexed.add((payload as { id: number }).id)
    })
    // With no event, the ring is thrown away once nothing can reach back to it.
    await waitFor('a few segments of the yard recorded', () => indexed.size >= 4, 60_000)
    await waitFor('the ring emptied but for the newest segments', async () => (await segments()).length <= 2, 15_000)
    expect((await hook(path)).status).toBe(204)
    const event = await waitFor('the yard event', async () => (await vigil.call('events.list', { cameraId: yard.id }))[0])
    // Well after the post-roll and the settle time, everything decided lies around the event.
    await new Promise((resolve) => setTimeout(resolve, 12_000))
    const decidedBefore = Date.now() - 2000 - 1000 - 3000
    const kept = (await segments()).filter((s) => s.end <= decidedBefore)
    expect(kept.length).toBeGreaterThan(0)
    for (const segment of kept) {
      // Each kept piece overlaps the event's window (pre- and post-roll, plus up to a GOP at the cut).
      expect(segment.end).toBeGreaterThan(event.start - 2000 - 1000)
      expect(segment.start).toBeLessThan((event.end ?? event.start) + 2000 + 1000)
    }
    const covered = kept.some((s) => s.start <= event.start - 2000 && s.end >= (event.end ?? event.start) + 2000)
    const span = { from: Math.min(...kept.map((s) => s.start)), to: Math.max(...kept.map((s) => s.end)) }
    expect(covered || (span.from <= event.start - 2000 && span.to >= event.start + 2000)).toBe(true)
  })
})
