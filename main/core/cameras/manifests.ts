import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CameraRow } from '../db'

const FILE = 'camera.json'

/**
 * camera.json beside each camera's recordings (password sealed, never plain): the database can be lost
 * and rebuilt from the recordings folder alone, cameras included.
 */
export class CameraManifests {
  constructor(private readonly recordingsDir: string) {}

  write(row: CameraRow): void {
    const dir = join(this.recordingsDir, row.id)
    mkdirSync(dir, { recursive: true })
    const tmp = join(dir, `${FILE}.tmp`)
    writeFileSync(tmp, JSON.stringify(row, null, 2), { mode: 0o600 })
    renameSync(tmp, join(dir, FILE))
  }

  remove(id: string): void {
    rmSync(join(this.recordingsDir, id, FILE), { force: true })
  }

  readAll(): CameraRow[] {
    if (!existsSync(this.recordingsDir)) return []
    const rows: CameraRow[] = []
    for (const entry of readdirSync(this.recordingsDir, { withFileTypes: true })) {
      const file = join(this.recordingsDir, entry.name, FILE)
      if (!entry.isDirectory() || !existsSync(file)) continue
      try {
        const row = JSON.parse(readFileSync(file, 'utf8')) as CameraRow
        if (row.id === entry.name && row.name && row.mainUrl) rows.push(row)
      } catch {
        // A damaged manifest only means that camera is not restored; its recordings are still indexed.
      }
    }
    return rows
  }
}
