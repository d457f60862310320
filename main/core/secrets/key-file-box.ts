import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { VigilError } from '../../contract'
import type { SecretBox } from '../host'

const KIND = 'keyfile'

/**
 * Headless mode's SecretBox: AES-256-GCM with a random key kept in a 0600 file beside the database.
 * It protects a copied or backed-up database; anyone who can read the key file can read the secrets,
 * which is why the desktop app uses the OS keychain (safeStorage) instead.
 */
export class KeyFileSecretBox implements SecretBox {
  readonly kind = KIND
  private readonly key: Buffer

  constructor(keyFile: string) {
    this.key = loadOrCreateKey(keyFile)
  }

  seal(plain: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return `${KIND}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`
  }

  open(sealed: string): string {
    const [kind, payload] = splitSealed(sealed)
    if (kind !== KIND) {
      throw new VigilError('CREDENTIALS_UNREADABLE', `This password was stored by the ${kind} store; enter it again here`)
    }
    try {
      const raw = Buffer.from(payload, 'base64')
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12))
      decipher.setAuthTag(raw.subarray(12, 28))
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
    } catch {
      throw new VigilError('CREDENTIALS_UNREADABLE', 'The stored password cannot be decrypted with this key file; enter it again')
    }
  }
}

export function splitSealed(sealed: string): [string, string] {
  const colon = sealed.indexOf(':')
  return colon < 0 ? ['unknown', sealed] : [sealed.slice(0, colon), sealed.slice(colon + 1)]
}

function loadOrCreateKey(keyFile: string): Buffer {
  if (existsSync(keyFile)) {
    // Tighten permissions that a copy or an unpack may have loosened.
    if (process.platform !== 'win32' && (statSync(keyFile).mode & 0o077) !== 0) chmodSync(keyFile, 0o600)
    const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64')
    if (key.length !== 32) throw new VigilError('CREDENTIALS_UNREADABLE', `The key file ${keyFile} is damaged (expected 32 bytes)`)
    return key
  }
  const key = randomBytes(32)
  writeFileSync(keyFile, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' })
  return key
}
