import type { Count, YearSummary } from '../../export/transparency'
import { useT } from '../../i18n'

/** Per year: how many exports, on which legal basis, to whom (from the whole log, not the filters). */
export function TransparencyTable({ years, basisTitle }: { years: readonly YearSummary[]; basisTitle(code: string | null): string }) {
  const t = useT()
  if (years.length === 0) {
    return (
      <p className="muted" data-testid="log-transparency-empty">
        {t('log.transparencyEmpty')}
      </p>
    )
  }
  const list = (counts: readonly Count[], name: (key: string | null) => string) => (
    <ul className="counts">
      {counts.map((count) => (
        <li key={count.key ?? ''}>
          <span>{name(count.key)}</span> <span className="counts__n num">{count.count}</span>
        </li>
      ))}
    </ul>
  )
  return (
    <div className="table-wrap">
      <table className="table" data-testid="log-transparency">
        <thead>
          <tr>
            <th>{t('log.year')}</th>
            <th className="num">{t('log.exports')}</th>
            <th>{t('log.byBasis')}</th>
            <th>{t('log.byRecipient')}</th>
          </tr>
        </thead>
        <tbody>
          {years.map((year) => (
            <tr key={year.year} data-testid="log-transparency-year" data-year={year.year} data-exports={year.exports}>
              <td>{year.year}</td>
              <td className="num">{year.exports}</td>
              <td>{list(year.byBasis, basisTitle)}</td>
              <td>{list(year.byRecipient, (key) => key ?? t('common.none'))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
