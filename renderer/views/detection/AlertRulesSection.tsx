import { EVENT_KINDS } from '../../api/contract'
import { CheckboxField, TextField } from '../../components/Field'
import { inQuietHours, minuteOfDay, parseClock, spansMidnight } from '../../events/clock-time'
import { useAppInfo } from '../../hooks/useAppInfo'
import { useT } from '../../i18n'
import { fieldError, type SectionProps } from './sectionProps'

/** When this camera alerts: on/off, which kinds, a cool-down between alerts, quiet hours. */
export function AlertRulesSection({ draft, update, errors }: SectionProps) {
  const t = useT()
  const timeZone = useAppInfo()?.timeZone
  const alerts = draft.alerts
  const quiet = { from: alerts.quietFrom, to: alerts.quietTo }
  const valid = parseClock(quiet.from) !== null && parseClock(quiet.to) !== null
  const quietNow = alerts.quiet && valid && inQuietHours(quiet, minuteOfDay(Date.now(), timeZone))
  const kindsError = fieldError(errors, 'alerts.kinds', t)
  const toggleKind = (kind: (typeof EVENT_KINDS)[number], on: boolean) =>
    update('alerts', { kinds: EVENT_KINDS.filter((candidate) => (candidate === kind ? on : alerts.kinds.includes(candidate))) })

  return (
    <section className="panel" data-testid="detection-alerts">
      <h2>{t('detection.alerts')}</h2>
      <CheckboxField
        label={t('detection.alertsEnabled')}
        hint={t('detection.alertsEnabledHint')}
        checked={alerts.enabled}
        onChange={(enabled) => update('alerts', { enabled })}
        testId="detection-alerts-enabled"
      />
      <fieldset className="detection__kinds" disabled={!alerts.enabled}>
        <legend>{t('detection.alertKinds')}</legend>
        {EVENT_KINDS.map((kind) => (
          <CheckboxField
            key={kind}
            label={t(`event.kind.${kind}`)}
            checked={alerts.kinds.includes(kind)}
            onChange={(on) => toggleKind(kind, on)}
            testId={`detection-alert-kind-${kind}`}
          />
        ))}
        {kindsError ? (
          <p className="field__error">
            {kindsError.text} <span className="field__error-detail">{kindsError.detail}</span>
          </p>
        ) : null}
      </fieldset>
      <div className="form-grid detection__grid">
        <TextField
          label={t('detection.cooldown')}
          hint={t('detection.cooldownHint')}
          type="number"
          min={0}
          max={3600}
          step={1}
          value={alerts.cooldownSeconds}
          onChange={(cooldownSeconds) => update('alerts', { cooldownSeconds })}
          disabled={!alerts.enabled}
          testId="detection-cooldown"
          error={fieldError(errors, 'alerts.cooldownSeconds', t)}
        />
        <div>
          <CheckboxField
            label={t('detection.quietHours')}
            checked={alerts.quiet}
            onChange={(on) => update('alerts', { quiet: on })}
            disabled={!alerts.enabled}
            testId="detection-quiet"
          />
          {alerts.quiet ? (
            <div className="detection__quiet">
              <TextField label={t('detection.quietFrom')} type="time" value={alerts.quietFrom} onChange={(quietFrom) => update('alerts', { quietFrom })} disabled={!alerts.enabled} testId="detection-quiet-from" />
              <TextField label={t('detection.quietTo')} type="time" value={alerts.quietTo} onChange={(quietTo) => update('alerts', { quietTo })} disabled={!alerts.enabled} testId="detection-quiet-to" error={fieldError(errors, 'alerts.quietHours', t)} />
            </div>
          ) : null}
          <p className="field__hint" data-testid="detection-quiet-summary">
            {!alerts.quiet
              ? t('detection.quietNone')
              : !valid
                ? t('detection.error.alerts.quietHours')
                : quiet.from === quiet.to
                  ? t('detection.quietEmpty')
                  : t(spansMidnight(quiet) ? 'detection.quietOvernight' : 'detection.quietSameDay', quiet)}
            {quietNow ? ` ${t('detection.quietNow')}` : ''}
          </p>
        </div>
      </div>
      <p className="field__hint">{t('detection.alertsGlobalHint')}</p>
    </section>
  )
}
