// Transport controls under the pictures: jump, frame step, play/pause, speed, the playhead's wall time,
// zoom and snapshot.
import type { ReactNode } from 'react'
import { SpeedPicker } from '../../components/timeline/SpeedPicker'
import { TransportIcon, type TransportIconName } from '../../components/timeline/TransportIcon'
import { useClockFormat } from '../../hooks/useClockFormat'
import type { TimelineView } from '../../hooks/useTimelineView'
import { useT, type Translate } from '../../i18n'
import type { Playback, PlaybackState } from '../../timeline/playback'

interface TimelineControlsProps {
  playback: Playback | null
  state: PlaybackState
  timeline: TimelineView
  onJump(direction: 1 | -1): void
  onSnapshot(): void
  /** The export wizard for the visible range or around the playhead, and which of the two it is. */
  exportLink: { href: string; around: 'view' | 'playhead' }
}

function spanLabel(ms: number, t: Translate): string {
  const minutes = Math.round(ms / 60_000)
  return minutes >= 60 ? t('timeline.span.h', { n: Math.round(minutes / 60) }) : t('timeline.span.m', { n: minutes })
}

export function TimelineControls({ playback, state, timeline, onJump, onSnapshot, exportLink }: TimelineControlsProps) {
  const t = useT()
  const clock = useClockFormat()
  const idle = !playback || state.wall === null
  const button = (testId: string, label: string, content: ReactNode, onClick: () => void, disabled = idle) => (
    <button type="button" className="button tl-controls__button" title={label} aria-label={label} onClick={onClick} disabled={disabled} data-testid={testId}>
      {content}
    </button>
  )
  const icon = (name: TransportIconName) => <TransportIcon name={name} />

  return (
    <div className="tl-controls">
      <div className="tl-controls__group">
        {button('timeline-prev', t('timeline.prev'), icon('prev'), () => onJump(-1))}
        {button('timeline-step-back', t('timeline.stepBack'), icon('stepBack'), () => playback?.step(-1), idle || state.playing)}
        {state.playing
          ? button('timeline-play', t('timeline.pause'), icon('pause'), () => playback?.pause())
          : button('timeline-play', t('timeline.play'), icon('play'), () => playback?.play())}
        {button('timeline-step-forward', t('timeline.stepForward'), icon('stepForward'), () => playback?.step(1), idle || state.playing)}
        {button('timeline-next', t('timeline.next'), icon('next'), () => onJump(1))}
      </div>
      <output
        className="tl-controls__time"
        aria-label={t('timeline.playhead')}
        data-testid="timeline-playhead-time"
        data-epoch-ms={state.wall ?? undefined}
        data-playing={state.playing}
      >
        {state.wall === null ? '--:--:--' : clock.hms(state.wall)}
      </output>
      {state.ended ? <span className="muted">{t('timeline.ended')}</span> : null}
      <SpeedPicker value={state.rate} onChange={(rate) => playback?.setRate(rate)} />
      <div className="tl-controls__group tl-controls__zoom">
        {button('timeline-zoom-out', t('timeline.zoomOut'), <span aria-hidden="true">−</span>, () => timeline.zoomBy(-1), !timeline.canZoomOut)}
        <span className="tl-controls__span">{t('timeline.zoomLevel', { span: spanLabel(timeline.view.span, t) })}</span>
        {button('timeline-zoom-in', t('timeline.zoomIn'), <span aria-hidden="true">+</span>, () => timeline.zoomBy(1), !timeline.canZoomIn)}
      </div>
      <button type="button" className="button" title={t('timeline.snapshotHint')} onClick={onSnapshot} disabled={idle} data-testid="timeline-snapshot">
        {t('timeline.snapshot')}
      </button>
      <a
        className="button"
        href={exportLink.href}
        title={exportLink.around === 'view' ? t('timeline.exportViewHint') : t('timeline.exportPlayheadHint')}
        data-testid="timeline-export"
        data-around={exportLink.around}
      >
        {t('timeline.export')}
      </a>
    </div>
  )
}
