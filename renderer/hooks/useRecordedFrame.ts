// The frame a camera recorded at an instant (recordings.frame), for drawing on the footage being exported.
// Moving the instant quickly asks only for where it comes to rest: each request is an ffmpeg run in main.
import { useEffect, useState } from 'react'
import type { ErrorPayload } from '../api/contract'
import { toErrorPayload } from './errors'
import { useApi } from './useConnection'
import { useDebounced } from './useDebounced'

export interface RecordedFrame {
  url: string | null
  /** The instant the picture shows (the last one that could be read). */
  at: number | null
  error: ErrorPayload | null
  loading: boolean
}

export function useRecordedFrame(cameraId: string, at: number, debounceMs = 250): RecordedFrame {
  const api = useApi()
  const settledAt = useDebounced(at, debounceMs)
  const [state, setState] = useState<{ cameraId: string; asked: number; url: string | null; at: number | null; error: ErrorPayload | null } | null>(null)

  useEffect(() => {
    let cancelled = false
    api['recordings.frame']({ cameraId, at: settledAt }).then(
      (frame) => {
        if (!cancelled) setState({ cameraId, asked: settledAt, url: `data:image/jpeg;base64,${frame.jpegBase64}`, at: frame.takenAt, error: null })
      },
      (error: unknown) => {
        if (cancelled) return
        // Keep the camera's last picture (an instant in a gap has none); another camera's would mislead.
        setState((previous) => {
          const keep = previous?.cameraId === cameraId
          return { cameraId, asked: settledAt, url: keep ? previous.url : null, at: keep ? previous.at : null, error: toErrorPayload(error) }
        })
      }
    )
    return () => {
      cancelled = true
    }
  }, [api, cameraId, settledAt])

  const current = state?.cameraId === cameraId ? state : null
  return { url: current?.url ?? null, at: current?.at ?? null, error: current?.error ?? null, loading: current?.asked !== at }
}
