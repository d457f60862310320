import { useNotices } from '../hooks/useNotices'
import { useT } from '../i18n'
import { ErrorText } from './ErrorText'

/** Errors and confirmations at the top of the page; errors stay until dismissed. */
export function NoticeArea({ extra }: { extra?: string | null }) {
  const t = useT()
  const { notices, dismiss } = useNotices()
  if (notices.length === 0 && !extra) return null
  return (
    <section className="notices" data-testid="notices" aria-live="polite">
      {extra ? (
        <div className="notice notice--warning" data-testid="notice-connection">
          {extra}
        </div>
      ) : null}
      {notices.map((notice) => (
        <div
          key={notice.id}
          className={`notice notice--${notice.kind}`}
          data-testid="notice"
          data-kind={notice.kind}
          data-code={notice.kind === 'error' ? notice.error.code : undefined}
          role={notice.kind === 'error' ? 'alert' : 'status'}
        >
          <div className="notice__text">
            {notice.kind === 'error' ? <ErrorText error={notice.error} /> : t(notice.key, notice.values)}
          </div>
          <button
            type="button"
            className="notice__dismiss"
            onClick={() => dismiss(notice.id)}
            aria-label={t('notice.dismiss')}
            data-testid="notice-dismiss"
          >
            ×
          </button>
        </div>
      ))}
    </section>
  )
}
