import { useId } from 'react'
import { EVENT_KINDS, type Camera, type EventKind } from '../../api/contract'
import { NO_FILTER, type EventFilter } from '../../events/event-list'
import { useT } from '../../i18n'

/** Camera, day and type; any of them may be "all". */
export function EventFilters({ cameras, value, onChange }: { cameras: readonly Camera[]; value: EventFilter; onChange(filter: EventFilter): void }) {
  const t = useT()
  const id = useId()
  const filtered = value.cameraId !== null || value.day !== null || value.kind !== null
  return (
    <div className="event-filters" role="search" aria-label={t('events.filters')}>
      <div className="event-filters__field">
        <label htmlFor={`${id}-camera`}>{t('events.filterCamera')}</label>
        <select
          id={`${id}-camera`}
          value={value.cameraId ?? ''}
          onChange={(event) => onChange({ ...value, cameraId: event.target.value || null })}
          data-testid="events-filter-camera"
        >
          <option value="">{t('events.allCameras')}</option>
          {cameras.map((camera) => (
            <option key={camera.id} value={camera.id}>
              {camera.name}
            </option>
          ))}
        </select>
      </div>
      <div className="event-filters__field">
        <label htmlFor={`${id}-day`}>{t('events.filterDay')}</label>
        <input
          id={`${id}-day`}
          type="date"
          value={value.day ?? ''}
          onChange={(event) => onChange({ ...value, day: /^\d{4}-\d{2}-\d{2}$/.test(event.target.value) ? event.target.value : null })}
          data-testid="events-filter-day"
        />
      </div>
      <div className="event-filters__field">
        <label htmlFor={`${id}-kind`}>{t('events.filterKind')}</label>
        <select
          id={`${id}-kind`}
          value={value.kind ?? ''}
          onChange={(event) => onChange({ ...value, kind: (event.target.value || null) as EventKind | null })}
          data-testid="events-filter-kind"
        >
          <option value="">{t('events.allKinds')}</option>
          {EVENT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`event.kind.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      {filtered ? (
        <button type="button" className="button button--small" onClick={() => onChange(NO_FILTER)} data-testid="events-filter-clear">
          {t('events.clearFilters')}
        </button>
      ) : null}
    </div>
  )
}
