// A small legal-basis catalog in the shape legal.catalog answers with (EU/Germany, three bases).
import type { LegalCatalog, RequestFieldSpec } from '../../../../renderer/api/contract'

const text = (name: string, required: boolean, kind: RequestFieldSpec['kind'] = 'text'): RequestFieldSpec => ({ name, required, kind, label: { en: name, de: name } })

export const CATALOG: LegalCatalog = {
  jurisdiction: 'eu-de',
  requestFields: [
    {
      ...text('requesterKind', true, 'choice'),
      options: [
        { value: 'authority', label: { en: 'An authority', de: 'Eine Behörde' } },
        { value: 'person', label: { en: 'A person', de: 'Eine Person' } }
      ]
    },
    text('requesterName', true),
    text('caseNumber', false),
    text('requestDate', true, 'date'),
    text('officer', false),
    {
      ...text('receivedVia', true, 'choice'),
      options: ['letter', 'email', 'in_person'].map((value) => ({ value, label: { en: value, de: value } }))
    },
    text('justification', true, 'longtext')
  ],
  bases: [
    {
      code: 'court_order',
      title: { en: 'Court order', de: 'Beschluss' },
      explanation: { en: 'A judge ordered it.', de: 'Ein Gericht hat es angeordnet.' },
      fields: [text('court', true), text('orderFileNumber', true), text('orderDate', true, 'date')],
      originalsByDefault: true,
      voluntary: false,
      requesterIsSubject: false
    },
    {
      code: 'police_request',
      title: { en: 'Police request', de: 'Polizeiliche Anfrage' },
      explanation: { en: 'Voluntary.', de: 'Freiwillig.' },
      fields: [text('statedPurpose', true, 'longtext')],
      originalsByDefault: false,
      voluntary: true,
      requesterIsSubject: false
    },
    {
      code: 'access_request',
      title: { en: 'Access request', de: 'Auskunftsersuchen' },
      explanation: { en: 'Art. 15.', de: 'Art. 15.' },
      fields: [text('identityCheck', true, 'longtext')],
      originalsByDefault: false,
      voluntary: false,
      requesterIsSubject: true
    }
  ]
}

/** A complete request for the police_request basis. */
export const POLICE_REQUEST: Record<string, string> = {
  requesterKind: 'authority',
  requesterName: 'Polizeirevier Mitte',
  caseNumber: 'ST/123/25',
  requestDate: '2025-05-03',
  receivedVia: 'letter',
  statedPurpose: 'Identify the person who damaged the car.',
  justification: 'The footage shows the damage to the car being done at 22:10.'
}
