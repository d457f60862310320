import type { Camera, RedactionTrack } from '../../api/contract'
import { spanLabel } from '../../export/time'
import { useT } from '../../i18n'
import { cameraName } from './stepProps'

interface TrackListProps {
  tracks: readonly RedactionTrack[]
  keep: readonly string[]
  onKeep(key: string, keep: boolean): void
  rangeStart: number
  cameras: readonly Camera[]
  /** More than one camera: each row names its camera. */
  showCamera: boolean
}

/** The people found: picture, name, when they are seen (from the range start); each can be kept visible. */
export function TrackList({ tracks, keep, onKeep, rangeStart, cameras, showCamera }: TrackListProps) {
  const t = useT()
  if (tracks.length === 0) {
    return (
      <p className="empty" data-testid="track-none">
        {t('export.tracks.none')}
      </p>
    )
  }
  return (
    <ul className="tracks" data-testid="track-list">
      {tracks.map((track) => {
        const kept = keep.includes(track.key)
        return (
          <li key={track.key} className={kept ? 'track is-kept' : 'track'} data-testid="track-row" data-key={track.key} data-kept={kept}>
            {track.thumbnail ? <img className="track__thumb" src={track.thumbnail} alt="" /> : <span className="track__thumb track__thumb--none" aria-hidden="true" />}
            <span className="track__text">
              <span className="track__label">{track.label}</span>
              {showCamera ? <span className="muted">{cameraName(cameras, track.cameraId)}</span> : null}
              <span className="track__span" data-testid="track-span">
                {spanLabel(track.start, track.end, rangeStart)}
              </span>
            </span>
            <label className="track__keep">
              <input type="checkbox" checked={kept} onChange={(event) => onKeep(track.key, event.target.checked)} data-testid="track-keep" />
              {t('export.tracks.keep')}
            </label>
            <span className={kept ? 'tag track__state track__state--kept' : 'tag track__state'}>{kept ? t('export.tracks.visible') : t('export.tracks.covered')}</span>
          </li>
        )
      })}
    </ul>
  )
}
