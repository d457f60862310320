// The legal bases the export wizard offers, per jurisdiction, with the fields each one needs.
//
// Built from /docs/LEGAL.md. These are guidance, not legal advice: the wizard explains each basis in one or
// two sentences, never pre-selects one, and the owner writes their own justification of necessity.
//
// Defaults follow one rule: unchanged originals (which show bystanders) are included by default only where
// the owner is legally obliged to hand over the recording (an order). Every other disclosure is the owner's
// own decision under a balancing test, consent or an access right, so data minimisation applies and the
// redacted working copy is the default; the owner may still add the originals after a warning.

import { JURISDICTIONS, type Jurisdiction, type Language, type LocalText as Text, type RequestFieldSpec } from '../../contract'

export { JURISDICTIONS, type Jurisdiction, type Language, type Text }

export type FieldKind = 'text' | 'date' | 'longtext'

export interface BasisField {
  /** Key in the request's field map (camelCase). */
  name: string
  required: boolean
  label: Text
  kind: FieldKind
}

export interface LegalBasis {
  code: string
  jurisdiction: Jurisdiction
  title: Text
  /** One or two sentences naming the article or section; shown next to the choice. */
  explanation: Text
  /** What this basis needs on top of REQUEST_FIELDS. */
  fields: BasisField[]
  /** Whether the contents step starts with the unchanged originals included. */
  originalsByDefault: boolean
  /** Nothing obliges the owner to hand anything over (the wizard shows its voluntary note). */
  voluntary: boolean
  /** The requester is the person shown (an access request): only they stay visible. */
  requesterIsSubject?: boolean
}

/** A field of the request form, as the contract sends it (kind 'choice' has options). */
export type RequestField = RequestFieldSpec

/** A justification shorter than this (after trimming) is refused: it has to say why, not just "police". */
export const JUSTIFICATION_MIN_LENGTH = 20
const TEXT_MAX_LENGTH = 300
const LONGTEXT_MAX_LENGTH = 5000

/** Asked for every basis, before the basis' own fields. */
export const REQUEST_FIELDS: readonly RequestField[] = [
  {
    name: 'requesterKind',
    required: true,
    label: { en: 'Who asks', de: 'Wer fragt an' },
    kind: 'choice',
    options: [
      { value: 'authority', label: { en: 'An authority (police, prosecutor, court)', de: 'Eine Behörde (Polizei, Staatsanwaltschaft, Gericht)' } },
      { value: 'person', label: { en: 'A person', de: 'Eine Person' } }
    ]
  },
  { name: 'requesterName', required: true, label: { en: 'Authority or person', de: 'Behörde oder Person' }, kind: 'text' },
  { name: 'caseNumber', required: false, label: { en: 'Case or file number', de: 'Aktenzeichen' }, kind: 'text' },
  { name: 'requestDate', required: true, label: { en: 'Date of the request', de: 'Datum der Anfrage' }, kind: 'date' },
  { name: 'officer', required: false, label: { en: 'Officer (name, rank, badge number)', de: 'Sachbearbeiter/in (Name, Dienstgrad, Dienstnummer)' }, kind: 'text' },
  { name: 'contact', required: false, label: { en: 'Contact (phone, e-mail, address)', de: 'Kontakt (Telefon, E-Mail, Anschrift)' }, kind: 'text' },
  {
    name: 'receivedVia',
    required: true,
    label: { en: 'How the request arrived', de: 'Wie die Anfrage einging' },
    kind: 'choice',
    options: [
      { value: 'letter', label: { en: 'Letter', de: 'Brief' } },
      { value: 'email', label: { en: 'E-mail', de: 'E-Mail' } },
      { value: 'in_person', label: { en: 'In person', de: 'Persönlich' } }
    ]
  },
  {
    name: 'justification',
    required: true,
    label: { en: 'Why handing over this footage is necessary', de: 'Warum die Herausgabe dieser Aufnahmen erforderlich ist' },
    kind: 'longtext'
  }
]

const text = (name: string, en: string, de: string, required = true): BasisField => ({ name, required, label: { en, de }, kind: 'text' })
const date = (name: string, en: string, de: string, required = true): BasisField => ({ name, required, label: { en, de }, kind: 'date' })
const longtext = (name: string, en: string, de: string, required = true): BasisField => ({ name, required, label: { en, de }, kind: 'longtext' })

