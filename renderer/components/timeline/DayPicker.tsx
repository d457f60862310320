import { useId } from 'react'
import { useClockFormat } from '../../hooks/useClockFormat'
import { useT } from '../../i18n'

/** The days that still have recordings, newest first. */
export function DayPicker({ days, value, today, onChange }: { days: readonly string[]; value: string; today: string; onChange(day: string): void }) {
  const t = useT()
  const clock = useClockFormat()
  const id = useId()
  return (
    <div className="tl-field">
      <label htmlFor={id}>{t('timeline.date')}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)} data-testid="timeline-date">
        {days.map((day) => (
          <option key={day} value={day}>
            {day === today ? t('timeline.todayOption', { day: clock.day(day) }) : clock.day(day)}
          </option>
        ))}
      </select>
    </div>
  )
}
