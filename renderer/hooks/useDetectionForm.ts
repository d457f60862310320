// State of a camera's detection settings form: the stored settings, the draft the inputs edit, saving only
// what changed, and the server's validation messages placed on their inputs.
import { useCallback, useState } from 'react'
import type { DetectionSettings, ErrorPayload } from '../api/contract'
import { isDirty, placeErrors, toDraft, toPatch, type DetectionDraft, type PlacedErrors } from '../detection/draft'
import { useAction } from './useAction'
import { useApi } from './useConnection'
import { useNotices } from './useNotices'

const NO_ERRORS: PlacedErrors = { fields: {}, zones: {}, other: [] }

export type DraftUpdate = <S extends keyof DetectionDraft>(section: S, change: Partial<DetectionDraft[S]>) => void

/** Drops the messages of a section that is being edited (they are about the old value). */
function withoutSection(errors: PlacedErrors, section: keyof DetectionDraft): PlacedErrors {
  const fields = Object.fromEntries(Object.entries(errors.fields).filter(([field]) => !field.startsWith(`${section}.`)))
  return { fields, zones: section === 'motion' ? {} : errors.zones, other: errors.other }
}

export function useDetectionForm(settings: DetectionSettings) {
  const api = useApi()
  const { notifySuccess } = useNotices()
  const { busy, run } = useAction()
  const [stored, setStored] = useState(settings)
  const [draft, setDraft] = useState(() => toDraft(settings))
  const [errors, setErrors] = useState<PlacedErrors>(NO_ERRORS)
  const [formError, setFormError] = useState<ErrorPayload | null>(null)

  const update: DraftUpdate = useCallback((section, change) => {
    setDraft((previous) => ({ ...previous, [section]: { ...previous[section], ...change } }))
    setErrors((previous) => withoutSection(previous, section))
  }, [])

  const save = async () => {
    const patch = toPatch(stored, draft)
    if (Object.keys(patch).length === 0) return
    setErrors(NO_ERRORS)
    setFormError(null)
    const saved = await run(() => api['detection.set']({ cameraId: stored.cameraId, ...patch }), {
      onError: (error) => {
        if (error.code !== 'VALIDATION' || !error.fields) {
          setFormError(error)
          return true
        }
        setErrors(placeErrors(error.fields, draft.motion.zones))
        return true
      }
    })
    if (saved) {
      setStored(saved)
      setDraft(toDraft(saved))
      notifySuccess('detection.saved')
    }
  }

  const discard = () => {
    setDraft(toDraft(stored))
    setErrors(NO_ERRORS)
    setFormError(null)
  }

  return { stored, draft, update, errors, formError, dirty: isDirty(stored, draft), busy, save, discard }
}
