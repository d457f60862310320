import type { MotionZone } from '../../api/contract'
import { Segmented } from '../../components/Segmented'
import { TextField } from '../../components/Field'
import { useT } from '../../i18n'

interface ZoneListProps {
  zones: readonly MotionZone[]
  selectedId: string | null
  errors: Readonly<Record<string, string>>
  onSelect(zoneId: string | null): void
  onChange(zone: MotionZone): void
  onDelete(zoneId: string): void
}

/** Name, include/exclude, select (to move its points) and delete, per zone. Test ids: zone-row and zone-*. */
export function ZoneList({ zones, selectedId, errors, onSelect, onChange, onDelete }: ZoneListProps) {
  const t = useT()
  if (zones.length === 0) return <p className="muted" data-testid="zones-empty">{t('zones.none')}</p>
  const kinds = [
    { value: 'include' as const, label: t('zones.include'), title: t('zones.includeHint'), testId: 'zone-kind-include' },
    { value: 'exclude' as const, label: t('zones.exclude'), title: t('zones.excludeHint'), testId: 'zone-kind-exclude' }
  ]

  return (
    <ul className="zone-list">
      {zones.map((zone) => {
        const selected = zone.id === selectedId
        return (
          <li key={zone.id} className={`zone-row zone-row--${zone.kind}${selected ? ' is-selected' : ''}`} data-testid="zone-row" data-zone-id={zone.id} data-kind={zone.kind}>
            <span className="zone-row__swatch" aria-hidden="true" />
            <TextField
              label={t('zones.name')}
              value={zone.name}
              onChange={(name) => onChange({ ...zone, name })}
              testId="zone-name"
              error={errors[zone.id] ? { text: t('zones.invalid'), detail: errors[zone.id] } : undefined}
              autoComplete="off"
            />
            <Segmented label={t('zones.kind')} options={kinds} value={zone.kind} onChange={(kind) => onChange({ ...zone, kind })} />
            <div className="zone-row__actions">
              <button type="button" className="button button--small" aria-pressed={selected} onClick={() => onSelect(selected ? null : zone.id)} data-testid="zone-select">
                {selected ? t('zones.done') : t('zones.edit')}
              </button>
              <button type="button" className="button button--small button--danger" onClick={() => onDelete(zone.id)} aria-label={t('zones.deleteNamed', { name: zone.name })} data-testid="zone-delete">
                {t('zones.delete')}
              </button>
            </div>
          </li>
        )
      })}
    </ul>
  )
}