const ORDER_FIELDS: BasisField[] = [
  text('court', 'Court or issuing authority', 'Gericht oder anordnende Stelle'),
  text('orderFileNumber', 'File number of the order', 'Aktenzeichen des Beschlusses'),
  date('orderDate', 'Date of the order', 'Datum des Beschlusses')
]
const POLICE_REQUEST_FIELDS: BasisField[] = [longtext('statedPurpose', 'Purpose the police stated', 'Von der Polizei genannter Zweck')]
const EMERGENCY_FIELDS: BasisField[] = [longtext('danger', 'The danger, as described to you', 'Die Gefahr, wie sie Ihnen geschildert wurde')]
const CONSENT_FIELDS: BasisField[] = [
  text('consentingPerson', 'Person who consented (shown in the footage)', 'Person, die eingewilligt hat (in den Aufnahmen zu sehen)'),
  date('consentDate', 'Date of the consent', 'Datum der Einwilligung', false),
  text('consentForm', 'How consent was given (e.g. signed form)', 'Wie eingewilligt wurde (z. B. unterschriebenes Formular)', false)
]
const COMPLAINT_FIELDS: BasisField[] = [
  longtext('offence', 'What happened (the offence you report)', 'Was geschehen ist (die angezeigte Tat)'),
  date('complaintDate', 'Date of the report', 'Datum der Anzeige', false),
  text('policeStation', 'Police station or online portal', 'Polizeidienststelle oder Online-Wache', false)
]
const ACCESS_FIELDS: BasisField[] = [
  longtext('identityCheck', 'How you checked that the requester is the person shown', 'Wie Sie geprüft haben, dass die anfragende Person die gezeigte ist')
]

