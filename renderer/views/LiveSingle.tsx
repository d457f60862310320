import { useEffect, useState } from 'react'
import type { Camera, CameraStatus } from '../api/contract'
import { LiveVideo } from '../components/LiveVideo'
import { saveSnapshot } from '../components/snapshot'
import { StatusBadge } from '../components/StatusBadge'
import { useLiveStream } from '../hooks/useLiveStream'
import { useNotices } from '../hooks/useNotices'
import { routeHref } from '../hooks/useRoute'
import { useT } from '../i18n'

/** One camera large, from its main stream: sound on demand, a snapshot button, back to the grid (also with Escape). */
export function LiveSingle({ camera, status }: { camera: Camera; status: CameraStatus | undefined }) {
  const t = useT()
  const { notifyError, notifySuccess } = useNotices()
  const paused = !camera.enabled || status?.state === 'paused'
  const live = useLiveStream(camera.id, 'main', !paused)
  const [sound, setSound] = useState(false)
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) window.location.hash = routeHref('live')
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const snapshot = async () => {
    if (!live.video) return
    setSaving(true)
    try {
      const file = await saveSnapshot(live.video, camera.name, new Date())
      notifySuccess('live.snapshotSaved', { file })
    } catch (error) {
      notifyError(error)
    } finally {
      setSaving(false)
    }
  }

  const playing = live.status.state === 'playing'
  return (
    <section className="live-single" data-testid="live-single" data-camera={camera.id}>
      <div className="live-single__bar">
        <a className="button button--small" href={routeHref('live')} data-testid="live-back">
          <span aria-hidden="true">←</span> {t('live.back')}
        </a>
        <h1 className="live-single__name" title={camera.location || undefined}>
          {camera.name}
        </h1>
        <StatusBadge state={status?.state ?? null} testId={`live-status-${camera.name}`} />
        <div className="live-single__actions">
          {live.status.hasAudio && !paused ? (
            <button
              type="button"
              className={sound ? 'button button--small is-active' : 'button button--small'}
              aria-pressed={sound}
              title={t(sound ? 'live.soundOffHint' : 'live.soundOnHint')}
              onClick={() => setSound(!sound)}
              data-testid="live-audio"
            >
              <SpeakerIcon on={sound} /> {t('live.sound')}
            </button>
          ) : null}
          <button
            type="button"
            className="button button--small"
            disabled={!playing || saving}
            title={t('live.snapshotHint')}
            onClick={() => void snapshot()}
            data-testid="live-snapshot"
          >
            {t('live.snapshot')}
          </button>
        </div>
      </div>
      <div className="live-single__picture">
        {paused ? (
          <div className="tile__placeholder">{t('live.paused')}</div>
        ) : (
          <LiveVideo name={camera.name} live={live} muted={!sound} reason={status?.state === 'offline' ? status.reason : null} />
        )}
      </div>
    </section>
  )
}

function SpeakerIcon({ on }: { on: boolean }) {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5">
      <path d="M2 6h3l4-3v10l-4-3H2z" fill="currentColor" />
      {on ? <path d="M11 5.5a3.5 3.5 0 0 1 0 5M12.5 3.5a6 6 0 0 1 0 9" /> : <path d="M11 6l4 4M15 6l-4 4" />}
    </svg>
  )
}
