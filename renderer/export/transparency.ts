// A yearly transparency summary from the export log: how many exports, on which legal basis, to whom. Only
// 'export' entries count (a package's 'export_sealed' entry belongs to its export). Years are UTC calendar
// years, like log.list's year filter. Pure.
import type { LogEntryView } from '../api/contract'

export interface Count {
  /** A basis code, or the recipient as first written; null when the entry names none. */
  key: string | null
  count: number
}

export interface YearSummary {
  year: number
  exports: number
  byBasis: Count[]
  byRecipient: Count[]
}

export const yearOf = (at: number) => new Date(at).getUTCFullYear()

/** "eu-de:court_order" and "court_order" are the same basis. */
export const basisCode = (basis: string | null) => (basis ? basis.slice(basis.lastIndexOf(':') + 1) : null)

function tally(values: readonly (string | null)[], normalise: (value: string) => string): Count[] {
  const counts = new Map<string | null, Count>()
  for (const value of values) {
    const trimmed = value?.trim() || null
    const id = trimmed === null ? null : normalise(trimmed)
    const count = counts.get(id)
    if (count) count.count += 1
    else counts.set(id, { key: trimmed, count: 1 })
  }
  // Most first; equal counts alphabetically, the unnamed last.
  return [...counts.values()].sort((a, b) => b.count - a.count || (a.key === null ? 1 : b.key === null ? -1 : a.key.localeCompare(b.key)))
}

export function transparencySummary(entries: readonly LogEntryView[]): YearSummary[] {
  const years = new Map<number, LogEntryView[]>()
  for (const entry of entries) {
    if (entry.kind !== 'export') continue
    const year = yearOf(entry.at)
    years.set(year, [...(years.get(year) ?? []), entry])
  }
  return [...years.entries()]
    .sort(([a], [b]) => b - a)
    .map(([year, list]) => ({
      year,
      exports: list.length,
      byBasis: tally(
        list.map((entry) => basisCode(entry.basis)),
        (code) => code
      ),
      // The same authority typed in another case is the same recipient.
      byRecipient: tally(
        list.map((entry) => entry.recipient),
        (name) => name.toLocaleLowerCase().replace(/\s+/g, ' ')
      )
    }))
}

/** The years the log has entries in, newest first (for the year filter). */
export function logYears(entries: readonly Pick<LogEntryView, 'at'>[]): number[] {
  return [...new Set(entries.map((entry) => yearOf(entry.at)))].sort((a, b) => b - a)
}
