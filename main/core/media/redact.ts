// Credentials must never reach a log line: every printed URL or argv goes through these.

/** rtsp://user:pass@host/path -> rtsp://***:***@host/path; anything unparsable is masked whole after the scheme. */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value)
    if (!url.username && !url.password) return value
    url.username = url.username ? '***' : ''
    url.password = url.password ? '***' : ''
    return url.toString()
  } catch {
    return value.replace(/\/\/[^@/]*@/, '//***:***@')
  }
}

/** Redacts every argument that looks like a URL with credentials (the value after -i, and any other). */
export function redactArgs(args: readonly string[]): string[] {
  return args.map((arg) => (/^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(arg) ? redactUrl(arg) : arg))
}

/** Scrubs a known secret (a password) from free text such as ffmpeg's stderr, which may echo URLs. */
export function scrubSecrets(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/\s@]*@/gi, '$1***:***@')
  for (const secret of secrets) {
    if (secret && secret.length >= 3) out = out.split(secret).join('***')
    if (secret && secret.length >= 3) out = out.split(encodeURIComponent(secret)).join('***')
  }
  return out
}
