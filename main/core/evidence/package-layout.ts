// The fixed names inside an evidence package, and the hashing both the writer and the verifier use.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

export const PACKAGE_FILES = {
  manifest: 'manifest.json',
  signature: 'manifest.sig',
  publicKey: 'public-key.pem',
  report: 'handover-report.pdf',
  reportSignature: 'handover-report.pdf.sig',
  readme: 'README.txt',
  sums: 'SHA256SUMS'
} as const

/** Files a desktop adds when someone merely looks at a folder: not evidence, not a reason to fail a check. */
export function isDesktopClutter(path: string): boolean {
  const name = path.split('/').pop() ?? path
  return name === '.DS_Store' || name === 'Thumbs.db' || name === 'desktop.ini' || name.startsWith('._') || path.startsWith('__MACOSX/')
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Streams a file through SHA-256: recordings can be gigabytes. */
export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256')
  let bytes = 0
  await pipeline(
    createReadStream(path),
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        hash.update(chunk)
        bytes += chunk.length
        done()
      }
    })
  )
  return { sha256: hash.digest('hex'), bytes }
}
