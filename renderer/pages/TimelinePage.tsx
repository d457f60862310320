// Recorded video on a timeline: pick cameras (several play in sync) and a day still on disk.
// The selection lives in the address, #/timeline/<cameraId>[,<cameraId>...], so it can be linked to.
import { useMemo, useReducer, useState } from 'react'
import type { Camera } from '../api/contract'
import { CameraPicker } from '../components/timeline/CameraPicker'
import { DayPicker } from '../components/timeline/DayPicker'
import { ErrorBox } from '../components/ErrorText'
import { useAppInfo } from '../hooks/useAppInfo'
import { useCameras } from '../hooks/useCameras'
import { useLocation, routeHref } from '../hooks/useRoute'
import { useRecordingDays } from '../hooks/useTimelineData'
import { useT } from '../i18n'
import { dayOf, dayRange } from '../timeline/days'
import { TimelineWorkspace } from '../views/timeline/TimelineWorkspace'
import '../views/timeline/timeline.css'

const NO_CAMERAS: Camera[] = []

/** The cameras named in the address that still exist, else the first camera. */
function selectedCameras(sub: string | null, cameras: readonly Camera[]): Camera[] {
  const wanted = new Set((sub ?? '').split(',').map(decodeURIComponent))
  const named = cameras.filter((camera) => wanted.has(camera.id))
  return named.length > 0 ? named : cameras.slice(0, 1)
}

/** Puts the selection into the address without a history entry (and without a hashchange event). */
function showCameras(ids: readonly string[]): void {
  window.history.replaceState(null, '', `${routeHref('timeline')}/${ids.map(encodeURIComponent).join(',')}`)
}

export function TimelinePage() {
  const t = useT()
  const cameras = useCameras()
  const timeZone = useAppInfo()?.timeZone
  const { sub } = useLocation()
  // replaceState fires no event: render again at once, so the checkbox follows the click without a lag.
  const [, rerender] = useReducer((count: number) => count + 1, 0)
  const [pickedDay, setPickedDay] = useState<string | null>(null)
  const all = cameras.data ?? NO_CAMERAS
  const selected = useMemo(() => selectedCameras(sub, all), [sub, all])
  const days = useRecordingDays(selected.map((camera) => camera.id))

  const today = dayOf(Date.now(), timeZone)
  const list = days.days ?? []
  const day = pickedDay && list.includes(pickedDay) ? pickedDay : list.includes(today) ? today : (list[0] ?? null)
  const range = useMemo(() => (day && timeZone ? dayRange(day, timeZone) : null), [day, timeZone])

  return (
    <div className="page page--timeline" data-testid="page-timeline">
      <div className="page__header">
        <h1>{t('timeline.title')}</h1>
        {day && list.length > 0 ? <DayPicker days={list} value={day} today={today} onChange={setPickedDay} /> : null}
      </div>
      {cameras.error ? <ErrorBox error={cameras.error} onRetry={cameras.reload} /> : null}
      {days.error ? <ErrorBox error={days.error} /> : null}
      {cameras.data && all.length === 0 ? <p className="empty">{t('timeline.noCameras')}</p> : null}
      {all.length > 0 ? (
        <CameraPicker
          cameras={all}
          selected={selected.map((camera) => camera.id)}
          onChange={(ids) => {
            showCameras(ids)
            rerender()
          }}
        />
      ) : null}
      {days.days && list.length === 0 ? (
        <p className="empty" data-testid="timeline-empty">
          {t('timeline.noDays')}
        </p>
      ) : null}
      {range && selected.length > 0 ? <TimelineWorkspace cameras={selected} range={range} /> : null}
      {(!cameras.data && !cameras.error) || (all.length > 0 && !days.days && !days.error) ? <p className="muted">{t('common.loading')}</p> : null}
    </div>
  )
}
