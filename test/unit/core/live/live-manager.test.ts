// Which relay a viewer gets: real camera registry (SQLite file), stand-in ffprobe/ffmpeg that log how they
// were called, so the test sees URLs, sharing and probing without a camera.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseArgs, type CameraInput } from '../../../../main/contract'
import { CameraManifests } from '../../../../main/core/cameras/manifests'
import { CameraRegistry } from '../../../../main/core/cameras/registry'
import { CamerasRepo, openDatabase, type Db } from '../../../../main/core/db'
import type { LiveMessage, LiveSink } from '../../../../main/core/host'
import { LiveManager } from '../../../../main/core/live/live-manager'
import { DEFAULT_LIVE_SETTINGS } from '../../../../main/core/live/live-relay'
import { silentLogger } from '../../../../main/core/logger'
import { KeyFileSecretBox } from '../../../../main/core/secrets/key-file-box'
import { removeDir, tempDir, waitFor } from '../../../support/vigil'

let dir: string
let db: Db
let registry: CameraRegistry
let manager: LiveManager
let demoActive: boolean

/** A script that appends its argv (one JSON line) to `<name>.calls`, prints `stdout` and maybe keeps running. */
function fakeTool(name: string, stdout: string, keepRunning: boolean): string {
  const path = join(dir, name)
  writeFileSync(
    path,
    `#!${process.execPath}
require('fs').appendFileSync(${JSON.stringify(join(dir, `${name}.calls`))}, JSON.stringify(process.argv.slice(2)) + '\\n')
process.stdout.write(${JSON.stringify(stdout)})
${keepRunning ? "process.stdin.on('data', () => process.exit(0)); setInterval(() => {}, 1000)" : ''}
`
  )
  chmodSync(path, 0o755)
  return path
}

const calls = (name: string): string[][] =>
  existsSync(join(dir, `${name}.calls`))
    ? readFileSync(join(dir, `${name}.calls`), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as string[])
    : []

const PROBE_JSON = JSON.stringify({
  streams: [
    { codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, avg_frame_rate: '25/1' },
    { codec_type: 'audio', codec_name: 'pcm_mulaw', sample_rate: '8000', channels: 1 }
  ]
})

class Sink implements LiveSink {
  messages: LiveMessage[] = []
  ended = false
  send(message: LiveMessage) {
    this.messages.push(message)
  }
  bufferedBytes() {
    return 0
  }
  end() {
    this.ended = true
  }
  errors() {
    return this.messages.flatMap((m) => (m.kind === 'error' ? [m.message] : []))
  }
}

const add = (input: Partial<CameraInput> & { name: string }) =>
  registry.add(parseArgs('cameras.add', { mainUrl: 'rtsp://10.0.0.5/main', ...input }))

beforeEach(() => {
  dir = tempDir('vigil-live-manager-')
  db = openDatabase(join(dir, 'vigil.db'))
  registry = new CameraRegistry(new CamerasRepo(db), new KeyFileSecretBox(join(dir, 'secret.key')), new CameraManifests(join(dir, 'recordings')))
  demoActive = false
  manager = new LiveManager({
    registry,
    // The stand-in ffmpeg writes nothing and waits: long stall time, so it is never restarted here.
    tools: { ffmpeg: fakeTool('ffmpeg', '', true), ffprobe: fakeTool('ffprobe', PROBE_JSON, false), version: 'fake', source: 'system' },
    demoActive: () => demoActive,
    probeTimeoutMs: 5000,
    settings: () => ({ ...DEFAULT_LIVE_SETTINGS, stallMs: 60_000 }),
    logger: silentLogger
  })
})

afterEach(async () => {
  await manager.stopAll()
  db.close()
  removeDir(dir)
})