const CATALOG: Record<Jurisdiction, LegalBasis[]> = {
  'eu-de': [
    {
      code: 'court_order',
      jurisdiction: 'eu-de',
      title: { en: 'Court order or production order (§§ 94, 95, 98 StPO)', de: 'Beschlagnahmebeschluss oder Herausgabeverlangen (§§ 94, 95, 98 StPO)' },
      explanation: {
        en: 'A judge ordered the seizure (§§ 94, 98 StPO) or you were required to hand over the recording (§ 95 StPO), so handing over is a legal obligation under Art. 6(1)(c) GDPR. Prosecutors or police may order a seizure themselves only when delay would be dangerous (Gefahr im Verzug).',
        de: 'Ein Gericht hat die Beschlagnahme angeordnet (§§ 94, 98 StPO) oder Sie wurden zur Herausgabe aufgefordert (§ 95 StPO); die Herausgabe ist dann eine rechtliche Pflicht nach Art. 6 Abs. 1 lit. c DSGVO. Staatsanwaltschaft oder Polizei dürfen eine Beschlagnahme nur bei Gefahr im Verzug selbst anordnen.'
      },
      fields: ORDER_FIELDS,
      originalsByDefault: true,
      voluntary: false
    },
    {
      code: 'police_request',
      jurisdiction: 'eu-de',
      title: { en: 'Police request without an order', de: 'Polizeiliche Anfrage ohne Beschluss' },
      explanation: {
        en: 'You may use footage to prosecute crimes or avert threats to public security where necessary, unless the interests of the people shown prevail (Art. 6(1)(f) GDPR with § 24(1) no. 1 BDSG). Without an order you decide; share only what the stated purpose needs.',
        de: 'Aufnahmen dürfen zur Verfolgung von Straftaten oder zur Abwehr von Gefahren für die öffentliche Sicherheit genutzt werden, soweit erforderlich und soweit die Interessen der Gezeigten nicht überwiegen (Art. 6 Abs. 1 lit. f DSGVO mit § 24 Abs. 1 Nr. 1 BDSG). Ohne Beschluss entscheiden Sie; geben Sie nur heraus, was der genannte Zweck erfordert.'
      },
      fields: POLICE_REQUEST_FIELDS,
      originalsByDefault: false,
      voluntary: true
    },
    {
      code: 'emergency',
      jurisdiction: 'eu-de',
      title: { en: 'Emergency: danger to life or limb', de: 'Notfall: Gefahr für Leib oder Leben' },
      explanation: {
        en: 'Someone is in imminent danger of death or serious injury and the footage can help, which protects their vital interests (Art. 6(1)(d) GDPR). Whether there is such an emergency is your own decision, not the requester’s.',
        de: 'Jemand ist in unmittelbarer Gefahr für Leib oder Leben und die Aufnahmen können helfen; das schützt lebenswichtige Interessen (Art. 6 Abs. 1 lit. d DSGVO). Ob ein solcher Notfall vorliegt, entscheiden Sie selbst, nicht die anfragende Stelle.'
      },
      fields: EMERGENCY_FIELDS,
      originalsByDefault: false,
      voluntary: true
    },
    {
      code: 'consent',
      jurisdiction: 'eu-de',
      title: { en: 'Consent of the person shown', de: 'Einwilligung der gezeigten Person' },
      explanation: {
        en: 'The person shown agreed to this disclosure (Art. 6(1)(a) GDPR). Consent covers only that person: everyone else stays redacted; keep the written consent.',
        de: 'Die gezeigte Person hat in diese Herausgabe eingewilligt (Art. 6 Abs. 1 lit. a DSGVO). Die Einwilligung gilt nur für sie: alle anderen bleiben unkenntlich; bewahren Sie die schriftliche Einwilligung auf.'
      },
      fields: CONSENT_FIELDS,
      originalsByDefault: false,
      voluntary: true
    },
    {
      code: 'own_complaint',
      jurisdiction: 'eu-de',
      title: { en: 'Your own criminal complaint (Strafanzeige)', de: 'Eigene Strafanzeige' },
      explanation: {
        en: 'You report a crime yourself and hand over footage to support it, which is allowed where necessary to prosecute the crime, unless the interests of the people shown prevail (Art. 6(1)(f) GDPR with § 24(1) no. 1 BDSG).',
        de: 'Sie zeigen selbst eine Straftat an und geben Aufnahmen zur Unterstützung heraus; das ist zulässig, soweit es zur Verfolgung erforderlich ist und die Interessen der Gezeigten nicht überwiegen (Art. 6 Abs. 1 lit. f DSGVO mit § 24 Abs. 1 Nr. 1 BDSG).'
      },
      fields: COMPLAINT_FIELDS,
      originalsByDefault: false,
      voluntary: true
    },
    {
      code: 'access_request',
      jurisdiction: 'eu-de',
      title: { en: 'Access request of the person shown (Art. 15 GDPR)', de: 'Auskunftsersuchen der gezeigten Person (Art. 15 DSGVO)' },
      explanation: {
        en: 'A person shown in your footage has the right to a copy of the footage of themselves (Art. 15 GDPR). Everyone else in it must be masked (Art. 15(4) GDPR).',
        de: 'Eine in Ihren Aufnahmen gezeigte Person hat das Recht auf eine Kopie der Aufnahmen von sich (Art. 15 DSGVO). Alle anderen darin müssen unkenntlich gemacht werden (Art. 15 Abs. 4 DSGVO).'
      },
      fields: ACCESS_FIELDS,
      originalsByDefault: false,
      voluntary: false,
      requesterIsSubject: true
    }
  ],
  uk: [
    {
      code: 'court_order',
      jurisdiction: 'uk',
      title: { en: 'Court order or production order', de: 'Gerichtsbeschluss oder Herausgabeanordnung (production order)' },
      explanation: {
        en: 'A court or production order requires you to hand over the recording, so disclosure is a legal obligation (UK GDPR Art. 6(1)(c)). Police expect the original recording as the master exhibit.',
        de: 'Ein Gerichtsbeschluss oder eine production order verpflichtet Sie zur Herausgabe; sie ist dann eine rechtliche Pflicht (UK GDPR Art. 6 Abs. 1 lit. c). Die Polizei erwartet die Originalaufnahme als Hauptbeweisstück.'
      },
      fields: ORDER_FIELDS,
      originalsByDefault: true,
      voluntary: false
    },
    {
      code: 'police_request',
      jurisdiction: 'uk',
      title: { en: 'Police request without an order', de: 'Polizeiliche Anfrage ohne Beschluss' },
      explanation: {
        en: 'You may disclose footage to prevent or detect crime (UK GDPR Art. 6(1)(f) with the crime and taxation exemption, DPA 2018 Schedule 2 paragraph 2). Without an order you decide; share only what the stated purpose needs.',
        de: 'Sie dürfen Aufnahmen zur Verhütung oder Aufklärung von Straftaten herausgeben (UK GDPR Art. 6 Abs. 1 lit. f mit der Ausnahme für Straftaten und Steuern, DPA 2018 Anhang 2 Absatz 2). Ohne Beschluss entscheiden Sie; geben Sie nur heraus, was der genannte Zweck erfordert.'
      },
      fields: POLICE_REQUEST_FIELDS,
      originalsByDefault: false,
      voluntary: true
    },
    {
      code: 'emergency',
      jurisdiction: 'uk',
      title: { en: 'Emergency: danger to life or health', de: 'Notfall: Gefahr für Leib oder Leben' },
      explanation: {
        en: 'Someone is in imminent danger of death or serious injury and the footage can help, which protects their vital interests (UK GDPR Art. 6(1)(d)). Whether there is such an emergency is your own decision, not the requester’s.',
        de: 'Jemand ist in unmittelbarer Gefahr für Leib oder Leben und die Aufnahmen können helfen; das schützt lebenswichtige Interessen (UK GDPR Art. 6 Abs. 1 lit. d). Ob ein solcher Notfall vorliegt, entscheiden Sie selbst, nicht die anfragende Stelle.'
      },
      fields: EMERGENCY_FIELDS,
      originalsByDefault: false,
      voluntary: true
    },
    {
      code: 'consent',
      jurisdiction: 'uk',
      title: { en: 'Consent of the person shown', de: 'Einwilligung der gezeigten Person' },
      explanation: {
        en: 'The person shown agreed to this disclosure (UK GDPR Art. 6(1)(a)). Consent covers only that person: everyone else stays redacted; keep the written consent.',
        de: 'Die gezeigte Person hat in diese Herausgabe eingewilligt (UK GDPR Art. 6 Abs. 1 lit. a). Die Einwilligung gilt nur für sie: alle anderen bleiben unkenntlich; bewahren Sie die schriftliche Einwilligung auf.'
      },
      fields: CONSENT_FIELDS,
      originalsByDefault: false,
      voluntary: true
    },
    {
      code: 'own_complaint',
      jurisdiction: 'uk',
      title: { en: 'Your own report to the police', de: 'Eigene Anzeige bei der Polizei' },
      explanation: {
        en: 'You report a crime yourself and hand over footage to support it (UK GDPR Art. 6(1)(f) with the crime and taxation exemption, DPA 2018 Schedule 2 paragraph 2).',
        de: 'Sie zeigen selbst eine Straftat an und geben Aufnahmen zur Unterstützung heraus (UK GDPR Art. 6 Abs. 1 lit. f mit der Ausnahme für Straftaten und Steuern, DPA 2018 Anhang 2 Absatz 2).'
      },
      fields: COMPLAINT_FIELDS,
      originalsByDefault: false,
      voluntary: true
    },
    {
      code: 'access_request',
      jurisdiction: 'uk',
      title: { en: 'Subject access request', de: 'Auskunftsersuchen der gezeigten Person (subject access request)' },
      explanation: {
        en: 'A person shown in your footage may ask for a copy of the footage of themselves (UK GDPR Art. 15); the ICO expects an answer within one month. Everyone else in it must be masked.',
        de: 'Eine in Ihren Aufnahmen gezeigte Person kann eine Kopie der Aufnahmen von sich verlangen (UK GDPR Art. 15); die ICO erwartet eine Antwort innerhalb eines Monats. Alle anderen darin müssen unkenntlich gemacht werden.'
      },
      fields: ACCESS_FIELDS,
      originalsByDefault: false,
      voluntary: false,
      requesterIsSubject: true
    }
  ],
  us: [
    {
      code: 'court_order',
      jurisdiction: 'us',
      title: { en: 'Court order, search warrant or subpoena', de: 'Gerichtsbeschluss, Durchsuchungsbefehl oder Subpoena' },
      explanation: {
        en: 'Police served a subpoena, court order or search warrant that requires you to produce the recording. Hand over what it names, no more.',
        de: 'Die Polizei hat eine Subpoena, einen Gerichtsbeschluss oder einen Durchsuchungsbefehl vorgelegt, der Sie zur Herausgabe der Aufnahmen verpflichtet. Geben Sie heraus, was darin genannt ist, nicht mehr.'
      },
      fields: ORDER_FIELDS,
      originalsByDefault: true,
      voluntary: false
    },
    {
      code: 'police_request',
      jurisdiction: 'us',
      title: { en: 'Police request without legal process', de: 'Polizeiliche Anfrage ohne gerichtliche Anordnung' },
      explanation: {
        en: 'Police asked without a subpoena, order or warrant. Voluntary disclosure by the owner is lawful, and it is entirely your choice; share only what the stated purpose needs.',
        de: 'Die Polizei hat ohne Subpoena, Beschluss oder Durchsuchungsbefehl angefragt. Eine freiwillige Herausgabe durch den Eigentümer ist zulässig und allein Ihre Entscheidung; geben Sie nur heraus, was der genannte Zweck erfordert.'
      },
      fields: POLICE_REQUEST_FIELDS,
      originalsByDefault: false,
      voluntary: true
    },
    {
      code: 'emergency',
      jurisdiction: 'us',
      title: { en: 'Emergency (exigent circumstances)', de: 'Notfall (exigent circumstances)' },
      explanation: {
        en: 'Someone is in imminent danger of death or serious physical injury and the footage can help. Providers such as Ring disclose in such cases without asking the owner (18 U.S.C. § 2702(b)(8)); with Vigil the decision is yours alone.',
        de: 'Jemand ist in unmittelbarer Gefahr für Leib oder Leben und die Aufnahmen können helfen. Anbieter wie Ring geben in solchen Fällen ohne Rückfrage beim Eigentümer heraus (18 U.S.C. § 2702(b)(8)); bei Vigil entscheiden allein Sie.'
      },
      fields: EMERGENCY_FIELDS,
      originalsByDefault: false,
      voluntary: true
    },
    {
      code: 'consent',
      jurisdiction: 'us',
      title: { en: 'Consent of the person shown', de: 'Einwilligung der gezeigten Person' },
      explanation: {
        en: 'The person shown agreed to this disclosure, for example when they ask for footage of themselves. Consent covers only that person: everyone else stays redacted; keep the written consent.',
        de: 'Die gezeigte Person hat in diese Herausgabe eingewilligt, etwa wenn sie Aufnahmen von sich selbst erbittet. Die Einwilligung gilt nur für sie: alle anderen bleiben unkenntlich; bewahren Sie die schriftliche Einwilligung auf.'
      },
      fields: CONSENT_FIELDS,
      originalsByDefault: false,
      voluntary: true
    },
    {
      code: 'own_complaint',
      jurisdiction: 'us',
      title: { en: 'Your own report to the police', de: 'Eigene Anzeige bei der Polizei' },
      explanation: {
        en: 'You report a crime yourself and hand over footage to support it. This is a voluntary disclosure by the owner, which is lawful.',
        de: 'Sie zeigen selbst eine Straftat an und geben Aufnahmen zur Unterstützung heraus. Das ist eine freiwillige Herausgabe durch den Eigentümer und zulässig.'
      },
      fields: COMPLAINT_FIELDS,
      originalsByDefault: false,
      voluntary: true
    }
  ]
}

