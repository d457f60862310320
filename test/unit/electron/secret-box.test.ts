import { beforeEach, describe, expect, it, vi } from 'vitest'

const fake = vi.hoisted(() => ({ available: true, backend: 'gnome_libsecret' }))

vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => fake.available,
    getSelectedStorageBackend: () => fake.backend,
    // a reversible stand-in for the OS keychain
    encryptString: (plain: string) => Buffer.from(`enc:${plain}`, 'utf8').reverse(),
    decryptString: (encrypted: Buffer) => {
      const text = Buffer.from(encrypted).reverse().toString('utf8')
      if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
      return text.slice(4)
    }
  }
}))

const { SAFE_STORAGE_KIND, createSafeStorageBox } = await import('../../../main/electron/secret-box')

beforeEach(() => {
  fake.available = true
  fake.backend = 'gnome_libsecret'
})

describe('createSafeStorageBox', () => {
  it('seals to a tagged base64 of the keychain ciphertext and opens it again', () => {
    const probe = createSafeStorageBox('linux')
    if (!probe.ok) throw new Error(probe.reason)
    expect(probe.box.kind).toBe(SAFE_STORAGE_KIND)
    const sealed = probe.box.seal('pässwörd:1')
    expect(sealed).toMatch(/^safeStorage:[A-Za-z0-9+/]+=*$/)
    expect(sealed).not.toContain('pässwörd')
    const payload = sealed.slice('safeStorage:'.length)
    expect(Buffer.from(payload, 'base64').reverse().toString('utf8')).toBe('enc:pässwörd:1')
    expect(probe.box.open(sealed)).toBe('pässwörd:1')
  })

  it('turns a ciphertext it cannot decrypt into CREDENTIALS_UNREADABLE', () => {
    const probe = createSafeStorageBox('linux')
    if (!probe.ok) throw new Error(probe.reason)
    expect(() => probe.box.open(`safeStorage:${Buffer.from('garbage').toString('base64')}`)).toThrow(
      expect.objectContaining({ code: 'CREDENTIALS_UNREADABLE' })
    )
  })

  it('recognises a value sealed by the headless key file and asks for the password again', () => {
    const probe = createSafeStorageBox('linux')
    if (!probe.ok) throw new Error(probe.reason)
    expect(() => probe.box.open('keyfile:AAAA')).toThrow(/stored by the keyfile store/)
  })

  it('reports why when encryption is unavailable', () => {
    fake.available = false
    expect(createSafeStorageBox('win32')).toEqual({ ok: false, reason: expect.stringContaining('keychain') })
  })

  it("treats Linux's fixed-key fallback as unavailable", () => {
    fake.backend = 'basic_text'
    expect(createSafeStorageBox('linux')).toEqual({ ok: false, reason: expect.stringContaining('basic_text') })
    expect(createSafeStorageBox('darwin').ok).toBe(true)
  })
})
