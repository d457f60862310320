import type { ProbeOutcome, StreamInfo } from '../api/contract'
import { useFormat } from '../hooks/useFormat'
import { useT } from '../i18n'
import { ErrorText } from './ErrorText'

function useStreamSummary(): (info: StreamInfo) => string {
  const t = useT()
  const format = useFormat()
  return (info) => {
    const parts = [t('form.probeVideo', { codec: info.video.codec.toUpperCase(), width: info.video.width, height: info.video.height })]
    if (info.video.fps !== null) parts.push(t('form.probeFps', { fps: format.number(info.video.fps, 2) }))
    if (!info.audio) parts.push(t('form.probeNoAudio'))
    else {
      const rate = info.audio.sampleRate ? ` ${format.number(info.audio.sampleRate / 1000, 1)} kHz` : ''
      parts.push(t('form.probeAudio', { codec: info.audio.codec.toUpperCase() }) + rate)
    }
    return parts.join(' · ')
  }
}

/** One stream's probe outcome: codec, size, fps and audio, or the translated reason it failed. */
export function ProbeResult({ label, outcome, testId }: { label: string; outcome: ProbeOutcome; testId: string }) {
  const summary = useStreamSummary()
  return (
    <div className={outcome.ok ? 'probe probe--ok' : 'probe probe--error'} data-testid={testId} data-state={outcome.ok ? 'ok' : 'error'}>
      <div className="probe__label">
        <span className="probe__icon" aria-hidden="true">
          {outcome.ok ? '✓' : '✕'}
        </span>
        {label}
      </div>
      {outcome.ok ? <div className="probe__info">{summary(outcome.info)}</div> : <ErrorText error={outcome.error} />}
    </div>
  )
}
