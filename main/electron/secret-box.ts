// Camera credentials at rest, encrypted by the OS keychain through Electron's safeStorage.
import { safeStorage } from 'electron'
import type { SecretBox } from '../core/host'

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
      seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
      open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64'))
    }
  }
}
