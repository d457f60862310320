import { useT } from '../i18n'
import { Segmented } from './Segmented'

const LABELS: Record<number, string> = { 1: '1', 4: '2×2', 9: '3×3', 16: '4×4' }

/** Buttons for the live grid layout (1, 4, 9 or 16 tiles). */
export function LayoutPicker<L extends number>({ layouts, value, onChange }: { layouts: readonly L[]; value: L; onChange(layout: L): void }) {
  const t = useT()
  const options = layouts.map((layout) => ({
    value: layout,
    label: LABELS[layout] ?? String(layout),
    title: t('live.layoutOption', { count: layout }),
    testId: `live-layout-${layout}`
  }))
  return <Segmented label={t('live.layout')} options={options} value={value} onChange={onChange} />
}
