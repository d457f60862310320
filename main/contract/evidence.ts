// Plain data of the evidence export: legal bases, holds, export drafts (the wizard's state), packages and
// the export log. Times are epoch milliseconds (UTC).
import type { ErrorPayload } from './errors'

export type Jurisdiction = 'eu-de' | 'uk' | 'us'
export const JURISDICTIONS: readonly Jurisdiction[] = ['eu-de', 'uk', 'us']

/** A text in both UI languages: the catalog is data, not UI strings. */
export interface LocalText {
  en: string
  de: string
}

export interface RequestFieldSpec {
  name: string
  required: boolean
  label: LocalText
  kind: 'text' | 'date' | 'longtext' | 'choice'
  /** For kind 'choice'. */
  options?: { value: string; label: LocalText }[]
}

export interface LegalBasisInfo {
  code: string
  title: LocalText
  /** One or two sentences: what the basis is and what it means for the owner. */
  explanation: LocalText
  /** The fields this basis needs beyond the common request fields. */
  fields: RequestFieldSpec[]
  /** Whether the unchanged originals are included unless the user decides otherwise. */
  originalsByDefault: boolean
  /** Handing over is the owner's free choice (shown as a note). */
  voluntary: boolean
  /** An access request: the requester is the person who stays visible. */
  requesterIsSubject: boolean
}

export interface LegalCatalog {
  jurisdiction: Jurisdiction
  /** Who asks, case number, date, officer, how it arrived, justification: asked for every basis. */
  requestFields: RequestFieldSpec[]
  bases: LegalBasisInfo[]
}

export interface EvidenceHold {
  id: number
  cameraId: string
  cameraName: string
  start: number
  end: number
  reason: string
  createdAt: number
  releasedAt: number | null
  releaseReason: string | null
}

/** A person the redaction engine found in one camera's clip. */
export interface RedactionTrack {
  /** `${cameraId}#${trackId}`: unique within a draft of several cameras. */
  key: string
  cameraId: string
  trackId: number
  kind: 'person' | 'face'
  /** "Person 3". */
  label: string
  start: number
  end: number
  /** A small JPEG as a data: URL, for choosing whom to keep. */
  thumbnail: string | null
}

/** A rectangle to cover that detection missed (a licence plate, a house number), relative to the picture. */
export interface ManualRegion {
  cameraId: string
  label: string
  /** 0..1 of the picture's width and height. */
  box: { x: number; y: number; w: number; h: number }
  /** Covered between these instants; null = the whole clip. */
  from: number | null
  to: number | null
}

export type ExportStage = 'scope' | 'analyzing' | 'analyzed' | 'rendering' | 'rendered' | 'packaging' | 'done' | 'failed' | 'cancelled'

/** The wizard's state on the server: created with the scope (which places the holds), then analysed, rendered, confirmed. */
export interface ExportDraft {
  id: string
  cameraIds: string[]
  from: number
  to: number
  holdIds: number[]
  createdAt: number
  stage: ExportStage
  /** Why the last step failed. */
  error: ErrorPayload | null
  /** The range is longer than a request usually needs (more than 30 minutes). */
  longRange: boolean
  tracks: RedactionTrack[]
  /** The redaction the working copies were rendered with. */
  rendered: { keep: string[]; effect: 'pixelate' | 'fill'; regions: ManualRegion[]; redactMoving: boolean } | null
  /** Per camera, the redacted working copy for the preview player (a media route, not a path). */
  previews: { cameraId: string; url: string }[]
  result: ExportResult | null
}

export interface ExportProgress {
  draftId: string
  cameraId: string
  phase: 'loading-models' | 'analyzing' | 'thumbnails' | 'rendering' | 'finishing' | 'packaging'
  framesDone: number
  framesTotal: number
  etaMs: number | null
}

export interface ExportResult {
  packageId: string
  /** Where the package folder is, on the machine that runs Vigil. */
  dir: string
  zip: string | null
  manifestSha256: string
  logEntryId: number
  /** A media route that downloads the ZIP (headless mode), when there is one. */
  downloadUrl: string | null
}

export type LogEntryKind = 'export' | 'export_sealed' | 'hold_placed' | 'hold_released'

export interface LogEntryView {
  id: number
  at: number
  kind: LogEntryKind
  /** For exports: the authority or person who received it. */
  recipient: string | null
  basis: string | null
  caseNumber: string | null
  cameras: string[]
  range: { from: number; to: number } | null
  packageId: string | null
  hash: string
  prevHash: string
  payload: Record<string, unknown>
}

export interface ChainStatus {
  ok: boolean
  entries: number
  headHash: string | null
  firstBroken: { id: number; reason: string } | null
}
