import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultDataDir } from '../../../main/core/paths'

const HOME = '/home/ana'

describe('defaultDataDir', () => {
  it("uses Electron's userData folder on Linux: $XDG_CONFIG_HOME, else ~/.config", () => {
    expect(defaultDataDir('linux', {}, HOME)).toBe(join(HOME, '.config', 'vigil', 'data'))
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/srv/config' }, HOME)).toBe(join('/srv/config', 'vigil', 'data'))
  })

  it('uses ~/Library/Application Support on macOS, whatever XDG says', () => {
    expect(defaultDataDir('darwin', { XDG_CONFIG_HOME: '/srv/config' }, '/Users/ana')).toBe(
      join('/Users/ana', 'Library', 'Application Support', 'vigil', 'data')
    )
  })

  it('uses %APPDATA% on Windows, else AppData/Roaming under the home folder', () => {
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana')).toBe(
      join('C:\\Users\\ana\\AppData\\Roaming', 'vigil', 'data')
    )
    expect(defaultDataDir('win32', {}, 'C:\\Users\\ana')).toBe(join('C:\\Users\\ana', 'AppData', 'Roaming', 'vigil', 'data'))
  })

  it('treats other Unix systems like Linux', () => {
    expect(defaultDataDir('freebsd', {}, HOME)).toBe(join(HOME, '.config', 'vigil', 'data'))
  })

  it('defaults to this machine', () => {
    expect(defaultDataDir()).toMatch(/vigil[/\\]data$/)
  })
})
