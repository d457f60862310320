import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * Where Vigil keeps its data when no --data-dir is given: the same folder the desktop app uses
 * (Electron's userData for an app named "vigil", plus /data), so both modes see the same cameras.
 */
export function defaultDataDir(platform = process.platform, env = process.env, home = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'vigil', 'data')
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'vigil', 'data')
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'vigil', 'data')
}
