import { describe, expect, it } from 'vitest'
import type { ExportDraft } from '../../../../renderer/api/contract'
import {
  includeOriginals,
  isStarted,
  newWizard,
  NO_REDACTION,
  placeServerErrors,
  redactionStatus,
  renderArgs,
  renderedWith,
  reviveWizard,
  validateContents,
  type RedactionChoice
} from '../../../../renderer/export/wizard'

const REGION = { key: 'region-a', cameraId: 'cam1', label: ' Plate ', box: { x: 0.1, y: 0.2, w: 0.3, h: 0.1 }, from: null, to: 5000 }
const CHOICE: RedactionChoice = { keep: ['cam1#2'], effect: 'fill', regions: [REGION], redactMoving: true }
const RENDERED: ExportDraft['rendered'] = {
  keep: ['cam1#2'],
  effect: 'fill',
  // The server may give the box's keys in another order; the label comes back trimmed.
  regions: [{ cameraId: 'cam1', label: 'Plate', box: { w: 0.3, h: 0.1, x: 0.1, y: 0.2 }, from: null, to: 5000 }],
  redactMoving: true
}
const TRACKS = ['cam1#1', 'cam1#2'].map((key, index) => ({ key, cameraId: 'cam1', trackId: index + 1, kind: 'person' as const, label: `Person ${index + 1}`, start: 0, end: 1, thumbnail: null }))

describe('the export wizard’s rules', () => {
  it('starts empty: nothing chosen, no basis, nobody kept', () => {
    const wizard = newWizard()
    expect(wizard.step).toBe(1)
    expect(wizard.basis).toBeNull()
    expect(wizard.redaction).toEqual(NO_REDACTION)
    expect(isStarted(wizard)).toBe(false)
    expect(isStarted({ ...wizard, request: { requesterName: 'x' } })).toBe(true)
    expect(isStarted({ ...wizard, request: { requesterName: '  ' } })).toBe(false)
  })

  it('reads a stored wizard back, and refuses what is not one', () => {
    const stored = JSON.parse(JSON.stringify({ ...newWizard(), step: 3, basis: 'consent', request: { a: 'b', n: 5 }, redaction: { ...CHOICE, regions: [{ ...REGION, key: undefined }] } }))
    const revived = reviveWizard(stored)!
    expect(revived.step).toBe(3)
    expect(revived.request).toEqual({ a: 'b' })
    expect(revived.redaction.regions[0].key).toBe('region-1')
    expect(reviveWizard(null)).toBeNull()
    expect(reviveWizard({ step: 9, request: {}, scope: {} })).toBeNull()
    expect(reviveWizard('text')).toBeNull()
  })

  it('sends the redaction without the wizard’s own keys and without people the analysis does not know', () => {
    const args = renderArgs({ ...CHOICE, keep: ['cam1#2', 'cam1#9'] }, ['cam1#1', 'cam1#2'])
    expect(args.keep).toEqual(['cam1#2'])
    expect(args.regions).toEqual([{ cameraId: 'cam1', label: 'Plate', box: REGION.box, from: null, to: 5000 }])
    expect(args.regions[0]).not.toHaveProperty('key')
  })

  it('knows whether the copies were rendered with the current choice', () => {
    expect(renderedWith(RENDERED, CHOICE)).toBe(true)
    expect(renderedWith(null, CHOICE)).toBe(false)
    expect(renderedWith(RENDERED, { ...CHOICE, effect: 'pixelate' })).toBe(false)
    expect(renderedWith(RENDERED, { ...CHOICE, keep: [] })).toBe(false)
    expect(renderedWith(RENDERED, { ...CHOICE, regions: [{ ...REGION, box: { ...REGION.box, x: 0.2 } }] })).toBe(false)
    expect(renderedWith({ ...RENDERED!, keep: ['cam1#2', 'cam1#1'] }, { ...CHOICE, keep: ['cam1#1', 'cam1#2'] })).toBe(true)
  })

  it('lets the user on from step 3 only with copies of the current choice', () => {
    const draft = (stage: ExportDraft['stage'], rendered: ExportDraft['rendered'] = null) => ({ stage, rendered, tracks: TRACKS })
    expect(redactionStatus(null, CHOICE)).toBe('pending')
    expect(redactionStatus(draft('scope'), CHOICE)).toBe('pending')
    expect(redactionStatus(draft('analyzing'), CHOICE)).toBe('analyzing')
    expect(redactionStatus(draft('analyzed'), CHOICE)).toBe('analyzed')
    expect(redactionStatus(draft('rendering'), CHOICE)).toBe('rendering')
    expect(redactionStatus(draft('failed'), CHOICE)).toBe('failed')
    expect(redactionStatus(draft('rendered', RENDERED), CHOICE)).toBe('ready')
    expect(redactionStatus(draft('rendered', RENDERED), { ...CHOICE, redactMoving: false })).toBe('stale')
    // A kept person the analysis no longer knows does not make the copy stale.
    expect(redactionStatus(draft('rendered', RENDERED), { ...CHOICE, keep: ['cam1#2', 'cam9#1'] })).toBe('ready')
  })

  it('includes the originals as the basis suggests unless the user decided', () => {
    const contents = { originals: null, snapshots: false, zip: false }
    expect(includeOriginals(contents, { originalsByDefault: true })).toBe(true)
    expect(includeOriginals(contents, { originalsByDefault: false })).toBe(false)
    expect(includeOriginals({ ...contents, originals: false }, { originalsByDefault: true })).toBe(false)
    expect(includeOriginals({ ...contents, originals: true }, null)).toBe(true)
    expect(includeOriginals(contents, null)).toBe(false)
  })

  it('needs a passphrase of 12 characters typed twice alike for an encrypted ZIP', () => {
    const zip = { originals: null, snapshots: false, zip: true }
    expect(validateContents({ ...zip, zip: false }, '', '')).toEqual({})
    expect(validateContents(zip, 'short', 'short')).toEqual({ zipPassphrase: 'passphraseShort' })
    expect(validateContents(zip, 'correct horse battery', 'correct horse batterY')).toEqual({ zipPassphraseConfirm: 'passphraseMismatch' })
    expect(validateContents(zip, 'correct horse battery', 'correct horse battery')).toEqual({})
  })

  it('puts the server’s field messages on the steps they belong to', () => {
    const names = ['requesterName', 'caseNumber', 'justification', 'court']
    const placed = placeServerErrors(
      {
        'request.caseNumber': 'too long',
        justification: 'too short',
        basis: 'unknown basis',
        zipPassphrase: 'At least 12 characters',
        to: 'The end must be after the start',
        'cameraIds.0': 'unknown camera',
        'request.statedPurpose': 'Unknown field',
        language: 'Expected en or de'
      },
      names
    )
    expect(placed.step).toBe(1)
    expect(placed.request).toEqual({ caseNumber: 'too long', justification: 'too short', basis: 'unknown basis' })
    expect(placed.scope).toEqual({ to: 'The end must be after the start', cameras: 'unknown camera' })
    expect(placed.contents).toEqual({ zipPassphrase: 'At least 12 characters' })
    expect(placed.other).toEqual(['language: Expected en or de'])
    expect(placeServerErrors({ zipPassphrase: 'x' }, names).step).toBe(4)
    expect(placeServerErrors({ 'request.statedPurpose': 'Unknown field' }, names).request).toEqual({ basis: 'statedPurpose: Unknown field' })
    expect(placeServerErrors({}, names).step).toBeNull()
  })
})
