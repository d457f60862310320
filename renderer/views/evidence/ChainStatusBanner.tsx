import type { ChainStatus, ErrorPayload } from '../../api/contract'
import { ErrorText } from '../../components/ErrorText'
import { useT, type MessageKey } from '../../i18n'

const BREAKS: Record<string, MessageKey> = {
  hash_mismatch: 'log.break.hash_mismatch',
  prev_mismatch: 'log.break.prev_mismatch',
  gap: 'log.break.gap',
  bad_payload: 'log.break.bad_payload'
}

/** Whether the log's hash chain is intact (log.verify): every entry unchanged, none missing. */
export function ChainStatusBanner({ status, error }: { status: ChainStatus | undefined; error: ErrorPayload | null }) {
  const t = useT()
  if (error) return <ErrorText error={error} testId="log-chain-error" />
  if (!status) return <p className="muted">{t('log.chainChecking')}</p>
  const broken = status.firstBroken
  return (
    <div className={status.ok ? 'chain chain--ok' : 'chain chain--broken'} role={status.ok ? 'status' : 'alert'} data-testid="log-chain" data-ok={status.ok} data-entries={status.entries}>
      <strong className="chain__title">
        {status.ok ? t('log.chainOk', { count: status.entries }) : t('log.chainBroken', { id: broken?.id ?? '?', reason: broken ? t(BREAKS[broken.reason] ?? 'log.break.other') : '' })}
      </strong>
      {broken && !BREAKS[broken.reason] ? <span className="mono">{broken.reason}</span> : null}
      {status.headHash ? (
        <span className="chain__head">
          {t('log.head')} <span className="mono" data-testid="log-chain-head">{status.headHash}</span>
        </span>
      ) : null}
      <span className="chain__explain">{status.ok ? t('log.chainOkExplain') : t('log.chainBrokenExplain')}</span>
    </div>
  )
}
