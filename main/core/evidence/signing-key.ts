// This installation's Ed25519 signing key: evidence packages are signed with it, and a recipient checks the
// signature offline with the public key shipped in the package, comparing its fingerprint by phone or letter.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { VigilError } from '../../contract'
import type { SettingsRepo } from '../db'
import type { SecretBox } from '../host'

/** The settings key holding the key pair (public key plain, private key sealed). */
export const SIGNING_KEY_SETTING = 'signingKey'

interface StoredKey {
  algorithm: 'Ed25519'
  /** SPKI PEM, plain: it is public. */
  publicKeyPem: string
  /** PKCS#8 PEM sealed with the SecretBox: never stored in clear. */
  privateKeySealed: string
  createdAt: string
}

/**
 * Generated once, on first use, and kept for the life of the installation: a recipient who once noted the
 * fingerprint recognises later packages. The private key is decrypted only when something is signed.
 */
export class InstallationKey {
  private stored: StoredKey | null = null

  constructor(
    private readonly settings: SettingsRepo,
    private readonly secrets: SecretBox,
    private readonly now: () => Date = () => new Date()
  ) {}

  publicKeyPem(): string {
    return this.load().publicKeyPem
  }

  /** SHA-256 of the DER SubjectPublicKeyInfo in groups of four hex digits: 'ab12 cd34 ...', for reading aloud. */
  fingerprint(): string {
    return formatFingerprint(this.fingerprintHex())
  }

  /** The same fingerprint as 64 lower-case hex digits, for machines and `--fingerprint`. */
  fingerprintHex(): string {
    return fingerprintOfPem(this.load().publicKeyPem)
  }

  /** A raw 64-byte Ed25519 signature over `bytes` (what `openssl pkeyutl -verify -rawin` checks). */
  sign(bytes: Buffer): Buffer {
    return sign(null, bytes, this.privateKey())
  }

  private load(): StoredKey {
    if (this.stored) return this.stored
    const existing = this.settings.get<StoredKey | null>(SIGNING_KEY_SETTING, null)
    this.stored = existing ?? this.generate()
    return this.stored
  }

  private generate(): StoredKey {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const key: StoredKey = {
      algorithm: 'Ed25519',
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      privateKeySealed: this.secrets.seal(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
      createdAt: this.now().toISOString()
    }
    // Another process may have created the key meanwhile (the app and a CLI export at first use): keep theirs.
    const raced = this.settings.get<StoredKey | null>(SIGNING_KEY_SETTING, null)
    if (raced) return raced
    this.settings.set(SIGNING_KEY_SETTING, key)
    return key
  }

  private privateKey(): KeyObject {
    const stored = this.load()
    let privateKey: KeyObject
    try {
      privateKey = createPrivateKey(this.secrets.open(stored.privateKeySealed))
    } catch (error) {
      // Not regenerated silently: a new key would make every recipient's noted fingerprint useless.
      const reason = error instanceof Error ? error.message : String(error)
      throw new VigilError('CREDENTIALS_UNREADABLE', `This installation's signing key cannot be decrypted (${reason}); packages cannot be signed`)
    }
    const publicFromPrivate = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString()
    if (publicFromPrivate !== stored.publicKeyPem) {
      throw new VigilError('CREDENTIALS_UNREADABLE', "This installation's signing key is damaged: its private and public halves do not belong together")
    }
    return privateKey
  }
}

/** SHA-256 over the DER SPKI of a PEM public key, 64 hex digits (same as `openssl pkey -pubin -outform DER | sha256sum`). */
export function fingerprintOfPem(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' })
  return createHash('sha256').update(der).digest('hex')
}

export function formatFingerprint(hex: string): string {
  return (hex.match(/.{1,4}/g) ?? []).join(' ')
}

/** Accepts a fingerprint as people copy it ('AB12 cd34', 'ab:12:...'); null unless it is 64 hex digits. */
export function normaliseFingerprint(input: string): string | null {
  const hex = input.replace(/[\s:-]/g, '').toLowerCase()
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null
}
