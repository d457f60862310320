import type { Camera, LegalBasisInfo, LegalCatalog } from '../../api/contract'
import type { FieldError } from '../../components/Field'
import type { PlacedServerErrors, StepNumber, WizardState } from '../../export/wizard'
import type { DraftState } from '../../hooks/useExportDraft'
import type { WizardUpdate } from '../../hooks/useExportWizard'
import type { Translate } from '../../i18n'

/** The ZIP passphrase, typed twice; only ever in React state. */
export interface Secret {
  passphrase: string
  confirmation: string
  set(change: Partial<Pick<Secret, 'passphrase' | 'confirmation'>>): void
}

/** What every step of the export wizard receives. */
export interface StepProps {
  state: WizardState
  update: WizardUpdate
  catalog: LegalCatalog
  basis: LegalBasisInfo | null
  cameras: readonly Camera[]
  timeZone: string | undefined
  draft: DraftState
  go(step: StepNumber): void
  onCancel(): void
  /** A new, empty wizard (after a finished export). */
  restart(): void
  /** The server's field messages from the last confirm (shown on their steps until edited). */
  server: PlacedServerErrors
  setServer(errors: PlacedServerErrors): void
  secret: Secret
}

export const NO_SERVER_ERRORS: PlacedServerErrors = { step: null, request: {}, scope: {}, contents: {}, other: [] }

/** A server message on a field: translated words, the server's own beneath. */
export function serverError(message: string | undefined, t: Translate): FieldError | undefined {
  return message ? { text: t('export.error.server'), detail: message } : undefined
}

export const cameraName = (cameras: readonly Camera[], id: string) => cameras.find((camera) => camera.id === id)?.name ?? id
