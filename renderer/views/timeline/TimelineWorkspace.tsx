// One day of the selected cameras: their pictures in sync, the transport controls and the day bars.
import { useEffect, useMemo, useRef } from 'react'
import type { Camera } from '../../api/contract'
import { saveSnapshot } from '../../components/snapshot'
import { ErrorBox } from '../../components/ErrorText'
import { useNotices } from '../../hooks/useNotices'
import { usePlayback, usePlaybackState } from '../../hooks/usePlayback'
import { useDayRecordings } from '../../hooks/useTimelineData'
import { useTimelineView } from '../../hooks/useTimelineView'
import type { DayRange } from '../../timeline/days'
import type { Playback } from '../../timeline/playback'
import { boundaries, jumpTarget, startingPoint } from '../../timeline/spans'
import { TimelineControls } from './TimelineControls'
import { TimelinePlayers } from './TimelinePlayers'
import { TimelineTrack } from './TimelineTrack'

export function TimelineWorkspace({ cameras, range }: { cameras: readonly Camera[]; range: DayRange }) {
  const { notifyError, notifySuccess } = useNotices()
  const idsKey = cameras.map((camera) => camera.id).join(',')
  const ids = useMemo(() => (idsKey ? idsKey.split(',') : []), [idsKey])
  const recordings = useDayRecordings(ids, range)
  const playback = usePlayback(range.start)
  const state = usePlaybackState(playback)
  const timeline = useTimelineView(range, state.wall)

  useEffect(() => playback?.setOrder(ids), [playback, ids])
  useEffect(() => {
    for (const [cameraId, day] of recordings.byCamera) playback?.setSpans(cameraId, day.spans)
  }, [playback, recordings.byCamera])

  // The first picture once the day's recordings are known (once per playback, i.e. per day).
  const started = useRef<Playback | null>(null)
  useEffect(() => {
    if (!playback || recordings.loadedFor !== range.start || started.current === playback) return
    started.current = playback
    const spans = [...recordings.byCamera.values()].map((day) => day.spans)
    const at = startingPoint(spans, Date.now() < range.end)
    if (at !== null) void playback.seek(at)
  }, [playback, recordings, range])

  // Prev/next targets: recording boundaries of all selected cameras; events will be passed as marks later.
  const marks = useMemo(() => {
    const days = [...recordings.byCamera.values()]
    return boundaries(
      days.flatMap((day) => day.spans),
      days.flatMap((day) => day.gaps)
    )
  }, [recordings.byCamera])

  const jump = (direction: 1 | -1) => {
    if (!playback || state.wall === null) return
    const at = jumpTarget(marks, state.wall, direction)
    if (at !== null) void playback.seek(at)
  }

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
      <TimelinePlayers cameras={cameras} playback={playback} state={state} />
      <TimelineControls playback={playback} state={state} timeline={timeline} onJump={jump} onSnapshot={() => void snapshot()} />
      <TimelineTrack
        cameras={cameras}
        data={recordings.byCamera}
        range={range}
        timeline={timeline}
        playhead={state.wall}
        onSeek={(at) => void playback?.seek(at)}
      />
    </div>
  )
}
