// A live stream in a <video>: pass `ref` to the element; the stream runs while `active` and the page is visible
// (a hidden tab closes it, so the server can stop remuxing for nobody).
import { useEffect, useState } from 'react'
import { INITIAL_STATUS, LivePlayer, type LiveStatus } from './livePlayer'
import { usePageVisible } from './usePageVisible'

export type { LiveState, LiveStatus } from './livePlayer'

export interface LiveStream {
  ref: (video: HTMLVideoElement | null) => void
  video: HTMLVideoElement | null
  status: LiveStatus
}

/** Whether this browser has Media Source Extensions at all; without them the live page shows stills. */
export const liveVideoSupported = () => typeof window.MediaSource === 'function'

export function useLiveStream(cameraId: string, stream: 'main' | 'sub', active: boolean): LiveStream {
  const visible = usePageVisible()
  const [video, setVideo] = useState<HTMLVideoElement | null>(null)
  const [status, setStatus] = useState<LiveStatus>(INITIAL_STATUS)

  useEffect(() => {
    if (!video || !active || !visible) return
    const player = new LivePlayer(video, { cameraId, stream }, setStatus)
    player.start()
    return () => {
      player.stop()
      setStatus(INITIAL_STATUS)
    }
  }, [video, cameraId, stream, active, visible])

  return { ref: setVideo, video, status }
}
