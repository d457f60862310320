// Small statistics and text-table helpers for the live benchmark's output.
import { firstLine, machine as baseMachine } from './machine'

/** Nearest-rank percentile (p in 0..100) of the values; NaN for none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]
}

export const median = (values: number[]) => percentile(values, 50)
export const max = (values: number[]) => (values.length ? Math.max(...values) : NaN)
export const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN)
export const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN)

export interface Summary {
  n: number
  p50: number
  p95: number
  max: number
  mean: number
}

export function summarize(values: number[]): Summary {
  return { n: values.length, p50: median(values), p95: percentile(values, 95), max: max(values), mean: mean(values) }
}

/** Numbers drop nulls (failed samples); their count is reported next to the figure. */
export const present = (values: (number | null)[]) => values.filter((v): v is number => v !== null)

/** A number with `digits` decimals; one that rounds to zero prints as 0, not -0.00. */
export function fixed(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return 'n/a'
  return (Math.abs(value) < 0.5 * 10 ** -digits ? 0 : value).toFixed(digits)
}
export const ms = (value: number, digits = 0) => (Number.isFinite(value) ? `${value.toFixed(digits)} ms` : 'n/a')
export const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL')

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i])).join(' | ')} |`
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n')
}

export function machine() {
  return baseMachine({ chromium: firstLine(process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium', ['--version']).trim() })
}
