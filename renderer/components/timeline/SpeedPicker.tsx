import { useT } from '../../i18n'
import { SPEEDS, type Speed } from '../../timeline/playback'

/** Playback speeds 0.5x to 16x. */
export function SpeedPicker({ value, onChange }: { value: Speed; onChange(speed: Speed): void }) {
  const t = useT()
  return (
    <div className="segmented" role="group" aria-label={t('timeline.speed')}>
      {SPEEDS.map((speed) => (
        <button
          key={speed}
          type="button"
          className={speed === value ? 'segmented__button is-active' : 'segmented__button'}
          aria-pressed={speed === value}
          onClick={() => onChange(speed)}
          data-testid={`timeline-speed-${speed}`}
        >
          {speed}×
        </button>
      ))}
    </div>
  )
}
