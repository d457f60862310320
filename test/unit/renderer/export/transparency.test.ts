import { describe, expect, it } from 'vitest'
import type { LogEntryView } from '../../../../renderer/api/contract'
import { basisCode, logYears, transparencySummary } from '../../../../renderer/export/transparency'

let nextId = 1
function entry(kind: LogEntryView['kind'], at: string, recipient: string | null = null, basis: string | null = null): LogEntryView {
  return { id: nextId++, at: Date.parse(at), kind, recipient, basis, caseNumber: null, cameras: [], range: null, packageId: null, hash: 'h', prevHash: 'p', payload: {} }
}

const LOG = [
  entry('hold_placed', '2024-03-01T10:00:00Z'),
  entry('export', '2024-03-02T10:00:00Z', 'Polizei Köln', 'court_order'),
  entry('export_sealed', '2024-03-02T10:01:00Z'),
  entry('export', '2024-07-02T10:00:00Z', ' polizei  köln', 'eu-de:police_request'),
  entry('export', '2024-12-31T23:30:00Z', 'Anna Schmidt', 'access_request'),
  entry('export', '2025-01-01T00:30:00Z', 'Polizei Bonn', 'court_order'),
  entry('export', '2025-02-01T00:30:00Z', null, 'court_order'),
  entry('hold_released', '2026-01-01T00:00:00Z')
]

describe('transparency summary', () => {
  it('counts exports per UTC year, newest year first, ignoring holds and seals', () => {
    const summary = transparencySummary(LOG)
    expect(summary.map((year) => [year.year, year.exports])).toEqual([
      [2025, 2],
      [2024, 3]
    ])
  })

  it('counts by basis (with or without jurisdiction) and by recipient (spelling aside)', () => {
    const [y2025, y2024] = transparencySummary(LOG)
    expect(y2024.byBasis).toEqual([
      { key: 'access_request', count: 1 },
      { key: 'court_order', count: 1 },
      { key: 'police_request', count: 1 }
    ])
    expect(y2024.byRecipient).toEqual([
      { key: 'Polizei Köln', count: 2 },
      { key: 'Anna Schmidt', count: 1 }
    ])
    expect(y2025.byBasis).toEqual([{ key: 'court_order', count: 2 }])
    // An entry without a recipient is counted, unnamed, last.
    expect(y2025.byRecipient).toEqual([
      { key: 'Polizei Bonn', count: 1 },
      { key: null, count: 1 }
    ])
  })

  it('is empty without exports, and lists the years for the filter', () => {
    expect(transparencySummary([])).toEqual([])
    expect(transparencySummary([entry('hold_placed', '2024-01-01T00:00:00Z')])).toEqual([])
    expect(logYears(LOG)).toEqual([2026, 2025, 2024])
    expect(basisCode('uk:consent')).toBe('consent')
    expect(basisCode(null)).toBeNull()
  })
})
