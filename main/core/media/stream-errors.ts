import type { ErrorCode, ErrorPayload } from '../../contract'

// What ffmpeg/ffprobe print for each failure, newest wording first. Kept as data so tests can feed real
// stderr captured from the tools and the mapping stays one table.
const PATTERNS: { code: ErrorCode; pattern: RegExp; message: (host: string) => string }[] = [
  { code: 'PROBE_UNAUTHORIZED', pattern: /401 Unauthorized|Unauthorized/i, message: (h) => `${h} refused the user name or password (RTSP 401)` },
  { code: 'PROBE_PATH_NOT_FOUND', pattern: /404 Not Found|Stream not found/i, message: (h) => `${h} has no stream at this path (RTSP 404): check the URL's path` },
  { code: 'PROBE_CONNECTION_REFUSED', pattern: /Connection refused/i, message: (h) => `${h} refused the connection: nothing listens on that port` },
  { code: 'PROBE_HOST_UNREACHABLE', pattern: /No route to host|Network is unreachable|Host is unreachable/i, message: (h) => `${h} is unreachable from this machine` },
  { code: 'PROBE_HOST_NOT_FOUND', pattern: /Name or service not known|Failed to resolve hostname|Temporary failure in name resolution|nodename nor servname|No address associated/i, message: (h) => `The host name ${h} could not be resolved` },
  { code: 'PROBE_TIMEOUT', pattern: /Connection timed out|timed out|Operation timed out/i, message: (h) => `${h} did not answer in time` },
  { code: 'DISK_FULL', pattern: /No space left on device/i, message: () => 'The disk is full: recording cannot write' }
]

/** Maps a failed ffmpeg/ffprobe run to a specific, actionable error. */
export function classifyStreamError(stderr: string, host: string, timedOut: boolean): ErrorPayload {
  for (const { code, pattern, message } of PATTERNS) {
    if (pattern.test(stderr)) return { code, message: message(host) }
  }
  if (timedOut) return { code: 'PROBE_TIMEOUT', message: `${host} did not answer in time` }
  const lastLine = stderr.trim().split('\n').pop()?.trim()
  return { code: 'PROBE_FAILED', message: `Could not open the stream at ${host}${lastLine ? `: ${lastLine}` : ''}` }
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return 'the camera'
  }
}
