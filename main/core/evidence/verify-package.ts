// Checks an evidence package the way a recipient would: the manifest reads, its signature holds with the
// included key (and, if given, that key is the expected one), every listed file is there with its size and
// SHA-256, nothing unlisted was added, the report's signature holds, SHA256SUMS agrees, and - on the machine
// that made it - the export log has the entry the manifest names. Every problem becomes a named failed check;
// nothing throws.
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto'
import { openAsBlob } from 'node:fs'
import { lstat, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { BlobReader, configure, ZipReader, type FileEntry } from '@zip.js/zip.js'
import { parseManifest, type Manifest } from './manifest'
import { hashFile, isDesktopClutter, PACKAGE_FILES, sha256 } from './package-layout'
import { fingerprintOfPem, formatFingerprint, normaliseFingerprint } from './signing-key'

export interface VerifyOptions {
  /** For an encrypted ZIP. */
  passphrase?: string
  /** The fingerprint the sender gave by another channel (any spacing/case); without it, any key is accepted. */
  expectedFingerprint?: string
  /** Looks up an entry of this installation's export log; omitted: the log is not checked. */
  logEntry?: (id: number) => { hash: string; packageId?: unknown } | null | undefined
  /** The manifest SHA-256s the log records as sealed for an export entry ('export_sealed' entries). */
  sealedManifests?: (exportEntryId: number) => string[]
  /** Whether the export log's hash chain is intact (a string explains a break). */
  chainOk?: () => boolean | { ok: boolean; detail: string }
}

export interface VerifyCheck {
  /** What was checked: a file path ('media/porch-original-1.mp4', 'manifest.sig') or 'package', 'fingerprint', 'export log'. */
  name: string
  ok: boolean
  detail: string
}

export interface VerifyResult {
  ok: boolean
  checks: VerifyCheck[]
  /** '<name>: <detail>' of the first failed check. */
  firstFailure: string | null
  manifest: Manifest | null
}

/** Small files are read whole; anything larger is hashed as a stream. */
const MAX_READ_BYTES = 64 * 1024 * 1024

interface PackageSource {
  readonly description: string
  /** Every file with its size; `link: true` for anything that is not a regular file (a symlink, a device). */
  readonly files: Map<string, { bytes: number; link: boolean }>
  read(path: string): Promise<Buffer>
  hash(path: string): Promise<{ sha256: string; bytes: number }>
  close(): Promise<void>
}

export async function verifyPackage(path: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const checks: VerifyCheck[] = []
  const pass = (name: string, detail: string) => checks.push({ name, ok: true, detail })
  const fail = (name: string, detail: string) => checks.push({ name, ok: false, detail })
  const finish = (manifest: Manifest | null): VerifyResult => {
    const failed = checks.find((c) => !c.ok)
    return { ok: !failed, checks, firstFailure: failed ? `${failed.name}: ${failed.detail}` : null, manifest }
  }

  let source: PackageSource
  try {
    source = await openSource(path, options.passphrase)
    pass('package', source.description)
  } catch (error) {
    fail('package', message(error))
    return finish(null)
  }

  let manifest: Manifest | null = null
  try {
    // Hashes computed once and reused for SHA256SUMS: media files can be large.
    const hashes = new Map<string, { sha256: string; bytes: number }>()
    const present = (name: string) => source.files.has(name) && !source.files.get(name)?.link

    // manifest.json
    let manifestBytes: Buffer | null = null
    if (!present(PACKAGE_FILES.manifest)) {
      fail(PACKAGE_FILES.manifest, 'missing')
    } else {
      manifestBytes = await source.read(PACKAGE_FILES.manifest)
      hashes.set(PACKAGE_FILES.manifest, { sha256: sha256(manifestBytes), bytes: manifestBytes.length })
      try {
        manifest = parseManifest(manifestBytes)
        pass(PACKAGE_FILES.manifest, `${manifest.version}, package ${manifest.packageId}, ${manifest.files.length} files`)
      } catch (error) {
        fail(PACKAGE_FILES.manifest, message(error))
      }
    }

    // public-key.pem, and the fingerprint the recipient expects
    let key: KeyObject | null = null
    let fingerprint: string | null = null
    if (!present(PACKAGE_FILES.publicKey)) {
      fail(PACKAGE_FILES.publicKey, 'missing')
    } else {
      const pem = await source.read(PACKAGE_FILES.publicKey)
      hashes.set(PACKAGE_FILES.publicKey, { sha256: sha256(pem), bytes: pem.length })
      try {
        const candidate = createPublicKey(pem)
        if (candidate.asymmetricKeyType !== 'ed25519') throw new Error(`a ${candidate.asymmetricKeyType} key, expected Ed25519`)
        key = candidate
        fingerprint = fingerprintOfPem(pem.toString('utf8'))
      } catch (error) {
        fail(PACKAGE_FILES.publicKey, `not a usable public key (${message(error)})`)
      }
      if (key && fingerprint) {
        if (manifest && manifest.signing.publicKeyFingerprint !== fingerprint) {
          fail(PACKAGE_FILES.publicKey, `is not the key the manifest names (key ${short(fingerprint)}, manifest ${short(manifest.signing.publicKeyFingerprint)})`)
        } else {
          pass(PACKAGE_FILES.publicKey, `Ed25519, fingerprint ${formatFingerprint(fingerprint)}`)
        }
      }
    }
    if (options.expectedFingerprint !== undefined) {
      const expected = normaliseFingerprint(options.expectedFingerprint)
      if (!expected) fail('fingerprint', `"${options.expectedFingerprint}" is not a SHA-256 fingerprint (64 hex digits)`)
      else if (!fingerprint) fail('fingerprint', 'the package has no readable public key to compare')
      else if (expected !== fingerprint) fail('fingerprint', `the package was signed with key ${formatFingerprint(fingerprint)}, not the expected ${formatFingerprint(expected)}`)
      else pass('fingerprint', 'the package key is the expected one')
    }

    // manifest.sig
    await checkSignature(source, PACKAGE_FILES.signature, PACKAGE_FILES.manifest, manifestBytes, key, hashes, pass, fail)

    // Every listed file, then anything that is not listed.
    const listed = new Set<string>()
    for (const file of manifest?.files ?? []) {
      listed.add(file.path)
      const entry = source.files.get(file.path)
      if (!entry) {
        fail(file.path, 'missing')
        continue
      }
      if (entry.link) {
        fail(file.path, 'is a link or special file, not a regular file')
        continue
      }
      if (entry.bytes !== file.bytes) {
        fail(file.path, `size differs (manifest: ${file.bytes} bytes, found: ${entry.bytes} bytes)`)
        continue
      }
      try {
        const found = await source.hash(file.path)
        hashes.set(file.path, found)
        if (found.sha256 !== file.sha256) fail(file.path, `SHA-256 differs (manifest: ${short(file.sha256)}, found: ${short(found.sha256)})`)
        else pass(file.path, `${file.role}, ${file.bytes} bytes, SHA-256 matches`)
      } catch (error) {
        fail(file.path, `cannot be read (${message(error)})`)
      }
    }
    const fixed = new Set<string>(Object.values(PACKAGE_FILES))
    let clutter = 0
    let unlisted = 0
    for (const [name, entry] of source.files) {
      if (listed.has(name) || (fixed.has(name) && !entry.link)) continue
      if (isDesktopClutter(name)) {
        clutter++
        continue
      }
      unlisted++
      fail(name, entry.link ? 'a link or special file the manifest does not list' : 'not listed in the manifest')
    }
    if (manifest && unlisted === 0) pass('unlisted files', clutter ? `none (${clutter} desktop files like .DS_Store ignored)` : 'none')

    // The handover report: not in the manifest (it prints the manifest's hash), signed on its own.
    let reportBytes: Buffer | null = null
    if (!present(PACKAGE_FILES.report)) {
      fail(PACKAGE_FILES.report, 'missing')
    } else {
      reportBytes = await source.read(PACKAGE_FILES.report)
      hashes.set(PACKAGE_FILES.report, { sha256: sha256(reportBytes), bytes: reportBytes.length })
    }
    await checkSignature(source, PACKAGE_FILES.reportSignature, PACKAGE_FILES.report, reportBytes, key, hashes, pass, fail)

    await checkSums(source, hashes, pass, fail)

    if (options.logEntry) {
      if (!manifest) fail('export log', 'cannot be checked without a readable manifest')
      else if (!manifest.log) fail('export log', 'the manifest names no export log entry')
      else {
        const entry = options.logEntry(manifest.log.entryId)
        if (!entry) fail('export log', `entry #${manifest.log.entryId} is not in this installation's export log`)
        else if (entry.hash !== manifest.log.entryHash) fail('export log', `entry #${manifest.log.entryId} has hash ${short(entry.hash)}, the manifest says ${short(manifest.log.entryHash)}`)
        else if (entry.packageId !== undefined && entry.packageId !== manifest.packageId) fail('export log', `entry #${manifest.log.entryId} is for package ${String(entry.packageId)}, not ${manifest.packageId}`)
        else pass('export log', `entry #${manifest.log.entryId} matches`)
      }
    }
    if (options.sealedManifests && manifest?.log && manifestBytes) {
      const sealed = options.sealedManifests(manifest.log.entryId)
      const own = sha256(manifestBytes)
      if (sealed.includes(own)) pass('export log seal', `the log records this manifest (${short(own)}) as sealed`)
      else if (sealed.length === 0) fail('export log seal', `the log records no finished package for entry #${manifest.log.entryId}`)
      else fail('export log seal', `the log sealed another manifest for entry #${manifest.log.entryId} (${sealed.map(short).join(', ')}), not this one (${short(own)})`)
    }
    if (options.chainOk) {
      const chain = options.chainOk()
      const result = typeof chain === 'boolean' ? { ok: chain, detail: chain ? 'intact' : 'the hash chain is broken' } : chain
      if (result.ok) pass('export log chain', result.detail || 'intact')
      else fail('export log chain', result.detail || 'the hash chain is broken')
    }
  } catch (error) {
    fail('package', `could not be read to the end (${message(error)})`)
  } finally {
    await source.close().catch(() => undefined)
  }
  return finish(manifest)
}

async function checkSignature(
  source: PackageSource,
  sigName: string,
  signedName: string,
  signed: Buffer | null,
  key: KeyObject | null,
  hashes: Map<string, { sha256: string; bytes: number }>,
  pass: (name: string, detail: string) => void,
  fail: (name: string, detail: string) => void
): Promise<void> {
  if (!source.files.has(sigName) || source.files.get(sigName)?.link) {
    fail(sigName, 'missing')
    return
  }
  const signature = await source.read(sigName)
  hashes.set(sigName, { sha256: sha256(signature), bytes: signature.length })
  if (!signed || !key) {
    fail(sigName, `cannot be checked without ${!signed ? signedName : PACKAGE_FILES.publicKey}`)
    return
  }
  if (signature.length !== 64) {
    fail(sigName, `is ${signature.length} bytes; an Ed25519 signature has 64`)
    return
  }
  if (verify(null, signed, key, signature)) pass(sigName, `valid Ed25519 signature over ${signedName}`)
  else fail(sigName, `the signature does not match ${signedName} (it was changed after signing, or signed with another key)`)
}

/** SHA256SUMS is not signed, but a line that disagrees with the file is still a sign of tampering. */
async function checkSums(
  source: PackageSource,
  hashes: Map<string, { sha256: string; bytes: number }>,
  pass: (name: string, detail: string) => void,
  fail: (name: string, detail: string) => void
): Promise<void> {
  const name = PACKAGE_FILES.sums
  if (!source.files.has(name)) {
    fail(name, 'missing')
    return
  }
  const lines = (await source.read(name)).toString('utf8').split('\n').filter((line) => line.trim() !== '')
  let checked = 0
  for (const line of lines) {
    const match = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line)
    if (!match) {
      fail(name, `cannot read the line "${line.slice(0, 80)}"`)
      return
    }
    const [, hex, path] = match
    if (!source.files.has(path) || source.files.get(path)?.link) {
      fail(name, `lists ${path}, which is missing`)
      return
    }
    let found = hashes.get(path)
    if (!found) {
      found = await source.hash(path)
      hashes.set(path, found)
    }
    if (found.sha256 !== hex.toLowerCase()) {
      fail(name, `the line for ${path} does not match the file`)
      return
    }
    checked++
  }
  pass(name, `${checked} lines match`)
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function short(hex: string): string {
  return hex.length > 16 ? `${hex.slice(0, 16)}...` : hex
}

async function openSource(path: string, passphrase: string | undefined): Promise<PackageSource> {
  let info
  try {
    info = await lstat(path)
  } catch {
    throw new Error(`${path} does not exist`)
  }
  if (info.isDirectory()) return openDirectory(path)
  if (info.isFile()) return openZip(path, passphrase)
  throw new Error(`${path} is neither a folder nor a ZIP file`)
}

async function openDirectory(root: string): Promise<PackageSource> {
  const files = new Map<string, { bytes: number; link: boolean }>()
  const walk = async (prefix: string): Promise<void> => {
    for (const entry of await readdir(join(root, prefix), { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name
      if (entry.isDirectory()) await walk(rel)
      else if (entry.isFile()) files.set(rel, { bytes: (await lstat(join(root, rel))).size, link: false })
      else files.set(rel, { bytes: 0, link: true })
    }
  }
  await walk('')
  return {
    description: `folder ${root}, ${files.size} files`,
    files,
    async read(rel) {
      const size = files.get(rel)?.bytes ?? 0
      if (size > MAX_READ_BYTES) throw new Error(`${rel} is unexpectedly large (${size} bytes)`)
      return readFile(join(root, rel))
    },
    hash: (rel) => hashFile(join(root, rel)),
    close: async () => undefined
  }
}

async function openZip(zipPath: string, passphrase: string | undefined): Promise<PackageSource> {
  configure({ useWebWorkers: false })
  const reader = new ZipReader(new BlobReader(await openAsBlob(zipPath)), passphrase ? { password: passphrase } : {})
  let all
  try {
    all = await reader.getEntries()
  } catch (error) {
    await reader.close().catch(() => undefined)
    throw new Error(`${zipPath} is not a readable ZIP file (${message(error)})`)
  }
  const fileEntries = all.filter((e): e is FileEntry => !e.directory)
  // The writer puts everything under '<packageId>/': look inside that folder.
  const tops = new Set(fileEntries.map((e) => (e.filename.includes('/') ? e.filename.split('/')[0] : '')))
  const prefix = tops.size === 1 && !tops.has('') ? `${[...tops][0]}/` : ''
  const entries = new Map<string, FileEntry>()
  const files = new Map<string, { bytes: number; link: boolean }>()
  for (const entry of fileEntries) {
    const rel = entry.filename.slice(prefix.length)
    entries.set(rel, entry)
    files.set(rel, { bytes: entry.uncompressedSize, link: false })
  }
  const encrypted = fileEntries.some((e) => e.encrypted)
  if (encrypted && !passphrase) {
    await reader.close()
    throw new Error('the ZIP is encrypted; give its passphrase (--passphrase-file)')
  }
  const stream = async (rel: string, sink: WritableStream<Uint8Array>) => {
    const entry = entries.get(rel)
    if (!entry) throw new Error(`${rel} is not in the ZIP`)
    try {
      await entry.getData(sink)
    } catch (error) {
      if (message(error) === 'Invalid password') throw new Error('wrong passphrase for the encrypted ZIP')
      throw error
    }
  }
  const source: PackageSource = {
    description: `ZIP ${zipPath}${encrypted ? ' (encrypted)' : ''}, ${files.size} files`,
    files,
    async read(rel) {
      const size = files.get(rel)?.bytes ?? 0
      if (size > MAX_READ_BYTES) throw new Error(`${rel} is unexpectedly large (${size} bytes)`)
      const chunks: Uint8Array[] = []
      await stream(rel, new WritableStream({ write: (chunk) => void chunks.push(chunk) }))
      return Buffer.concat(chunks)
    },
    async hash(rel) {
      const hash = createHash('sha256')
      let bytes = 0
      await stream(
        rel,
        new WritableStream({
          write: (chunk) => {
            hash.update(chunk)
            bytes += chunk.length
          }
        })
      )
      return { sha256: hash.digest('hex'), bytes }
    },
    close: () => reader.close()
  }
  // A wrong passphrase shows on the first read: find out now (on the smallest file), as a failure of the package.
  const probe = fileEntries.filter((e) => e.encrypted).sort((a, b) => a.uncompressedSize - b.uncompressedSize)[0]
  if (probe) {
    try {
      await source.read(probe.filename.slice(prefix.length))
    } catch (error) {
      await reader.close().catch(() => undefined)
      throw error
    }
  }
  return source
}
