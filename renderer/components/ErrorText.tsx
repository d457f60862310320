import type { ErrorPayload } from '../api/contract'
import { errorKey, useT } from '../i18n'

/** The translated text for an error code, with the server's own message beneath it as detail. */
export function ErrorText({ error, testId, compact }: { error: ErrorPayload; testId?: string; compact?: boolean }) {
  const t = useT()
  return (
    <div className={compact ? 'error-text error-text--compact' : 'error-text'} data-testid={testId} data-code={error.code}>
      <div className="error-text__title">{t(errorKey(error.code))}</div>
      {error.message ? <div className="error-text__detail">{error.message}</div> : null}
    </div>
  )
}

/** A boxed error with an optional retry, for a section that could not load. */
export function ErrorBox({ error, onRetry, testId }: { error: ErrorPayload; onRetry?: () => void; testId?: string }) {
  const t = useT()
  return (
    <div className="error-box" role="alert" data-testid={testId}>
      <ErrorText error={error} />
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  )
}
