import { useState } from 'react'
import type { EvidenceHold } from '../../api/contract'
import { Dialog } from '../../components/Dialog'
import { TextAreaField, type FieldError } from '../../components/Field'
import { useAction } from '../../hooks/useAction'
import { useApi } from '../../hooks/useConnection'
import { useFormat } from '../../hooks/useFormat'
import { useNotices } from '../../hooks/useNotices'
import { useT } from '../../i18n'

/** Releasing a hold lets retention delete the footage again; the reason goes into the export log. */
export function ReleaseHoldDialog({ hold, onClose, onReleased }: { hold: EvidenceHold; onClose(): void; onReleased(): void }) {
  const t = useT()
  const api = useApi()
  const format = useFormat()
  const { notifySuccess } = useNotices()
  const { busy, run } = useAction()
  const [reason, setReason] = useState('')
  const [error, setError] = useState<FieldError | undefined>()

  const release = async () => {
    if (reason.trim().length < 3) {
      setError({ text: t('holds.error.reason') })
      return
    }
    const released = await run(() => api['holds.release']({ id: hold.id, reason: reason.trim() }), {
      onError: (problem) => {
        const detail = problem.fields?.reason
        if (!detail) return false
        setError({ text: t('holds.error.reason'), detail })
        return true
      }
    })
    if (released) {
      notifySuccess('holds.releasedNotice', { camera: released.cameraName })
      onReleased()
      onClose()
    }
  }

  return (
    <Dialog
      title={t('holds.releaseTitle')}
      onClose={onClose}
      onSubmit={() => void release()}
      testId="holds-release-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--danger" disabled={busy} data-testid="holds-release-confirm">
            {t('holds.releaseConfirm')}
          </button>
        </>
      }
    >
      <p>
        <strong>{hold.cameraName}</strong>: {format.range(hold.start, hold.end)}
      </p>
      <p className="muted">{t('holds.releaseText')}</p>
      <TextAreaField
        label={t('holds.releaseReason')}
        value={reason}
        onChange={(value) => {
          setReason(value)
          setError(undefined)
        }}
        maxLength={500}
        rows={3}
        testId="holds-release-reason"
        error={error}
      />
    </Dialog>
  )
}
