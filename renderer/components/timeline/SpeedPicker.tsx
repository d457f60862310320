import { useT } from '../../i18n'
import { SPEEDS, type Speed } from '../../timeline/playback'
import { Segmented } from '../Segmented'

const OPTIONS = SPEEDS.map((speed) => ({ value: speed, label: `${speed}×`, testId: `timeline-speed-${speed}` }))

/** Playback speeds 0.5x to 16x. */
export function SpeedPicker({ value, onChange }: { value: Speed; onChange(speed: Speed): void }) {
  const t = useT()
  return <Segmented label={t('timeline.speed')} options={OPTIONS} value={value} onChange={onChange} />
}
