// Privacy mode in the header: "Recording" or "Paused until 14:30", and whether alerts are on. Its menu pauses
// recording and detection of every camera for a while (people are home) or resumes, and switches alerts.
import { useEffect, useId, useRef, useState } from 'react'
import { PAUSE_MINUTES, isPaused } from '../events/clock-time'
import { useClockFormat } from '../hooks/useClockFormat'
import { useNowAfter, usePrivacy } from '../hooks/usePrivacy'
import { useT } from '../i18n'
import { Segmented } from './Segmented'

export function PrivacyControl() {
  const t = useT()
  const clock = useClockFormat()
  const privacy = usePrivacy()
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  const toggle = useRef<HTMLButtonElement>(null)
  const menuId = useId()
  const state = privacy.state
  const now = useNowAfter(state?.pausedUntil ?? null)
  const paused = isPaused(state, now)

  useEffect(() => {
    if (!open) return
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false)
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      event.preventDefault()
      setOpen(false)
      toggle.current?.focus()
    }
    document.addEventListener('pointerdown', onPointer)
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('pointerdown', onPointer)
      document.removeEventListener('keydown', onKey)
    }
  }, [open])

  if (!state) return null
  const status = paused ? t('privacy.pausedUntil', { time: clock.hm(state.pausedUntil!) }) : t('privacy.recording')
  const alerts = state.alertsEnabled ? t('privacy.alertsOn') : t('privacy.alertsOff')
  const pause = (minutes: number | null) => void privacy.set({ pauseMinutes: minutes }).then(() => setOpen(false))
  const alertOptions = [
    { value: 'on' as const, label: t('privacy.on'), testId: 'privacy-alerts-on' },
    { value: 'off' as const, label: t('privacy.off'), testId: 'privacy-alerts-off' }
  ]

  return (
    <div className="privacy" ref={root}>
      <button
        ref={toggle}
        type="button"
        className={paused ? 'privacy__toggle is-paused' : 'privacy__toggle'}
        aria-expanded={open}
        aria-controls={menuId}
        title={t('privacy.explain')}
        onClick={() => setOpen(!open)}
        data-testid="privacy-toggle"
        data-paused={paused}
        data-paused-until={paused ? state.pausedUntil! : undefined}
        data-alerts={state.alertsEnabled}
      >
        <span className="privacy__dot" aria-hidden="true" />
        <span data-testid="privacy-status">{status}</span>
        <span className={state.alertsEnabled ? 'privacy__alerts' : 'privacy__alerts is-off'} data-testid="privacy-alerts-state">
          {alerts}
        </span>
      </button>
      {open ? (
        <div className="privacy__menu" id={menuId} role="group" aria-label={t('privacy.menu')} data-testid="privacy-menu">
          <p className="privacy__explain">{t('privacy.explain')}</p>
          <div className="privacy__row">
            <span className="privacy__label">{paused ? t('privacy.extend') : t('privacy.pauseFor')}</span>
            <div className="privacy__buttons">
              {PAUSE_MINUTES.map((minutes) => (
                <button key={minutes} type="button" className="button button--small" disabled={privacy.busy} onClick={() => pause(minutes)} data-testid={`privacy-pause-${minutes}`}>
                  {minutes < 60 ? t('privacy.minutes', { n: minutes }) : t('privacy.hours', { n: minutes / 60 })}
                </button>
              ))}
            </div>
          </div>
          {paused ? (
            <div className="privacy__row">
              <span className="privacy__label">{status}</span>
              <button type="button" className="button button--small button--primary" disabled={privacy.busy} onClick={() => pause(null)} data-testid="privacy-resume">
                {t('privacy.resume')}
              </button>
            </div>
          ) : null}
          <div className="privacy__row">
            <span className="privacy__label">{t('privacy.alerts')}</span>
            <Segmented
              label={t('privacy.alerts')}
              options={alertOptions}
              value={state.alertsEnabled ? 'on' : 'off'}
              onChange={(value) => void privacy.set({ alertsEnabled: value === 'on' })}
            />
          </div>
          <p className="privacy__note">{t('privacy.alertsHint')}</p>
        </div>
      ) : null}
    </div>
  )
}
