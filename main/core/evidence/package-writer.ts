// Writes an evidence package: a folder (and optionally an AES-256 encrypted ZIP of it) that a recipient can
// check offline with sha256sum and openssl.
//
//   <packageId>/
//     manifest.json            signed: every file below except the signature files, SHA256SUMS and the report
//     manifest.sig             raw 64-byte Ed25519 signature over manifest.json's exact bytes
//     public-key.pem           this installation's public key (SPKI PEM); its fingerprint is in README.txt
//     handover-report.pdf      printable record: shows the manifest's SHA-256 ...
//     handover-report.pdf.sig  ... so it cannot be listed in the manifest; it has its own signature instead
//     README.txt               how to check (English, German); listed in the manifest
//     SHA256SUMS               every other file, for `sha256sum -c` (not signed: a convenience)
//     media/<name>             originals (byte-for-byte copies), redacted working copies, stills
//
// The package is assembled in a hidden temp folder beside the target, checked with verifyPackage, and only then
// renamed into place: a failure or a crash never leaves a half package under the real name.
import { constants, openAsBlob } from 'node:fs'
import { copyFile, mkdir, mkdtemp, open, readdir, readFile, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises'
import { hostname, userInfo } from 'node:os'
import { join } from 'node:path'
import { BlobReader, configure, Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js'
import { VigilError, type Language } from '../../contract'
import { renderHandoverReport } from './handover-report'
import { buildManifest, serialiseManifest, type FileRole, type Manifest, type ManifestFile, type ManifestInput } from './manifest'
import type { InstallationKey } from './signing-key'
import { formatFingerprint } from './signing-key'
import { hashFile, PACKAGE_FILES, sha256 } from './package-layout'
import { verifyPackage } from './verify-package'

export interface PackageMedia {
  /** The file to copy: never modified, never moved. */
  source: string
  /** Its name in the package's media/ folder: letters, digits, '.', '_', '-'. */
  name: string
  role: Exclude<FileRole, 'readme'>
  camera?: string
  /** The span it covers. */
  start?: Date
  end?: Date
  /** For a redacted copy: the `name` of the original it was made from. */
  derivedFrom?: string
  /** The SHA-256 the recorder noted when it closed the segment: the copy must match it. */
  recordedSha256?: string
}

export interface WritePackageOptions {
  outDir: string
  packageId: string
  media: PackageMedia[]
  manifestInput: Omit<ManifestInput, 'packageId'>
  key: InstallationKey
  language: Language
  zip?: { passphrase: string }
}

export interface WrittenPackage {
  dir: string
  zip: string | null
  manifestSha256: string
  manifest: Manifest
}

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

/** The account and machine running the export, for manifestInput.exportedBy. */
export function localExporter(): { osUser: string; host: string } {
  let osUser: string
  try {
    osUser = userInfo().username
  } catch {
    osUser = process.env.USER ?? process.env.USERNAME ?? 'unknown'
  }
  return { osUser, host: hostname() }
}

export async function writePackage(options: WritePackageOptions): Promise<WrittenPackage> {
  const { outDir, packageId, media, key } = options
  checkInputs(packageId, media)
  if (options.zip && options.zip.passphrase.length < 8) throw new VigilError('VALIDATION', 'The ZIP passphrase needs at least 8 characters', { passphrase: 'Too short' })
  const dir = join(outDir, packageId)
  const zipPath = options.zip ? join(outDir, `${packageId}.zip`) : null
  await mkdir(outDir, { recursive: true })
  for (const target of [dir, zipPath]) {
    if (target && (await exists(target))) throw new VigilError('VALIDATION', `${target} already exists; a package is never overwritten`, { packageId: 'Already exported' })
  }

  const temp = await mkdtemp(join(outDir, `.${packageId}.partial-`))
  const tempZip = zipPath ? `${temp}.zip` : null
  try {
    await mkdir(join(temp, 'media'))
    const files: ManifestFile[] = []
    for (const item of media) files.push(await copyMedia(item, temp))

    const fingerprintHex = key.fingerprintHex()
    const readme = readmeText(packageId, options.manifestInput, fingerprintHex)
    await writeFile(join(temp, PACKAGE_FILES.readme), readme)
    files.push({ path: PACKAGE_FILES.readme, bytes: Buffer.byteLength(readme), sha256: sha256(Buffer.from(readme)), role: 'readme' })

    const manifest = buildManifest({ ...options.manifestInput, packageId }, files, fingerprintHex)
    const manifestBytes = serialiseManifest(manifest)
    const report = await renderHandoverReport(manifest, options.language)
    // Written from memory; the media and README were hashed as they were copied, and SHA256SUMS reuses those
    // hashes instead of reading gigabytes again (the self-check below reads everything once).
    const written = new Map<string, Buffer>([
      [PACKAGE_FILES.manifest, manifestBytes],
      [PACKAGE_FILES.signature, key.sign(manifestBytes)],
      [PACKAGE_FILES.publicKey, Buffer.from(key.publicKeyPem())],
      [PACKAGE_FILES.report, report],
      [PACKAGE_FILES.reportSignature, key.sign(report)]
    ])
    for (const [name, bytes] of written) await writeFile(join(temp, name), bytes)
    const sums = new Map(files.map((file) => [file.path, file.sha256]))
    for (const [name, bytes] of written) sums.set(name, sha256(bytes))
    await writeFile(join(temp, PACKAGE_FILES.sums), sumsFile(sums))

    // What we hand over must pass the recipient's check; a failure here is a bug or a failing disk.
    const check = await verifyPackage(temp, { expectedFingerprint: fingerprintHex })
    if (!check.ok) throw new VigilError('INTERNAL', `The new package failed its own check: ${check.firstFailure}`)

    if (options.zip && tempZip) await writeZip(temp, tempZip, packageId, options.zip.passphrase)
    await rename(temp, dir)
    if (zipPath && tempZip) {
      try {
        await rename(tempZip, zipPath)
      } catch (error) {
        await rm(dir, { recursive: true, force: true })
        throw error
      }
    }
    return { dir, zip: zipPath, manifestSha256: sha256(manifestBytes), manifest }
  } catch (error) {
    await rm(temp, { recursive: true, force: true })
    if (tempZip) await rm(tempZip, { force: true })
    throw error
  }
}

function checkInputs(packageId: string, media: PackageMedia[]): void {
  if (!SAFE_NAME.test(packageId)) throw new VigilError('VALIDATION', `Package id "${packageId}" may hold only letters, digits, '.', '_' and '-'`, { packageId: 'Invalid' })
  if (media.length === 0) throw new VigilError('VALIDATION', 'An evidence package needs at least one media file', { media: 'Empty' })
  const names = new Set<string>()
  for (const item of media) {
    if (!SAFE_NAME.test(item.name)) throw new VigilError('VALIDATION', `Media name "${item.name}" may hold only letters, digits, '.', '_' and '-'`, { media: 'Invalid name' })
    if (names.has(item.name)) throw new VigilError('VALIDATION', `Media name "${item.name}" is used twice`, { media: 'Duplicate name' })
    names.add(item.name)
  }
  for (const item of media) {
    if (item.derivedFrom !== undefined && !names.has(item.derivedFrom)) {
      throw new VigilError('VALIDATION', `${item.name} is declared as made from "${item.derivedFrom}", which is not in the package`, { media: 'Unknown original' })
    }
  }
}

/** Copies first, then hashes the copy: the hash describes exactly what the recipient gets. */
async function copyMedia(item: PackageMedia, temp: string): Promise<ManifestFile> {
  const path = `media/${item.name}`
  const target = join(temp, 'media', item.name)
  try {
    await copyFile(item.source, target, constants.COPYFILE_EXCL)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new VigilError('NOT_FOUND', `The recording ${item.source} is missing; it cannot be exported`)
    throw error
  }
  const { sha256: hash, bytes } = await hashFile(target)
  if (item.recordedSha256 && item.recordedSha256.toLowerCase() !== hash) {
    throw new VigilError('INTERNAL', `${item.source} no longer matches the SHA-256 noted when it was recorded; it was changed on disk and is not exported as an original`)
  }
  const entry: ManifestFile = { path, bytes, sha256: hash, role: item.role }
  if (item.camera) entry.camera = item.camera
  if (item.start) entry.start = item.start.toISOString()
  if (item.end) entry.end = item.end.toISOString()
  if (item.derivedFrom) entry.derivedFrom = `media/${item.derivedFrom}`
  return entry
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}

/** Every file in the folder, relative with forward slashes, sorted. */
async function listFiles(root: string, prefix = ''): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(join(root, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name
    if (entry.isDirectory()) out.push(...(await listFiles(root, rel)))
    else out.push(rel)
  }
  return out.sort()
}

/** `sha256sum` text format: '<hex>  <path>' per line, sorted by path: every file but SHA256SUMS itself. */
function sumsFile(hashes: Map<string, string>): string {
  return [...hashes.keys()].sort().map((rel) => `${hashes.get(rel)}  ${rel}`).join('\n') + '\n'
}

/**
 * WinZip AES-256 (AE-2) with the passphrase, every entry under '<packageId>/' so unpacking gives the folder.
 * File names and sizes stay readable in a ZIP (only contents are encrypted); media names carry no personal data.
 * Opens with 7-Zip, WinZip, bsdtar/libarchive and `vigil verify`; not with Windows Explorer or `unzip`.
 */
async function writeZip(root: string, zipPath: string, packageId: string, passphrase: string): Promise<void> {
  configure({ useWebWorkers: false })
  const output = new FileSink(zipPath)
  const writer = new ZipWriter(output.stream(), { password: passphrase, encryptionStrength: 3 })
  try {
    for (const rel of await listFiles(root)) {
      const full = join(root, rel)
      // Video is already compressed: store it (still encrypted) instead of spending minutes on deflate.
      const level = rel.startsWith('media/') ? 0 : 6
      const reader = rel.startsWith('media/') ? new BlobReader(await openAsBlob(full)) : new Uint8ArrayReader(new Uint8Array(await readFile(full)))
      await writer.add(`${packageId}/${rel}`, reader, { level })
    }
    await writer.close()
  } finally {
    await output.done()
  }
}

/** A web WritableStream onto a file, whose completion (or failure) can be awaited. */
class FileSink {
  private readonly handle: Promise<FileHandle>
  private closed: Promise<void> | null = null

  constructor(path: string) {
    this.handle = open(path, 'wx')
  }

  stream(): WritableStream<Uint8Array> {
    return new WritableStream<Uint8Array>({
      write: async (chunk) => {
        const handle = await this.handle
        let offset = 0
        while (offset < chunk.length) offset += (await handle.write(chunk, offset)).bytesWritten
      },
      close: async () => {
        this.closed ??= this.finish()
        await this.closed
      },
      abort: async () => {
        this.closed ??= this.finish()
        await this.closed
      }
    })
  }

  async done(): Promise<void> {
    this.closed ??= this.finish()
    await this.closed
  }

  private async finish(): Promise<void> {
    const handle = await this.handle
    await handle.sync()
    await handle.close()
  }
}

function readmeText(packageId: string, input: Omit<ManifestInput, 'packageId'>, fingerprintHex: string): string {
  const fingerprint = formatFingerprint(fingerprintHex)
  const created = input.createdAt.toISOString()
  const F = PACKAGE_FILES
  return `Vigil evidence package ${packageId}
Created ${created} (UTC) by ${input.exportedBy.osUser} with ${input.software.name ?? 'Vigil'} ${input.software.version}.
(Deutsche Fassung weiter unten.)

PUBLIC KEY FINGERPRINT - compare it with the sender (by phone or in person):
    ${fingerprint}

CONTENTS
  ${F.manifest.padEnd(24)} what this package holds: cameras, exact time range, time zone, the recorder's
  ${''.padEnd(24)} clock, legal basis and request, what was redacted, every file with size and SHA-256
  ${F.signature.padEnd(24)} Ed25519 signature over manifest.json (raw 64 bytes)
  ${F.publicKey.padEnd(24)} the public key of the Vigil installation that made this package
  ${F.report.padEnd(24)} printable handover record with continuity sheet and signature boxes
  ${F.reportSignature.padEnd(24)} Ed25519 signature over handover-report.pdf
  ${F.readme.padEnd(24)} this file (listed in the signed manifest)
  ${F.sums.padEnd(24)} SHA-256 of every other file, for sha256sum -c
  media/                   original recordings, copied byte for byte (the master exhibit), and any redacted
                           working copies, declared as such in manifest.json ("role")

HOW TO CHECK (Linux, macOS, Windows with WSL or Git Bash; OpenSSL 3.0 or later)
Run these in the package folder.
1. The manifest is signed by the key above:
     openssl pkeyutl -verify -pubin -inkey ${F.publicKey} -rawin -in ${F.manifest} -sigfile ${F.signature}
   It must print "Signature Verified Successfully".
2. The key in the package is the one whose fingerprint you compared:
     openssl pkey -pubin -in ${F.publicKey} -outform DER | sha256sum
   The 64 hex digits must equal the fingerprint above (without the spaces).
3. Every file is intact:
     sha256sum -c ${F.sums}                  (macOS: shasum -a 256 -c ${F.sums})
   Every line must end in "OK". ${F.sums} itself is not signed; to check the files straight against the
   signed manifest (needs jq):
     jq -r '.files[] | "\\(.sha256)  \\(.path)"' ${F.manifest} | sha256sum -c
4. The handover report is signed with the same key:
     openssl pkeyutl -verify -pubin -inkey ${F.publicKey} -rawin -in ${F.report} -sigfile ${F.reportSignature}
   The report cannot be listed in the manifest because it prints the manifest's own SHA-256.
Or run all of it at once with Vigil:
     vigil verify <this folder or the ZIP> --fingerprint "${fingerprintHex}"

The ZIP, if you received one, is encrypted with AES-256: open it with 7-Zip, WinZip or bsdtar and the passphrase
you were given separately (Windows Explorer and unzip cannot).

--------------------------------------------------------------------------------------------------------------

Vigil-Beweismittelpaket ${packageId}
Erstellt am ${created} (UTC) von ${input.exportedBy.osUser} mit ${input.software.name ?? 'Vigil'} ${input.software.version}.

FINGERABDRUCK DES ÖFFENTLICHEN SCHLÜSSELS - mit dem Absender vergleichen (telefonisch oder persönlich):
    ${fingerprint}

INHALT
  ${F.manifest.padEnd(24)} was das Paket enthält: Kameras, genauer Zeitraum, Zeitzone, Uhr des Rekorders,
  ${''.padEnd(24)} Rechtsgrundlage und Anfrage, Schwärzungen, jede Datei mit Größe und SHA-256
  ${F.signature.padEnd(24)} Ed25519-Signatur über manifest.json (64 Bytes, roh)
  ${F.publicKey.padEnd(24)} öffentlicher Schlüssel der Vigil-Installation, die das Paket erstellt hat
  ${F.report.padEnd(24)} druckbares Übergabeprotokoll mit Nachweisbogen und Unterschriftsfeldern
  ${F.reportSignature.padEnd(24)} Ed25519-Signatur über handover-report.pdf
  ${F.readme.padEnd(24)} diese Datei (im signierten Manifest aufgeführt)
  ${F.sums.padEnd(24)} SHA-256 aller anderen Dateien, für sha256sum -c
  media/                   Originalaufnahmen, Byte für Byte kopiert (Hauptbeweismittel), und ggf. geschwärzte
                           Arbeitskopien, in manifest.json als solche ausgewiesen ("role")

PRÜFEN (Linux, macOS, Windows mit WSL oder Git Bash; OpenSSL 3.0 oder neuer)
Im Paketordner ausführen.
1. Das Manifest ist mit dem obigen Schlüssel signiert:
     openssl pkeyutl -verify -pubin -inkey ${F.publicKey} -rawin -in ${F.manifest} -sigfile ${F.signature}
   Die Ausgabe muss "Signature Verified Successfully" lauten.
2. Der Schlüssel im Paket ist der, dessen Fingerabdruck Sie verglichen haben:
     openssl pkey -pubin -in ${F.publicKey} -outform DER | sha256sum
   Die 64 Hex-Ziffern müssen dem Fingerabdruck oben entsprechen (ohne Leerzeichen).
3. Alle Dateien sind unversehrt:
     sha256sum -c ${F.sums}                  (macOS: shasum -a 256 -c ${F.sums})
   Jede Zeile muss mit "OK" enden. ${F.sums} selbst ist nicht signiert; die Dateien direkt gegen das signierte
   Manifest prüfen (mit jq):
     jq -r '.files[] | "\\(.sha256)  \\(.path)"' ${F.manifest} | sha256sum -c
4. Das Übergabeprotokoll ist mit demselben Schlüssel signiert:
     openssl pkeyutl -verify -pubin -inkey ${F.publicKey} -rawin -in ${F.report} -sigfile ${F.reportSignature}
   Es kann nicht im Manifest stehen, weil es den SHA-256 des Manifests selbst abdruckt.
Oder alles auf einmal mit Vigil:
     vigil verify <dieser Ordner oder die ZIP-Datei> --fingerprint "${fingerprintHex}"

Eine mitgelieferte ZIP-Datei ist mit AES-256 verschlüsselt: mit 7-Zip, WinZip oder bsdtar und der getrennt
übermittelten Passphrase öffnen (der Windows-Explorer und unzip können das nicht).
`
}
