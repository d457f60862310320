// An evidence package built from real MP4 files, then checked the way a recipient would: with sha256sum,
// openssl, ffprobe, pdftotext and jq, following README.txt's own commands; with verifyPackage and `vigil
// verify`; and after tampering, each change detected and named.
import { spawnSync } from 'node:child_process'
import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, openAsBlob, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { BlobReader, configure, Uint8ArrayWriter, ZipReader, type FileEntry } from '@zip.js/zip.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { VigilError } from '../../main/contract'
import { openDatabase, SettingsRepo, type Db } from '../../main/core/db'
import { ExportLog } from '../../main/core/evidence/export-log'
import { serialiseManifest, type ManifestInput } from '../../main/core/evidence/manifest'
import { writePackage, type PackageMedia, type WrittenPackage } from '../../main/core/evidence/package-writer'
import { fingerprintOfPem, formatFingerprint, InstallationKey } from '../../main/core/evidence/signing-key'
import { verifyPackage, type VerifyOptions } from '../../main/core/evidence/verify-package'
import { KeyFileSecretBox } from '../../main/core/secrets/key-file-box'
import { removeDir, tempDir } from '../support/vigil'

const ROOT = resolve(__dirname, '../..')
const TSX = join(ROOT, 'node_modules/.bin/tsx')
const PASSPHRASE = 'correct horse battery staple'
const CASE_NUMBER = '123 Js 4567/26'
const START = new Date('2026-03-01T21:14:05.000Z')
const END = new Date('2026-03-01T21:14:07.000Z')

function vigil(args: string[]) {
  const result = spawnSync(TSX, [join(ROOT, 'main/cli.ts'), ...args], { encoding: 'utf8', timeout: 60_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, lastLine: result.stdout.trim().split('\n').pop() ?? '' }
}

function run(command: string, args: string[], cwd?: string) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 60_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

function makeClip(file: string, pattern: string): void {
  const made = run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', `${pattern}=size=160x120:rate=10:duration=2`, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', '-y', file])
  if (made.code !== 0) throw new Error(`ffmpeg failed: ${made.stderr}`)
}