describe('LiveManager', () => {
  it('shares one relay between viewers, and sends the sub stream to main when there is none', async () => {
    const camera = add({ name: 'Door', username: 'admin', password: 'pa55word' })
    const close = [
      manager.openLive({ cameraId: camera.id, stream: 'main', transcode: false }, new Sink()),
      manager.openLive({ cameraId: camera.id, stream: 'sub', transcode: false }, new Sink())
    ]
    expect(manager.running()).toEqual([{ key: `${camera.id}/main/copy`, viewers: 2, pid: undefined }])
    await waitFor('ffmpeg to start', () => calls('ffmpeg').length === 1, 10_000, 20)
    const argv = calls('ffmpeg')[0]
    // The URL with credentials goes to ffmpeg only; G.711 is converted to AAC; H.264 is copied.
    expect(argv).toContain('rtsp://admin:pa55word@10.0.0.5/main')
    expect(argv[argv.indexOf('-c:v') + 1]).toBe('copy')
    expect(argv[argv.indexOf('-c:a') + 1]).toBe('aac')
    // The probe only needs codec names: a short look.
    expect(calls('ffprobe')[0]).toContain('-analyzeduration')
    close.forEach((leave) => leave())
  })

  it('runs a separate relay for a substream and for a transcode', async () => {
    const camera = add({ name: 'Yard', subUrl: 'rtsp://10.0.0.5/sub' })
    manager.openLive({ cameraId: camera.id, stream: 'main', transcode: false }, new Sink())
    manager.openLive({ cameraId: camera.id, stream: 'sub', transcode: false }, new Sink())
    manager.openLive({ cameraId: camera.id, stream: 'main', transcode: true }, new Sink())
    expect(manager.running().map((r) => r.key).sort()).toEqual([`${camera.id}/main/copy`, `${camera.id}/main/h264`, `${camera.id}/sub/copy`])
    await waitFor('three ffmpegs', () => calls('ffmpeg').length === 3, 10_000, 20)
    const urls = calls('ffmpeg').map((argv) => argv[argv.indexOf('-i') + 1]).sort()
    expect(urls).toEqual(['rtsp://10.0.0.5/main', 'rtsp://10.0.0.5/main', 'rtsp://10.0.0.5/sub'])
    expect(calls('ffmpeg').filter((argv) => argv.includes('libx264'))).toHaveLength(1)
  })

  it('reuses what the recorder probed instead of asking the camera again', async () => {
    const camera = add({ name: 'Gate' })
    manager.rememberProbe('rtsp://10.0.0.5/main', {
      ok: true,
      info: { video: { codec: 'hevc', width: 1920, height: 1080, fps: 20 }, audio: null }
    })
    manager.openLive({ cameraId: camera.id, stream: 'main', transcode: false }, new Sink())
    await waitFor('ffmpeg to start', () => calls('ffmpeg').length === 1, 10_000, 20)
    expect(calls('ffprobe')).toHaveLength(0)
    expect(calls('ffmpeg')[0]).toContain('hvc1')
  })

  it('answers unknown and paused cameras, and the demo when it is off, with a reason and no relay', () => {
    const paused = add({ name: 'Shed', enabled: false })
    const cases: [string, string][] = [
      ['nope', 'No camera with id "nope"'],
      [paused.id, 'Camera "Shed" is paused; resume it to watch it live'],
      ['demo', 'The demo camera is off']
    ]
    for (const [cameraId, message] of cases) {
      const sink = new Sink()
      manager.openLive({ cameraId, stream: 'main', transcode: false }, sink)
      expect(sink.errors()).toEqual([message])
      expect(sink.ended).toBe(true)
    }
    expect(manager.running()).toEqual([])
  })

  it('plays the demo camera on one relay whatever stream or transcode is asked for', () => {
    demoActive = true
    manager.openLive({ cameraId: 'demo', stream: 'sub', transcode: true }, new Sink())
    manager.openLive({ cameraId: 'demo', stream: 'main', transcode: false }, new Sink())
    expect(manager.running().map((r) => [r.key, r.viewers])).toEqual([['demo/main/copy', 2]])
  })

  it('closes a camera\'s viewers with the reason when it changes, and everyone\'s on shutdown', async () => {
    const door = add({ name: 'Door' })
    const yard = add({ name: 'Yard' })
    const doorViewer = new Sink()
    const yardViewer = new Sink()
    manager.openLive({ cameraId: door.id, stream: 'main', transcode: false }, doorViewer)
    manager.openLive({ cameraId: yard.id, stream: 'main', transcode: false }, yardViewer)
    await manager.cameraChanged(door.id, 'The camera was removed')
    expect(doorViewer.errors()).toEqual(['The camera was removed'])
    expect(doorViewer.ended).toBe(true)
    expect(yardViewer.ended).toBe(false)
    expect(manager.running().map((r) => r.key)).toEqual([`${yard.id}/main/copy`])

    await manager.stopAll()
    expect(yardViewer.errors()).toEqual(['Vigil is shutting down'])
    const late = new Sink()
    manager.openLive({ cameraId: yard.id, stream: 'main', transcode: false }, late)
    expect(late.errors()).toEqual(['Vigil is shutting down'])
    expect(manager.running()).toEqual([])
  })
})
