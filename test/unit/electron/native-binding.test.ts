import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveSqliteBinding, sqliteBindingPath, type NativeBindingHost } from '../../../main/electron/native-binding'
import { electronSqlitePath } from '../../../scripts/electron-native.mjs'

const dev: NativeBindingHost = {
  appPath: join('/home', 'me', 'vigil'),
  isPackaged: false,
  resourcesPath: join('/usr', 'lib', 'electron', 'resources'),
  electronVersion: '45.4.1',
  platform: 'linux',
  arch: 'x64'
}
const packaged: NativeBindingHost = { ...dev, appPath: join('/opt', 'Vigil', 'resources', 'app.asar'), isPackaged: true, resourcesPath: join('/opt', 'Vigil', 'resources') }

describe('sqliteBindingPath', () => {
  it('points into the project .native folder when unpackaged', () => {
    expect(sqliteBindingPath(dev)).toBe(join('/home', 'me', 'vigil', '.native', 'electron-45.4.1-linux-x64', 'better_sqlite3.node'))
  })

  it('is the same path scripts/electron-native.mjs writes', () => {
    for (const host of [dev, { ...dev, platform: 'darwin', arch: 'arm64', electronVersion: '46.0.0' }]) {
      expect(sqliteBindingPath(host)).toBe(electronSqlitePath(host.appPath, host.electronVersion, host.platform, host.arch))
    }
  })

  it('points into resources when packaged', () => {
    expect(sqliteBindingPath(packaged)).toBe(join('/opt', 'Vigil', 'resources', 'native', 'better_sqlite3.node'))
  })
})

describe('resolveSqliteBinding', () => {
  it('returns the path when the binary is there', () => {
    expect(resolveSqliteBinding(dev, () => true)).toEqual({ path: sqliteBindingPath(dev) })
  })

  it('names the problem and the fix when the unpackaged copy is missing', () => {
    const result = resolveSqliteBinding(dev, () => false)
    expect(result.path).toBeUndefined()
    expect(result.problem).toContain('npm start')
    expect(result.problem).toContain('45.4.1')
  })

  it("leaves a packaged app without the extra resource to better-sqlite3's own lookup", () => {
    expect(resolveSqliteBinding(packaged, () => false)).toEqual({ path: undefined })
  })
})
