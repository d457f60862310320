// One current picture of a camera (live.snapshot) to draw zones on; reload() takes a new one.
import { useCallback, useEffect, useState } from 'react'
import type { ErrorPayload } from '../api/contract'
import { toErrorPayload } from './errors'
import { useApi } from './useConnection'

export interface CameraStill {
  url: string | null
  error: ErrorPayload | null
  loading: boolean
  reload(): void
}

export function useCameraStill(cameraId: string): CameraStill {
  const api = useApi()
  const [generation, setGeneration] = useState(0)
  const [state, setState] = useState<{ generation: number; url: string | null; error: ErrorPayload | null } | null>(null)
  const reload = useCallback(() => setGeneration((value) => value + 1), [])

  useEffect(() => {
    let cancelled = false
    api['live.snapshot']({ cameraId }).then(
      (snapshot) => {
        if (!cancelled) setState({ generation, url: `data:image/jpeg;base64,${snapshot.jpegBase64}`, error: null })
      },
      (error: unknown) => {
        // Keep the last picture: a camera that is briefly away need not wipe the zones' background.
        if (!cancelled) setState((previous) => ({ generation, url: previous?.url ?? null, error: toErrorPayload(error) }))
      }
    )
    return () => {
      cancelled = true
    }
  }, [api, cameraId, generation])

  return { url: state?.url ?? null, error: state?.error ?? null, loading: state?.generation !== generation, reload }
}
