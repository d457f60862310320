import { mkdtempSync, rmSync, statSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { clearPassword, hashPassword, loadPassword, passwordFile, setPassword, verifyPassword } from '../../../main/server/password'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-password-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('hashPassword and verifyPassword', () => {
  it('accepts the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery')
    expect(await verifyPassword(stored, 'correct horse battery')).toBe(true)
    expect(await verifyPassword(stored, 'correct horse batterY')).toBe(false)
    expect(await verifyPassword(stored, '')).toBe(false)
  })

  it('stores scrypt parameters and a random salt, never the password', async () => {
    const first = await hashPassword('correct horse battery')
    const second = await hashPassword('correct horse battery')
    expect(first).toMatchObject({ algorithm: 'scrypt', N: 32768, r: 8, p: 1 })
    expect(Buffer.from(first.salt, 'base64')).toHaveLength(16)
    expect(Buffer.from(first.hash, 'base64')).toHaveLength(32)
    expect(first.salt).not.toBe(second.salt)
    expect(first.hash).not.toBe(second.hash)
    expect(JSON.stringify(first)).not.toContain('horse')
  })

  it('verifies with the parameters stored alongside the hash', async () => {
    const stored = await hashPassword('correct horse battery')
    expect(await verifyPassword({ ...stored, N: 1024 }, 'correct horse battery')).toBe(false)
  })
})

describe('setPassword, loadPassword and clearPassword', () => {
  it('refuses a password shorter than 8 characters and writes nothing', async () => {
    await expect(setPassword(dir, 'short12')).rejects.toThrow('at least 8 characters')
    expect(loadPassword(dir)).toBeNull()
  })

  it.skipIf(process.platform === 'win32')('writes the hash to a 0600 file that loadPassword reads back', async () => {
    await setPassword(dir, '12345678')
    expect(statSync(passwordFile(dir)).mode & 0o777).toBe(0o600)
    expect(readFileSync(passwordFile(dir), 'utf8')).not.toContain('12345678')
    const stored = loadPassword(dir)
    expect(stored).not.toBeNull()
    expect(await verifyPassword(stored!, '12345678')).toBe(true)
  })

  it('removes the password file, also when there is none', async () => {
    await setPassword(dir, 'long enough')
    clearPassword(dir)
    clearPassword(dir)
    expect(loadPassword(dir)).toBeNull()
  })
})
