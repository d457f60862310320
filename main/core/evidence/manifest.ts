// The evidence package's manifest: what was exported, from where, when, by whom, on which legal basis, and
// every file with its size and SHA-256. The signature covers the file's exact bytes, so the serialisation is
// canonical (keys sorted at every level, 2-space indent, one trailing newline): the same manifest always gives
// the same bytes, and a reader needs no Vigil code to know what was signed.
import { z } from 'zod'

export const MANIFEST_VERSION = 'vigil-evidence/1'

export const FILE_ROLES = ['original', 'redacted', 'snapshot', 'report', 'readme'] as const
/**
 * original: a recording as the camera delivered it (stream copy, never re-encoded): the master exhibit.
 * redacted: a working copy with bystanders blurred. snapshot: a still. report: a document about the export.
 * readme: README.txt, listed so its instructions cannot be altered unnoticed.
 */
export type FileRole = (typeof FILE_ROLES)[number]

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'Expected 64 lower-case hex digits')
/** Relative, forward slashes, no '.', '..' or empty parts: safe to join to a folder on any OS. */
const relativePath = z
  .string()
  .refine((p) => p.length > 0 && !p.startsWith('/') && !p.includes('\\') && p.split('/').every((part) => part !== '' && part !== '.' && part !== '..'), {
    message: 'Expected a relative path with forward slashes'
  })
/** An instant as UTC (ISO 8601, 'Z') and as wall-clock time in the package's time zone (with its offset). */
const instant = z.object({ utc: z.string(), local: z.string() })
const offset = z.string().regex(/^[+-]\d{2}:\d{2}$/, 'Expected an offset like +01:00')

const fileSchema = z.object({
  path: relativePath,
  bytes: z.number().int().nonnegative(),
  sha256: sha256Hex,
  role: z.enum(FILE_ROLES),
  /** The camera id, for recordings and stills. */
  camera: z.string().optional(),
  /** The span a recording covers (UTC, ISO 8601). */
  start: z.string().optional(),
  end: z.string().optional(),
  /** A redacted copy names the original it was made from (a path in this package). */
  derivedFrom: z.string().optional()
})

const redactionSchema = z.object({
  /** How people were made unrecognisable, in words ("Gaussian blur over the whole body, ..."). */
  method: z.string(),
  tracks: z.array(
    z.object({
      label: z.string(),
      kind: z.string(),
      action: z.enum(['kept', 'redacted']),
      startMs: z.number().optional(),
      endMs: z.number().optional()
    })
  ),
  /** Regions the user drew by hand; times from the start of the clip. */
  manualRegions: z.array(z.object({ label: z.string(), startMs: z.number(), endMs: z.number() })),
  notes: z.string().nullable()
})

export const manifestSchema = z.object({
  version: z.literal(MANIFEST_VERSION),
  packageId: z.string().min(1),
  createdAt: instant,
  software: z.object({ name: z.string(), version: z.string(), platform: z.string() }),
  /** The operating-system account that ran the export, and the machine. */
  exportedBy: z.object({ osUser: z.string(), host: z.string() }),
  timeZone: z.object({ name: z.string(), offsetAtStart: offset, offsetAtEnd: offset, offsetAtCreation: offset }),
  range: z.object({ start: instant, end: instant, durationMs: z.number().int().nonnegative() }),
  /** The recording machine's clock: what was known about its accuracy when the package was made. */
  clock: z.object({
    /** Does the operating system report its clock as synchronised (NTP)? null: unknown. */
    synchronised: z.boolean().nullable(),
    /** This machine's clock minus the reference, ms (positive: ahead). null: not measured. */
    offsetMs: z.number().nullable(),
    reference: z.string().nullable(),
    checkedAt: z.string().nullable(),
    note: z.string()
  }),
  cameras: z.array(z.object({ id: z.string(), name: z.string(), location: z.string() })),
  /** The catalog's entry (legal-bases.ts): jurisdiction ('eu-de', 'uk', 'us'), code, title in the export's language. */
  legalBasis: z.object({ jurisdiction: z.string(), code: z.string(), title: z.string() }),
  request: z.object({
    /** The authority or person asking for the footage. */
    authority: z.string(),
    caseNumber: z.string().nullable(),
    /** YYYY-MM-DD. */
    requestDate: z.string().nullable(),
    officer: z.string().nullable(),
    /** How the request arrived: in person, letter, e-mail, phone ... */
    receivedVia: z.string().nullable(),
    justification: z.string()
  }),
  /** null: nothing was redacted (no redacted copy in the package). */
  redaction: redactionSchema.nullable(),
  files: z.array(fileSchema),
  /** The export log entry written for this export (its id and chained hash). null: not logged. */
  log: z.object({ entryId: z.number().int().positive(), entryHash: sha256Hex }).nullable(),
  signing: z.object({ algorithm: z.literal('Ed25519'), publicKeyFingerprint: sha256Hex })
})

