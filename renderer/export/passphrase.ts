// How strong a ZIP passphrase looks: a hint while typing, not a rule (the rule is the minimum length).
// A rough estimate of guessing effort from length and the kinds of characters used. Pure.
import { ZIP_PASSPHRASE_MIN } from './wizard'

export type Strength = 'tooShort' | 'weak' | 'fair' | 'strong'

const CLASSES: { pattern: RegExp; size: number }[] = [
  { pattern: /[a-z]/, size: 26 },
  { pattern: /[A-Z]/, size: 26 },
  { pattern: /[0-9]/, size: 10 },
  { pattern: /[^a-zA-Z0-9]/, size: 33 }
]

/** Bits of a random string of this length over the character kinds it uses (an upper bound for real ones). */
export function estimateBits(passphrase: string): number {
  const pool = CLASSES.filter((kind) => kind.pattern.test(passphrase)).reduce((sum, kind) => sum + kind.size, 0)
  return pool === 0 ? 0 : [...passphrase].length * Math.log2(pool)
}

export function passphraseStrength(passphrase: string): Strength {
  const characters = [...passphrase]
  if (characters.length < ZIP_PASSPHRASE_MIN) return 'tooShort'
  // "aaaaaaaaaaaa" or "abababababab": long, but hardly anything to guess.
  if (new Set(characters).size < 6) return 'weak'
  const bits = estimateBits(passphrase)
  return bits < 60 ? 'weak' : bits < 80 ? 'fair' : 'strong'
}
