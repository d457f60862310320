import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'
import { VigilError } from '../contract'
import { openDatabase, type Db } from '../core/db'
import { UsageError } from './args'

/** Reads a secret: from a pipe as-is, or from a terminal prompt that does not echo. */
export async function readSecret(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '')
  }
  process.stderr.write(prompt)
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() })
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true })
  const answer = await new Promise<string>((resolve) => rl.question('', resolve))
  rl.close()
  process.stderr.write('\n')
  return answer
}

/** A passphrase from a file (never from the command line, where other users could read it in `ps`). */
export function readPassphraseFile(file: string): string {
  try {
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '')
  } catch (error) {
    throw new UsageError(`Cannot read --passphrase-file ${file}: ${(error as Error).message}`)
  }
}

/**
 * The data folder's database, opened the way every command opens it (WAL, busy timeout), so it can be read while
 * a recording instance writes to it. Refused when absent: opening would create an empty one, and a typo'd folder
 * would read as an empty log. `hint` ends the message.
 */
export function openExistingDatabase(dataDir: string, hint = ''): Db {
  const file = join(dataDir, 'vigil.db')
  if (!existsSync(file)) throw new VigilError('NOT_FOUND', `No Vigil database in ${dataDir} (expected ${file})${hint}`)
  return openDatabase(file)
}