export type Manifest = z.infer<typeof manifestSchema>
export type ManifestFile = z.infer<typeof fileSchema>
export type RedactionReport = z.infer<typeof redactionSchema>

/** What the exporting code knows; the builder turns dates into UTC + local pairs and adds offsets. */
export interface ManifestInput {
  packageId: string
  createdAt: Date
  software: { name?: string; version: string; platform: string }
  exportedBy: Manifest['exportedBy']
  /** IANA time zone of the recording machine, e.g. 'Europe/Berlin'. */
  timeZone: string
  range: { start: Date; end: Date }
  clock: Manifest['clock']
  cameras: Manifest['cameras']
  legalBasis: Manifest['legalBasis']
  request: Manifest['request']
  redaction: RedactionReport | null
  log: Manifest['log']
}

export class ManifestError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ManifestError'
  }
}

export function buildManifest(input: ManifestInput, files: ManifestFile[], signerFingerprintHex: string): Manifest {
  if (!(input.range.end.getTime() >= input.range.start.getTime())) throw new ManifestError('The range ends before it starts')
  try {
    new Intl.DateTimeFormat('en', { timeZone: input.timeZone })
  } catch {
    throw new ManifestError(`Unknown time zone "${input.timeZone}" (expected an IANA name like Europe/Berlin)`)
  }
  const seen = new Set<string>()
  for (const file of files) {
    if (seen.has(file.path)) throw new ManifestError(`The file ${file.path} is listed twice`)
    seen.add(file.path)
  }
  const zone = input.timeZone
  const manifest: Manifest = {
    version: MANIFEST_VERSION,
    packageId: input.packageId,
    createdAt: instantIn(input.createdAt, zone),
    software: { name: input.software.name ?? 'Vigil', version: input.software.version, platform: input.software.platform },
    exportedBy: input.exportedBy,
    timeZone: {
      name: zone,
      offsetAtStart: utcOffset(input.range.start, zone),
      offsetAtEnd: utcOffset(input.range.end, zone),
      offsetAtCreation: utcOffset(input.createdAt, zone)
    },
    range: {
      start: instantIn(input.range.start, zone),
      end: instantIn(input.range.end, zone),
      durationMs: input.range.end.getTime() - input.range.start.getTime()
    },
    clock: input.clock,
    cameras: input.cameras,
    legalBasis: input.legalBasis,
    request: input.request,
    redaction: input.redaction,
    files: [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    log: input.log,
    signing: { algorithm: 'Ed25519', publicKeyFingerprint: signerFingerprintHex }
  }
  // Whatever the caller passed, what goes out must read back: fail here, not at the recipient's desk.
  const checked = manifestSchema.safeParse(manifest)
  if (!checked.success) throw new ManifestError(`The manifest would be invalid: ${describeIssues(checked.error)}`)
  return manifest
}

/** The exact bytes of manifest.json, which are also the bytes signed. */
export function serialiseManifest(manifest: Manifest): Buffer {
  return Buffer.from(JSON.stringify(sortKeys(manifest), null, 2) + '\n', 'utf8')
}

/** Reads manifest.json; the message names the field that is wrong. */
export function parseManifest(bytes: Buffer): Manifest {
  let json: unknown
  try {
    json = JSON.parse(bytes.toString('utf8'))
  } catch (error) {
    throw new ManifestError(`not valid JSON (${error instanceof Error ? error.message : String(error)})`)
  }
  const version = (json as { version?: unknown } | null)?.version
  if (version !== MANIFEST_VERSION) {
    throw new ManifestError(`unknown format ${JSON.stringify(version)} (this verifier reads ${MANIFEST_VERSION})`)
  }
  const parsed = manifestSchema.safeParse(json)
  if (!parsed.success) throw new ManifestError(describeIssues(parsed.error))
  return parsed.data
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ')
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) {
    const inner = (value as Record<string, unknown>)[key]
    if (inner !== undefined) out[key] = sortKeys(inner)
  }
  return out
}

export function instantIn(date: Date, timeZone: string): { utc: string; local: string } {
  return { utc: date.toISOString(), local: localIso(date, timeZone) }
}

/** Wall-clock time in `timeZone` with its offset: '2024-03-31T03:30:00.000+02:00'. */
export function localIso(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit'
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value])
  )
  const ms = String(date.getUTCMilliseconds()).padStart(3, '0')
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}.${ms}${utcOffset(date, timeZone)}`
}

/** The zone's offset from UTC at that instant: '+01:00', '-05:00', '+05:30'. */
export function utcOffset(date: Date, timeZone: string): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
  const match = /^GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(name)
  if (!match) return '+00:00'
  return `${match[1]}${match[2].padStart(2, '0')}:${match[3] ?? '00'}`
}
