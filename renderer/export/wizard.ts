// The export wizard's own state (what the user typed and chose, step by step) and the rules that let them go
// on. The server keeps the draft (scope, people found, rendered copies); this keeps everything else until
// confirm. Pure: the hook persists it to sessionStorage and talks to the contract.
import type { ExportDraft, ExportResult, Jurisdiction, LegalBasisInfo, ManualRegion } from '../api/contract'

export const STEPS = ['request', 'scope', 'redaction', 'contents', 'review'] as const
export type StepName = (typeof STEPS)[number]
/** 1..5, as shown in the stepper. */
export type StepNumber = 1 | 2 | 3 | 4 | 5

export const ZIP_PASSPHRASE_MIN = 12

export type Effect = 'pixelate' | 'fill'

/** A region as the wizard edits it: with a key of its own, so its inputs keep their state while others go. */
export interface DraftRegion extends ManualRegion {
  key: string
}

export interface RedactionChoice {
  /** Track keys kept visible; everyone else is covered. */
  keep: string[]
  effect: Effect
  regions: DraftRegion[]
  /** Also cover everything that moves except the kept people. */
  redactMoving: boolean
}

export interface ContentsChoice {
  /** null: as the legal basis suggests (basis.originalsByDefault). */
  originals: boolean | null
  snapshots: boolean
  zip: boolean
}

export interface WizardState {
  step: StepNumber
  /** Fixed when the catalog first loads, so changing the setting does not swap the bases under the user. */
  jurisdiction: Jurisdiction | null
  basis: string | null
  request: Record<string, string>
  /** The scope as typed (datetime-local values in the recorder's time zone). */
  scope: { cameraIds: string[]; from: string; to: string }
  draftId: string | null
  redaction: RedactionChoice
  contents: ContentsChoice
  result: ExportResult | null
}

export const NO_REDACTION: RedactionChoice = { keep: [], effect: 'pixelate', regions: [], redactMoving: false }

export function newWizard(scope: WizardState['scope'] = { cameraIds: [], from: '', to: '' }): WizardState {
  return {
    step: 1,
    jurisdiction: null,
    basis: null,
    request: {},
    scope,
    draftId: null,
    redaction: NO_REDACTION,
    contents: { originals: null, snapshots: false, zip: false },
    result: null
  }
}

/** Whether the user has put anything into this wizard (worth asking before it is replaced). */
export function isStarted(state: WizardState): boolean {
  return state.draftId !== null || state.basis !== null || Object.values(state.request).some((value) => value.trim() !== '')
}

