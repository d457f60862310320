import type { FieldError } from '../../components/Field'
import type { DetectionDraft, DetectionField, PlacedErrors } from '../../detection/draft'
import type { DraftUpdate } from '../../hooks/useDetectionForm'
import type { Translate } from '../../i18n'

/** What every section of the detection form receives. */
export interface SectionProps {
  draft: DetectionDraft
  update: DraftUpdate
  errors: PlacedErrors
}

/** A field's validation message as translated text with the server's words beneath. */
export function fieldError(errors: PlacedErrors, field: DetectionField, t: Translate): FieldError | undefined {
  const detail = errors.fields[field]
  return detail ? { text: t(`detection.error.${field}`), detail } : undefined
}
