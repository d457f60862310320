import { useState } from 'react'
import { TextField } from '../../components/Field'
import { offsetLabel, parseOffset } from '../../export/time'
import type { DraftRegion } from '../../export/wizard'
import { useT } from '../../i18n'

interface RegionRowProps {
  region: DraftRegion
  selected: boolean
  range: { from: number; to: number }
  onChange(region: DraftRegion): void
  onSelect(): void
  onDelete(): void
}

/** One rectangle: its name, and optionally from when to when it is covered (as offsets into the range). */
export function RegionRow({ region, selected, range, onChange, onSelect, onDelete }: RegionRowProps) {
  const t = useT()
  const shown = (at: number | null) => (at === null ? '' : offsetLabel(at, range.from))
  // The typed text, so a half-typed time is not thrown away; the region changes only with a valid one.
  const [text, setText] = useState({ from: shown(region.from), to: shown(region.to) })
  const problem = (value: string) => {
    if (value.trim() === '') return null
    const offset = parseOffset(value)
    return offset === null || offset > range.to - range.from ? t('export.region.badTime', { length: offsetLabel(range.to, range.from) }) : null
  }
  const setTime = (bound: 'from' | 'to', value: string) => {
    setText((previous) => ({ ...previous, [bound]: value }))
    const offset = parseOffset(value)
    if (value.trim() === '') onChange({ ...region, [bound]: null })
    else if (offset !== null && offset <= range.to - range.from) onChange({ ...region, [bound]: range.from + offset })
  }
  const fromProblem = problem(text.from)
  const toProblem = problem(text.to) ?? (region.from !== null && region.to !== null && region.to <= region.from ? t('export.region.toBeforeFrom') : null)

  return (
    <li className={selected ? 'region-row is-selected' : 'region-row'} data-testid="region-row" data-key={region.key} onFocus={onSelect}>
      <TextField label={t('export.region.label')} value={region.label} onChange={(label) => onChange({ ...region, label })} maxLength={60} testId="region-label" />
      <TextField label={t('export.region.from')} placeholder="mm:ss" value={text.from} onChange={(value) => setTime('from', value)} testId="region-from" error={fromProblem ? { text: fromProblem } : undefined} />
      <TextField label={t('export.region.to')} placeholder="mm:ss" value={text.to} onChange={(value) => setTime('to', value)} testId="region-to" error={toProblem ? { text: toProblem } : undefined} />
      <button type="button" className="button button--small region-row__delete" onClick={onDelete} aria-label={t('export.region.deleteNamed', { name: region.label })} data-testid="region-delete">
        {t('export.region.delete')}
      </button>
    </li>
  )
}
