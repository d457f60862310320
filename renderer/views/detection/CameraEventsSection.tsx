import { useState } from 'react'
import type { ErrorPayload, OnvifProbe } from '../../api/contract'
import { ErrorText } from '../../components/ErrorText'
import { CheckboxField, TextField } from '../../components/Field'
import { Segmented } from '../../components/Segmented'
import { useAction } from '../../hooks/useAction'
import { useApi } from '../../hooks/useConnection'
import { useT } from '../../i18n'
import { fieldError, type SectionProps } from './sectionProps'
import { WebhookUrl } from './WebhookUrl'

type Probe = { status: 'idle' } | { status: 'running' } | { status: 'done'; result: OnvifProbe } | { status: 'failed'; error: ErrorPayload }

/** Events the camera reports itself: ONVIF (doorbell, the camera's motion alarm) and a webhook it calls. */
export function CameraEventsSection({ cameraId, draft, update, errors }: SectionProps & { cameraId: string }) {
  const t = useT()
  const api = useApi()
  const { run } = useAction()
  const [probe, setProbe] = useState<Probe>({ status: 'idle' })
  const [urlProblem, setUrlProblem] = useState<string | null>(null)
  const { onvif, webhook } = draft

  const check = async () => {
    setProbe({ status: 'running' })
    setUrlProblem(null)
    const deviceUrl = onvif.deviceUrl.trim()
    const result = await run(() => api['detection.probeOnvif']({ cameraId, ...(deviceUrl ? { deviceUrl } : {}) }), {
      onError: (error) => {
        const problem = error.code === 'VALIDATION' ? error.fields?.deviceUrl : undefined
        if (problem) setUrlProblem(problem)
        setProbe(problem ? { status: 'idle' } : { status: 'failed', error })
        return true
      }
    })
    if (result) setProbe({ status: 'done', result })
  }
  const urlError = fieldError(errors, 'onvif.deviceUrl', t) ?? (urlProblem ? { text: t('detection.error.onvif.deviceUrl'), detail: urlProblem } : undefined)
  const webhookKinds = [
    { value: 'doorbell' as const, label: t('event.kind.doorbell'), testId: 'detection-webhook-kind-doorbell' },
    { value: 'camera_motion' as const, label: t('event.kind.camera_motion'), testId: 'detection-webhook-kind-camera_motion' }
  ]

  return (
    <section className="panel" data-testid="detection-camera-events">
      <h2>{t('detection.cameraEvents')}</h2>
      <p className="muted">{t('detection.cameraEventsHint')}</p>
      <h3 className="detection__subtitle">{t('detection.onvif')}</h3>
      <CheckboxField label={t('detection.onvifEnabled')} hint={t('detection.onvifEnabledHint')} checked={onvif.enabled} onChange={(enabled) => update('onvif', { enabled })} testId="detection-onvif-enabled" />
      <div className="detection__row">
        <TextField
          label={t('detection.onvifUrl')}
          hint={t('detection.onvifUrlHint')}
          type="url"
          placeholder="http://<camera>/onvif/device_service"
          value={onvif.deviceUrl}
          onChange={(deviceUrl) => {
            update('onvif', { deviceUrl })
            setUrlProblem(null)
          }}
          testId="detection-onvif-url"
          error={urlError}
          autoComplete="off"
        />
        <button type="button" className="button" onClick={() => void check()} disabled={probe.status === 'running'} data-testid="detection-onvif-check">
          {probe.status === 'running' ? t('detection.onvifChecking') : t('detection.onvifCheck')}
        </button>
      </div>
      {probe.status === 'done' ? (
        <div className={probe.result.supported ? 'probe probe--ok' : 'probe probe--error'} data-testid="detection-onvif-result" data-supported={probe.result.supported}>
          <div className="probe__label">
            {/* A camera that could not be asked is not one without events: a wrong URL must not read as "no ONVIF". */}
            {probe.result.supported ? t('detection.onvifSupported') : probe.result.error ? t('detection.onvifCheckFailed') : t('detection.onvifUnsupported')}
          </div>
          {probe.result.topics.length > 0 ? (
            <ul className="detection__topics" aria-label={t('detection.onvifTopics')}>
              {probe.result.topics.map((topic) => (
                <li key={topic} className="mono">
                  {topic}
                </li>
              ))}
            </ul>
          ) : null}
          {probe.result.error ? <div className="error-text__detail" data-testid="detection-onvif-error">{probe.result.error}</div> : null}
        </div>
      ) : null}
      {probe.status === 'failed' ? <ErrorText error={probe.error} testId="detection-onvif-error" /> : null}

      <h3 className="detection__subtitle">{t('detection.webhook')}</h3>
      <CheckboxField label={t('detection.webhookEnabled')} hint={t('detection.webhookEnabledHint')} checked={webhook.enabled} onChange={(enabled) => update('webhook', { enabled })} testId="detection-webhook-enabled" />
      {webhook.enabled ? (
        <>
          <div className="field">
            <span className="field__label">{t('detection.webhookKind')}</span>
            <Segmented label={t('detection.webhookKind')} options={webhookKinds} value={webhook.kind} onChange={(kind) => update('webhook', { kind })} />
          </div>
          <WebhookUrl cameraId={cameraId} />
        </>
      ) : null}
    </section>
  )
}
