// Step 1 of the export wizard: who asks, on which legal basis, and why. The catalog (legal.catalog) names the
// fields; this checks them the way exports.confirm will, so a missing value is marked on its field before
// the user goes on. Pure.
import type { LegalBasisInfo, LegalCatalog, RequestFieldSpec } from '../api/contract'

/** The common field that is asked last, after the basis and its own fields. */
export const JUSTIFICATION = 'justification'
/** Mirrors the server: a justification has to say why, not just "police". */
export const JUSTIFICATION_MIN_LENGTH = 20
export const TEXT_MAX_LENGTH = 300
export const LONGTEXT_MAX_LENGTH = 5000

export type RequestProblem =
  | { code: 'required' }
  | { code: 'date' }
  | { code: 'choice' }
  | { code: 'tooShort'; min: number }
  | { code: 'tooLong'; max: number }
  | { code: 'chooseBasis' }
  | { code: 'subjectIsAuthority' }

/** By field name; 'basis' for the choice of the legal basis. */
export type RequestErrors = Record<string, RequestProblem>

export const maxLength = (field: Pick<RequestFieldSpec, 'kind'>) => (field.kind === 'longtext' ? LONGTEXT_MAX_LENGTH : TEXT_MAX_LENGTH)

export function findBasis(catalog: LegalCatalog | undefined, code: string | null): LegalBasisInfo | null {
  return (code && catalog?.bases.find((basis) => basis.code === code)) || null
}

/** The fields in the order the form shows them: the common ones, the basis' own, the justification last. */
export function requestLayout(catalog: LegalCatalog, basis: LegalBasisInfo | null): { common: RequestFieldSpec[]; basis: RequestFieldSpec[]; last: RequestFieldSpec[] } {
  return {
    common: catalog.requestFields.filter((field) => field.name !== JUSTIFICATION),
    basis: basis?.fields ?? [],
    last: catalog.requestFields.filter((field) => field.name === JUSTIFICATION)
  }
}

/** Every field the chosen basis asks for (common first). */
export function requestFields(catalog: LegalCatalog, basis: LegalBasisInfo | null): RequestFieldSpec[] {
  const layout = requestLayout(catalog, basis)
  return [...layout.common, ...layout.basis, ...layout.last]
}

/** A real calendar date written as YYYY-MM-DD (what <input type="date"> gives). */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return false
  const [year, month, day] = match.slice(1).map(Number)
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

function checkField(field: RequestFieldSpec, raw: string | undefined): RequestProblem | null {
  const value = (raw ?? '').trim()
  if (value === '') return field.required ? { code: 'required' } : null
  if (value.length > maxLength(field)) return { code: 'tooLong', max: maxLength(field) }
  if (field.kind === 'date' && !isIsoDate(value)) return { code: 'date' }
  if (field.kind === 'choice' && !field.options?.some((option) => option.value === value)) return { code: 'choice' }
  if (field.name === JUSTIFICATION && value.length < JUSTIFICATION_MIN_LENGTH) return { code: 'tooShort', min: JUSTIFICATION_MIN_LENGTH }
  return null
}

/** What blocks "Next" on step 1; empty when the request is complete. */
export function validateRequest(catalog: LegalCatalog, basisCode: string | null, values: Readonly<Record<string, string>>): RequestErrors {
  const errors: RequestErrors = {}
  const basis = findBasis(catalog, basisCode)
  for (const field of requestFields(catalog, basis)) {
    const problem = checkField(field, values[field.name])
    if (problem) errors[field.name] = problem
  }
  if (!basis) errors.basis = { code: 'chooseBasis' }
  else if (basis.requesterIsSubject && values.requesterKind?.trim() === 'authority') errors.requesterKind ??= { code: 'subjectIsAuthority' }
  return errors
}

/**
 * The request as exports.confirm takes it: only the fields of the chosen basis (values typed for another
 * basis the user looked at are left behind), trimmed, empty optional ones left out.
 */
export function requestPayload(catalog: LegalCatalog, basis: LegalBasisInfo | null, values: Readonly<Record<string, string>>): Record<string, string> {
  const payload: Record<string, string> = {}
  for (const field of requestFields(catalog, basis)) {
    const value = (values[field.name] ?? '').trim()
    if (value !== '') payload[field.name] = value
  }
  return payload
}
