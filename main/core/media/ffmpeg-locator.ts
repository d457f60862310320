import { existsSync } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { VigilError } from '../../contract'
import { nodeRequire } from '../node-require'

export interface FfmpegTools {
  ffmpeg: string
  ffprobe: string
  source: 'setting' | 'ffmpeg-static' | 'system'
  version: string
}

const exe = (name: string) => (process.platform === 'win32' ? `${name}.exe` : name)

function optionalModulePath(moduleName: string): string | null {
  try {
    const value = nodeRequire(moduleName) as string | { path?: string } | null
    const path = typeof value === 'string' ? value : value?.path
    return path && existsSync(path) ? path : null
  } catch {
    return null
  }
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, exe(name))
    if (dir && existsSync(candidate)) return candidate
  }
  return null
}

function versionOf(ffmpeg: string): string | null {
  const result = spawnSync(ffmpeg, ['-hide_banner', '-version'], { encoding: 'utf8', timeout: 10_000 })
  if (result.status !== 0) return null
  return /version (\S+)/.exec(result.stdout)?.[1] ?? 'unknown'
}

/**
 * Finds ffmpeg and ffprobe. An explicit path always wins; then the binaries shipped in npm packages
 * (ffmpeg-static, @ffprobe-installer); then the system's. ffprobe is taken from the same place as ffmpeg
 * where it exists there, so both come from one build when they can.
 */
export function locateFfmpeg(explicitPath?: string | null): FfmpegTools {
  if (explicitPath) {
    const version = existsSync(explicitPath) ? versionOf(explicitPath) : null
    if (!version) {
      throw new VigilError('FFMPEG_NOT_FOUND', `The configured ffmpeg "${explicitPath}" does not exist or does not run`)
    }
    const sibling = join(dirname(explicitPath), exe('ffprobe'))
    const ffprobe = existsSync(sibling) ? sibling : (optionalModulePath('@ffprobe-installer/ffprobe') ?? onPath('ffprobe'))
    if (!ffprobe) throw new VigilError('FFMPEG_NOT_FOUND', `No ffprobe next to "${explicitPath}" or on PATH`)
    return { ffmpeg: explicitPath, ffprobe, source: 'setting', version }
  }

  const bundled = optionalModulePath('ffmpeg-static')
  const bundledProbe = optionalModulePath('@ffprobe-installer/ffprobe')
  const systemFfmpeg = onPath('ffmpeg')
  const systemProbe = onPath('ffprobe')

  if (bundled) {
    const version = versionOf(bundled)
    const ffprobe = bundledProbe ?? systemProbe
    if (version && ffprobe) return { ffmpeg: bundled, ffprobe, source: 'ffmpeg-static', version }
  }
  if (systemFfmpeg) {
    const version = versionOf(systemFfmpeg)
    const ffprobe = systemProbe ?? bundledProbe
    if (version && ffprobe) return { ffmpeg: systemFfmpeg, ffprobe, source: 'system', version }
  }
  throw new VigilError(
    'FFMPEG_NOT_FOUND',
    'ffmpeg was not found: reinstall Vigil (ffmpeg-static), install ffmpeg (e.g. `apt-get install ffmpeg`), or set VIGIL_FFMPEG to its path'
  )
}
