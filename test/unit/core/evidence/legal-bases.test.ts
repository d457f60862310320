import { describe, expect, it } from 'vitest'
import {
  JURISDICTIONS,
  JUSTIFICATION_MIN_LENGTH,
  OMITTED_BASES,
  REQUEST_FIELDS,
  isIsoDate,
  legalBasis,
  listLegalBases,
  validateRequest,
  type Jurisdiction
} from '../../../../main/core/evidence/legal-bases'

const EXPECTED_CODES: Record<Jurisdiction, string[]> = {
  'eu-de': ['court_order', 'police_request', 'emergency', 'consent', 'own_complaint', 'access_request'],
  uk: ['court_order', 'police_request', 'emergency', 'consent', 'own_complaint', 'access_request'],
  us: ['court_order', 'police_request', 'emergency', 'consent', 'own_complaint']
}

/** A complete, valid request for a basis: the common fields plus every field the basis requires. */
function validFields(jurisdiction: Jurisdiction, code: string): Record<string, string> {
  const fields: Record<string, string> = {
    requesterKind: legalBasis(jurisdiction, code)?.requesterIsSubject ? 'person' : 'authority',
    requesterName: 'Polizeipräsidium München',
    requestDate: '2026-03-02',
    receivedVia: 'letter',
    justification: 'The footage shows the break-in at the back door on 1 March.'
  }
  for (const field of legalBasis(jurisdiction, code)?.fields ?? []) {
    if (field.required) fields[field.name] = field.kind === 'date' ? '2026-03-01' : `some ${field.name}`
  }
  return fields
}

function errorsOf(result: ReturnType<typeof validateRequest>) {
  return result.ok ? [] : result.errors
}

