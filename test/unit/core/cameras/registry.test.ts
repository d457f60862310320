import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseArgs, VigilError, type CameraInput, type MethodParams } from '../../../../main/contract'
import { CameraManifests } from '../../../../main/core/cameras/manifests'
import { CameraRegistry } from '../../../../main/core/cameras/registry'
import { CamerasRepo, openDatabase, type Db } from '../../../../main/core/db'
import { KeyFileSecretBox } from '../../../../main/core/secrets/key-file-box'

// A password that would show up in any form: plain, percent-encoded, or as a substring.
const PASSWORD = 'Zq9#p@ss:w/rd!'
const CREATED_AT = Date.UTC(2026, 10, 24, 9, 0, 0)

let dir: string
let dbFile: string
let recordingsDir: string
let db: Db
let registry: CameraRegistry

function openRegistry(): CameraRegistry {
  db = openDatabase(dbFile)
  return new CameraRegistry(
    new CamerasRepo(db),
    new KeyFileSecretBox(join(dir, 'secret.key')),
    new CameraManifests(recordingsDir),
    () => CREATED_AT
  )
}

const add = (input: CameraInput) => registry.add(parseArgs('cameras.add', input))
const update = (input: Partial<MethodParams<'cameras.update'>> & { id: string }) =>
  registry.update(input as MethodParams<'cameras.update'>)

/** Every byte SQLite has written: the database, its WAL and shared memory. */
function databaseBytes(): Buffer {
  return Buffer.concat(
    readdirSync(dir)
      .filter((name) => name.startsWith('vigil.db'))
      .map((name) => readFileSync(join(dir, name)))
  )
}

