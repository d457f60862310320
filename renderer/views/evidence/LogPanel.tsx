// The export log: is the chain intact, the entries (filtered by year, recipient, basis on the server), the
// log as CSV or PDF, and a yearly transparency summary computed here from the whole log.
import { useId, useMemo, useState } from 'react'
import { ErrorBox } from '../../components/ErrorText'
import { base64Blob, downloadBlob } from '../../components/download'
import { basisCode, logYears, transparencySummary } from '../../export/transparency'
import { useAction } from '../../hooks/useAction'
import { useCall } from '../../hooks/useCall'
import { useApi } from '../../hooks/useConnection'
import { useDebounced } from '../../hooks/useDebounced'
import { localText, useI18n } from '../../i18n'
import { ChainStatusBanner } from './ChainStatusBanner'
import { LogTable } from './LogTable'
import { TransparencyTable } from './TransparencyTable'

const REFRESH = { refreshOn: ['evidenceChanged' as const], throttleMs: 500 }

export function LogPanel() {
  const { t, lang } = useI18n()
  const api = useApi()
  const ids = { year: useId(), recipient: useId(), basis: useId() }
  const chain = useCall('log.verify', {}, REFRESH)
  const all = useCall('log.list', {}, REFRESH)
  const catalog = useCall('legal.catalog', {})
  const [year, setYear] = useState('')
  const [recipient, setRecipient] = useState('')
  const [basis, setBasis] = useState('')
  const typed = useDebounced(recipient.trim(), 300)
  const filtering = Boolean(year || typed || basis)
  // Without a filter the whole log (loaded anyway for the years and the summary) is the list.
  const matching = useCall('log.list', { ...(year ? { year: Number(year) } : {}), ...(typed ? { recipient: typed } : {}), ...(basis ? { basis } : {}) }, { ...REFRESH, enabled: filtering })
  const filtered = filtering ? matching : all
  const exporting = useAction()

  const entries = all.data
  const years = useMemo(() => logYears(entries ?? []), [entries])
  const summary = useMemo(() => transparencySummary(entries ?? []), [entries])
  const codes = useMemo(() => {
    const seen = new Set((catalog.data?.bases ?? []).map((candidate) => candidate.code))
    for (const entry of entries ?? []) if (entry.kind === 'export' && entry.basis) seen.add(basisCode(entry.basis)!)
    return [...seen]
  }, [catalog.data, entries])
  const basisTitle = (value: string | null) => {
    const code = basisCode(value)
    const found = catalog.data?.bases.find((candidate) => candidate.code === code)
    return found ? localText(found.title, lang) : (code ?? t('common.none'))
  }

  const download = (format: 'csv' | 'pdf') =>
    exporting.run(async () => {
      const file = await api['log.export']({ format, language: lang })
      downloadBlob(base64Blob(file.base64, file.mime), file.fileName)
    })

  const shown = filtered.data ?? []
  return (
    <section data-testid="log">
      <p className="muted evidence__intro">{t('log.intro')}</p>
      <ChainStatusBanner status={chain.data} error={chain.error} />
      <div className="evidence__toolbar log-filters">
        <div className="field">
          <label htmlFor={ids.year}>{t('log.year')}</label>
          <select id={ids.year} value={year} onChange={(event) => setYear(event.target.value)} data-testid="log-filter-year">
            <option value="">{t('log.allYears')}</option>
            {years.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.recipient}>{t('log.col.recipient')}</label>
          <input id={ids.recipient} type="search" value={recipient} onChange={(event) => setRecipient(event.target.value)} placeholder={t('log.recipientPlaceholder')} data-testid="log-filter-recipient" />
        </div>
        <div className="field">
          <label htmlFor={ids.basis}>{t('log.col.basis')}</label>
          <select id={ids.basis} value={basis} onChange={(event) => setBasis(event.target.value)} data-testid="log-filter-basis">
            <option value="">{t('log.allBases')}</option>
            {codes.map((code) => (
              <option key={code} value={code}>
                {basisTitle(code)}
              </option>
            ))}
          </select>
        </div>
        <div className="log-filters__export">
          <button type="button" className="button" onClick={() => void download('csv')} disabled={exporting.busy} data-testid="log-export-csv">
            {t('log.exportCsv')}
          </button>
          <button type="button" className="button" onClick={() => void download('pdf')} disabled={exporting.busy} data-testid="log-export-pdf">
            {t('log.exportPdf')}
          </button>
        </div>
      </div>
      {filtered.error ? <ErrorBox error={filtered.error} onRetry={filtered.reload} testId="log-error" /> : null}
      {filtered.data && shown.length === 0 ? (
        <p className="empty" data-testid="log-empty">
          {filtering ? t('log.emptyFiltered') : t('log.empty')}
        </p>
      ) : null}
      {shown.length > 0 ? <LogTable entries={shown} basisTitle={basisTitle} /> : null}
      {filtered.loading && !filtered.data ? <p className="muted">{t('common.loading')}</p> : null}
      <h2>{t('log.transparency')}</h2>
      <p className="muted">{t('log.transparencyExplain')}</p>
      <TransparencyTable years={summary} basisTitle={basisTitle} />
    </section>
  )
}
