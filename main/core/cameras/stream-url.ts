/** Splits user:pass out of a stream URL: credentials are stored apart (encrypted), never inside the URL. */
export function splitCredentials(raw: string): { url: string; username: string | null; password: string | null } {
  const url = new URL(raw)
  const username = url.username ? decodeLenient(url.username) : null
  const password = url.password ? decodeLenient(url.password) : null
  url.username = ''
  url.password = ''
  return { url: url.toString(), username, password }
}

/** "100%" is a valid password a user may type into a URL; it is not a broken escape to reject. */
function decodeLenient(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** The URL handed to ffmpeg: the stored URL with the credentials put back, percent-encoded. */
export function withCredentials(url: string, username: string | null, password: string | null): string {
  if (!username && !password) return url
  const parsed = new URL(url)
  parsed.username = encodeURIComponent(username ?? '')
  parsed.password = encodeURIComponent(password ?? '')
  return parsed.toString()
}
