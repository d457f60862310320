import { chmodSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { VigilError } from '../../../../main/contract'
import { locateFfmpeg } from '../../../../main/core/media/ffmpeg-locator'
import { nodeRequire } from '../../../../main/core/node-require'

const SYSTEM_FFMPEG = '/usr/bin/ffmpeg'
const SYSTEM_FFPROBE = '/usr/bin/ffprobe'

function hasModule(name: string): boolean {
  try {
    nodeRequire.resolve(name)
    return true
  } catch {
    return false
  }
}

function locateError(explicitPath?: string): VigilError {
  try {
    locateFfmpeg(explicitPath)
  } catch (error) {
    expect(error).toBeInstanceOf(VigilError)
    return error as VigilError
  }
  throw new Error('locateFfmpeg did not throw')
}

describe.skipIf(process.platform === 'win32' || !existsSync(SYSTEM_FFMPEG) || !existsSync(SYSTEM_FFPROBE))('locateFfmpeg', () => {
  let dir: string
  const savedPath = process.env.PATH

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-locator-'))
  })
  afterEach(() => {
    process.env.PATH = savedPath
    rmSync(dir, { recursive: true, force: true })
  })

  it('uses an explicit path, with the ffprobe next to it, and reads its version', () => {
    const tools = locateFfmpeg(SYSTEM_FFMPEG)
    expect(tools).toMatchObject({ ffmpeg: SYSTEM_FFMPEG, ffprobe: SYSTEM_FFPROBE, source: 'setting' })
    expect(tools.version).toMatch(/^\S+$/)
    expect(tools.version).not.toBe('unknown')
  })

  it('refuses an explicit path that does not exist', () => {
    const missing = join(dir, 'ffmpeg')
    const error = locateError(missing)
    expect(error.code).toBe('FFMPEG_NOT_FOUND')
    expect(error.message).toContain(missing)
  })

  it('refuses an explicit path that exists but does not run as ffmpeg', () => {
    const broken = join(dir, 'ffmpeg')
    writeFileSync(broken, '#!/bin/sh\nexit 1\n')
    chmodSync(broken, 0o755)
    expect(locateError(broken).code).toBe('FFMPEG_NOT_FOUND')
  })

  it('finds ffprobe elsewhere when none sits next to the explicit ffmpeg', () => {
    const lonely = join(dir, 'ffmpeg')
    symlinkSync(SYSTEM_FFMPEG, lonely)
    const tools = locateFfmpeg(lonely)
    expect(tools.ffmpeg).toBe(lonely)
    expect(tools.ffprobe.startsWith(dir)).toBe(false)
    expect(existsSync(tools.ffprobe)).toBe(true)
  })

  it.skipIf(hasModule('ffmpeg-static'))('falls back to the ffmpeg and ffprobe on PATH', () => {
    symlinkSync(SYSTEM_FFMPEG, join(dir, 'ffmpeg'))
    symlinkSync(SYSTEM_FFPROBE, join(dir, 'ffprobe'))
    process.env.PATH = `/nonexistent-vigil-dir:${dir}`
    expect(locateFfmpeg()).toMatchObject({ ffmpeg: join(dir, 'ffmpeg'), ffprobe: join(dir, 'ffprobe'), source: 'system' })
  })

  it.skipIf(hasModule('ffmpeg-static'))('says how to get ffmpeg when there is none', () => {
    process.env.PATH = dir
    const error = locateError()
    expect(error.code).toBe('FFMPEG_NOT_FOUND')
    expect(error.message).toContain('VIGIL_FFMPEG')
  })
})
