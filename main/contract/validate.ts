import { z } from 'zod'
import { VigilError } from './errors'
import { methodSchemas, type MethodName, type MethodParams } from './methods'

/** Validates one call's arguments; a failure names every bad field so the UI can mark it. */
export function parseArgs<M extends MethodName>(method: M, args: unknown): MethodParams<M> {
  const result = (methodSchemas[method] as z.ZodType).safeParse(args ?? {})
  if (result.success) return result.data as MethodParams<M>
  const fields: Record<string, string> = {}
  for (const issue of result.error.issues) {
    const path = issue.path.join('.') || '(arguments)'
    fields[path] ??= issue.message
  }
  const summary = Object.entries(fields)
    .map(([field, message]) => `${field}: ${message}`)
    .join('; ')
  throw new VigilError('VALIDATION', `Invalid arguments for ${method}: ${summary}`, fields)
}
