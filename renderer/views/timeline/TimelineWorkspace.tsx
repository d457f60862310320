// One day of the selected cameras: their pictures in sync, the transport controls and the day bars with the
// day's events as marks.
import { useEffect, useMemo, useRef } from 'react'
import type { Camera, CameraEvent } from '../../api/contract'
import { saveSnapshot } from '../../components/snapshot'
import { ErrorBox } from '../../components/ErrorText'
import { EVENT_LEAD_MS } from '../../events/links'
import { exportHref, timelineExportRange } from '../../export/links'
import { useDayEvents } from '../../hooks/useDayEvents'
import { useNotices } from '../../hooks/useNotices'
import { usePlayback, usePlaybackState } from '../../hooks/usePlayback'
import { useDayRecordings } from '../../hooks/useTimelineData'
import { useTimelineView } from '../../hooks/useTimelineView'
import type { DayRange } from '../../timeline/days'
import type { Playback } from '../../timeline/playback'
import { boundaries, jumpTarget, startingPoint } from '../../timeline/spans'
import { ZOOM_LEVELS } from '../../timeline/ticks'
import { EventLegend } from './EventLegend'
import { TimelineControls } from './TimelineControls'
import { TimelinePlayers } from './TimelinePlayers'
import { TimelineTrack } from './TimelineTrack'

/** How much of the day an opened event shows around it (the 1 h zoom level). */
const LINK_SPAN = ZOOM_LEVELS[4]

interface TimelineWorkspaceProps {
  cameras: readonly Camera[]
  range: DayRange
  /** Open at this instant and play (a link to an event); null: the day's usual starting point. */
  startAt: number | null
}

export function TimelineWorkspace({ cameras, range, startAt }: TimelineWorkspaceProps) {
  const { notifyError, notifySuccess } = useNotices()
  const idsKey = cameras.map((camera) => camera.id).join(',')
  const ids = useMemo(() => (idsKey ? idsKey.split(',') : []), [idsKey])
  const recordings = useDayRecordings(ids, range)
  const events = useDayEvents(ids, range)
  const playback = usePlayback(range.start)
  const state = usePlaybackState(playback)
  const timeline = useTimelineView(range, state.wall)
  const { centreOn } = timeline

  useEffect(() => playback?.setOrder(ids), [playback, ids])
  useEffect(() => {
    for (const [cameraId, day] of recordings.byCamera) playback?.setSpans(cameraId, day.spans)
  }, [playback, recordings.byCamera])

  // The first picture once the day's recordings are known (once per playback, i.e. per day), and again for
  // each new link into the same day. A link plays from its instant; otherwise the day's usual starting point.
  const started = useRef<{ playback: Playback; at: number | null } | null>(null)
  useEffect(() => {
    if (!playback || recordings.loadedFor !== range.start) return
    const done = started.current
    if (done && done.playback === playback && (startAt === null || startAt === done.at)) return
    started.current = { playback, at: startAt }
    if (startAt !== null) {
      centreOn(startAt, LINK_SPAN)
      void playback.seek(startAt)
      playback.play()
      return
    }
    const spans = [...recordings.byCamera.values()].map((day) => day.spans)
    const at = startingPoint(spans, Date.now() < range.end)
    if (at !== null) void playback.seek(at)
  }, [playback, recordings, range, startAt, centreOn])

  // Prev/next targets: recording boundaries and the events of all selected cameras.
  const marks = useMemo(() => {
    const days = [...recordings.byCamera.values()]
    const starts = [...events.byCamera.values()].flat().map((event) => ({ at: event.start }))
    return boundaries(
      days.flatMap((day) => day.spans),
      days.flatMap((day) => day.gaps),
      starts
    )
  }, [recordings.byCamera, events.byCamera])

  const jump = (direction: 1 | -1) => {
    if (!playback || state.wall === null) return
    const at = jumpTarget(marks, state.wall, direction)
    if (at !== null) void playback.seek(at)
  }

  const exportRange = timelineExportRange(timeline.view, state.wall, Date.now())
  const exportLink = { href: exportHref({ cameraIds: ids, from: exportRange.from, to: exportRange.to }), around: exportRange.around }

  const openEvent = (event: CameraEvent) => void playback?.seek(Math.max(range.start, event.start - EVENT_LEAD_MS))

  const snapshot = async () => {
    for (const frame of playback?.shownFrames() ?? []) {
      const name = cameras.find((camera) => camera.id === frame.cameraId)?.name ?? frame.cameraId
      try {
        const file = await saveSnapshot(frame.video, name, new Date(frame.wall))
        notifySuccess('timeline.snapshotSaved', { file })
      } catch (error) {
        notifyError(error)
      }
    }
  }

  return (
    <div className="tl-workspace">
      {recordings.error ? <ErrorBox error={recordings.error} /> : null}
      {events.error ? <ErrorBox error={events.error} /> : null}
      <TimelinePlayers cameras={cameras} playback={playback} state={state} />
      <TimelineControls playback={playback} state={state} timeline={timeline} onJump={jump} onSnapshot={() => void snapshot()} exportLink={exportLink} />
      <TimelineTrack
        cameras={cameras}
        data={recordings.byCamera}
        events={events.byCamera}
        range={range}
        timeline={timeline}
        playhead={state.wall}
        onSeek={(at) => void playback?.seek(at)}
        onOpenEvent={openEvent}
      />
      <EventLegend events={events.byCamera} />
    </div>
  )
}