/** Bases a jurisdiction deliberately lacks, with the reason the wizard can show. */
export const OMITTED_BASES: Record<Jurisdiction, Array<{ code: string; reason: Text }>> = {
  'eu-de': [],
  uk: [],
  us: [
    {
      code: 'access_request',
      reason: {
        en: 'US law gives no general right to a copy of one’s own footage from a private camera. When someone asks for footage of themselves, hand it over with their consent ("Consent of the person shown").',
        de: 'Das US-Recht kennt keinen allgemeinen Anspruch auf eine Kopie eigener Aufnahmen aus einer privaten Kamera. Bittet jemand um Aufnahmen von sich, geben Sie sie mit seiner Einwilligung heraus („Einwilligung der gezeigten Person“).'
      }
    }
  ]
}

export function isJurisdiction(value: string): value is Jurisdiction {
  return (JURISDICTIONS as readonly string[]).includes(value)
}

/** The catalog in the order the wizard shows it; the wizard must not pre-select any entry. */
export function listLegalBases(jurisdiction: Jurisdiction): readonly LegalBasis[] {
  return CATALOG[jurisdiction]
}

export function legalBasis(jurisdiction: Jurisdiction, code: string): LegalBasis | undefined {
  return CATALOG[jurisdiction].find((b) => b.code === code)
}

