import { ErrorBox } from '../components/ErrorText'
import { useCall } from '../hooks/useCall'
import { useT } from '../i18n'
import { StorageLimitsForm } from '../views/StorageLimitsForm'
import { StorageOverview } from '../views/StorageOverview'

export function StoragePage() {
  const t = useT()
  // New segments arrive every few seconds per camera; refresh at most every 5 s.
  const summary = useCall('storage.summary', {}, { refreshOn: ['storageChanged', 'segmentIndexed'], throttleMs: 5000 })

  return (
    <div className="page" data-testid="page-storage">
      <div className="page__header">
        <h1>{t('storage.title')}</h1>
      </div>
      {summary.error ? <ErrorBox error={summary.error} onRetry={summary.reload} testId="storage-error" /> : null}
      {summary.data ? (
        <>
          <StorageOverview summary={summary.data} />
          <StorageLimitsForm key={JSON.stringify(summary.data.limits)} limits={summary.data.limits} onSaved={summary.reload} />
        </>
      ) : null}
      {!summary.data && !summary.error ? <p className="muted">{t('common.loading')}</p> : null}
    </div>
  )
}
