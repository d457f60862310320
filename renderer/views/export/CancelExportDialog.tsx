import { Dialog } from '../../components/Dialog'
import { useAction } from '../../hooks/useAction'
import { useApi } from '../../hooks/useConnection'
import { useNotices } from '../../hooks/useNotices'
import { routeHref } from '../../hooks/useRoute'
import { useT } from '../../i18n'

/** Cancelling leaves no package and no log entry; holds already placed stay until released by hand. */
export function CancelExportDialog({ draftId, onClose, onCancelled }: { draftId: string | null; onClose(): void; onCancelled(): void }) {
  const t = useT()
  const api = useApi()
  const { notifySuccess } = useNotices()
  const { busy, run } = useAction()

  const cancel = async () => {
    if (draftId) {
      let gone = false
      const done = await run(() => api['exports.cancel']({ id: draftId }), {
        // Already gone (Vigil restarted, cancelled in another tab): nothing left to cancel.
        onError: (error) => (gone = error.code === 'NOT_FOUND')
      })
      if (!done && !gone) return
    }
    notifySuccess(draftId ? 'export.cancelledHolds' : 'export.cancelled')
    onCancelled()
  }

  return (
    <Dialog
      title={t('export.cancelTitle')}
      onClose={onClose}
      testId="export-cancel-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={busy} data-testid="export-cancel-back">
            {t('export.cancelBack')}
          </button>
          <button type="button" className="button button--danger" onClick={() => void cancel()} disabled={busy} data-testid="export-cancel-confirm">
            {t('export.cancelConfirm')}
          </button>
        </>
      }
    >
      <p>{t('export.cancelText')}</p>
      {draftId ? (
        <p data-testid="export-cancel-holds">
          {t('export.cancelHolds')} <a href={`${routeHref('evidence')}/holds`}>{t('export.cancelHoldsLink')}</a>
        </p>
      ) : null}
    </Dialog>
  )
}