export interface FieldError {
  /** A field name, or 'basis' when the basis itself is unknown. */
  field: string
  message: Text
}

export type ValidationResult = { ok: true } | { ok: false; errors: FieldError[] }

/** True for a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return false
  const [year, month, day] = match.slice(1).map(Number)
  const parsed = new Date(Date.UTC(year, month - 1, day))
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day
}

/**
 * Checks a filled-in request (REQUEST_FIELDS plus the basis' own fields) before the owner may confirm.
 * Unknown field names are errors too, so what gets logged is exactly what was checked.
 */
export function validateRequest(jurisdiction: Jurisdiction, code: string, fields: Record<string, string>): ValidationResult {
  const basis = legalBasis(jurisdiction, code)
  if (!basis) {
    const codes = CATALOG[jurisdiction].map((b) => b.code).join(', ')
    return {
      ok: false,
      errors: [
        {
          field: 'basis',
          message: {
            en: `Unknown legal basis "${code}" for ${jurisdiction} (expected one of: ${codes})`,
            de: `Unbekannte Rechtsgrundlage „${code}“ für ${jurisdiction} (erwartet: ${codes})`
          }
        }
      ]
    }
  }
  const errors: FieldError[] = []
  const expected: RequestField[] = [...REQUEST_FIELDS, ...basis.fields]
  for (const field of expected) {
    const raw = fields[field.name]
    const value = typeof raw === 'string' ? raw.trim() : ''
    const label = field.label
    if (value === '') {
      if (field.required) errors.push({ field: field.name, message: { en: `${label.en}: required`, de: `${label.de}: Pflichtangabe` } })
      continue
    }
    const max = field.kind === 'longtext' ? LONGTEXT_MAX_LENGTH : TEXT_MAX_LENGTH
    if (value.length > max) {
      errors.push({ field: field.name, message: { en: `${label.en}: at most ${max} characters`, de: `${label.de}: höchstens ${max} Zeichen` } })
    } else if (field.kind === 'date' && !isIsoDate(value)) {
      errors.push({
        field: field.name,
        message: { en: `${label.en}: expected a date as YYYY-MM-DD, got "${value}"`, de: `${label.de}: Datum als JJJJ-MM-TT erwartet, nicht „${value}“` }
      })
    } else if (field.kind === 'choice' && !field.options?.some((o) => o.value === value)) {
      const allowed = (field.options ?? []).map((o) => o.value).join(', ')
      errors.push({
        field: field.name,
        message: { en: `${label.en}: expected one of ${allowed}, got "${value}"`, de: `${label.de}: erwartet wird ${allowed}, nicht „${value}“` }
      })
    }
  }
  const justification = (fields.justification ?? '').trim()
  if (justification !== '' && justification.length < JUSTIFICATION_MIN_LENGTH) {
    errors.push({
      field: 'justification',
      message: {
        en: `Justification: say in at least ${JUSTIFICATION_MIN_LENGTH} characters why this footage is needed`,
        de: `Begründung: Bitte in mindestens ${JUSTIFICATION_MIN_LENGTH} Zeichen darlegen, warum diese Aufnahmen erforderlich sind`
      }
    })
  }
  if (basis.requesterIsSubject && fields.requesterKind?.trim() === 'authority') {
    errors.push({
      field: 'requesterKind',
      message: {
        en: `${basis.title.en}: the requester must be the person shown, not an authority`,
        de: `${basis.title.de}: Die anfragende Person muss die gezeigte Person sein, keine Behörde`
      }
    })
  }
  const known = new Set(expected.map((f) => f.name))
  for (const name of Object.keys(fields)) {
    if (!known.has(name)) {
      errors.push({
        field: name,
        message: { en: `Unknown field "${name}" for ${basis.title.en}`, de: `Unbekanntes Feld „${name}“ für ${basis.title.de}` }
      })
    }
  }
  return errors.length === 0 ? { ok: true } : { ok: false, errors }
}
