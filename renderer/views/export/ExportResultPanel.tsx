import type { ExportResult } from '../../api/contract'
import { mediaUrl } from '../../api/media'
import { routeHref } from '../../hooks/useRoute'
import { useT } from '../../i18n'

/** The finished package: where it is, its manifest hash and log entry, the ZIP download, how to verify it. */
export function ExportResultPanel({ result, zip, onNew }: { result: ExportResult; zip: boolean; onNew(): void }) {
  const t = useT()
  const row = (label: string, value: string, testId: string) => (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd className="mono" data-testid={testId}>
        {value}
      </dd>
    </div>
  )
  return (
    <section className="panel export-result" data-testid="export-result" data-package-id={result.packageId} data-dir={result.dir}>
      <h2>{t('export.result.title')}</h2>
      <p>{t('export.result.text')}</p>
      <dl className="facts">
        {row(t('export.result.packageId'), result.packageId, 'export-result-package')}
        {row(t('export.result.dir'), result.dir, 'export-result-dir')}
        {result.zip ? row(t('export.result.zip'), result.zip, 'export-result-zip') : null}
        {row(t('export.result.sha256'), result.manifestSha256, 'export-result-sha256')}
        {row(t('export.result.logEntry'), `#${result.logEntryId}`, 'export-result-log')}
      </dl>
      {result.downloadUrl ? (
        <p>
          <a className="button button--primary" href={mediaUrl(result.downloadUrl)} download={`${result.packageId}.zip`} data-testid="export-download">
            {t('export.result.download')}
          </a>
        </p>
      ) : null}
      <h3 className="wizard__subtitle">{t('export.result.verifyTitle')}</h3>
      <p data-testid="export-verify-note">{t('export.result.verify')}</p>
      <p>
        <code className="mono">vigil verify {result.zip ?? result.dir}</code>
      </p>
      <p className="muted">{t('export.result.hashSeparately')}</p>
      {zip ? <p className="wizard__note wizard__note--info">{t('export.zip.separately')}</p> : null}
      <div className="panel__actions wizard__resume-actions">
        <a className="button" href={`${routeHref('evidence')}/log`} data-testid="export-open-log">
          {t('export.result.openLog')}
        </a>
        <button type="button" className="button button--primary" onClick={onNew} data-testid="export-new">
          {t('export.result.new')}
        </button>
      </div>
    </section>
  )
}
