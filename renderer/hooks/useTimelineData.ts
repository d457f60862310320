// What the timeline shows for the selected cameras: the days still on disk, and one day's spans and gaps.
// Today's bar grows while it is open: new segments and status changes reload it, at most every few seconds.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ErrorPayload, Gap } from '../api/contract'
import { dayOf, type DayRange } from '../timeline/days'
import { mergeSpans, type Span } from '../timeline/spans'
import { toErrorPayload } from './errors'
import { useAppInfo } from './useAppInfo'
import { useApi } from './useConnection'
import { useEvent } from './useEvent'

const RELOAD_MS = 5000

export interface CameraDay {
  spans: Span[]
  gaps: Gap[]
}

export interface DayRecordings {
  byCamera: ReadonlyMap<string, CameraDay>
  /** The day start these are for (null while the first load runs). */
  loadedFor: number | null
  error: ErrorPayload | null
}

/** A reload at most every `delayMs`, however many times it is asked for. */
function useThrottledReload(delayMs: number): [number, () => void] {
  const [generation, setGeneration] = useState(0)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(() => () => clearTimeout(timer.current ?? undefined), [])
  const schedule = useCallback(() => {
    if (timer.current) return
    timer.current = setTimeout(() => {
      timer.current = null
      setGeneration((value) => value + 1)
    }, delayMs)
  }, [delayMs])
  return [generation, schedule]
}

/** Local days (newest first) on which any of the cameras has recordings. */
export function useRecordingDays(cameraIds: readonly string[]): { days: string[] | null; error: ErrorPayload | null } {
  const api = useApi()
  const key = cameraIds.join(',')
  const [state, setState] = useState<{ days: string[] | null; error: ErrorPayload | null }>({ days: null, error: null })
  const [generation, schedule] = useThrottledReload(60_000)
  useEvent('storageChanged', schedule)
  // A segment of a day not listed yet (a new camera's first, or the first after midnight) shows at once:
  // someone who opens the timeline, or an alert's event, before it lands would otherwise see "no recordings".
  // Days are the recorder's (as recordings.days counts them), not the browser's.
  const timeZone = useAppInfo()?.timeZone
  const [newDays, setNewDays] = useState(0)
  useEvent('segmentIndexed', (segment) => {
    if (key.split(',').includes(segment.cameraId) && !state.days?.includes(dayOf(segment.start, timeZone))) setNewDays((n) => n + 1)
  })

  useEffect(() => {
    let cancelled = false
    const ids = key ? key.split(',') : []
    Promise.all(ids.map((cameraId) => api['recordings.days']({ cameraId }))).then(
      (results) => {
        const days = [...new Set(results.flatMap((result) => result.days))].sort().reverse()
        if (!cancelled) setState({ days, error: null })
      },
      (error: unknown) => {
        if (!cancelled) setState({ days: null, error: toErrorPayload(error) })
      }
    )
    return () => {
      cancelled = true
    }
  }, [api, key, generation, newDays])

  // While another selection loads, the previous list stands: the day shown stays put instead of blinking away.
  return state
}

export function useDayRecordings(cameraIds: readonly string[], range: DayRange | null): DayRecordings {
  const api = useApi()
  const key = cameraIds.join(',')
  const [state, setState] = useState<DayRecordings & { key: string }>({ byCamera: new Map(), loadedFor: null, error: null, key: '' })
  const [generation, schedule] = useThrottledReload(RELOAD_MS)
  const start = range?.start ?? null
  const end = range?.end ?? null

  const concerns = (cameraId: string) => cameraIds.includes(cameraId) && end !== null && Date.now() - 60_000 < end
  useEvent('segmentIndexed', (segment) => concerns(segment.cameraId) && schedule())
  useEvent('cameraStatus', (status) => concerns(status.cameraId) && schedule())

  useEffect(() => {
    if (start === null || end === null) return
    let cancelled = false
    const ids = key ? key.split(',') : []
    const load = async (cameraId: string): Promise<[string, CameraDay]> => {
      const [segments, gaps] = await Promise.all([
        api['recordings.segments']({ cameraId, from: start, to: end }),
        api['recordings.gaps']({ cameraId, from: start, to: end })
      ])
      return [cameraId, { spans: mergeSpans(segments), gaps }]
    }
    Promise.all(ids.map(load)).then(
      (entries) => {
        if (!cancelled) setState({ byCamera: new Map(entries), loadedFor: start, error: null, key })
      },
      (error: unknown) => {
        if (!cancelled) setState((previous) => ({ ...previous, error: toErrorPayload(error) }))
      }
    )
    return () => {
      cancelled = true
    }
  }, [api, key, start, end, generation])

  if (state.key !== key || state.loadedFor !== start) return { byCamera: new Map(), loadedFor: null, error: state.error }
  return state
}