/** A stored wizard read back; null when it is not one (an older shape, edited storage). */
export function reviveWizard(value: unknown): WizardState | null {
  if (typeof value !== 'object' || value === null) return null
  const state = value as Partial<WizardState>
  const fresh = newWizard()
  if (typeof state.step !== 'number' || state.step < 1 || state.step > 5) return null
  if (typeof state.request !== 'object' || state.request === null || typeof state.scope !== 'object' || state.scope === null) return null
  const request = Object.fromEntries(Object.entries(state.request).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
  return {
    ...fresh,
    ...state,
    request,
    scope: { ...fresh.scope, ...state.scope },
    redaction: { ...NO_REDACTION, ...state.redaction, regions: (state.redaction?.regions ?? []).map((region, index) => ({ ...region, key: region.key ?? `region-${index + 1}` })) },
    contents: { ...fresh.contents, ...state.contents }
  } as WizardState
}

const sorted = (values: readonly string[]) => [...values].sort()
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** The regions as exports.render takes them (labels trimmed, as the server stores them). */
export function toManualRegions(regions: readonly DraftRegion[]): ManualRegion[] {
  return regions.map((region) => ({ cameraId: region.cameraId, label: region.label.trim(), box: { ...region.box }, from: region.from, to: region.to }))
}

/** The choice as exports.render takes it: only people the analysis knows can be kept. */
export function renderArgs(choice: RedactionChoice, trackKeys: readonly string[]): { keep: string[]; effect: Effect; regions: ManualRegion[]; redactMoving: boolean } {
  return { keep: choice.keep.filter((key) => trackKeys.includes(key)), effect: choice.effect, regions: toManualRegions(choice.regions), redactMoving: choice.redactMoving }
}

/** The working copies on the server were rendered with exactly this choice. */
export function renderedWith(rendered: ExportDraft['rendered'], choice: RedactionChoice, trackKeys?: readonly string[]): boolean {
  if (!rendered) return false
  const args = renderArgs(choice, trackKeys ?? choice.keep)
  const region = (r: ManualRegion) => ({ cameraId: r.cameraId, label: r.label, box: { x: r.box.x, y: r.box.y, w: r.box.w, h: r.box.h }, from: r.from, to: r.to })
  return (
    rendered.effect === args.effect &&
    rendered.redactMoving === args.redactMoving &&
    same(sorted(rendered.keep), sorted(args.keep)) &&
    same(rendered.regions.map(region), args.regions.map(region))
  )
}

export type RedactionStatus = 'pending' | 'analyzing' | 'analyzed' | 'rendering' | 'stale' | 'ready' | 'failed'

/** Where step 3 stands; only 'ready' lets the user go on. */
export function redactionStatus(draft: Pick<ExportDraft, 'stage' | 'rendered' | 'tracks'> | null, choice: RedactionChoice): RedactionStatus {
  if (!draft) return 'pending'
  switch (draft.stage) {
    case 'scope':
      return 'pending'
    case 'analyzing':
      return 'analyzing'
    case 'rendering':
      return 'rendering'
    case 'failed':
      return 'failed'
    case 'analyzed':
      return 'analyzed'
    default:
      return renderedWith(
        draft.rendered,
        choice,
        draft.tracks.map((track) => track.key)
      )
        ? 'ready'
        : 'stale'
  }
}

export function includeOriginals(contents: ContentsChoice, basis: Pick<LegalBasisInfo, 'originalsByDefault'> | null): boolean {
  return contents.originals ?? basis?.originalsByDefault ?? false
}

export type ContentsProblem = 'passphraseShort' | 'passphraseMismatch'

/** Step 4: an encrypted ZIP needs a passphrase of ZIP_PASSPHRASE_MIN characters, typed twice alike. */
export function validateContents(contents: ContentsChoice, passphrase: string, confirmation: string): { zipPassphrase?: ContentsProblem; zipPassphraseConfirm?: ContentsProblem } {
  if (!contents.zip) return {}
  if (passphrase.length < ZIP_PASSPHRASE_MIN) return { zipPassphrase: 'passphraseShort' }
  if (passphrase !== confirmation) return { zipPassphraseConfirm: 'passphraseMismatch' }
  return {}
}

export interface PlacedServerErrors {
  /** The earliest step with a marked field (the wizard goes back there), or null when none matched. */
  step: StepNumber | null
  /** Server messages by request field name (and 'basis'). */
  request: Record<string, string>
  scope: { cameras?: string; from?: string; to?: string }
  contents: { zipPassphrase?: string }
  /** Messages no field matches. */
  other: string[]
}

/**
 * Spreads a VALIDATION error's field paths over the wizard: "request.caseNumber" or "caseNumber" -> step 1's
 * field, "basis" -> the basis choice, "from"/"to"/"cameraIds" -> step 2, "zipPassphrase" -> step 4.
 */
export function placeServerErrors(fields: Readonly<Record<string, string>>, requestNames: readonly string[]): PlacedServerErrors {
  const placed: PlacedServerErrors = { step: null, request: {}, scope: {}, contents: {}, other: [] }
  const mark = (step: StepNumber) => {
    placed.step = placed.step === null ? step : (Math.min(placed.step, step) as StepNumber)
  }
  for (const [path, message] of Object.entries(fields)) {
    const name = path.replace(/^request\./, '')
    if (name === 'basis' || name === 'jurisdiction' || requestNames.includes(name)) {
      placed.request[name === 'jurisdiction' ? 'basis' : name] ??= message
      mark(1)
    } else if (/^cameraIds(\.|$)/.test(path)) {
      placed.scope.cameras ??= message
      mark(2)
    } else if (path === 'from' || path === 'to') {
      placed.scope[path] ??= message
      mark(2)
    } else if (path === 'zipPassphrase') {
      placed.contents.zipPassphrase ??= message
      mark(4)
    } else if (path.startsWith('request.')) {
      // A field the form does not show (e.g. one of another basis): name it, on the request step.
      placed.request.basis ??= `${name}: ${message}`
      mark(1)
    } else placed.other.push(`${path}: ${message}`)
  }
  return placed
}
