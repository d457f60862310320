// Stable error codes. The UI maps each code to translated text; messages are for logs and the CLI.
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CAMERA_NOT_FOUND',
  'CAMERA_NAME_TAKEN',
  'INVALID_URL',
  'PROBE_HOST_NOT_FOUND',
  'PROBE_HOST_UNREACHABLE',
  'PROBE_CONNECTION_REFUSED',
  'PROBE_UNAUTHORIZED',
  'PROBE_PATH_NOT_FOUND',
  'PROBE_TIMEOUT',
  'PROBE_NO_VIDEO',
  'PROBE_UNSUPPORTED_CODEC',
  'PROBE_FAILED',
  'FFMPEG_NOT_FOUND',
  'FFMPEG_EXITED',
  'RECORDING_STALLED',
  'DISK_FULL',
  'CREDENTIALS_UNREADABLE',
  'UNAUTHENTICATED',
  'RATE_LIMITED',
  'FORBIDDEN',
  'INTERNAL'
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ErrorPayload {
  code: ErrorCode
  message: string
  /** Field-level problems for VALIDATION: path ("mainUrl") -> message. */
  fields?: Record<string, string>
}

export class VigilError extends Error {
  readonly code: ErrorCode
  readonly fields?: Record<string, string>

  constructor(code: ErrorCode, message: string, fields?: Record<string, string>) {
    super(message)
    this.name = 'VigilError'
    this.code = code
    this.fields = fields
  }

  toPayload(): ErrorPayload {
    return { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) }
  }

  static fromPayload(payload: ErrorPayload): VigilError {
    return new VigilError(payload.code, payload.message, payload.fields)
  }
}

export function isErrorPayload(value: unknown): value is ErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorPayload).code === 'string' &&
    (ERROR_CODES as readonly string[]).includes((value as ErrorPayload).code) &&
    typeof (value as ErrorPayload).message === 'string'
  )
}