/** Lists every file in a folder, relative with forward slashes. */
function listTree(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listTree(dir, `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort()
}

function flipByte(file: string, at: number): void {
  const bytes = readFileSync(file)
  bytes[at] ^= 0x01
  writeFileSync(file, bytes)
}

let work: string
let dataDir: string
let outDir: string
let db: Db
let key: InstallationKey
let log: ExportLog
let media: PackageMedia[]
let english: WrittenPackage
let german: WrittenPackage

function manifestInput(language: 'en' | 'de', logEntry: { id: number; hash: string } | null): Omit<ManifestInput, 'packageId'> {
  return {
    createdAt: new Date('2026-03-02T08:30:00.000Z'),
    software: { version: '0.1.0', platform: 'linux x64' },
    exportedBy: { osUser: 'anna', host: 'nvr-box' },
    timeZone: 'Europe/Berlin',
    range: { start: START, end: END },
    clock: { synchronised: true, offsetMs: 8, reference: 'NTP (systemd-timesyncd)', checkedAt: '2026-03-02T08:29:55.000Z', note: '' },
    cameras: [{ id: 'porch-1a2b3c', name: 'Porch', location: language === 'de' ? 'Haustür, Blick auf die Straße' : 'Front door, facing the street' }],
    legalBasis:
      language === 'de'
        ? { jurisdiction: 'eu-de', code: 'police_request', title: 'Ersuchen der Polizei (§ 161 StPO, Art. 6 Abs. 1 lit. f DSGVO)' }
        : { jurisdiction: 'uk', code: 'police_request', title: 'Police request (UK GDPR Art. 6(1)(f), DPA 2018 Sch. 2 para 2)' },
    request: {
      authority: language === 'de' ? 'Polizeipräsidium München, K 23' : 'Metropolitan Police Service',
      caseNumber: CASE_NUMBER,
      requestDate: '2026-03-02',
      officer: language === 'de' ? 'KHK Jürgen Weiß' : 'DC 1234 Smith',
      receivedVia: language === 'de' ? 'persönlich' : 'in person',
      justification:
        language === 'de'
          ? 'Gefährliche Körperverletzung vor dem Haus in der Nacht zum 2. März; die Aufnahme zeigt den Täter beim Weglaufen über die Straße. '.repeat(3)
          : 'Assault outside the house in the night of 1 March; the recording shows the suspect running across the street. '.repeat(3)
    },
    redaction: {
      method: language === 'de' ? 'Weichzeichnung jeder Person außer der behaltenen' : 'Gaussian blur over every person except the one kept',
      tracks: [
        { label: language === 'de' ? 'Person 1' : 'Person 1', kind: 'person', action: 'kept', startMs: 0, endMs: 2000 },
        { label: 'Person 2', kind: 'person', action: 'redacted', startMs: 500, endMs: 1500 }
      ],
      manualRegions: [{ label: language === 'de' ? 'Kennzeichen' : 'Licence plate', startMs: 0, endMs: 1000 }],
      notes: null
    },
    log: logEntry ? { entryId: logEntry.id, entryHash: logEntry.hash } : null
  }
}

/** What the exporter does: log the export, write the package, seal it in the log with the manifest hash. */
async function exportPackage(packageId: string, language: 'en' | 'de', zip: boolean): Promise<WrittenPackage> {
  const entry = log.append('export', {
    packageId,
    basis: { jurisdiction: language === 'de' ? 'eu-de' : 'uk', code: 'police_request' },
    request: { caseNumber: CASE_NUMBER },
    recipient: 'Police',
    cameras: [{ id: 'porch-1a2b3c', name: 'Porch' }],
    range: { from: START.getTime(), to: END.getTime() },
    contents: { originals: true, redacted: true, snapshots: true },
    keptTracks: [{ cameraId: 'porch-1a2b3c', trackId: 1 }],
    exportedBy: 'anna',
    softwareVersion: '0.1.0'
  })
  const written = await writePackage({
    outDir,
    packageId,
    media,
    manifestInput: manifestInput(language, { id: entry.id, hash: entry.hash }),
    key,
    language,
    zip: zip ? { passphrase: PASSPHRASE } : undefined
  })
  log.append('export_sealed', { packageId, exportEntryId: entry.id, manifestSha256: written.manifestSha256 })
  return written
}

function logOptions(): VerifyOptions {
  return {
    logEntry: (id) => {
      const entry = log.byId(id)
      return entry ? { hash: entry.hash, packageId: entry.payload.packageId } : null
    },
    sealedManifests: (id) => log.list({ kind: 'export_sealed' }).filter((e) => e.payload.exportEntryId === id).map((e) => String(e.payload.manifestSha256)),
    chainOk: () => log.verify().ok
  }
}

/** A copy of the English package to tamper with. */
function copyOfPackage(name: string): string {
  const copy = join(work, 'tampered', name)
  cpSync(english.dir, copy, { recursive: true })
  return copy
}

beforeAll(async () => {
  work = tempDir('vigil-evidence-')
  dataDir = join(work, 'data')
  outDir = join(work, 'exports')
  const sources = join(work, 'recordings')
  for (const dir of [dataDir, outDir, sources]) mkdirSync(dir, { recursive: true })
  makeClip(join(sources, '2026-03-01T21-14-05.mp4'), 'testsrc2')
  makeClip(join(sources, 'redacted.mp4'), 'smptebars')
  const still = run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x120', '-frames:v', '1', '-y', join(sources, 'still.jpg')])
  expect(still.code).toBe(0)
  media = [
    { source: join(sources, '2026-03-01T21-14-05.mp4'), name: 'porch-original-1.mp4', role: 'original', camera: 'porch-1a2b3c', start: START, end: END },
    { source: join(sources, 'redacted.mp4'), name: 'porch-redacted-1.mp4', role: 'redacted', camera: 'porch-1a2b3c', derivedFrom: 'porch-original-1.mp4' },
    { source: join(sources, 'still.jpg'), name: 'porch-snapshot-1.jpg', role: 'snapshot', camera: 'porch-1a2b3c' }
  ]
  media[0].recordedSha256 = sha256(readFileSync(media[0].source))

  db = openDatabase(join(dataDir, 'vigil.db'))
  key = new InstallationKey(new SettingsRepo(db), new KeyFileSecretBox(join(dataDir, 'secret.key')))
  log = new ExportLog(db)
  english = await exportPackage('ev-20260302-porch-en', 'en', false)
  german = await exportPackage('ev-20260302-porch-de', 'de', true)
})

afterAll(() => {
  db?.close()
  if (work) removeDir(work)
})

describe('an evidence package, checked with independent tools', () => {
  it('holds the manifest, its signature, the key, the report, README, SHA256SUMS and the media', () => {
    expect(listTree(english.dir)).toEqual([
      'README.txt',
      'SHA256SUMS',
      'handover-report.pdf',
      'handover-report.pdf.sig',
      'manifest.json',
      'manifest.sig',
      'media/porch-original-1.mp4',
      'media/porch-redacted-1.mp4',
      'media/porch-snapshot-1.jpg',
      'public-key.pem'
    ])
    // Nothing half-written is left beside the packages.
    expect(readdirSync(outDir).sort()).toEqual(['ev-20260302-porch-de', 'ev-20260302-porch-de.zip', 'ev-20260302-porch-en'])
    const manifest = JSON.parse(readFileSync(join(english.dir, 'manifest.json'), 'utf8'))
    expect(manifest.files.map((f: { path: string; role: string }) => `${f.role} ${f.path}`)).toEqual([
      'readme README.txt',
      'original media/porch-original-1.mp4',
      'redacted media/porch-redacted-1.mp4',
      'snapshot media/porch-snapshot-1.jpg'
    ])
    expect(manifest.log).toEqual({ entryId: 1, entryHash: log.byId(1)?.hash })
    expect(sha256(readFileSync(join(english.dir, 'manifest.json')))).toBe(english.manifestSha256)
  })

  it('copies the sources byte for byte and leaves them untouched', () => {
    for (const item of media) {
      const copy = readFileSync(join(english.dir, 'media', item.name))
      expect(copy.equals(readFileSync(item.source))).toBe(true)
    }
  })

  it('passes `sha256sum -c SHA256SUMS` in the package folder', () => {
    const checked = run('sha256sum', ['-c', 'SHA256SUMS'], english.dir)
    expect(checked.code).toBe(0)
    const lines = checked.stdout.trim().split('\n')
    expect(lines).toHaveLength(9)
    for (const line of lines) expect(line).toMatch(/: OK$/)
  })

  it('has a manifest signature that openssl and node:crypto accept, with the key whose fingerprint README gives', () => {
    const checked = run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'public-key.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.sig'], english.dir)
    expect(checked.stdout).toContain('Signature Verified Successfully')
    expect(checked.code).toBe(0)
    const pem = readFileSync(join(english.dir, 'public-key.pem'), 'utf8')
    expect(verify(null, readFileSync(join(english.dir, 'manifest.json')), pem, readFileSync(join(english.dir, 'manifest.sig')))).toBe(true)
    expect(readFileSync(join(english.dir, 'manifest.sig'))).toHaveLength(64)
    expect(readFileSync(join(english.dir, 'README.txt'), 'utf8')).toContain(formatFingerprint(fingerprintOfPem(pem)))
    expect(pem).toBe(key.publicKeyPem())
  })

  it("works when the recipient runs README.txt's commands as written", () => {
    const readme = readFileSync(join(english.dir, 'README.txt'), 'utf8')
    const english_ = readme.slice(0, readme.indexOf('Vigil-Beweismittelpaket'))
    const commands = [...english_.matchAll(/^ {5}((?:openssl|sha256sum|jq) .*?)(?: {2,}\(.*)?$/gm)].map((m) => m[1])
    expect(commands).toHaveLength(5)
    for (const command of commands) {
      const result = run('bash', ['-o', 'pipefail', '-c', command], english.dir)
      expect(result.code, `${command}\n${result.stderr}`).toBe(0)
      if (command.startsWith('openssl pkeyutl')) expect(result.stdout).toContain('Signature Verified Successfully')
      if (command.startsWith('openssl pkey ')) expect(result.stdout.split(' ')[0]).toBe(key.fingerprintHex())
      if (command.startsWith('jq')) expect(result.stdout.trim().split('\n')).toHaveLength(4)
    }
  })

  it('holds media that ffprobe reads as the recorded H.264 video and a JPEG still', () => {
    for (const name of ['porch-original-1.mp4', 'porch-redacted-1.mp4']) {
      const probe = run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,width,height:format=duration', '-of', 'json', join(english.dir, 'media', name)])
      expect(probe.code).toBe(0)
      const info = JSON.parse(probe.stdout)
      expect(info.streams[0]).toMatchObject({ codec_name: 'h264', width: 160, height: 120 })
      expect(Number(info.format.duration)).toBeCloseTo(2, 0)
    }
    const still = run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', join(english.dir, 'media/porch-snapshot-1.jpg')])
    expect(still.stdout.trim()).toBe('mjpeg')
  })

  it('prints a handover report with the request, the hashes and room for both signatures (English)', () => {
    const pdf = join(english.dir, 'handover-report.pdf')
    const signed = run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'public-key.pem', '-rawin', '-in', 'handover-report.pdf', '-sigfile', 'handover-report.pdf.sig'], english.dir)
    expect(signed.stdout).toContain('Signature Verified Successfully')
    const text = run('pdftotext', ['-layout', pdf, '-']).stdout
    for (const expected of [
      'Evidence handover record',
      'ev-20260302-porch-en',
      CASE_NUMBER,
      'Police request (UK GDPR Art. 6(1)(f), DPA 2018 Sch. 2 para 2)',
      'uk: police_request',
      'Metropolitan Police Service',
      'DC 1234 Smith',
      'Front door, facing the street',
      '2026-03-01 22:14:05 (UTC+01:00)',
      '2026-03-01 21:14:05 UTC',
      'Europe/Berlin: UTC+01:00 throughout',
      '+8 ms (ahead)',
      'Person 1 (0:00.0-0:02.0)',
      'Licence plate',
      'media/porch-original-1.mp4',
      'redacted working copy, ',
      'made from media/porch-original-1.mp4',
      english.manifestSha256,
      formatFingerprint(key.fingerprintHex()).slice(0, 39),
      'Continuity record',
      'Handed over by',
      'Received by',
      'Signature'
    ]) {
      expect(text).toContain(expected)
    }
    for (const file of english.manifest.files) expect(text).toContain(file.sha256)
    const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]).stdout)?.[1] ?? text.split('\f').length - 1)
    expect(pages).toBeGreaterThanOrEqual(2)
    expect(text).toContain(`Page 1 of ${pages}`)
    expect(text).toContain(`Page ${pages} of ${pages}`)
  })

  it('prints the report in German with umlauts intact', () => {
    const text = run('pdftotext', [join(german.dir, 'handover-report.pdf'), '-']).stdout
    for (const expected of [
      'Übergabeprotokoll für Beweismittel',
      'Aktenzeichen',
      CASE_NUMBER,
      'Ersuchen der Polizei (§ 161 StPO',
      'Polizeipräsidium München, K 23',
      'KHK Jürgen Weiß',
      'Gefährliche Körperverletzung',
      'Haustür, Blick auf die Straße',
      '01.03.2026 22:14:05 (UTC+01:00)',
      'geschwärzte Arbeitskopie',
      'Übergeben von',
      'Empfangen von',
      'Unterschrift',
      'Seite 1 von'
    ]) {
      expect(text).toContain(expected)
    }
  })

  it('passes verifyPackage and `vigil verify`, with the log checked against the data folder', async () => {
    const result = await verifyPackage(english.dir, { expectedFingerprint: key.fingerprint(), ...logOptions() })
    expect(result.firstFailure).toBeNull()
    expect(result.ok).toBe(true)
    expect(result.checks.map((c) => c.name)).toEqual(
      expect.arrayContaining(['package', 'manifest.json', 'public-key.pem', 'fingerprint', 'manifest.sig', 'media/porch-original-1.mp4', 'README.txt', 'unlisted files', 'handover-report.pdf.sig', 'SHA256SUMS', 'export log', 'export log seal', 'export log chain'])
    )

    db.pragma('wal_checkpoint(TRUNCATE)')
    const cli = vigil(['verify', english.dir, '--fingerprint', key.fingerprint(), '--data-dir', dataDir])
    expect(cli.stderr).toBe('')
    expect(cli.code).toBe(0)
    expect(cli.stdout).toContain('ok    export log: entry #1 matches')
    expect(cli.stdout).toContain('ok    export log chain: intact')
    expect(cli.lastLine).toMatch(/^OK: package ev-20260302-porch-en verified, \d+ checks passed\.$/)

    const json = JSON.parse(vigil(['verify', english.dir, '--json']).stdout)
    expect(json).toMatchObject({ ok: true, firstFailure: null })
  })

  it('writes an AES-256 ZIP that opens only with the passphrase and holds the identical files', async () => {
    const zipPath = german.zip!
    expect(zipPath).toBe(`${german.dir}.zip`)
    // Encrypted, not merely stored: neither README's text nor a run of the video's bytes shows in the ZIP.
    const zipBytes = readFileSync(zipPath)
    expect(zipBytes.includes(Buffer.from('HOW TO CHECK'))).toBe(false)
    const original = readFileSync(join(german.dir, 'media/porch-original-1.mp4'))
    expect(zipBytes.includes(original.subarray(4096, 4160))).toBe(false)

    configure({ useWebWorkers: false })
    const reader = new ZipReader(new BlobReader(await openAsBlob(zipPath)), { password: PASSPHRASE })
    const entries = (await reader.getEntries()).filter((e): e is FileEntry => !e.directory)
    expect(entries.map((e) => e.filename).sort()).toEqual(listTree(german.dir).map((p) => `ev-20260302-porch-de/${p}`))
    for (const entry of entries) {
      expect(entry.encrypted).toBe(true)
      const data = Buffer.from(await entry.getData(new Uint8ArrayWriter()))
      expect(data.equals(readFileSync(join(german.dir, entry.filename.slice('ev-20260302-porch-de/'.length))))).toBe(true)
    }
    await reader.close()

    const wrongReader = new ZipReader(new BlobReader(await openAsBlob(zipPath)), { password: 'not the passphrase' })
    const first = (await wrongReader.getEntries()).find((e): e is FileEntry => !e.directory)!
    await expect(first.getData(new Uint8ArrayWriter())).rejects.toThrow(/Invalid password/)
    await wrongReader.close()

    // Independent readers, where installed (7-Zip, libarchive); `unzip` cannot decrypt AES.
    for (const tool of ['7z', 'bsdtar']) {
      if (run('sh', ['-c', `command -v ${tool}`]).code !== 0) continue
      const target = join(work, `unpacked-${tool}`)
      mkdirSync(target, { recursive: true })
      const unpacked =
        tool === '7z' ? run('7z', ['x', `-p${PASSPHRASE}`, `-o${target}`, zipPath]) : run('bsdtar', ['-x', '--passphrase', PASSPHRASE, '-f', zipPath, '-C', target])
      expect(unpacked.code, unpacked.stderr).toBe(0)
      expect(run('sha256sum', ['-c', 'SHA256SUMS'], join(target, 'ev-20260302-porch-de')).code).toBe(0)
    }
  })

  it('verifies the ZIP with the passphrase, and names the problem without it or with a wrong one', async () => {
    const zipPath = german.zip!
    const ok = await verifyPackage(zipPath, { passphrase: PASSPHRASE, expectedFingerprint: key.fingerprintHex(), ...logOptions() })
    expect(ok.firstFailure).toBeNull()

    const without = await verifyPackage(zipPath)
    expect(without.firstFailure).toBe('package: the ZIP is encrypted; give its passphrase (--passphrase-file)')
    const wrong = await verifyPackage(zipPath, { passphrase: 'wrong wrong wrong' })
    expect(wrong.firstFailure).toBe('package: wrong passphrase for the encrypted ZIP')

    const passFile = join(work, 'passphrase.txt')
    writeFileSync(passFile, PASSPHRASE + '\n')
    const cli = vigil(['verify', zipPath, '--passphrase-file', passFile])
    expect(cli.code).toBe(0)
    expect(cli.lastLine).toMatch(/^OK: package ev-20260302-porch-de verified/)
    const cliWithout = vigil(['verify', zipPath])
    expect(cliWithout.code).toBe(1)
    expect(cliWithout.lastLine).toBe('FAIL package: the ZIP is encrypted; give its passphrase (--passphrase-file)')
  })

  it('detects a changed byte inside the encrypted ZIP', async () => {
    const copy = join(work, 'tampered.zip')
    cpSync(german.zip!, copy)
    configure({ useWebWorkers: false })
    const reader = new ZipReader(new BlobReader(await openAsBlob(copy)), { password: PASSPHRASE })
    const target = (await reader.getEntries()).find((e) => e.filename.endsWith('media/porch-original-1.mp4'))!
    await reader.close()
    flipByte(copy, target.offset + Math.floor(target.compressedSize / 2))
    const result = await verifyPackage(copy, { passphrase: PASSPHRASE })
    expect(result.ok).toBe(false)
    expect(result.firstFailure).toMatch(/^media\/porch-original-1\.mp4: /)
  })
})

describe('tampering', () => {
  it('one changed byte in a media file: named by path, and `vigil verify` exits 1', async () => {
    const dir = copyOfPackage('media-byte')
    const file = join(dir, 'media/porch-original-1.mp4')
    flipByte(file, Math.floor(statSync(file).size / 2))
    const result = await verifyPackage(dir)
    expect(result.ok).toBe(false)
    expect(result.firstFailure).toMatch(/^media\/porch-original-1\.mp4: SHA-256 differs \(manifest: [0-9a-f]{16}\.\.\., found: [0-9a-f]{16}\.\.\.\)$/)
    expect(run('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], dir).stdout).toContain('media/porch-original-1.mp4: FAILED')

    const cli = vigil(['verify', dir])
    expect(cli.code).toBe(1)
    expect(cli.lastLine).toMatch(/^FAIL media\/porch-original-1\.mp4: SHA-256 differs/)
  })

  it('one changed byte in the manifest: the signature fails, named', async () => {
    const dir = copyOfPackage('manifest-byte')
    const file = join(dir, 'manifest.json')
    const text = readFileSync(file, 'utf8')
    writeFileSync(file, text.replace(CASE_NUMBER, CASE_NUMBER.replace('4567', '4568')))
    const result = await verifyPackage(dir)
    expect(result.firstFailure).toBe('manifest.sig: the signature does not match manifest.json (it was changed after signing, or signed with another key)')
    const openssl = run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'public-key.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.sig'], dir)
    expect(openssl.code).not.toBe(0)
    const cli = vigil(['verify', dir])
    expect(cli.code).toBe(1)
    expect(cli.lastLine).toMatch(/^FAIL manifest\.sig: the signature does not match manifest\.json/)
  })

  it("a foreign key and a re-signed manifest: consistent on its own, caught by --fingerprint", async () => {
    const dir = copyOfPackage('foreign-key')
    const foreign = generateKeyPairSync('ed25519')
    const foreignPem = foreign.publicKey.export({ type: 'spki', format: 'pem' }).toString()
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
    manifest.request.caseNumber = 'forged'
    manifest.signing.publicKeyFingerprint = fingerprintOfPem(foreignPem)
    const bytes = serialiseManifest(manifest)
    writeFileSync(join(dir, 'manifest.json'), bytes)
    writeFileSync(join(dir, 'manifest.sig'), sign(null, bytes, foreign.privateKey))
    writeFileSync(join(dir, 'public-key.pem'), foreignPem)
    writeFileSync(join(dir, 'handover-report.pdf.sig'), sign(null, readFileSync(join(dir, 'handover-report.pdf')), foreign.privateKey))
    const sums = listTree(dir)
      .filter((p) => p !== 'SHA256SUMS')
      .map((p) => `${sha256(readFileSync(join(dir, p)))}  ${p}`)
    writeFileSync(join(dir, 'SHA256SUMS'), sums.join('\n') + '\n')

    // Without a fingerprint from another channel nothing can tell: that is why README insists on comparing it.
    expect((await verifyPackage(dir)).ok).toBe(true)
    const result = await verifyPackage(dir, { expectedFingerprint: key.fingerprint() })
    expect(result.firstFailure).toBe(`fingerprint: the package was signed with key ${formatFingerprint(fingerprintOfPem(foreignPem))}, not the expected ${key.fingerprint()}`)
    const cli = vigil(['verify', dir, '--fingerprint', key.fingerprintHex()])
    expect(cli.code).toBe(1)
    expect(cli.lastLine).toMatch(/^FAIL fingerprint: the package was signed with key /)
  })

  it('a replaced public key without re-signing: the key does not match the manifest', async () => {
    const dir = copyOfPackage('replaced-key')
    writeFileSync(join(dir, 'public-key.pem'), generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }))
    const result = await verifyPackage(dir)
    expect(result.firstFailure).toMatch(/^public-key\.pem: is not the key the manifest names/)
    expect(result.checks.find((c) => c.name === 'manifest.sig')?.ok).toBe(false)
  })

  it('a missing file: named', async () => {
    const dir = copyOfPackage('missing')
    rmSync(join(dir, 'media/porch-redacted-1.mp4'))
    const result = await verifyPackage(dir)
    expect(result.firstFailure).toBe('media/porch-redacted-1.mp4: missing')
    const cli = vigil(['verify', dir])
    expect(cli.code).toBe(1)
    expect(cli.lastLine).toBe('FAIL media/porch-redacted-1.mp4: missing')
  })

  it('an extra file: named as not listed; desktop clutter like .DS_Store is ignored', async () => {
    const dir = copyOfPackage('extra')
    writeFileSync(join(dir, '.DS_Store'), 'finder')
    expect((await verifyPackage(dir)).ok).toBe(true)
    cpSync(join(dir, 'media/porch-original-1.mp4'), join(dir, 'media/porch-original-2.mp4'))
    const result = await verifyPackage(dir)
    expect(result.firstFailure).toBe('media/porch-original-2.mp4: not listed in the manifest')
    const cli = vigil(['verify', dir])
    expect(cli.code).toBe(1)
    expect(cli.lastLine).toBe('FAIL media/porch-original-2.mp4: not listed in the manifest')
  })

  it('a changed handover report: its signature fails, named', async () => {
    const dir = copyOfPackage('report')
    const file = join(dir, 'handover-report.pdf')
    flipByte(file, Math.floor(statSync(file).size / 2))
    const result = await verifyPackage(dir)
    expect(result.firstFailure).toBe('handover-report.pdf.sig: the signature does not match handover-report.pdf (it was changed after signing, or signed with another key)')
  })

  it('a package the log does not know, or a broken log chain: named', async () => {
    const other = tempDir('vigil-evidence-otherdata-')
    try {
      openDatabase(join(other, 'vigil.db')).close()
      const cli = vigil(['verify', english.dir, '--data-dir', other])
      expect(cli.code).toBe(1)
      expect(cli.lastLine).toBe("FAIL export log: entry #1 is not in this installation's export log")
    } finally {
      removeDir(other)
    }
    const wrongHash = await verifyPackage(english.dir, { logEntry: () => ({ hash: 'ef'.repeat(32) }) })
    expect(wrongHash.firstFailure).toMatch(/^export log: entry #1 has hash efefefefefefefef\.\.\., the manifest says /)
    const broken = await verifyPackage(english.dir, { chainOk: () => ({ ok: false, detail: 'broken at entry 2: hash mismatch' }) })
    expect(broken.firstFailure).toBe('export log chain: broken at entry 2: hash mismatch')
    const notSealed = await verifyPackage(english.dir, { sealedManifests: () => [] })
    expect(notSealed.firstFailure).toBe('export log seal: the log records no finished package for entry #1')
  })

  it('a path that is no package: named, not thrown', async () => {
    expect((await verifyPackage(join(work, 'nope'))).firstFailure).toMatch(/^package: .*nope does not exist$/)
    const notZip = join(work, 'not-a.zip')
    writeFileSync(notZip, 'hello')
    expect((await verifyPackage(notZip)).firstFailure).toMatch(/^package: .*is not a readable ZIP file/)
    const empty = join(work, 'empty-dir')
    mkdirSync(empty)
    expect((await verifyPackage(empty)).firstFailure).toBe('manifest.json: missing')
  })
})

describe('writing a package', () => {
  it('leaves no half package when a source is missing, and never overwrites a package', async () => {
    const before = readdirSync(outDir).sort()
    const broken = [...media, { source: join(work, 'recordings/gone.mp4'), name: 'gone.mp4', role: 'original' as const }]
    const error = await writePackage({ outDir, packageId: 'ev-broken', media: broken, manifestInput: manifestInput('en', null), key, language: 'en', zip: { passphrase: PASSPHRASE } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(VigilError)
    expect((error as VigilError).code).toBe('NOT_FOUND')
    expect(readdirSync(outDir).sort()).toEqual(before)

    const again = await writePackage({ outDir, packageId: 'ev-20260302-porch-en', media, manifestInput: manifestInput('en', null), key, language: 'en' }).catch((e: unknown) => e)
    expect((again as VigilError).message).toMatch(/already exists; a package is never overwritten/)
    expect(readdirSync(outDir).sort()).toEqual(before)
  })

  it('refuses an original that no longer matches the hash noted when it was recorded', async () => {
    const tampered = { ...media[0], recordedSha256: 'ab'.repeat(32) }
    const error = await writePackage({ outDir, packageId: 'ev-changed', media: [tampered], manifestInput: manifestInput('en', null), key, language: 'en' }).catch((e: unknown) => e)
    expect((error as Error).message).toMatch(/no longer matches the SHA-256 noted when it was recorded/)
    expect(existsSync(join(outDir, 'ev-changed'))).toBe(false)
  })

  it('renders the same report bytes for the same manifest (a reprint can be compared)', async () => {
    const { renderHandoverReport } = await import('../../main/core/evidence/handover-report')
    const a = await renderHandoverReport(english.manifest, 'en')
    const b = await renderHandoverReport(english.manifest, 'en')
    expect(a.equals(b)).toBe(true)
    expect(a.equals(readFileSync(join(english.dir, 'handover-report.pdf')))).toBe(true)
  })
})