describe('legal-basis catalog', () => {
  it('offers the bases the issue names in each jurisdiction, in a fixed order', () => {
    for (const j of JURISDICTIONS) expect(listLegalBases(j).map((b) => b.code)).toEqual(EXPECTED_CODES[j])
  })

  it('gives every basis an English and a German title and a one-or-two-sentence explanation naming its law', () => {
    for (const j of JURISDICTIONS) {
      for (const basis of listLegalBases(j)) {
        expect(basis.jurisdiction).toBe(j)
        for (const lang of ['en', 'de'] as const) {
          expect(basis.title[lang].trim(), `${j}/${basis.code} title.${lang}`).not.toBe('')
          const sentences = basis.explanation[lang].split(/(?<=[.!?])\s+(?=[A-ZÄÖÜ])/)
          expect(sentences.length, `${j}/${basis.code} explanation.${lang}: ${basis.explanation[lang]}`).toBeGreaterThanOrEqual(1)
          expect(sentences.length, `${j}/${basis.code} explanation.${lang}: ${basis.explanation[lang]}`).toBeLessThanOrEqual(2)
        }
        expect(basis.title.en).not.toBe(basis.explanation.en)
        for (const field of basis.fields) {
          expect(field.label.en.trim(), `${j}/${basis.code}.${field.name}`).not.toBe('')
          expect(field.label.de.trim(), `${j}/${basis.code}.${field.name}`).not.toBe('')
        }
      }
    }
    // The articles and sections LEGAL.md names appear where they belong.
    expect(legalBasis('eu-de', 'court_order')?.explanation.en).toMatch(/§§ 94, 98 StPO.*§ 95 StPO.*Art\. 6\(1\)\(c\)/)
    expect(legalBasis('eu-de', 'police_request')?.explanation.de).toContain('§ 24 Abs. 1 Nr. 1 BDSG')
    expect(legalBasis('eu-de', 'emergency')?.explanation.en).toContain('Art. 6(1)(d)')
    expect(legalBasis('eu-de', 'consent')?.explanation.en).toContain('Art. 6(1)(a)')
    expect(legalBasis('eu-de', 'access_request')?.explanation.en).toContain('Art. 15(4)')
    expect(legalBasis('uk', 'police_request')?.explanation.en).toContain('DPA 2018 Schedule 2 paragraph 2')
    expect(legalBasis('us', 'emergency')?.explanation.en).toContain('18 U.S.C. § 2702(b)(8)')
  })

  it('asks each basis for the fields the issue lists', () => {
    const required = (j: Jurisdiction, code: string) => legalBasis(j, code)?.fields.filter((f) => f.required).map((f) => f.name)
    for (const j of JURISDICTIONS) {
      expect(required(j, 'court_order')).toEqual(['court', 'orderFileNumber', 'orderDate'])
      expect(legalBasis(j, 'court_order')?.fields.find((f) => f.name === 'orderDate')?.kind).toBe('date')
      expect(required(j, 'police_request')).toEqual(['statedPurpose'])
      expect(required(j, 'emergency')).toEqual(['danger'])
      expect(required(j, 'consent')).toEqual(['consentingPerson'])
      expect(required(j, 'own_complaint')).toEqual(['offence'])
    }
    expect(required('eu-de', 'access_request')).toEqual(['identityCheck'])
  })

  it('marks voluntary disclosures, and includes originals by default only under an order', () => {
    for (const j of JURISDICTIONS) {
      for (const basis of listLegalBases(j)) {
        expect(basis.originalsByDefault, `${j}/${basis.code}`).toBe(basis.code === 'court_order')
      }
      expect(legalBasis(j, 'police_request')?.voluntary).toBe(true)
      expect(legalBasis(j, 'emergency')?.voluntary).toBe(true)
      expect(legalBasis(j, 'court_order')?.voluntary).toBe(false)
    }
    expect(legalBasis('eu-de', 'access_request')).toMatchObject({ requesterIsSubject: true, voluntary: false })
    expect(legalBasis('uk', 'access_request')?.title.en).toBe('Subject access request')
  })

  it('says why the US catalog has no access request', () => {
    expect(legalBasis('us', 'access_request')).toBeUndefined()
    expect(OMITTED_BASES.us.map((o) => o.code)).toEqual(['access_request'])
    expect(OMITTED_BASES.us[0].reason.en).toMatch(/no general right/)
    expect(OMITTED_BASES.us[0].reason.de).toMatch(/keinen allgemeinen Anspruch/)
  })

  it('keeps the common request fields in one list, with the justification required', () => {
    expect(REQUEST_FIELDS.map((f) => [f.name, f.required])).toEqual([
      ['requesterKind', true],
      ['requesterName', true],
      ['caseNumber', false],
      ['requestDate', true],
      ['officer', false],
      ['contact', false],
      ['receivedVia', true],
      ['justification', true]
    ])
    expect(REQUEST_FIELDS.find((f) => f.name === 'requesterKind')?.options?.map((o) => o.value)).toEqual(['authority', 'person'])
    expect(REQUEST_FIELDS.find((f) => f.name === 'receivedVia')?.options?.map((o) => o.value)).toEqual(['letter', 'email', 'in_person'])
  })
})

