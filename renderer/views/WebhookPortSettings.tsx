// The webhook port: opt-in, because it is the one thing Vigil opens to the network. It answers camera
// webhooks and nothing else; a port that cannot be opened is refused with the reason, and the old one stays.
import { useState, type FormEvent } from 'react'
import type { Settings } from '../api/contract'
import { CheckboxField, TextField, type FieldError } from '../components/Field'
import { useAction } from '../hooks/useAction'
import { useCall } from '../hooks/useCall'
import { useApi } from '../hooks/useConnection'
import { useNotices } from '../hooks/useNotices'
import { useT } from '../i18n'

/** A port cameras' vendors rarely use and no other Vigil service takes. */
const SUGGESTED_PORT = 8089

export function WebhookPortSettings({ settings, onSaved }: { settings: Settings; onSaved(): void }) {
  const t = useT()
  const api = useApi()
  const { notifySuccess } = useNotices()
  const { busy, run } = useAction()
  const info = useCall('app.info', {})
  const [open, setOpen] = useState(settings.webhookPort !== null)
  const [port, setPort] = useState(String(settings.webhookPort ?? SUGGESTED_PORT))
  const [error, setError] = useState<FieldError | undefined>()
  const listener = info.data?.webhookListener ?? null

  const save = async (event: FormEvent) => {
    event.preventDefault()
    setError(undefined)
    const webhookPort = open ? Number(port.trim() || Number.NaN) : null
    const saved = await run(() => api['settings.set']({ webhookPort }), {
      onError: (problem) => {
        const detail = problem.fields?.webhookPort
        if (!detail) return false
        setError({ text: t('settings.webhookPortInvalid'), detail })
        return true
      }
    })
    info.reload()
    if (saved) {
      notifySuccess('settings.saved')
      onSaved()
    }
  }

  // A CLI-style run without a listener host cannot open the port: nothing to offer.
  if (info.data && info.data.webhookListener === null) return null
  return (
    <form className="panel" onSubmit={(event) => void save(event)} noValidate data-testid="settings-webhooks">
      <h2>{t('settings.webhooks')}</h2>
      <CheckboxField label={t('settings.webhookPortOpen')} hint={t('settings.webhookPortOpenHint')} checked={open} onChange={setOpen} testId="settings-webhook-open" />
      {open ? (
        <div className="form-grid">
          <TextField label={t('settings.webhookPort')} type="number" min={1024} max={65535} step={1} value={port} onChange={setPort} testId="settings-webhook-port" error={error} />
        </div>
      ) : null}
      <p className="muted" data-testid="settings-webhook-state" data-state={listener?.state ?? 'off'}>
        {listener?.state === 'listening'
          ? t('settings.webhookPortListening', { port: String(listener.port) })
          : listener?.state === 'failed'
            ? t('settings.webhookPortFailed', { message: listener.message ?? '' })
            : t('settings.webhookPortClosed')}
      </p>
      <div className="panel__actions">
        <button type="submit" className="button button--primary" disabled={busy} data-testid="settings-webhook-save">
          {busy ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  )
}
