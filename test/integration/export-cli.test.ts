// `vigil export` end to end: a real camera streams people walking (../shared/media), Vigil records it, the
// export command places a hold, finds the people, redacts all but the kept one, logs the export and writes a
// signed package; then independent tools check the package, and `vigil verify` / `vigil log verify` agree.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { haveRtspTooling, startRtspServer, type RtspTestServer } from '../support/rtsp'
import { FAST_TUNING, removeDir, startVigil, tempDir, waitFor } from '../support/vigil'

const tooling = haveRtspTooling()
if (!tooling.ok) throw new Error(`RTSP test tooling missing (run .ci/run to install): ${tooling.missing.join(', ')}`)

const ROOT = resolve(__dirname, '../..')
const TSX = join(ROOT, 'node_modules/.bin/tsx')
const WALKING = resolve(ROOT, '../shared/media/face-demographics-walking.gif')

function vigil(args: string[]) {
  const result = spawnSync(TSX, [join(ROOT, 'main/cli.ts'), ...args], { encoding: 'utf8', timeout: 240_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const REQUEST = [
  '--field', 'requesterKind=authority',
  '--field', 'requesterName=Polizeirevier Nord',
  '--field', 'caseNumber=ST/0815/26',
  '--field', 'requestDate=2026-11-24',
  '--field', 'officer=PK Muster',
  '--field', 'statedPurpose=Investigation of an attempted burglary',
  '--field', 'receivedVia=letter',
  '--field', 'justification=Break-in attempt at the front door on the evening of the 23rd; the footage shows the approach.'
]

describe('vigil export', () => {
  let rtsp: RtspTestServer
  let dataDir: string
  let outDir: string
  let range: { from: string; to: string }

  beforeAll(async () => {
    const work = tempDir('vigil-export-')
    // The corridor clip as a camera would send it: H.264, no B-frames, a keyframe a second, looped.
    const clip = join(work, 'walking.mp4')
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', WALKING, '-vf', 'fps=12,format=yuv420p', '-c:v', 'libx264', '-preset', 'veryfast', '-g', '12', '-bf', '0', '-movflags', '+faststart', clip])
    rtsp = await startRtspServer({ streams: [{ path: '/door', clip }] })
    dataDir = tempDir()
    outDir = tempDir('vigil-packages-')
    const app = await startVigil(dataDir, FAST_TUNING)
    const camera = await app.call('cameras.add', { name: 'Door', mainUrl: rtsp.url('/door') })
    await app.call('detection.set', { cameraId: camera.id, motion: { enabled: false } })
    const segments = await waitFor('9 s of recording', async () => {
      const list = await app.call('recordings.segments', { cameraId: camera.id, from: 0, to: Date.now() + 60_000 })
      return list.length >= 3 && list.at(-1)!.end - list[0].start >= 9000 && list
    }, 60_000)
    await app.app.stop()
    range = { from: new Date(segments[0].start + 500).toISOString(), to: new Date(segments[0].start + 4500).toISOString() }
    removeDir(work)
  }, 120_000)

  afterAll(async () => {
    await rtsp?.close()
    removeDir(dataDir)
    removeDir(outDir)
  })

  it('refuses a request with a missing required field before doing any work', () => {
    const result = vigil(['export', '--data-dir', dataDir, '--camera', 'Door', '--from', range.from, '--to', range.to, '--basis', 'police_request', '--field', 'requesterKind=authority', '--out', outDir])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--field requesterName')
    expect(result.stderr).toContain('--field justification')
    expect(readdirSync(outDir)).toEqual([])
    // Nothing happened: not even a hold was placed.
    const log = vigil(['log', 'verify', '--data-dir', dataDir])
    expect(log.stdout).toMatch(/chain intact: 0 entries/)
  })

  it('refuses an unknown legal basis and a range beyond the recordings', () => {
    const basis = vigil(['export', '--data-dir', dataDir, '--camera', 'Door', '--from', range.from, '--to', range.to, '--basis', 'because', ...REQUEST, '--out', outDir])
    expect(basis.code).toBe(2)
    expect(basis.stderr).toMatch(/Unknown legal basis "because".*court_order/)
    const beyond = vigil(['export', '--data-dir', dataDir, '--camera', 'Door', '--from', '2020-01-01T00:00:00Z', '--to', '2020-01-01T00:01:00Z', '--basis', 'police_request', ...REQUEST, '--out', outDir])
    expect(beyond.code).toBe(2)
    expect(beyond.stderr).toMatch(/beyond the recordings/)
    expect(readdirSync(outDir)).toEqual([])
  })

  it('exports with one person kept, and the package checks out with standard tools', () => {
    const result = vigil(['export', '--data-dir', dataDir, '--camera', 'Door', '--from', range.from, '--to', range.to, '--basis', 'police_request', ...REQUEST, '--keep', '1', '--include-originals', '--json', '--out', outDir])
    expect(result.stderr).toMatch(/Person 1/)
    expect(result.code, result.stderr).toBe(0)
    const written = JSON.parse(result.stdout) as { packageId: string; dir: string; manifestSha256: string; logEntryId: number }
    const dir = written.dir
    expect(existsSync(join(dir, 'manifest.json'))).toBe(true)

    // Independent tools: sha256sum, openssl (Ed25519 over the manifest's bytes), ffprobe, pdftotext.
    execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: dir })
    const verified = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'public-key.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.sig'], { cwd: dir, encoding: 'utf8' })
    expect(verified.stdout + verified.stderr).toMatch(/Signature Verified Successfully/)
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
    expect(manifest.legalBasis).toMatchObject({ code: 'police_request' })
    expect(manifest.request).toMatchObject({ authority: 'Polizeirevier Nord', caseNumber: 'ST/0815/26' })
    expect(manifest.log.entryId).toBe(written.logEntryId)
    const roles = manifest.files.map((f: { role: string }) => f.role)
    expect(roles).toContain('original')
    expect(roles).toContain('redacted')
    expect(manifest.redaction.tracks.some((t: { action: string }) => t.action === 'kept')).toBe(true)
    for (const file of manifest.files.filter((f: { path: string }) => f.path.endsWith('.mp4'))) {
      const probe = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', join(dir, file.path)], { encoding: 'utf8' })
      expect(probe.trim()).toBe('h264')
    }
    const report = execFileSync('pdftotext', [join(dir, 'handover-report.pdf'), '-'], { encoding: 'utf8' })
    expect(report).toContain('ST/0815/26')
    expect(report).toContain('Polizeirevier Nord')

    // Vigil's own checks agree, and the log holds the hold, the export and its seal.
    const check = vigil(['verify', dir, '--data-dir', dataDir])
    expect(check.code, check.stdout + check.stderr).toBe(0)
    const log = vigil(['log', 'verify', '--data-dir', dataDir])
    expect(log.code).toBe(0)
    expect(log.stdout).toMatch(/chain intact: 3 entries/)
    const csvFile = join(outDir, 'log.csv')
    expect(vigil(['log', 'export', '--data-dir', dataDir, '--format', 'csv', '--out', csvFile]).code).toBe(0)
    const csv = readFileSync(csvFile, 'utf8')
    expect(csv).toMatch(/hold_placed/)
    expect(csv).toMatch(/export,Polizeirevier Nord,eu-de:police_request,ST\/0815\/26/)

    // One changed byte in the redacted copy is named.
    const redacted = join(dir, manifest.files.find((f: { role: string }) => f.role === 'redacted').path)
    const bytes = readFileSync(redacted)
    bytes[bytes.length >> 1] ^= 0xff
    writeFileSync(redacted, bytes)
    const tampered = vigil(['verify', dir])
    expect(tampered.code).toBe(1)
    expect(tampered.stdout + tampered.stderr).toContain(manifest.files.find((f: { role: string }) => f.role === 'redacted').path)
  })
})
