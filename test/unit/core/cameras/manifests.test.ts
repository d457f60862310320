import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CameraManifests } from '../../../../main/core/cameras/manifests'
import type { CameraRow } from '../../../../main/core/db'

let dir: string
let manifests: CameraManifests

const row = (id: string, name: string): CameraRow => ({
  id,
  name,
  location: 'Hall',
  mainUrl: 'rtsp://cam.local/s1',
  subUrl: null,
  username: 'admin',
  passwordSealed: 'keyfile:AAAA',
  enabled: true,
  retentionHours: 48,
  createdAt: 1_700_000_000_000
})

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-manifests-'))
  manifests = new CameraManifests(join(dir, 'recordings'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('CameraManifests', () => {
  it('writes camera.json into the camera folder and reads it back', () => {
    manifests.write(row('door-aaaaaa', 'Door'))
    const file = join(dir, 'recordings', 'door-aaaaaa', 'camera.json')
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(row('door-aaaaaa', 'Door'))
    expect(existsSync(`${file}.tmp`)).toBe(false)
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(manifests.readAll()).toEqual([row('door-aaaaaa', 'Door')])
  })

  it('reads nothing when the recordings folder does not exist yet', () => {
    expect(manifests.readAll()).toEqual([])
  })

  it('skips damaged manifests, manifests in the wrong folder, and folders without one', () => {
    manifests.write(row('door-aaaaaa', 'Door'))
    mkdirSync(join(dir, 'recordings', 'broken-bbbbbb'))
    writeFileSync(join(dir, 'recordings', 'broken-bbbbbb', 'camera.json'), '{"id": "broken-bbb')
    mkdirSync(join(dir, 'recordings', 'moved-cccccc'))
    writeFileSync(join(dir, 'recordings', 'moved-cccccc', 'camera.json'), JSON.stringify(row('other-dddddd', 'Other')))
    mkdirSync(join(dir, 'recordings', 'no-manifest'))
    writeFileSync(join(dir, 'recordings', 'stray-file'), 'x')
    expect(manifests.readAll().map((r) => r.id)).toEqual(['door-aaaaaa'])
  })

  it('removes a manifest, and removing a missing one is fine', () => {
    manifests.write(row('door-aaaaaa', 'Door'))
    manifests.remove('door-aaaaaa')
    manifests.remove('door-aaaaaa')
    expect(manifests.readAll()).toEqual([])
  })
})
