import type { ErrorPayload } from '../api/contract'
import type { LiveStream } from '../hooks/useLiveStream'
import { useT } from '../i18n'
import { ErrorText } from './ErrorText'

/**
 * The <video> of a live stream with a note over it while it connects or after it failed. `reason` is why the
 * camera itself is offline, shown instead of the generic note when the stream fails.
 */
export function LiveVideo({ name, live, muted = true, reason }: { name: string; live: LiveStream; muted?: boolean; reason?: ErrorPayload | null }) {
  const t = useT()
  const { state, transcoded, unsupported, detail } = live.status

  let note = null
  if (state === 'connecting') note = <div className="live-video__note">{t('live.connecting')}</div>
  else if (state === 'error')
    note = (
      <div className="live-video__note live-video__note--error" title={detail ?? undefined} data-testid={`live-video-error-${name}`}>
        {reason && !unsupported ? <ErrorText error={reason} compact /> : t(unsupported ? 'live.unsupported' : 'live.reconnecting')}
      </div>
    )

  return (
    <div className="live-video">
      <video
        ref={live.ref}
        className="live-video__video"
        muted={muted}
        autoPlay
        playsInline
        disablePictureInPicture
        aria-label={name}
        data-testid={`live-video-${name}`}
        data-state={state}
        data-transcoded={String(transcoded)}
      />
      {note}
      {transcoded && state === 'playing' ? (
        <span className="live-video__tag" title={t('live.transcodedHint')}>
          {t('live.transcoded')}
        </span>
      ) : null}
    </div>
  )
}
