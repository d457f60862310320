import type { Language } from '../contract'

/** A small, strict argv parser: unknown flags are errors that name the flag, never silently ignored. */
export interface ParsedArgs {
  positionals: string[]
  flags: Map<string, string | true>
}

export class UsageError extends Error {}

export function parseArgv(argv: string[], known: Record<string, 'value' | 'switch'>): ParsedArgs {
  const positionals: string[] = []
  const flags = new Map<string, string | true>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (!arg.startsWith('--')) {
      positionals.push(arg)
      continue
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2)
    const kind = known[name]
    if (!kind) {
      const options = Object.keys(known).map((k) => `--${k}`).join(', ')
      throw new UsageError(`Unknown option --${name}${options ? ` (expected one of: ${options})` : ''}`)
    }
    if (kind === 'switch') {
      flags.set(name, true)
      continue
    }
    const value = inline ?? argv[++i]
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new UsageError(`Option --${name} needs a value`)
    }
    flags.set(name, value)
  }
  return { positionals, flags }
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name)
  return typeof value === 'string' ? value : undefined
}

export function intFlag(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const raw = stringFlag(args, name)
  if (raw === undefined) return undefined
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`)
  }
  return value
}

/** --language en|de, English when absent. */
export function languageFlag(args: ParsedArgs): Language {
  const language = stringFlag(args, 'language') ?? 'en'
  if (language !== 'en' && language !== 'de') throw new UsageError(`--language must be en or de, got "${language}"`)
  return language
}
