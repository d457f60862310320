import type { Camera } from '../../api/contract'
import { useT } from '../../i18n'

/** One or several cameras; several play in sync. */
export function CameraPicker({ cameras, selected, onChange }: { cameras: readonly Camera[]; selected: readonly string[]; onChange(ids: string[]): void }) {
  const t = useT()
  const toggle = (id: string, on: boolean) => {
    // Keep the order of the camera list, so the master (the first) does not depend on click order.
    const next = new Set(selected)
    if (on) next.add(id)
    else next.delete(id)
    onChange(cameras.filter((camera) => next.has(camera.id)).map((camera) => camera.id))
  }
  return (
    <fieldset className="tl-cameras" title={t('timeline.camerasHint')}>
      <legend>{t('timeline.cameras')}</legend>
      {cameras.map((camera) => (
        <label key={camera.id} className="tl-cameras__item">
          <input
            type="checkbox"
            checked={selected.includes(camera.id)}
            // At least one camera stays selected: the timeline always shows something.
            disabled={selected.length === 1 && selected.includes(camera.id)}
            onChange={(event) => toggle(camera.id, event.target.checked)}
            data-testid={`timeline-camera-${camera.name}`}
          />
          {camera.name}
        </label>
      ))}
    </fieldset>
  )
}
