import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { VigilError } from '../../../../main/contract'
import { KeyFileSecretBox, splitSealed } from '../../../../main/core/secrets/key-file-box'

let dir: string
let keyFile: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-secret-'))
  keyFile = join(dir, 'secret.key')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function thrown(action: () => unknown): VigilError {
  try {
    action()
  } catch (error) {
    expect(error).toBeInstanceOf(VigilError)
    return error as VigilError
  }
  throw new Error('expected a VigilError')
}

describe('KeyFileSecretBox', () => {
  it('opens what it sealed, Unicode and empty strings included', () => {
    const box = new KeyFileSecretBox(keyFile)
    for (const plain of ['hunter2', 'pässwört:@/ü漢字🙂', '']) expect(box.open(box.seal(plain))).toBe(plain)
  })

  it('tags each value with its kind and never stores the plain text', () => {
    const box = new KeyFileSecretBox(keyFile)
    const sealed = box.seal('hunter2-plain')
    expect(box.kind).toBe('keyfile')
    expect(sealed).toMatch(/^keyfile:[A-Za-z0-9+/]+=*$/)
    expect(sealed).not.toContain('hunter2')
    expect(Buffer.from(splitSealed(sealed)[1], 'base64').toString('latin1')).not.toContain('hunter2')
  })

  it('seals the same password differently each time (random IV)', () => {
    const box = new KeyFileSecretBox(keyFile)
    const first = box.seal('same password')
    const second = box.seal('same password')
    expect(first).not.toBe(second)
    expect(box.open(first)).toBe(box.open(second))
  })

  it.skipIf(process.platform === 'win32')('creates a 32-byte key in a file only its owner can read (0600)', () => {
    new KeyFileSecretBox(keyFile)
    expect(statSync(keyFile).mode & 0o777).toBe(0o600)
    expect(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64')).toHaveLength(32)
  })

  it.skipIf(process.platform === 'win32')('tightens a key file that a copy left readable to others', () => {
    new KeyFileSecretBox(keyFile)
    chmodSync(keyFile, 0o644)
    new KeyFileSecretBox(keyFile)
    expect(statSync(keyFile).mode & 0o777).toBe(0o600)
  })

  it('reuses the key file, so a restart can open earlier values', () => {
    const sealed = new KeyFileSecretBox(keyFile).seal('kept across restarts')
    expect(new KeyFileSecretBox(keyFile).open(sealed)).toBe('kept across restarts')
  })

  it('refuses a tampered ciphertext with CREDENTIALS_UNREADABLE', () => {
    const box = new KeyFileSecretBox(keyFile)
    const raw = Buffer.from(splitSealed(box.seal('hunter2'))[1], 'base64')
    raw[raw.length - 1] ^= 0x01
    const error = thrown(() => box.open(`keyfile:${raw.toString('base64')}`))
    expect(error.code).toBe('CREDENTIALS_UNREADABLE')
    expect(error.message).toContain('cannot be decrypted')
  })

  it('refuses a value sealed with another key file', () => {
    const sealed = new KeyFileSecretBox(join(dir, 'other.key')).seal('hunter2')
    expect(thrown(() => new KeyFileSecretBox(keyFile).open(sealed)).code).toBe('CREDENTIALS_UNREADABLE')
  })

  it('names the store that sealed a value of another kind', () => {
    const box = new KeyFileSecretBox(keyFile)
    const error = thrown(() => box.open('safeStorage:djEwAAAA'))
    expect(error.code).toBe('CREDENTIALS_UNREADABLE')
    expect(error.message).toBe('This password was stored by the safeStorage store; enter it again here')
  })

  it('refuses a value without a kind tag', () => {
    const error = thrown(() => new KeyFileSecretBox(keyFile).open('djEwAAAAbm90IG91cnM='))
    expect(error.code).toBe('CREDENTIALS_UNREADABLE')
    expect(error.message).toContain('unknown store')
  })

  it('reports a damaged key file instead of making a new key over it', () => {
    writeFileSync(keyFile, 'bm90IGEga2V5\n', { mode: 0o600 })
    const error = thrown(() => new KeyFileSecretBox(keyFile))
    expect(error.code).toBe('CREDENTIALS_UNREADABLE')
    expect(error.message).toContain(keyFile)
    expect(error.message).toContain('damaged')
    expect(readFileSync(keyFile, 'utf8')).toBe('bm90IGEga2V5\n')
  })
})

describe('splitSealed', () => {
  it('splits at the first colon only', () => {
    expect(splitSealed('keyfile:abc:def')).toEqual(['keyfile', 'abc:def'])
    expect(splitSealed('abc')).toEqual(['unknown', 'abc'])
  })
})