describe('validateRequest', () => {
  it('accepts a complete request for every basis', () => {
    for (const j of JURISDICTIONS) {
      for (const basis of listLegalBases(j)) expect(validateRequest(j, basis.code, validFields(j, basis.code)), `${j}/${basis.code}`).toEqual({ ok: true })
    }
  })

  it('names each missing required field, in English and German', () => {
    const result = validateRequest('eu-de', 'court_order', { requesterKind: 'authority', receivedVia: 'email' })
    expect(errorsOf(result).map((e) => e.field)).toEqual(['requesterName', 'requestDate', 'justification', 'court', 'orderFileNumber', 'orderDate'])
    expect(errorsOf(result)[4].message).toEqual({ en: 'File number of the order: required', de: 'Aktenzeichen des Beschlusses: Pflichtangabe' })
    // Whitespace is not an answer.
    const blank = validateRequest('uk', 'emergency', { ...validFields('uk', 'emergency'), danger: '   ' })
    expect(errorsOf(blank)).toEqual([{ field: 'danger', message: { en: 'The danger, as described to you: required', de: 'Die Gefahr, wie sie Ihnen geschildert wurde: Pflichtangabe' } }])
  })

  it('wants dates as real YYYY-MM-DD calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true)
    for (const bad of ['2026-02-29', '2026-13-01', '01.03.2026', '2026-3-1', '2026-03-01T00:00']) expect(isIsoDate(bad), bad).toBe(false)
    const result = validateRequest('eu-de', 'court_order', { ...validFields('eu-de', 'court_order'), orderDate: '01.03.2026', requestDate: '2026-02-30' })
    expect(errorsOf(result).map((e) => e.field)).toEqual(['requestDate', 'orderDate'])
    expect(errorsOf(result)[1].message.en).toBe('Date of the order: expected a date as YYYY-MM-DD, got "01.03.2026"')
    expect(errorsOf(result)[1].message.de).toBe('Datum des Beschlusses: Datum als JJJJ-MM-TT erwartet, nicht „01.03.2026“')
    // An optional date, when given, is checked too.
    expect(errorsOf(validateRequest('uk', 'consent', { ...validFields('uk', 'consent'), consentDate: 'yesterday' })).map((e) => e.field)).toEqual(['consentDate'])
  })

  it('refuses a justification that does not say why', () => {
    const short = validateRequest('us', 'police_request', { ...validFields('us', 'police_request'), justification: 'police asked' })
    expect(errorsOf(short)).toHaveLength(1)
    expect(errorsOf(short)[0].field).toBe('justification')
    expect(errorsOf(short)[0].message.en).toContain(`at least ${JUSTIFICATION_MIN_LENGTH} characters`)
    expect(errorsOf(short)[0].message.de).toContain(`mindestens ${JUSTIFICATION_MIN_LENGTH} Zeichen`)
    const padded = validateRequest('us', 'police_request', { ...validFields('us', 'police_request'), justification: `   ${'x'.repeat(JUSTIFICATION_MIN_LENGTH - 1)}   ` })
    expect(padded.ok).toBe(false)
    expect(validateRequest('us', 'police_request', { ...validFields('us', 'police_request'), justification: 'x'.repeat(JUSTIFICATION_MIN_LENGTH) }).ok).toBe(true)
  })

  it('checks choices, the access requester, unknown fields and unknown bases', () => {
    const choice = validateRequest('uk', 'court_order', { ...validFields('uk', 'court_order'), receivedVia: 'fax' })
    expect(errorsOf(choice)[0]).toMatchObject({ field: 'receivedVia', message: { en: 'How the request arrived: expected one of letter, email, in_person, got "fax"' } })

    const authority = validateRequest('eu-de', 'access_request', { ...validFields('eu-de', 'access_request'), requesterKind: 'authority' })
    expect(errorsOf(authority).map((e) => e.field)).toEqual(['requesterKind'])
    expect(errorsOf(authority)[0].message.en).toContain('must be the person shown')

    const typo = validateRequest('eu-de', 'emergency', { ...validFields('eu-de', 'emergency'), dangr: 'fire' })
    expect(errorsOf(typo)).toEqual([{ field: 'dangr', message: { en: 'Unknown field "dangr" for Emergency: danger to life or limb', de: 'Unbekanntes Feld „dangr“ für Notfall: Gefahr für Leib oder Leben' } }])

    const us = validateRequest('us', 'access_request', validFields('eu-de', 'access_request'))
    expect(errorsOf(us)).toHaveLength(1)
    expect(errorsOf(us)[0].field).toBe('basis')
    expect(errorsOf(us)[0].message.en).toBe('Unknown legal basis "access_request" for us (expected one of: court_order, police_request, emergency, consent, own_complaint)')
  })

  it('caps the length of free text', () => {
    const long = validateRequest('eu-de', 'police_request', { ...validFields('eu-de', 'police_request'), requesterName: 'x'.repeat(301) })
    expect(errorsOf(long).map((e) => e.field)).toEqual(['requesterName'])
  })
})
