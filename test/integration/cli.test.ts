// The `vigil` command line as a user runs it from a checkout (npm run vigil -- ...), against real files
// and a real RTSP camera.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRtspServer, type RtspTestServer } from '../support/rtsp'
import { removeDir, tempDir } from '../support/vigil'

const ROOT = resolve(__dirname, '../..')
const TSX = join(ROOT, 'node_modules/.bin/tsx')

function vigil(args: string[], input?: string) {
  const result = spawnSync(TSX, [join(ROOT, 'main/cli.ts'), ...args], { encoding: 'utf8', input, timeout: 60_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('vigil cameras', () => {
  let rtsp: RtspTestServer
  let dataDir: string

  beforeAll(async () => {
    rtsp = await startRtspServer({ streams: [{ path: '/cam' }], auth: { user: 'viewer', password: 'pa:ss@word' } })
    dataDir = tempDir()
  })
  afterAll(async () => {
    await rtsp?.close()
    removeDir(dataDir)
  })

  it('adds a camera after probing it, with the password from stdin, and never prints the password', () => {
    const added = vigil(
      ['cameras', 'add', '--data-dir', dataDir, '--name', 'Front door', '--url', rtsp.url('/cam'), '--username', 'viewer', '--password-stdin'],
      'pa:ss@word\n'
    )
    expect(added.stderr).toBe('')
    expect(added.code).toBe(0)
    expect(added.stdout).toMatch(/main stream: h264 640x360 @ 15 fps, no audio/)
    expect(added.stdout).toMatch(/added Front door \(front-door-[0-9a-f]{6}\)/)
    expect(added.stdout + added.stderr).not.toContain('pa:ss@word')

    const list = vigil(['cameras', 'list', '--data-dir', dataDir, '--json'])
    const cameras = JSON.parse(list.stdout)
    expect(cameras).toHaveLength(1)
    expect(cameras[0]).toMatchObject({ name: 'Front door', username: 'viewer', hasPassword: true, retentionHours: 72 })
    expect(cameras[0].mainUrl).toBe(rtsp.url('/cam'))
    // Encrypted at rest: neither the database nor the camera manifest holds the password.
    const db = readFileSync(join(dataDir, 'vigil.db'))
    expect(db.includes(Buffer.from('pa:ss@word'))).toBe(false)
    const manifest = readFileSync(join(dataDir, 'recordings', cameras[0].id, 'camera.json'), 'utf8')
    expect(manifest).not.toContain('pa:ss@word')
    expect(manifest).toContain('keyfile:')
  })

  it('saves an unreachable camera with a clear note, and refuses a bad URL naming the field', () => {
    const offline = vigil(['cameras', 'add', '--data-dir', dataDir, '--name', 'Shed', '--url', 'rtsp://127.0.0.1:1/live'])
    expect(offline.code).toBe(0)
    expect(offline.stdout).toMatch(/main stream: 127\.0\.0\.1:1 refused the connection.*\[PROBE_CONNECTION_REFUSED\]/)
    expect(offline.stdout).toContain('saved while offline')

    const bad = vigil(['cameras', 'add', '--data-dir', dataDir, '--name', 'Bad', '--url', 'http://192.168.1.9/video'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/mainUrl: Expected an rtsp:\/\/ or rtsps:\/\/ URL/)

    const duplicate = vigil(['cameras', 'add', '--data-dir', dataDir, '--name', 'shed', '--url', 'rtsp://127.0.0.1:1/x', '--no-probe'])
    expect(duplicate.code).toBe(2)
    expect(duplicate.stderr).toContain('already exists [CAMERA_NAME_TAKEN]')

    const typo = vigil(['cameras', 'add', '--data-dir', dataDir, '--nmae', 'X'])
    expect(typo.code).toBe(2)
    expect(typo.stderr).toContain('Unknown option --nmae')
  })

  it('removes a camera by name', () => {
    const removed = vigil(['cameras', 'remove', 'Shed', '--data-dir', dataDir])
    expect(removed.code).toBe(0)
    const names = JSON.parse(vigil(['cameras', 'list', '--data-dir', dataDir, '--json']).stdout).map((c: { name: string }) => c.name)
    expect(names).toEqual(['Front door'])
    expect(vigil(['cameras', 'remove', 'Nope', '--data-dir', dataDir]).stderr).toContain('[CAMERA_NOT_FOUND]')
  })
})

describe('vigil serve', () => {
  it('refuses a non-loopback address without a password, and explains', () => {
    const dataDir = tempDir()
    try {
      const result = vigil(['serve', '--data-dir', dataDir, '--host', '0.0.0.0', '--port', '0', '--no-demo'])
      expect(result.code).toBe(2)
      expect(result.stderr).toContain('vigil password set')
    } finally {
      removeDir(dataDir)
    }
  })
})
