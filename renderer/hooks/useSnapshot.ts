// A camera's latest still as a blob: URL, refreshed every few seconds while the page is visible.
// The previous URL is revoked once the next one is shown (or the tile goes away).
import { useEffect, useState } from 'react'
import type { ErrorPayload } from '../api/contract'
import { base64Blob } from '../components/download'
import { toErrorPayload } from './errors'
import { useApi } from './useConnection'
import { usePageVisible } from './usePageVisible'

export interface SnapshotState {
  url: string | null
  takenAt: number | null
  error: ErrorPayload | null
}

export function useSnapshot(cameraId: string, active: boolean, intervalMs = 2000): SnapshotState {
  const api = useApi()
  const visible = usePageVisible()
  const [state, setState] = useState<SnapshotState>({ url: null, takenAt: null, error: null })

  useEffect(() => {
    if (!active || !visible) return
    let cancelled = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const tick = async () => {
      try {
        const snapshot = await api['live.snapshot']({ cameraId })
        if (cancelled) return
        const url = URL.createObjectURL(base64Blob(snapshot.jpegBase64, 'image/jpeg'))
        setState({ url, takenAt: snapshot.takenAt, error: null })
      } catch (error) {
        if (cancelled) return
        setState((previous) => ({ url: null, takenAt: previous.takenAt, error: toErrorPayload(error) }))
      }
      timer = setTimeout(() => void tick(), intervalMs)
    }
    void tick()
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [api, cameraId, active, visible, intervalMs])

  useEffect(() => {
    const url = state.url
    return () => {
      if (url) URL.revokeObjectURL(url)
    }
  }, [state.url])

  return state
}
