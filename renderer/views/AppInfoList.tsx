import type { AppInfo } from '../api/contract'
import { useT } from '../i18n'

/** Read-only facts about this installation. Test ids: settings-info-<fact>. */
export function AppInfoList({ info }: { info: AppInfo }) {
  const t = useT()
  const rows: [string, string, string][] = [
    ['version', t('settings.version'), info.version],
    ['mode', t('settings.mode'), info.headless ? t('settings.modeHeadless') : t('settings.modeDesktop')],
    ['dataDir', t('settings.dataDir'), info.dataDir],
    ['timeZone', t('settings.timeZone'), info.timeZone]
  ]
  if (info.ffmpeg) {
    rows.push(
      ['ffmpegPath', t('settings.ffmpegPath'), info.ffmpeg.path],
      ['ffmpegVersion', t('settings.ffmpegVersion'), info.ffmpeg.version],
      ['ffmpegSource', t('settings.ffmpegSource'), t(`settings.source.${info.ffmpeg.source}`)]
    )
  }

  return (
    <section className="panel" data-testid="settings-info">
      <h2>{t('settings.about')}</h2>
      <dl className="facts">
        {rows.map(([id, label, value]) => (
          <div key={id} className="facts__row">
            <dt>{label}</dt>
            <dd className={id === 'dataDir' || id === 'ffmpegPath' ? 'mono' : undefined} data-testid={`settings-info-${id}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      {info.ffmpeg ? null : (
        <p className="error-text__title" data-testid="settings-info-ffmpegMissing">
          {t('settings.ffmpegMissing')}
        </p>
      )}
    </section>
  )
}