const manifest = (id: string) => readFileSync(join(recordingsDir, id, 'camera.json'), 'utf8')

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-registry-'))
  dbFile = join(dir, 'vigil.db')
  recordingsDir = join(dir, 'recordings')
  registry = openRegistry()
})
afterEach(() => {
  if (db.open) db.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('CameraRegistry.add', () => {
  it('splits credentials off the URL and stores the URL without them', () => {
    const camera = add({ name: 'Front door', mainUrl: `rtsp://admin:${encodeURIComponent(PASSWORD)}@192.168.1.20:554/s1` })
    expect(camera).toMatchObject({
      name: 'Front door',
      mainUrl: 'rtsp://192.168.1.20:554/s1',
      username: 'admin',
      hasPassword: true,
      enabled: true,
      retentionHours: 72,
      createdAt: CREATED_AT,
      demo: false
    })
    expect(camera.id).toMatch(/^front-door-[0-9a-f]{6}$/)
    expect(registry.password(registry.get(camera.id))).toBe(PASSWORD)
  })

  it('prefers the credentials typed into the fields over those in the URL', () => {
    const camera = add({ name: 'Yard', mainUrl: 'rtsp://old:oldpw@cam.local/s1', username: 'admin', password: PASSWORD })
    const row = registry.get(camera.id)
    expect(row.username).toBe('admin')
    expect(registry.password(row)).toBe(PASSWORD)
  })

  it('strips credentials from the sub stream URL too', () => {
    const camera = add({ name: 'Yard', mainUrl: 'rtsp://cam.local/main', subUrl: 'rtsp://admin:subpw@cam.local/sub' })
    expect(camera.subUrl).toBe('rtsp://cam.local/sub')
  })

  it('keeps the plain password out of the database file and out of camera.json', () => {
    const camera = add({ name: 'Front door', mainUrl: 'rtsp://cam.local/s1', username: 'admin', password: PASSWORD })
    const inUrl = add({ name: 'Yard', mainUrl: `rtsp://admin:${encodeURIComponent(PASSWORD)}@cam.local/s2` })
    const beforeCheckpoint = databaseBytes().toString('latin1')
    db.pragma('wal_checkpoint(TRUNCATE)')
    const bytes = databaseBytes().toString('latin1')
    const json = manifest(camera.id)
    for (const form of [PASSWORD, encodeURIComponent(PASSWORD), 'Zq9#p', 'Zq9%23p']) {
      expect(beforeCheckpoint).not.toContain(form)
      expect(bytes).not.toContain(form)
      expect(json).not.toContain(form)
      expect(manifest(inUrl.id)).not.toContain(form)
    }
    // What is stored is the sealed value, which the manifest carries so a rebuilt database can use it.
    const sealed = registry.get(camera.id).passwordSealed
    expect(sealed).toMatch(/^keyfile:/)
    expect(JSON.parse(json).passwordSealed).toBe(sealed)
    expect(bytes).toContain('rtsp://cam.local/s1')
  })

  it('refuses a second camera with the same name in any letter case', () => {
    add({ name: 'Front Door', mainUrl: 'rtsp://cam.local/s1' })
    let error: unknown
    try {
      add({ name: 'front door', mainUrl: 'rtsp://cam.local/s2' })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(VigilError)
    expect((error as VigilError).code).toBe('CAMERA_NAME_TAKEN')
    expect((error as VigilError).fields).toEqual({ name: expect.any(String) })
    expect(registry.list()).toHaveLength(1)
  })

  it('derives a readable folder name from the camera name, with a fallback', () => {
    expect(add({ name: '  Garage / Hof #2 ', mainUrl: 'rtsp://cam.local/s1' }).id).toMatch(/^garage-hof-2-[0-9a-f]{6}$/)
    expect(add({ name: '门', mainUrl: 'rtsp://cam.local/s2' }).id).toMatch(/^camera-[0-9a-f]{6}$/)
  })
})

describe('CameraRegistry.streamUrl', () => {
  it('puts the credentials back, percent-encoded, for ffmpeg only', () => {
    const camera = add({ name: 'Door', mainUrl: 'rtsp://cam.local:554/s1', username: 'ad min', password: PASSWORD })
    const url = registry.streamUrl(registry.get(camera.id))
    expect(url).toBe(`rtsp://ad%20min:${encodeURIComponent(PASSWORD)}@cam.local:554/s1`)
    const parsed = new URL(url)
    expect(decodeURIComponent(parsed.password)).toBe(PASSWORD)
    expect(parsed.host).toBe('cam.local:554')
    expect(parsed.pathname).toBe('/s1')
  })

  it('uses the sub stream when asked and there is one, the main stream otherwise', () => {
    const withSub = add({ name: 'A', mainUrl: 'rtsp://cam.local/main', subUrl: 'rtsp://cam.local/sub', username: 'u', password: 'pw1' })
    const withoutSub = add({ name: 'B', mainUrl: 'rtsp://cam2.local/main' })
    expect(registry.streamUrl(registry.get(withSub.id), 'sub')).toBe('rtsp://u:pw1@cam.local/sub')
    expect(registry.streamUrl(registry.get(withoutSub.id), 'sub')).toBe('rtsp://cam2.local/main')
  })

  it('throws CREDENTIALS_UNREADABLE when the password was sealed by another store', () => {
    const camera = add({ name: 'Door', mainUrl: 'rtsp://cam.local/s1', username: 'u', password: 'pw1' })
    const row = { ...registry.get(camera.id), passwordSealed: 'safeStorage:AAAA' }
    expect(() => registry.streamUrl(row)).toThrow(expect.objectContaining({ code: 'CREDENTIALS_UNREADABLE' }))
  })
})

describe('CameraRegistry.update', () => {
  it('keeps the stored password when none is given', () => {
    const camera = add({ name: 'Door', mainUrl: 'rtsp://cam.local/s1', username: 'admin', password: PASSWORD })
    const sealedBefore = registry.get(camera.id).passwordSealed
    const updated = update({ id: camera.id, location: 'Garage', password: undefined })
    expect(updated.hasPassword).toBe(true)
    expect(updated.location).toBe('Garage')
    expect(registry.get(camera.id).passwordSealed).toBe(sealedBefore)
    expect(registry.password(registry.get(camera.id))).toBe(PASSWORD)
  })

  it('keeps the stored password when an empty one is typed', () => {
    const camera = add({ name: 'Door', mainUrl: 'rtsp://cam.local/s1', username: 'admin', password: PASSWORD })
    update({ id: camera.id, password: '' })
    expect(registry.password(registry.get(camera.id))).toBe(PASSWORD)
  })

  it('removes the password when given null', () => {
    const camera = add({ name: 'Door', mainUrl: 'rtsp://cam.local/s1', username: 'admin', password: PASSWORD })
    const updated = update({ id: camera.id, password: null })
    expect(updated.hasPassword).toBe(false)
    expect(registry.get(camera.id).passwordSealed).toBeNull()
    expect(registry.streamUrl(registry.get(camera.id))).toBe('rtsp://admin@cam.local/s1')
    expect(JSON.parse(manifest(camera.id)).passwordSealed).toBeNull()
  })

  it('replaces the password with a new one, taken from the fields or from a new URL', () => {
    const camera = add({ name: 'Door', mainUrl: 'rtsp://cam.local/s1', username: 'admin', password: 'first-pw' })
    update({ id: camera.id, password: 'second-pw' })
    expect(registry.password(registry.get(camera.id))).toBe('second-pw')
    update({ id: camera.id, mainUrl: 'rtsp://root:third-pw@cam.local/s2' })
    const row = registry.get(camera.id)
    expect(row).toMatchObject({ mainUrl: 'rtsp://cam.local/s2', username: 'root' })
    expect(registry.password(row)).toBe('third-pw')
  })

  it('keeps the stored user name when a new URL carries none', () => {
    const camera = add({ name: 'Door', mainUrl: 'rtsp://cam.local/s1', username: 'admin', password: 'pw1' })
    update({ id: camera.id, mainUrl: 'rtsp://cam.local/s2' })
    expect(registry.get(camera.id)).toMatchObject({ mainUrl: 'rtsp://cam.local/s2', username: 'admin' })
    expect(registry.password(registry.get(camera.id))).toBe('pw1')
  })

  it('allows a rename that changes only the letter case, and refuses a name another camera has', () => {
    const door = add({ name: 'Door', mainUrl: 'rtsp://cam.local/s1' })
    add({ name: 'Yard', mainUrl: 'rtsp://cam.local/s2' })
    expect(update({ id: door.id, name: 'DOOR' }).name).toBe('DOOR')
    expect(() => update({ id: door.id, name: 'yard' })).toThrow(expect.objectContaining({ code: 'CAMERA_NAME_TAKEN' }))
    expect(registry.get(door.id).name).toBe('DOOR')
  })

  it('leaves every field a contract update does not name as it was', () => {
    const camera = add({
      name: 'Door',
      location: 'Hall',
      mainUrl: 'rtsp://cam.local/main',
      subUrl: 'rtsp://cam.local/sub',
      username: 'admin',
      password: PASSWORD,
      enabled: false,
      retentionHours: 24
    })
    const renamed = registry.update(parseArgs('cameras.update', { id: camera.id, name: 'Front door' }))
    expect(renamed).toEqual({ ...camera, name: 'Front door' })
    expect(registry.password(registry.get(camera.id))).toBe(PASSWORD)
  })

  it('writes the change to camera.json as well', () => {
    const camera = add({ name: 'Door', mainUrl: 'rtsp://cam.local/s1' })
    update({ id: camera.id, retentionHours: 168, enabled: false })
    expect(JSON.parse(manifest(camera.id))).toMatchObject({ retentionHours: 168, enabled: false })
  })

  it('refuses an unknown id with CAMERA_NOT_FOUND', () => {
    expect(() => update({ id: 'nope-000000', name: 'X' })).toThrow(expect.objectContaining({ code: 'CAMERA_NOT_FOUND' }))
  })
})

describe('CameraRegistry.setEnabled and remove', () => {
  it('pauses and resumes a camera', () => {
    const camera = add({ name: 'Door', mainUrl: 'rtsp://cam.local/s1' })
    expect(registry.setEnabled(camera.id, false).enabled).toBe(false)
    expect(registry.list()[0].enabled).toBe(false)
    expect(registry.setEnabled(camera.id, true).enabled).toBe(true)
  })

  it('removes the camera from the database and its manifest, and frees the name', () => {
    const camera = add({ name: 'Door', mainUrl: 'rtsp://cam.local/s1' })
    registry.remove(camera.id)
    expect(registry.list()).toEqual([])
    expect(existsSync(join(recordingsDir, camera.id, 'camera.json'))).toBe(false)
    expect(() => registry.remove(camera.id)).toThrow(expect.objectContaining({ code: 'CAMERA_NOT_FOUND' }))
    expect(add({ name: 'door', mainUrl: 'rtsp://cam.local/s1' }).name).toBe('door')
  })
})

describe('CameraRegistry.restoreFromManifests', () => {
  it('brings cameras back, passwords included, after the database file was lost', () => {
    const door = add({ name: 'Door', mainUrl: 'rtsp://cam.local/s1', username: 'admin', password: PASSWORD, retentionHours: 24 })
    const yard = add({ name: 'Yard', mainUrl: 'rtsp://cam.local/s2', enabled: false })
    db.close()
    for (const name of readdirSync(dir).filter((n) => n.startsWith('vigil.db'))) rmSync(join(dir, name))

    registry = openRegistry()
    expect(registry.list()).toEqual([])
    expect(registry.restoreFromManifests()).toBe(2)
    expect(registry.list().map((c) => c.id).sort()).toEqual([door.id, yard.id].sort())
    expect(registry.list().find((c) => c.id === door.id)).toEqual(door)
    expect(registry.list().find((c) => c.id === yard.id)?.enabled).toBe(false)
    expect(registry.streamUrl(registry.get(door.id))).toBe(`rtsp://admin:${encodeURIComponent(PASSWORD)}@cam.local/s1`)
  })

  it('restores nothing twice and skips a camera whose name is now taken', () => {
    const door = add({ name: 'Door', mainUrl: 'rtsp://cam.local/s1' })
    expect(registry.restoreFromManifests()).toBe(0)
    db.close()
    rmSync(dbFile)
    registry = openRegistry()
    add({ name: 'DOOR', mainUrl: 'rtsp://other.local/s1' })
    expect(registry.restoreFromManifests()).toBe(0)
    expect(registry.list().map((c) => c.id)).not.toContain(door.id)
  })
})

describe('CameraRegistry.secretsOf', () => {
  it('gives the user name and password to scrub from logs, and nothing for an unknown camera', () => {
    const camera = add({ name: 'Gate', mainUrl: 'rtsp://cam.local/s1', username: 'viewer', password: PASSWORD })
    expect(registry.secretsOf(camera.id)).toEqual(['viewer', PASSWORD])
    expect(registry.secretsOf('demo')).toEqual([])
  })
})
