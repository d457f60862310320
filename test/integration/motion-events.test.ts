// Motion detection in the running app: RTSP cameras loop generated scenes (a box crossing a door zone; a
// camera whose exposure jumps), Vigil watches them and stores events with zone, times, peak and snapshot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Alert, Camera, CameraEvent, MotionZone } from '../../main/contract'
import { cameraConnections } from '../support/live-client'
import { makeScene, DOOR_ZONE, type Scene } from '../support/scenes'
import { haveRtspTooling, startRtspServer, type RtspTestServer } from '../support/rtsp'
import { FAST_TUNING, removeDir, startVigil, tempDir, waitFor, type TestVigil } from '../support/vigil'

const tooling = haveRtspTooling()
if (!tooling.ok) throw new Error(`RTSP test tooling missing (run .ci/run to install): ${tooling.missing.join(', ')}`)

const doorZone: MotionZone = { ...DOOR_ZONE, points: DOOR_ZONE.points.map((p) => ({ ...p })) }

describe('motion events from live cameras', () => {
  let rtsp: RtspTestServer
  let vigil: TestVigil
  let dataDir: string
  let crossing: Scene
  let steps: Scene
  let door: Camera
  let lamp: Camera
  const ended: CameraEvent[] = []
  const alerts: Alert[] = []
  let watchedFrom = 0

  beforeAll(async () => {
    ;[crossing, steps] = await Promise.all([makeScene('box-enters-zone'), makeScene('exposure-steps')])
    rtsp = await startRtspServer({ streams: [{ path: '/door', clip: crossing.path }, { path: '/lamp', clip: steps.path }] })
    dataDir = tempDir()
    vigil = await startVigil(dataDir, { ...FAST_TUNING, snapshotDelayMs: 300 })
    vigil.app.subscribe((event, payload) => {
      if (event === 'eventChanged' && (payload as CameraEvent).end !== null) ended.push(payload as CameraEvent)
      if (event === 'alert') alerts.push(payload as Alert)
    })
    door = await vigil.call('cameras.add', { name: 'Door', mainUrl: rtsp.url('/door') })
    lamp = await vigil.call('cameras.add', { name: 'Lamp', mainUrl: rtsp.url('/lamp') })
    for (const camera of [door, lamp]) {
      await vigil.call('detection.set', { cameraId: camera.id, motion: { enabled: true, zones: [doorZone] }, alerts: { cooldownSeconds: 0 } })
    }
    watchedFrom = Date.now()
  })

  afterAll(async () => {
    await vigil?.app.stop()
    await rtsp?.close()
    removeDir(dataDir)
  })

  it('raises one event per crossing of the door zone, as long as the box is in it, and none for exposure jumps', async () => {
    const truth = crossing.expected[0]
    // Two loops of the scene: two crossings, one scene length apart. Watching starts at some point of the
    // loop, maybe with the box in view: the first loop's event may be a part of a crossing, so it is skipped.
    const events = await waitFor(
      'two ended motion events on the door camera',
      () => {
        const mine = ended.filter((e) => e.cameraId === door.id && e.start > watchedFrom + crossing.seconds * 1000)
        return mine.length >= 2 && mine
      },
      crossing.seconds * 4 * 1000 + 20_000,
      250
    )
    for (const event of events.slice(0, 2)) {
      expect(event).toMatchObject({ kind: 'motion', source: 'detector', zoneId: 'door', zoneName: 'Door' })
      // The event lasts as long as the box is in the zone, within a second at each end.
      expect(Math.abs(event.end! - event.start - (truth.end - truth.start) * 1000)).toBeLessThan(1000)
      expect(event.peakScore).toBeGreaterThan(0)
    }
    // The crossings are one loop apart, so each start is placed within a second of the scene.
    expect(Math.abs(events[1].start - events[0].start - crossing.seconds * 1000)).toBeLessThan(1000)

    const stored = await vigil.call('events.list', { cameraId: door.id, kinds: ['motion'] })
    expect(stored.filter((e) => e.end !== null).length).toBeGreaterThanOrEqual(2)
    expect(alerts.some((a) => a.event.cameraId === door.id && a.event.kind === 'motion')).toBe(true)
    const withSnapshot = await waitFor('a snapshot', async () => (await vigil.call('events.list', { cameraId: door.id })).find((e) => e.hasSnapshot))
    const jpeg = Buffer.from((await vigil.call('events.snapshot', { id: withSnapshot.id })).jpegBase64, 'base64')
    expect(jpeg.subarray(0, 2).toString('hex')).toBe('ffd8')

    // The lamp camera has watched the same time (more than two loops of its scene): nothing.
    expect(await vigil.call('events.list', { cameraId: lamp.id })).toEqual([])

    // Neither camera has a substream: motion reads the recorder's live tap, so each camera has one
    // connection, the recorder's (a watcher of its own would be a second ffmpeg with the camera's URL).
    for (const path of ['/door', '/lamp']) {
      const connections = cameraConnections(rtsp.url(path))
      expect(connections).toHaveLength(1)
      expect(connections[0].argv).toContain('segment')
    }
  })

  it('stops watching a camera whose motion detection is switched off and ends its open event', async () => {
    await vigil.call('detection.set', { cameraId: door.id, motion: { enabled: false } })
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const before = (await vigil.call('events.list', { cameraId: door.id })).length
    expect((await vigil.call('events.list', { cameraId: door.id })).every((e) => e.end !== null)).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, crossing.seconds * 1000 + 2000))
    expect((await vigil.call('events.list', { cameraId: door.id })).length).toBe(before)
  })
})
