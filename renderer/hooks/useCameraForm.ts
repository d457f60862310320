// State of the add/edit camera form: text values, the arguments they become, and field errors from the server.
import { useCallback, useState } from 'react'
import type { Camera, ErrorPayload, MethodArgs } from '../api/contract'
import type { MessageKey } from '../i18n'

export interface CameraFormValues {
  name: string
  location: string
  mainUrl: string
  subUrl: string
  username: string
  password: string
  removePassword: boolean
  retentionHours: string
}

export const FORM_FIELDS = ['name', 'location', 'mainUrl', 'subUrl', 'username', 'password', 'retentionHours'] as const
export type FormField = (typeof FORM_FIELDS)[number]

export const DEFAULT_RETENTION_HOURS = 72

/** A field's problem as a text key (translated when shown) plus the server's message. */
export interface FieldProblem {
  key: MessageKey
  detail: string
}
export type FieldProblems = Partial<Record<FormField, FieldProblem>>

function initialValues(camera: Camera | null): CameraFormValues {
  return {
    name: camera?.name ?? '',
    location: camera?.location ?? '',
    mainUrl: camera?.mainUrl ?? '',
    subUrl: camera?.subUrl ?? '',
    username: camera?.username ?? '',
    password: '',
    removePassword: false,
    retentionHours: String(camera?.retentionHours ?? DEFAULT_RETENTION_HOURS)
  }
}

/** Typed password wins; on edit an empty one means "keep", unless the user asked to remove it. */
function passwordArg(values: CameraFormValues, camera: Camera | null): string | null | undefined {
  if (values.removePassword) return null
  if (values.password) return values.password
  return camera ? undefined : null
}

export function probeArgs(values: CameraFormValues, camera: Camera | null): MethodArgs<'cameras.probe'> {
  const password = passwordArg(values, camera)
  return {
    mainUrl: values.mainUrl.trim(),
    subUrl: values.subUrl.trim() || null,
    username: values.username.trim() || null,
    password: password ?? null,
    ...(camera && password === undefined ? { cameraId: camera.id } : {})
  }
}

export function saveArgs(values: CameraFormValues, camera: Camera | null): MethodArgs<'cameras.add'> {
  const retention = values.retentionHours.trim()
  return {
    name: values.name.trim(),
    location: values.location.trim(),
    mainUrl: values.mainUrl.trim(),
    subUrl: values.subUrl.trim() || null,
    username: values.username.trim() || null,
    password: passwordArg(values, camera),
    retentionHours: retention === '' ? DEFAULT_RETENTION_HOURS : Number(retention)
  }
}

export function useCameraForm(camera: Camera | null) {
  const [values, setValues] = useState(() => initialValues(camera))
  const [fieldErrors, setFieldErrors] = useState<FieldProblems>({})
  const [formError, setFormError] = useState<ErrorPayload | null>(null)

  const setField = useCallback(<K extends keyof CameraFormValues>(key: K, value: CameraFormValues[K]) => {
    setValues((previous) => ({ ...previous, [key]: value }))
    setFieldErrors((previous) => (key in previous ? { ...previous, [key]: undefined } : previous))
  }, [])

  /** Spread a server error over the fields it names; returns false if it is not a form problem. */
  const showError = useCallback(
    (error: ErrorPayload): boolean => {
      const next: FieldProblems = {}
      let unplaced = false
      if (error.code === 'VALIDATION' && error.fields) {
        for (const [path, message] of Object.entries(error.fields)) {
          const field = path.split('.')[0] as FormField
          if (FORM_FIELDS.includes(field)) next[field] = { key: `field.${field}`, detail: message }
          else unplaced = true
        }
      } else if (error.code === 'CAMERA_NAME_TAKEN') {
        next.name = { key: 'error.CAMERA_NAME_TAKEN', detail: error.message }
      } else unplaced = true
      setFieldErrors(next)
      setFormError(unplaced || Object.keys(next).length === 0 ? error : null)
      return true
    },
    []
  )

  const clearErrors = useCallback(() => {
    setFieldErrors({})
    setFormError(null)
  }, [])

  return { values, setField, fieldErrors, formError, showError, clearErrors }
}
