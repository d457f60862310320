// One Playback (synchronised MSE players) per day shown: the origin of its media timeline is the day's
// midnight. Segments come by fetch(segmentUrl(id)) in both transports.
import { useEffect, useState, useSyncExternalStore } from 'react'
import type { Segment } from '../api/contract'
import { segmentUrl } from '../api/media'
import { Playback, type PlaybackState } from '../timeline/playback'
import type { SegmentSource } from '../timeline/segment-player'
import { useApi } from './useConnection'

async function fetchSegment(segment: Segment, signal: AbortSignal): Promise<ArrayBuffer> {
  const response = await fetch(segmentUrl(segment.id), { signal })
  if (!response.ok) throw new Error(`segment ${segment.id}: HTTP ${response.status}`)
  return response.arrayBuffer()
}

export function usePlayback(origin: number | null): Playback | null {
  const api = useApi()
  const [playback, setPlayback] = useState<Playback | null>(null)

  useEffect(() => {
    if (origin === null) return
    const source: SegmentSource = {
      locate: async (cameraId, at) => (await api['recordings.locate']({ cameraId, at: Math.max(0, Math.round(at)) })).segment,
      fetch: fetchSegment
    }
    const created = new Playback(origin, source)
    setPlayback(created)
    return () => {
      created.destroy()
      setPlayback((current) => (current === created ? null : current))
    }
  }, [api, origin])

  return playback && playback.origin === origin ? playback : null
}

const IDLE: PlaybackState = { wall: null, playing: false, rate: 1, seeking: false, ended: false, masterId: null, cameras: {} }
const noSubscription = () => () => {}

export function usePlaybackState(playback: Playback | null): PlaybackState {
  return useSyncExternalStore(playback ? playback.subscribe : noSubscription, playback ? playback.getState : () => IDLE)
}
