// Camera credentials at rest, encrypted by the OS keychain through Electron's safeStorage.
import { safeStorage } from 'electron'
import { VigilError } from '../contract/errors'
import type { SecretBox } from '../core/host'
import { splitSealed } from '../core/secrets/key-file-box'

export const SAFE_STORAGE_KIND = 'safeStorage'

export type SafeStorageProbe = { ok: true; box: SecretBox } | { ok: false; reason: string }

/**
 * A SecretBox over safeStorage, or why there is none. Call after app 'ready'.
 * Linux without a keyring ('basic_text') counts as unavailable: safeStorage would then encrypt with a fixed
 * key built into Chromium, which protects nothing, so the caller should pick the key-file box instead.
 * The sync safeStorage calls are deprecated in favour of async ones; SecretBox is synchronous, so they stay
 * until SecretBox becomes async.
 */
export function createSafeStorageBox(platform: NodeJS.Platform = process.platform): SafeStorageProbe {
  if (!safeStorage.isEncryptionAvailable()) {
    return { ok: false, reason: 'the operating system keychain is not available' }
  }
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend()
    if (backend === 'basic_text' || backend === 'unknown') {
      return { ok: false, reason: `no desktop keyring was found (safeStorage backend '${backend}')` }
    }
  }
  return {
    ok: true,
    box: {
      kind: SAFE_STORAGE_KIND,
      // Tagged like every SecretBox value, so a value sealed by headless mode's key file is recognised.
      seal: (plain) => `${SAFE_STORAGE_KIND}:${safeStorage.encryptString(plain).toString('base64')}`,
      open: (sealed) => {
        const [kind, payload] = splitSealed(sealed)
        if (kind !== SAFE_STORAGE_KIND) {
          throw new VigilError('CREDENTIALS_UNREADABLE', `This password was stored by the ${kind} store; enter it again here`)
        }
        try {
          return safeStorage.decryptString(Buffer.from(payload, 'base64'))
        } catch {
          throw new VigilError('CREDENTIALS_UNREADABLE', 'The OS keychain could not decrypt this password; enter it again')
        }
      }
    }
  }
}
