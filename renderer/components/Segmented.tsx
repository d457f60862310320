/** A row of toggle buttons where exactly one is pressed: layouts, speeds, languages. */
export interface SegmentedOption<V extends string | number> {
  value: V
  label: string
  title?: string
  testId: string
}

export function Segmented<V extends string | number>({
  label,
  options,
  value,
  onChange,
  className = 'segmented'
}: {
  label: string
  options: readonly SegmentedOption<V>[]
  value: V
  onChange(value: V): void
  className?: string
}) {
  return (
    <div className={className} role="group" aria-label={label}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          className={option.value === value ? `${className}__button is-active` : `${className}__button`}
          aria-pressed={option.value === value}
          title={option.title}
          onClick={() => onChange(option.value)}
          data-testid={option.testId}
        >
          {option.label}
        </button>
      ))}
    </div>
  )
}
