import { describe, expect, it } from 'vitest'
import {
  buildManifest,
  localIso,
  MANIFEST_VERSION,
  ManifestError,
  parseManifest,
  serialiseManifest,
  utcOffset,
  type ManifestFile,
  type ManifestInput
} from '../../../../main/core/evidence/manifest'

const FINGERPRINT = 'ab'.repeat(32)

function input(overrides: Partial<ManifestInput> = {}): ManifestInput {
  return {
    packageId: 'ev-2024-03-31-porch',
    createdAt: new Date('2024-04-02T09:15:00.000Z'),
    software: { version: '0.1.0', platform: 'linux x64' },
    exportedBy: { osUser: 'anna', host: 'nvr-box' },
    timeZone: 'Europe/Berlin',
    // Across the spring DST change: 02:00 CET became 03:00 CEST at 01:00 UTC.
    range: { start: new Date('2024-03-31T00:30:00.000Z'), end: new Date('2024-03-31T01:30:00.250Z') },
    clock: { synchronised: true, offsetMs: -12, reference: 'NTP (systemd-timesyncd)', checkedAt: '2024-04-02T09:14:58.000Z', note: '' },
    cameras: [{ id: 'porch-1a2b3c', name: 'Porch', location: 'Front door, facing the street' }],
    legalBasis: { jurisdiction: 'eu-de', code: 'police_request', title: 'Request by the police (StPO s. 161)' },
    request: {
      authority: 'Polizeipräsidium München',
      caseNumber: 'AZ 123/24',
      requestDate: '2024-04-01',
      officer: 'PHK Müller',
      receivedVia: 'letter',
      justification: 'Burglary at the neighbouring house in the night of 31 March.'
    },
    redaction: {
      method: 'Gaussian blur over every person except those kept',
      tracks: [
        { label: 'Person 1', kind: 'person', action: 'kept', startMs: 0, endMs: 4000 },
        { label: 'Person 2', kind: 'person', action: 'redacted' }
      ],
      manualRegions: [{ label: 'Licence plate', startMs: 1000, endMs: 2000 }],
      notes: null
    },
    log: { entryId: 7, entryHash: 'cd'.repeat(32) },
    ...overrides
  }
}

const FILES: ManifestFile[] = [
  { path: 'media/porch-redacted-1.mp4', bytes: 10, sha256: '11'.repeat(32), role: 'redacted', derivedFrom: 'media/porch-original-1.mp4' },
  { path: 'README.txt', bytes: 5, sha256: '22'.repeat(32), role: 'readme' },
  { path: 'media/porch-original-1.mp4', bytes: 12, sha256: '33'.repeat(32), role: 'original', camera: 'porch-1a2b3c', start: '2024-03-31T00:30:00.000Z' }
]

