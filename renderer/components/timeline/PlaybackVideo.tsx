// One camera's recorded picture. The <video> is handed to the playback, which feeds it through MSE and
// keeps data-epoch-ms on it equal to the wall time of the frame on screen.
import { useEffect, useRef } from 'react'
import type { Camera } from '../../api/contract'
import { useT } from '../../i18n'
import type { CameraPlayback, Playback } from '../../timeline/playback'

export function PlaybackVideo({ camera, playback, state }: { camera: Camera; playback: Playback | null; state: CameraPlayback | undefined }) {
  const t = useT()
  const ref = useRef<HTMLVideoElement>(null)

  useEffect(() => {
    const video = ref.current
    if (!video || !playback) return
    return playback.attach(camera.id, video)
  }, [playback, camera.id])

  const status = state?.status ?? 'idle'
  let overlay: string | null = null
  if (status === 'loading') overlay = t('timeline.loading')
  else if (status === 'unsupported') overlay = t('timeline.unsupported', { codec: state?.codec ?? '?' })
  else if (status === 'error') overlay = t('timeline.loadFailed')
  else if (status === 'nodata' || (status === 'ready' && !state?.showing)) overlay = t('timeline.noRecording')

  return (
    <figure className="tl-video" data-status={status}>
      <video ref={ref} className="tl-video__picture" muted playsInline preload="auto" data-testid={`timeline-video-${camera.name}`} />
      {overlay ? <div className="tl-video__overlay">{overlay}</div> : null}
      <figcaption className="tl-video__name">{camera.name}</figcaption>
    </figure>
  )
}
