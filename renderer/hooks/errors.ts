// Whatever was thrown, as the contract's error payload (code + message + fields).
import { VigilError, isErrorPayload, type ErrorPayload } from '../api/contract'

export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof VigilError) return error.toPayload()
  if (isErrorPayload(error)) return error
  const message = error instanceof Error ? error.message : String(error)
  return { code: 'INTERNAL', message }
}
