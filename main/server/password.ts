import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

// scrypt with N=2^15: ~100 ms per guess on this machine's class of CPU, which with the login rate limit
// makes guessing a decent password hopeless.
const PARAMS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }
const KEY_LENGTH = 32

const scrypt = (password: string, salt: Buffer, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)))
  )

interface StoredHash {
  algorithm: 'scrypt'
  N: number
  r: number
  p: number
  salt: string
  hash: string
}

export const passwordFile = (dataDir: string) => join(dataDir, 'headless-password.json')

export async function hashPassword(password: string): Promise<StoredHash> {
  const salt = randomBytes(16)
  const key = await scrypt(password, salt, PARAMS)
  return { algorithm: 'scrypt', N: PARAMS.N, r: PARAMS.r, p: PARAMS.p, salt: salt.toString('base64'), hash: key.toString('base64') }
}

export async function verifyPassword(stored: StoredHash, password: string): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64')
  const key = await scrypt(password, Buffer.from(stored.salt, 'base64'), {
    N: stored.N,
    r: stored.r,
    p: stored.p,
    maxmem: PARAMS.maxmem
  })
  return key.length === expected.length && timingSafeEqual(key, expected)
}

export async function setPassword(dataDir: string, password: string): Promise<void> {
  if (password.length < 8) throw new Error('The password needs at least 8 characters')
  writeFileSync(passwordFile(dataDir), JSON.stringify(await hashPassword(password)), { mode: 0o600 })
  // mode applies only when the file is created; a replaced file keeps loose permissions otherwise.
  if (process.platform !== 'win32') chmodSync(passwordFile(dataDir), 0o600)
}

export function clearPassword(dataDir: string): void {
  rmSync(passwordFile(dataDir), { force: true })
}

export function loadPassword(dataDir: string): StoredHash | null {
  const file = passwordFile(dataDir)
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StoredHash) : null
}

export type { StoredHash }
