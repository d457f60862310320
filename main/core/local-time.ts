// Instants as people read them in messages: this machine's time zone (the recorder's, in which the UI shows
// times), "2026-11-24 06:40:00", never UTC ISO strings.

export function localDateTime(epochMs: number, withMs = false): string {
  const d = new Date(epochMs)
  const two = (n: number) => String(n).padStart(2, '0')
  const seconds = `${two(d.getSeconds())}${withMs ? `.${String(d.getMilliseconds()).padStart(3, '0')}` : ''}`
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${seconds}`
}
