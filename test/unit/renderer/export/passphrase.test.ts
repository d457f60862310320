import { describe, expect, it } from 'vitest'
import { estimateBits, passphraseStrength } from '../../../../renderer/export/passphrase'

describe('passphrase strength hint', () => {
  it('calls anything under 12 characters too short', () => {
    expect(passphraseStrength('')).toBe('tooShort')
    expect(passphraseStrength('Sh0rt!pass')).toBe('tooShort')
  })

  it('sees through long but repetitive passphrases', () => {
    expect(passphraseStrength('aaaaaaaaaaaaaaaaaaaa')).toBe('weak')
    expect(passphraseStrength('abababababababab')).toBe('weak')
  })

  it('grows with length and kinds of characters', () => {
    expect(passphraseStrength('twelveletter')).toBe('weak')
    expect(passphraseStrength('mixed4numbers')).toBe('fair')
    expect(passphraseStrength('correct horse battery staple')).toBe('strong')
    expect(passphraseStrength('Tr0ub4dor&3-extra')).toBe('strong')
    expect(estimateBits('')).toBe(0)
    expect(estimateBits('abc')).toBeCloseTo(3 * Math.log2(26))
  })
})
