// The URL to give the camera for its webhook: on the webhook port when it is open, else in a browser the address
// this page came from; with neither (the desktop app, port closed) the path only, and where to open the port.
import { useEffect, useRef, useState } from 'react'
import type { WebhookInfo } from '../../api/contract'
import { isLoopbackHost, webhookUrls } from '../../detection/webhook'
import { ErrorText } from '../../components/ErrorText'
import { useAction } from '../../hooks/useAction'
import { useAppInfo } from '../../hooks/useAppInfo'
import { useCall } from '../../hooks/useCall'
import { useApi } from '../../hooks/useConnection'
import { useNotices } from '../../hooks/useNotices'
import { useT } from '../../i18n'

/** Copies text; on a plain-http page (no Clipboard API) by selecting the input and the old copy command. */
async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // fall through to the selection
  }
  if (!input) return false
  input.focus()
  input.select()
  return document.execCommand('copy')
}

export function WebhookUrl({ cameraId }: { cameraId: string }) {
  const t = useT()
  const api = useApi()
  const info = useAppInfo()
  const { notifySuccess } = useNotices()
  const { busy, run } = useAction()
  const hook = useCall('detection.webhook', { cameraId })
  const input = useRef<HTMLInputElement>(null)
  const [confirming, setConfirming] = useState(false)
  const [copied, setCopied] = useState(false)
  /** The answer of "new token" (the loaded one is stale from then on). */
  const [renewed, setRenewed] = useState<WebhookInfo | null>(null)

  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(false), 2000)
    return () => clearTimeout(timer)
  }, [copied])

  const current = renewed ?? hook.data
  if (!current) return hook.error ? <ErrorText error={hook.error} compact testId="detection-webhook-error" /> : <p className="muted">{t('common.loading')}</p>
  const [full = null, ...others] = webhookUrls(current, info?.headless ?? false, window.location)
  const shown = full ?? current.path
  const onPort = current.listener?.state === 'listening' && full !== null
  const portProblem = current.listener?.state === 'failed' ? current.listener.message : null

  const regenerate = async () => {
    setConfirming(false)
    const next = await run(() => api['detection.webhook']({ cameraId, regenerate: true }))
    if (next) {
      setRenewed(next)
      notifySuccess('detection.webhookRenewed')
    }
  }

  return (
    <div className="field">
      <label htmlFor={`${cameraId}-webhook`}>{full ? t('detection.webhookUrl') : t('detection.webhookPath')}</label>
      <div className="detection__row">
        <input id={`${cameraId}-webhook`} ref={input} className="mono" readOnly value={shown} onFocus={(event) => event.currentTarget.select()} data-testid="detection-webhook-url" />
        <button
          type="button"
          className="button"
          onClick={() => void copyText(shown, input.current).then((ok) => setCopied(ok))}
          data-testid="detection-webhook-copy"
        >
          {copied ? t('detection.copied') : t('detection.copy')}
        </button>
        {confirming ? (
          <>
            <button type="button" className="button button--danger" onClick={() => void regenerate()} disabled={busy} data-testid="detection-webhook-regenerate-confirm">
              {t('detection.webhookRenewConfirm')}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </>
        ) : (
          <button type="button" className="button" onClick={() => setConfirming(true)} disabled={busy} data-testid="detection-webhook-regenerate">
            {t('detection.webhookRenew')}
          </button>
        )}
      </div>
      <div className="field__hint">
        {onPort ? t('detection.webhookPortHint', { port: String(current.listener!.port) }) : full ? t('detection.webhookHint') : t('detection.webhookNoPortHint')}
      </div>
      {others.length > 0 ? (
        <div className="field__hint" data-testid="detection-webhook-others">
          {t('detection.webhookOtherAddresses', { urls: others.join(', ') })}
        </div>
      ) : null}
      {portProblem ? <div className="field__error" data-testid="detection-webhook-port-problem">{portProblem}</div> : null}
      {full && !onPort && isLoopbackHost(window.location.hostname) ? (
        <div className="field__hint" data-testid="detection-webhook-loopback">
          {t('detection.webhookLoopback', { host: window.location.hostname })}
        </div>
      ) : null}
      {confirming ? <div className="field__hint">{t('detection.webhookRenewWarning')}</div> : null}
    </div>
  )
}
