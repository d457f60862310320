import { useT } from '../i18n'

const LABELS: Record<number, string> = { 1: '1', 4: '2×2', 9: '3×3', 16: '4×4' }

/** Buttons for the live grid layout (1, 4, 9 or 16 tiles). */
export function LayoutPicker<L extends number>({ layouts, value, onChange }: { layouts: readonly L[]; value: L; onChange(layout: L): void }) {
  const t = useT()
  return (
    <div className="segmented" role="group" aria-label={t('live.layout')}>
      {layouts.map((layout) => (
        <button
          key={layout}
          type="button"
          className={layout === value ? 'segmented__button is-active' : 'segmented__button'}
          aria-pressed={layout === value}
          title={t('live.layoutOption', { count: layout })}
          onClick={() => onChange(layout)}
          data-testid={`live-layout-${layout}`}
        >
          {LABELS[layout] ?? String(layout)}
        </button>
      ))}
    </div>
  )
}
