import { spawnSync } from 'node:child_process'
import { createPrivateKey, createPublicKey, verify } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { VigilError } from '../../../../main/contract'
import { openDatabase, SettingsRepo, type Db } from '../../../../main/core/db'
import { formatFingerprint, InstallationKey, normaliseFingerprint, SIGNING_KEY_SETTING } from '../../../../main/core/evidence/signing-key'
import { KeyFileSecretBox } from '../../../../main/core/secrets/key-file-box'

let dir: string
let db: Db

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-signing-'))
  db = openDatabase(join(dir, 'vigil.db'))
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

function key(keyFile = join(dir, 'secret.key')): InstallationKey {
  return new InstallationKey(new SettingsRepo(db), new KeyFileSecretBox(keyFile))
}

interface Stored {
  algorithm: string
  publicKeyPem: string
  privateKeySealed: string
  createdAt: string
}

describe('InstallationKey', () => {
  it('is generated once, on first use, and the same key comes back in later instances', () => {
    const settings = new SettingsRepo(db)
    expect(settings.get(SIGNING_KEY_SETTING, null)).toBeNull()
    const first = key()
    const pem = first.publicKeyPem()
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/)
    expect(createPublicKey(pem).asymmetricKeyType).toBe('ed25519')
    const stored = settings.get<Stored | null>(SIGNING_KEY_SETTING, null)
    expect(stored).toMatchObject({ algorithm: 'Ed25519', publicKeyPem: pem })
    expect(key().publicKeyPem()).toBe(pem)
    expect(key().fingerprintHex()).toBe(first.fingerprintHex())
  })

  it('never stores the private key in clear', () => {
    const k = key()
    const signature = k.sign(Buffer.from('x'))
    expect(signature).toHaveLength(64)
    const stored = new SettingsRepo(db).get<Stored>(SIGNING_KEY_SETTING, {} as Stored)
    expect(stored.privateKeySealed).toMatch(/^keyfile:/)
    expect(JSON.stringify(stored)).not.toContain('PRIVATE KEY')
    // The raw 32-byte seed must not appear in the database file in any common encoding.
    const box = new KeyFileSecretBox(join(dir, 'secret.key'))
    const seed = Buffer.from(createPrivateKey(box.open(stored.privateKeySealed)).export({ format: 'jwk' }).d as string, 'base64url')
    db.pragma('wal_checkpoint(TRUNCATE)')
    const file = readFileSync(join(dir, 'vigil.db'))
    for (const encoded of [seed, Buffer.from(seed.toString('base64')), Buffer.from(seed.toString('hex')), Buffer.from(seed.toString('base64url'))]) {
      expect(file.includes(encoded)).toBe(false)
    }
  })

  it('signs so that node:crypto and `openssl pkeyutl -verify -rawin` accept the signature, and only for those bytes', () => {
    const k = key()
    const message = Buffer.from('{"version": "vigil-evidence/1"}\n')
    const signature = k.sign(message)
    expect(verify(null, message, k.publicKeyPem(), signature)).toBe(true)
    expect(verify(null, Buffer.from('{"version": "vigil-evidence/2"}\n'), k.publicKeyPem(), signature)).toBe(false)

    writeFileSync(join(dir, 'public-key.pem'), k.publicKeyPem())
    writeFileSync(join(dir, 'message'), message)
    writeFileSync(join(dir, 'message.sig'), signature)
    const openssl = (file: string) =>
      spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'public-key.pem', '-rawin', '-in', file, '-sigfile', 'message.sig'], { cwd: dir, encoding: 'utf8' })
    const ok = openssl('message')
    expect(ok.stdout).toContain('Signature Verified Successfully')
    expect(ok.status).toBe(0)
    writeFileSync(join(dir, 'other'), Buffer.concat([message, Buffer.from(' ')]))
    expect(openssl('other').status).not.toBe(0)
  })

  it('has a fingerprint equal to SHA-256 of the DER public key as openssl computes it, readable in groups', () => {
    const k = key()
    writeFileSync(join(dir, 'public-key.pem'), k.publicKeyPem())
    const der = spawnSync('openssl', ['pkey', '-pubin', '-in', 'public-key.pem', '-outform', 'DER'], { cwd: dir })
    expect(der.status).toBe(0)
    const sum = spawnSync('sha256sum', [], { input: der.stdout, encoding: 'utf8' }).stdout.split(' ')[0]
    expect(k.fingerprintHex()).toBe(sum)
    expect(k.fingerprint()).toBe(formatFingerprint(sum))
    expect(k.fingerprint()).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/)
    expect(normaliseFingerprint(k.fingerprint().toUpperCase())).toBe(sum)
    expect(normaliseFingerprint(sum.match(/../g)!.join(':'))).toBe(sum)
    expect(normaliseFingerprint('abcd')).toBeNull()
  })

  it('refuses to sign, without replacing the key, when the sealed private key cannot be opened', () => {
    const pem = key().publicKeyPem()
    const other = key(join(dir, 'another.key'))
    expect(other.publicKeyPem()).toBe(pem)
    let error: unknown
    try {
      other.sign(Buffer.from('x'))
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(VigilError)
    expect((error as VigilError).code).toBe('CREDENTIALS_UNREADABLE')
    expect((error as VigilError).message).toMatch(/signing key cannot be decrypted/)
    expect(key().publicKeyPem()).toBe(pem)
  })
})
