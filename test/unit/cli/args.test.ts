import { describe, expect, it } from 'vitest'
import { intFlag, parseArgv, stringFlag, UsageError } from '../../../main/cli/args'

const KNOWN = { 'data-dir': 'value', port: 'value', demo: 'switch' } as const

function usageError(action: () => unknown): UsageError {
  try {
    action()
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError)
    return error as UsageError
  }
  throw new Error('expected a UsageError')
}

describe('parseArgv', () => {
  it('separates positionals from flags, values given apart or inline', () => {
    const args = parseArgv(['cameras', '--data-dir', '/srv/vigil', 'add', '--port=8080', '--demo'], KNOWN)
    expect(args.positionals).toEqual(['cameras', 'add'])
    expect(Object.fromEntries(args.flags)).toEqual({ 'data-dir': '/srv/vigil', port: '8080', demo: true })
  })

  it('keeps = signs inside an inline value and accepts an empty inline value', () => {
    const args = parseArgv(['--data-dir=/srv/a=b', '--port='], KNOWN)
    expect(stringFlag(args, 'data-dir')).toBe('/srv/a=b')
    expect(stringFlag(args, 'port')).toBe('')
  })

  it('accepts a value that starts with a single dash', () => {
    expect(stringFlag(parseArgv(['--data-dir', '-weird'], KNOWN), 'data-dir')).toBe('-weird')
  })

  it('names an unknown flag and the flags it expected', () => {
    const error = usageError(() => parseArgv(['--dta-dir', '/srv'], KNOWN))
    expect(error.message).toBe('Unknown option --dta-dir (expected one of: --data-dir, --port, --demo)')
  })

  it('says a command takes no options at all', () => {
    expect(usageError(() => parseArgv(['--force'], {})).message).toBe('Unknown option --force')
  })

  it('refuses a value flag without a value, at the end or followed by another flag', () => {
    expect(usageError(() => parseArgv(['--data-dir'], KNOWN)).message).toBe('Option --data-dir needs a value')
    expect(usageError(() => parseArgv(['--data-dir', '--demo'], KNOWN)).message).toBe('Option --data-dir needs a value')
  })
})

describe('intFlag and stringFlag', () => {
  const parsed = (argv: string[]) => parseArgv(argv, KNOWN)

  it('reads a whole number within the range', () => {
    expect(intFlag(parsed(['--port', '8787']), 'port', 0, 65535)).toBe(8787)
    expect(intFlag(parsed(['--port', '0']), 'port', 0, 65535)).toBe(0)
    expect(intFlag(parsed(['--port', '65535']), 'port', 0, 65535)).toBe(65535)
  })

  it('returns undefined for a flag not given', () => {
    expect(intFlag(parsed([]), 'port', 0, 65535)).toBeUndefined()
    expect(stringFlag(parsed([]), 'data-dir')).toBeUndefined()
    expect(stringFlag(parsed(['--demo']), 'demo')).toBeUndefined()
  })

  it.each(['65536', '-1', '80.5', 'eighty', '1e9'])('refuses --port %s, naming the range and the value', (value) => {
    const error = usageError(() => intFlag(parsed(['--port', value]), 'port', 0, 65535))
    expect(error.message).toBe(`--port must be a whole number from 0 to 65535, got "${value}"`)
  })
})
