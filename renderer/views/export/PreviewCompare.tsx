// The original recording and the redacted working copy side by side, on one clock: the original plays
// through the timeline's segment player (origin = the range start), the redacted copy follows it. One play
// button and one slider drive both.
import { useEffect, useRef, useState } from 'react'
import type { Camera, ExportDraft } from '../../api/contract'
import { mediaUrl } from '../../api/media'
import { Segmented } from '../../components/Segmented'
import { clockDuration } from '../../export/time'
import { usePlayback, usePlaybackState } from '../../hooks/usePlayback'
import { useT } from '../../i18n'
import { cameraName } from './stepProps'

/** A short fingerprint of the rendered choice: a new render gets a new URL, so no cached copy is shown. */
function version(rendered: ExportDraft['rendered']): string {
  let hash = 5381
  for (const char of JSON.stringify(rendered)) hash = ((hash * 33) ^ char.charCodeAt(0)) >>> 0
  return hash.toString(36)
}

export function PreviewCompare({ draft, cameras }: { draft: ExportDraft; cameras: readonly Camera[] }) {
  const t = useT()
  const [chosen, setChosen] = useState<string | null>(null)
  const preview = draft.previews.find((candidate) => candidate.cameraId === chosen) ?? draft.previews[0]
  if (!preview) return null
  const options = draft.previews.map((candidate) => ({ value: candidate.cameraId, label: cameraName(cameras, candidate.cameraId), testId: `preview-camera-${candidate.cameraId}` }))
  return (
    <div className="preview" data-testid="export-preview">
      {options.length > 1 ? <Segmented<string> label={t('export.preview.camera')} options={options} value={preview.cameraId} onChange={setChosen} /> : null}
      <PreviewPair key={preview.cameraId} cameraId={preview.cameraId} url={`${mediaUrl(preview.url)}?v=${version(draft.rendered)}`} from={draft.from} to={draft.to} />
    </div>
  )
}

function PreviewPair({ cameraId, url, from, to }: { cameraId: string; url: string; from: number; to: number }) {
  const t = useT()
  const playback = usePlayback(from)
  const state = usePlaybackState(playback)
  const original = useRef<HTMLVideoElement>(null)
  const redacted = useRef<HTMLVideoElement>(null)
  const status = state.cameras[cameraId]?.status ?? 'idle'
  const originalMissing = status === 'error' || status === 'nodata' || status === 'unsupported'

  useEffect(() => {
    const video = original.current
    if (!video || !playback) return
    playback.setOrder([cameraId])
    const detach = playback.attach(cameraId, video)
    void playback.seek(from)
    return detach
  }, [playback, cameraId, from])

  // The redacted copy starts at the range start: its time is the original's distance from there.
  useEffect(() => {
    const video = redacted.current
    if (!video || state.wall === null) return
    const target = Math.max(0, (state.wall - from) / 1000)
    if (Math.abs(video.currentTime - target) > (state.playing ? 0.35 : 0.04)) video.currentTime = target
    if (state.playing && video.paused) video.play().catch(() => undefined)
    if (!state.playing && !video.paused) video.pause()
  }, [state.wall, state.playing, from])

  // The preview ends with the range.
  useEffect(() => {
    if (state.playing && state.wall !== null && state.wall >= to) playback?.pause()
  }, [state.playing, state.wall, to, playback])

  const position = state.wall === null ? 0 : Math.min(Math.max(0, state.wall - from), to - from)
  return (
    <>
      <div className="preview__pair">
        <figure className="preview__video">
          <video ref={original} muted playsInline preload="auto" data-testid="preview-original" data-status={status} />
          {originalMissing ? <div className="preview__overlay">{t('export.preview.noOriginal')}</div> : null}
          <figcaption>{t('export.preview.original')}</figcaption>
        </figure>
        <figure className="preview__video">
          <video ref={redacted} src={url} muted playsInline preload="auto" controls={originalMissing} data-testid="preview-redacted" />
          <figcaption>{t('export.preview.redacted')}</figcaption>
        </figure>
      </div>
      <div className="preview__controls">
        {state.playing ? (
          <button type="button" className="button" onClick={() => playback?.pause()} disabled={!playback} data-testid="preview-play" data-playing="true">
            {t('timeline.pause')}
          </button>
        ) : (
          <button
            type="button"
            className="button"
            onClick={() => {
              // At the end: from the start again.
              if (position >= to - from - 500) void playback?.seek(from)
              playback?.play()
            }}
            disabled={!playback || originalMissing}
            data-testid="preview-play"
            data-playing="false"
          >
            {t('timeline.play')}
          </button>
        )}
        <input
          type="range"
          className="preview__seek"
          min={0}
          max={to - from}
          step={100}
          value={position}
          onChange={(event) => void playback?.seek(from + Number(event.target.value))}
          aria-label={t('export.preview.seek')}
          disabled={!playback || originalMissing}
          data-testid="preview-seek"
        />
        <output className="preview__time" data-testid="preview-time">
          {clockDuration(position)} / {clockDuration(to - from)}
        </output>
      </div>
    </>
  )
}