describe('manifest', () => {
  it('serialises canonically: sorted keys at every level, 2-space indent, one trailing newline', () => {
    const bytes = serialiseManifest(buildManifest(input(), FILES, FINGERPRINT))
    const text = bytes.toString('utf8')
    expect(text.endsWith('}\n')).toBe(true)
    expect(text.endsWith('\n\n')).toBe(false)
    expect(text).toMatch(/^{\n {2}"cameras": \[\n {4}{\n {6}"id": "porch-1a2b3c",\n {6}"location"/)
    const topKeys = [...text.matchAll(/^ {2}"(\w+)":/gm)].map((m) => m[1])
    expect(topKeys).toEqual([...topKeys].sort())
    expect(topKeys).toEqual(
      expect.arrayContaining(['version', 'packageId', 'createdAt', 'software', 'exportedBy', 'timeZone', 'range', 'clock', 'cameras', 'legalBasis', 'request', 'redaction', 'files', 'log', 'signing'])
    )
    // Umlauts are written as UTF-8, not escaped.
    expect(text).toContain('"authority": "Polizeipräsidium München"')
  })

  it('gives the same bytes whatever order the input was built in, and reads back to the same bytes', () => {
    const a = serialiseManifest(buildManifest(input(), FILES, FINGERPRINT))
    const shuffled = Object.fromEntries(Object.entries(input()).reverse()) as unknown as ManifestInput
    const b = serialiseManifest(buildManifest(shuffled, [...FILES].reverse(), FINGERPRINT))
    expect(b.equals(a)).toBe(true)
    expect(serialiseManifest(parseManifest(a)).equals(a)).toBe(true)
  })

  it('lists files sorted by path and keeps their optional details', () => {
    const manifest = buildManifest(input(), FILES, FINGERPRINT)
    expect(manifest.files.map((f) => f.path)).toEqual(['README.txt', 'media/porch-original-1.mp4', 'media/porch-redacted-1.mp4'])
    expect(manifest.files[2]).toMatchObject({ role: 'redacted', derivedFrom: 'media/porch-original-1.mp4' })
    expect(manifest.version).toBe(MANIFEST_VERSION)
    expect(manifest.signing).toEqual({ algorithm: 'Ed25519', publicKeyFingerprint: FINGERPRINT })
  })

  it('states the range in UTC and local time with the offsets on both sides of a DST change', () => {
    const manifest = buildManifest(input(), FILES, FINGERPRINT)
    expect(manifest.range).toEqual({
      start: { utc: '2024-03-31T00:30:00.000Z', local: '2024-03-31T01:30:00.000+01:00' },
      end: { utc: '2024-03-31T01:30:00.250Z', local: '2024-03-31T03:30:00.250+02:00' },
      durationMs: 3_600_250
    })
    expect(manifest.timeZone).toEqual({ name: 'Europe/Berlin', offsetAtStart: '+01:00', offsetAtEnd: '+02:00', offsetAtCreation: '+02:00' })
    expect(manifest.createdAt).toEqual({ utc: '2024-04-02T09:15:00.000Z', local: '2024-04-02T11:15:00.000+02:00' })
  })

  it('formats offsets west of UTC, half hours and UTC itself', () => {
    const when = new Date('2024-01-15T12:00:00Z')
    expect(utcOffset(when, 'America/New_York')).toBe('-05:00')
    expect(utcOffset(when, 'Asia/Kolkata')).toBe('+05:30')
    expect(utcOffset(when, 'UTC')).toBe('+00:00')
    expect(localIso(when, 'America/New_York')).toBe('2024-01-15T07:00:00.000-05:00')
    expect(localIso(new Date('2024-01-15T23:59:59.999Z'), 'Europe/London')).toBe('2024-01-15T23:59:59.999+00:00')
  })

  it('refuses what would not read back: duplicate paths, an unknown zone, a reversed range, a bad hash', () => {
    expect(() => buildManifest(input(), [FILES[0], FILES[0]], FINGERPRINT)).toThrow(/listed twice/)
    expect(() => buildManifest(input({ timeZone: 'Mars/Olympus' }), FILES, FINGERPRINT)).toThrow(/Unknown time zone "Mars\/Olympus"/)
    expect(() => buildManifest(input({ range: { start: new Date(2000), end: new Date(1000) } }), FILES, FINGERPRINT)).toThrow(/ends before it starts/)
    expect(() => buildManifest(input(), [{ ...FILES[0], sha256: 'XYZ' }], FINGERPRINT)).toThrow(/files\.0\.sha256/)
    expect(() => buildManifest(input(), [{ ...FILES[0], path: '../etc/passwd' }], FINGERPRINT)).toThrow(/files\.0\.path: Expected a relative path/)
    expect(() => buildManifest(input(), [{ ...FILES[0], path: '/abs/file' }], FINGERPRINT)).toThrow(ManifestError)
  })

  it('names what is wrong when reading a manifest', () => {
    const good = JSON.parse(serialiseManifest(buildManifest(input(), FILES, FINGERPRINT)).toString('utf8'))
    const read = (value: unknown) => () => parseManifest(Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)))
    expect(read('{"version": "vigil-evidence/1",')).toThrow(/not valid JSON/)
    expect(read({ ...good, version: 'vigil-evidence/9' })).toThrow(/unknown format "vigil-evidence\/9"/)
    expect(read({ ...good, files: [{ ...good.files[0], bytes: -1 }] })).toThrow(/files\.0\.bytes/)
    expect(read({ ...good, signing: { ...good.signing, algorithm: 'RSA' } })).toThrow(/signing\.algorithm/)
    expect(parseManifest(Buffer.from(JSON.stringify({ ...good, log: null }))).log).toBeNull()
  })
})
