// HTTP byte ranges (RFC 9110 §14) for recorded segments, shared by the headless server and the desktop's
// vigil-media: protocol so both answer a seek the same way. Pure: the caller reads the bytes.

/** What to send for one request: the status, the headers that describe the body, and the byte span. */
export type RangePlan =
  | { status: 200; start: 0; end: number; headers: Record<string, string> }
  | { status: 206; start: number; end: number; headers: Record<string, string> }
  | { status: 416; headers: Record<string, string> }

export type ParsedRange = { kind: 'none' } | { kind: 'range'; start: number; end: number } | { kind: 'unsatisfiable' }

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/

/**
 * Reads a Range header against a file of `size` bytes; `end` is inclusive. Anything this server does not
 * serve as a slice (no header, other units, several ranges, malformed or reversed specs) is `none`: the
 * RFC lets a server ignore such a header and send the whole file. A well-formed range that starts past the
 * end, or a zero-length suffix, is `unsatisfiable` (416).
 */
export function parseRange(header: string | null | undefined, size: number): ParsedRange {
  if (!header) return { kind: 'none' }
  const match = SINGLE_RANGE.exec(header.trim().replace(/\s+/g, ''))
  if (!match) return { kind: 'none' }
  const [, first, last] = match
  if (first === '' && last === '') return { kind: 'none' }
  if (first === '') {
    // Suffix range: the last N bytes.
    const suffix = Number(last)
    if (!Number.isSafeInteger(suffix)) return { kind: 'none' }
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' }
    return { kind: 'range', start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(first)
  const end = last === '' ? size - 1 : Number(last)
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) return { kind: 'none' }
  if (last !== '' && end < start) return { kind: 'none' }
  if (start >= size) return { kind: 'unsatisfiable' }
  return { kind: 'range', start, end: Math.min(end, size - 1) }
}

/** Status, headers and span for a GET or HEAD of a file of `size` bytes. */
export function planRange(header: string | null | undefined, size: number, contentType: string): RangePlan {
  const common = { 'Accept-Ranges': 'bytes', 'Content-Type': contentType, 'Cache-Control': 'no-store' }
  const range = parseRange(header, size)
  if (range.kind === 'unsatisfiable') {
    return { status: 416, headers: { 'Accept-Ranges': 'bytes', 'Content-Range': `bytes */${size}`, 'Cache-Control': 'no-store' } }
  }
  if (range.kind === 'none') {
    return { status: 200, start: 0, end: size - 1, headers: { ...common, 'Content-Length': String(size) } }
  }
  return {
    status: 206,
    start: range.start,
    end: range.end,
    headers: {
      ...common,
      'Content-Length': String(range.end - range.start + 1),
      'Content-Range': `bytes ${range.start}-${range.end}/${size}`
    }
  }
}
