// Which better-sqlite3 binary the desktop app loads. node_modules holds the one built for Node (tests and
// headless mode use it); Electron has another ABI and loads a second copy that scripts/electron-native.mjs
// puts into <project>/.native/electron-<version>-<platform>-<arch>/. Keep the naming in step with that script.
import { existsSync } from 'node:fs'
import { join } from 'node:path'

export const SQLITE_BINARY = 'better_sqlite3.node'
export const NATIVE_DIR = '.native'

export interface NativeBindingHost {
  /** app.getAppPath(): the project folder when unpackaged. */
  appPath: string
  isPackaged: boolean
  /** process.resourcesPath */
  resourcesPath: string
  electronVersion: string
  platform: string
  arch: string
}

export function nativeDirName(electronVersion: string, platform: string, arch: string): string {
  return `electron-${electronVersion}-${platform}-${arch}`
}

/** Unpackaged: the project's .native copy. Packaged: <resources>/native/ (ship it as an extra resource). */
export function sqliteBindingPath(host: NativeBindingHost): string {
  if (host.isPackaged) return join(host.resourcesPath, 'native', SQLITE_BINARY)
  return join(host.appPath, NATIVE_DIR, nativeDirName(host.electronVersion, host.platform, host.arch), SQLITE_BINARY)
}

export type SqliteBinding = { path: string | undefined; problem?: string }

/**
 * The path for AppOptions.sqliteNativeBinding. A packaged app without the extra resource falls back to
 * better-sqlite3's own lookup (packagers rebuild node_modules for Electron). Unpackaged, the Node build in
 * node_modules cannot load in Electron, so a missing copy is a problem worth naming.
 */
export function resolveSqliteBinding(host: NativeBindingHost, exists: (file: string) => boolean = existsSync): SqliteBinding {
  const file = sqliteBindingPath(host)
  if (exists(file)) return { path: file }
  if (host.isPackaged) return { path: undefined }
  return {
    path: undefined,
    problem:
      `better-sqlite3 for Electron ${host.electronVersion} is missing at ${file}; ` +
      'start Vigil with `npm start` (it prepares the binary) or run `node scripts/electron-native.mjs`'
  }
}
