import { describe, expect, it } from 'vitest'
import { findBasis, isIsoDate, requestFields, requestLayout, requestPayload, validateRequest } from '../../../../renderer/export/request'
import { CATALOG, POLICE_REQUEST } from './catalog.fixture'

describe('the request step', () => {
  it('asks the common fields, then the basis’ own, the justification last', () => {
    const layout = requestLayout(CATALOG, findBasis(CATALOG, 'court_order'))
    expect(layout.common.map((field) => field.name)).toEqual(['requesterKind', 'requesterName', 'caseNumber', 'requestDate', 'officer', 'receivedVia'])
    expect(layout.basis.map((field) => field.name)).toEqual(['court', 'orderFileNumber', 'orderDate'])
    expect(layout.last.map((field) => field.name)).toEqual(['justification'])
    expect(requestFields(CATALOG, null).map((field) => field.name)).not.toContain('court')
  })

  it('blocks an empty request on every required field and on the missing basis', () => {
    const errors = validateRequest(CATALOG, null, {})
    expect(Object.keys(errors).sort()).toEqual(['basis', 'justification', 'receivedVia', 'requestDate', 'requesterKind', 'requesterName'])
    expect(errors.basis).toEqual({ code: 'chooseBasis' })
    expect(errors.requesterName).toEqual({ code: 'required' })
    // Optional fields may stay empty.
    expect(errors.caseNumber).toBeUndefined()
  })

  it('asks for the fields of the chosen basis only', () => {
    expect(validateRequest(CATALOG, 'police_request', POLICE_REQUEST)).toEqual({})
    const court = validateRequest(CATALOG, 'court_order', POLICE_REQUEST)
    expect(Object.keys(court).sort()).toEqual(['court', 'orderDate', 'orderFileNumber'])
    const complete = { ...POLICE_REQUEST, court: 'AG Köln', orderFileNumber: '12 Gs 34/25', orderDate: '2025-05-02' }
    expect(validateRequest(CATALOG, 'court_order', complete)).toEqual({})
  })

  it('checks dates, choices, lengths and the justification', () => {
    const errors = validateRequest(CATALOG, 'police_request', {
      ...POLICE_REQUEST,
      requestDate: '2025-02-30',
      receivedVia: 'pigeon',
      requesterName: 'x'.repeat(301),
      justification: '  police asked  '
    })
    expect(errors.requestDate).toEqual({ code: 'date' })
    expect(errors.receivedVia).toEqual({ code: 'choice' })
    expect(errors.requesterName).toEqual({ code: 'tooLong', max: 300 })
    expect(errors.justification).toEqual({ code: 'tooShort', min: 20 })
    expect(validateRequest(CATALOG, 'police_request', { ...POLICE_REQUEST, requesterName: '   ' }).requesterName).toEqual({ code: 'required' })
  })

  it('refuses an authority as the requester of an access request', () => {
    const request = { ...POLICE_REQUEST, identityCheck: 'Compared with her ID card in person.' }
    expect(validateRequest(CATALOG, 'access_request', request).requesterKind).toEqual({ code: 'subjectIsAuthority' })
    expect(validateRequest(CATALOG, 'access_request', { ...request, requesterKind: 'person' })).toEqual({})
  })

  it('sends only the chosen basis’ fields, trimmed, without empty ones', () => {
    const values = { ...POLICE_REQUEST, officer: '  ', court: 'typed for another basis', requesterName: ' Polizeirevier Mitte ' }
    const payload = requestPayload(CATALOG, findBasis(CATALOG, 'police_request'), values)
    expect(payload).toEqual({ ...POLICE_REQUEST, requesterName: 'Polizeirevier Mitte' })
    expect(payload).not.toHaveProperty('court')
    expect(payload).not.toHaveProperty('officer')
  })

  it('knows a real calendar date', () => {
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2025-02-29')).toBe(false)
    expect(isIsoDate('3.5.2025')).toBe(false)
    expect(findBasis(CATALOG, 'nope')).toBeNull()
    expect(findBasis(undefined, 'court_order')).toBeNull()
  })
})
