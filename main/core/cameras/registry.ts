import { randomBytes } from 'node:crypto'
import { VigilError, type Camera, type MethodParams } from '../../contract'
import type { CameraRow, CamerasRepo } from '../db'
import type { SecretBox } from '../host'
import { CameraManifests } from './manifests'
import { splitCredentials, withCredentials } from './stream-url'

type AddParams = MethodParams<'cameras.add'>
type UpdateParams = MethodParams<'cameras.update'>

export function toCamera(row: CameraRow): Camera {
  return {
    id: row.id,
    name: row.name,
    location: row.location,
    mainUrl: row.mainUrl,
    subUrl: row.subUrl,
    username: row.username,
    hasPassword: row.passwordSealed !== null,
    enabled: row.enabled,
    retentionHours: row.retentionHours,
    createdAt: row.createdAt,
    demo: false
  }
}

/** A folder name that a person recognises, plus a suffix so renames and equal names never collide. */
function newCameraId(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // "Tür" -> "tur", not "tu-r"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 24)
  return `${slug || 'camera'}-${randomBytes(3).toString('hex')}`
}

/**
 * Cameras and their credentials. Passwords are sealed by the SecretBox before they reach SQLite or disk;
 * the plain password exists only in the URL handed to ffmpeg/ffprobe.
 */
export class CameraRegistry {
  constructor(
    private readonly repo: CamerasRepo,
    private readonly secrets: SecretBox,
    private readonly manifests: CameraManifests,
    private readonly now: () => number = Date.now
  ) {}

  list(): Camera[] {
    return this.repo.all().map(toCamera)
  }

  rows(): CameraRow[] {
    return this.repo.all()
  }

  get(id: string): CameraRow {
    const row = this.repo.byId(id)
    if (!row) throw new VigilError('CAMERA_NOT_FOUND', `No camera with id "${id}"`)
    return row
  }

  add(params: AddParams): Camera {
    this.assertNameFree(params.name)
    const main = splitCredentials(params.mainUrl)
    const username = params.username || main.username
    const password = params.password ?? main.password
    const row: CameraRow = {
      id: newCameraId(params.name),
      name: params.name,
      location: params.location,
      mainUrl: main.url,
      subUrl: params.subUrl ? splitCredentials(params.subUrl).url : null,
      username: username || null,
      passwordSealed: password ? this.secrets.seal(password) : null,
      enabled: params.enabled,
      retentionHours: params.retentionHours,
      createdAt: this.now()
    }
    this.save(row)
    return toCamera(row)
  }

  update(params: UpdateParams): Camera {
    const current = this.get(params.id)
    if (params.name !== undefined && params.name.toLowerCase() !== current.name.toLowerCase()) this.assertNameFree(params.name)
    const main = params.mainUrl !== undefined ? splitCredentials(params.mainUrl) : null
    let passwordSealed = current.passwordSealed
    const typedPassword = params.password !== undefined ? params.password : (main?.password ?? undefined)
    if (typedPassword === null) passwordSealed = null
    else if (typedPassword !== undefined && typedPassword !== '') passwordSealed = this.secrets.seal(typedPassword)
    const row: CameraRow = {
      ...current,
      name: params.name ?? current.name,
      location: params.location ?? current.location,
      mainUrl: main?.url ?? current.mainUrl,
      subUrl: params.subUrl === undefined ? current.subUrl : params.subUrl ? splitCredentials(params.subUrl).url : null,
      username: params.username !== undefined ? params.username || null : (main?.username ?? current.username),
      passwordSealed,
      enabled: params.enabled ?? current.enabled,
      retentionHours: params.retentionHours ?? current.retentionHours
    }
    this.save(row)
    return toCamera(row)
  }

  setEnabled(id: string, enabled: boolean): Camera {
    const row = { ...this.get(id), enabled }
    this.save(row)
    return toCamera(row)
  }

  remove(id: string): void {
    this.get(id)
    this.repo.remove(id)
    this.manifests.remove(id)
  }

  /** The stream URL with credentials, for ffmpeg only. Throws CREDENTIALS_UNREADABLE when sealed elsewhere. */
  streamUrl(row: CameraRow, which: 'main' | 'sub' = 'main'): string {
    const url = which === 'sub' && row.subUrl ? row.subUrl : row.mainUrl
    return withCredentials(url, row.username, this.password(row))
  }

  /** What to scrub from a camera's ffmpeg output before it is logged: its user name and password. */
  secretsOf(id: string): (string | null)[] {
    const row = this.repo.byId(id)
    if (!row) return []
    try {
      return [row.username, this.password(row)]
    } catch {
      return [row.username]
    }
  }

  password(row: CameraRow): string | null {
    return row.passwordSealed ? this.secrets.open(row.passwordSealed) : null
  }

  /** After a lost database: cameras come back from the camera.json kept beside their recordings. */
  restoreFromManifests(): number {
    let restored = 0
    for (const row of this.manifests.readAll()) {
      if (this.repo.byId(row.id) || this.repo.byName(row.name)) continue
      this.repo.save(row)
      restored++
    }
    return restored
  }

  private save(row: CameraRow): void {
    this.repo.save(row)
    this.manifests.write(row)
  }

  private assertNameFree(name: string): void {
    if (this.repo.byName(name)) {
      throw new VigilError('CAMERA_NAME_TAKEN', `A camera named "${name}" already exists`, { name: 'This name is taken' })
    }
  }
}
