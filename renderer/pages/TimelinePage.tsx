// Recorded video on a timeline: pick cameras (several play in sync) and a day still on disk.
// The selection lives in the address, #/timeline/<cameraId>[,<cameraId>...][/<epochMs>], so it can be linked
// to; with a time (an event opened from the events page or an alert) that day opens, playing from there.
import { useMemo, useReducer, useState } from 'react'
import type { Camera } from '../api/contract'
import { CameraPicker } from '../components/timeline/CameraPicker'
import { DayPicker } from '../components/timeline/DayPicker'
import { ErrorBox } from '../components/ErrorText'
import { parseTimelineLink, timelineHref } from '../events/links'
import { useAppInfo } from '../hooks/useAppInfo'
import { useCameras } from '../hooks/useCameras'
import { useLocation } from '../hooks/useRoute'
import { useRecordingDays } from '../hooks/useTimelineData'
import { useT } from '../i18n'
import { chooseDay, dayOf, dayRange } from '../timeline/days'
import { TimelineWorkspace } from '../views/timeline/TimelineWorkspace'
import '../views/timeline/timeline.css'

const NO_CAMERAS: Camera[] = []

/** The cameras named in the address that still exist, else the first camera. */
function selectedCameras(ids: readonly string[], cameras: readonly Camera[]): Camera[] {
  const wanted = new Set(ids)
  const named = cameras.filter((camera) => wanted.has(camera.id))
  return named.length > 0 ? named : cameras.slice(0, 1)
}

/** Puts the selection into the address without a history entry (and without a hashchange event). */
function showCameras(ids: readonly string[], at: number | null): void {
  window.history.replaceState(null, '', timelineHref(ids, at))
}

export function TimelinePage() {
  const t = useT()
  const cameras = useCameras()
  const timeZone = useAppInfo()?.timeZone
  const link = parseTimelineLink(useLocation().parts)
  // replaceState fires no event: render again at once, so the checkbox follows the click without a lag.
  const [, rerender] = useReducer((count: number) => count + 1, 0)
  // A day picked by hand counts for the address it was picked in (a new link brings its own day).
  const [picked, setPicked] = useState<{ at: number | null; day: string } | null>(null)
  const all = cameras.data ?? NO_CAMERAS
  const linkIds = link.cameraIds.join(',')
  const selected = useMemo(() => selectedCameras(linkIds ? linkIds.split(',') : [], all), [linkIds, all])
  const days = useRecordingDays(selected.map((camera) => camera.id))

  const today = dayOf(Date.now(), timeZone)
  const list = days.days ?? []
  // The link's day needs the recorder's time zone, so a link waits for app.info.
  const linkDay = link.at !== null && timeZone ? dayOf(link.at, timeZone) : null
  const day = chooseDay(list, { picked: picked && picked.at === link.at ? picked.day : null, linked: linkDay, today })
  const range = useMemo(() => (day && timeZone ? dayRange(day, timeZone) : null), [day, timeZone])
  const startAt = link.at !== null && range && link.at >= range.start && link.at < range.end ? link.at : null

  const pickDay = (next: string) => {
    // The link's instant is left behind: the address names only the cameras again.
    showCameras(selected.map((camera) => camera.id), null)
    setPicked({ at: null, day: next })
    rerender()
  }

  return (
    <div className="page page--timeline" data-testid="page-timeline">
      <div className="page__header">
        <h1>{t('timeline.title')}</h1>
        {day && list.length > 0 ? <DayPicker days={list} value={day} today={today} onChange={pickDay} /> : null}
      </div>
      {cameras.error ? <ErrorBox error={cameras.error} onRetry={cameras.reload} /> : null}
      {days.error ? <ErrorBox error={days.error} /> : null}
      {cameras.data && all.length === 0 ? <p className="empty">{t('timeline.noCameras')}</p> : null}
      {all.length > 0 ? (
        <CameraPicker
          cameras={all}
          selected={selected.map((camera) => camera.id)}
          onChange={(ids) => {
            showCameras(ids, link.at)
            rerender()
          }}
        />
      ) : null}
      {days.days && list.length === 0 ? (
        <p className="empty" data-testid="timeline-empty">
          {t('timeline.noDays')}
        </p>
      ) : null}
      {linkDay && days.days && list.length > 0 && !list.includes(linkDay) ? (
        <p className="muted" data-testid="timeline-link-missing">
          {t('timeline.linkNoRecording')}
        </p>
      ) : null}
      {range && selected.length > 0 ? <TimelineWorkspace cameras={selected} range={range} startAt={startAt} /> : null}
      {(!cameras.data && !cameras.error) || (all.length > 0 && !days.days && !days.error) ? <p className="muted">{t('common.loading')}</p> : null}
    </div>
  )
}
