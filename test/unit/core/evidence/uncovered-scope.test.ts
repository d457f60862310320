import { describe, expect, it } from 'vitest'
import { uncoveredScope } from '../../../../main/core/evidence/export-drafts'
import { localDateTime } from '../../../../main/core/local-time'

const T0 = Date.UTC(2026, 10, 24, 7, 0, 0)
const segments = [
  { start: T0, end: T0 + 60_000 },
  { start: T0 + 60_000, end: T0 + 120_000 }
]

describe('uncoveredScope', () => {
  it('names the camera that recorded nothing in the range, on the camera choice', () => {
    const problem = uncoveredScope('Wrongpass', [], T0, T0 + 30_000)
    expect(problem?.field).toBe('cameraIds')
    expect(problem?.message).toBe(`"Wrongpass" recorded nothing from ${localDateTime(T0)} to ${localDateTime(T0 + 30_000)}: the range reaches beyond the recordings`)
  })

  it('says where the footage starts or ends, in local time, on the field to change', () => {
    expect(uncoveredScope('Door', segments, T0 - 5000, T0 + 10_000)).toEqual({
      field: 'from',
      message: `The recordings of "Door" in this range start at ${localDateTime(T0)}: the range reaches beyond the recordings`
    })
    expect(uncoveredScope('Door', segments, T0 + 10_000, T0 + 130_000)?.field).toBe('to')
    expect(uncoveredScope('Door', segments, T0 + 10_000, T0 + 130_000)?.message).toContain(localDateTime(T0 + 120_000))
  })

  it('lets a covered range through', () => {
    expect(uncoveredScope('Door', segments, T0, T0 + 120_000)).toBeNull()
    expect(uncoveredScope('Door', segments, T0 + 59_000, T0 + 61_000)).toBeNull()
  })
})

describe('localDateTime', () => {
  it('writes the local wall clock, with milliseconds on request', () => {
    const d = new Date(2026, 0, 2, 3, 4, 5, 67)
    expect(localDateTime(d.getTime())).toBe('2026-01-02 03:04:05')
    expect(localDateTime(d.getTime(), true)).toBe('2026-01-02 03:04:05.067')
  })
})
