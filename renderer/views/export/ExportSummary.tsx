import type { ExportDraft } from '../../api/contract'
import { requestFields } from '../../export/request'
import { includeOriginals, toManualRegions } from '../../export/wizard'
import { useFormat } from '../../hooks/useFormat'
import { localText, useI18n } from '../../i18n'
import { cameraName, type StepProps } from './stepProps'

type SummaryProps = Pick<StepProps, 'state' | 'catalog' | 'basis' | 'cameras' | 'go'> & { draft: ExportDraft }

/** Everything the user chose, by step, each with a way back to change it. */
export function ExportSummary({ state, catalog, basis, cameras, draft, go }: SummaryProps) {
  const { t, lang } = useI18n()
  const format = useFormat()
  const yes = (on: boolean) => (on ? t('common.yes') : t('common.no'))
  const kept = draft.tracks.filter((track) => state.redaction.keep.includes(track.key))
  const request = requestFields(catalog, basis)
    .map((field) => {
      const value = (state.request[field.name] ?? '').trim()
      const option = field.options?.find((candidate) => candidate.value === value)
      return { name: field.name, label: localText(field.label, lang), value: option ? localText(option.label, lang) : value }
    })
    .filter((row) => row.value !== '')

  const section = (step: 1 | 2 | 3 | 4, title: string, rows: { name: string; label: string; value: string }[]) => (
    <section className="summary__section" data-testid={`export-summary-${step}`}>
      <div className="summary__head">
        <h3>{title}</h3>
        <button type="button" className="button button--small" onClick={() => go(step)} data-testid={`export-edit-${step}`}>
          {t('export.summary.change')}
        </button>
      </div>
      <dl className="facts">
        {rows.map((row) => (
          <div key={row.name} className="facts__row" data-testid="export-summary-row" data-name={row.name}>
            <dt>{row.label}</dt>
            <dd className="summary__value">{row.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  )

  return (
    <div className="summary" data-testid="export-summary">
      {section(1, t('export.step.request'), [{ name: 'basis', label: t('export.basis'), value: basis ? localText(basis.title, lang) : '—' }, ...request])}
      {section(2, t('export.step.scope'), [
        { name: 'cameras', label: t('export.scope.cameras'), value: draft.cameraIds.map((id) => cameraName(cameras, id)).join(', ') },
        { name: 'range', label: t('export.summary.range'), value: format.range(draft.from, draft.to) },
        { name: 'holds', label: t('export.summary.holds'), value: String(draft.holdIds.length) }
      ])}
      {section(3, t('export.step.redaction'), [
        { name: 'kept', label: t('export.summary.kept'), value: kept.length > 0 ? kept.map((track) => track.label).join(', ') : t('export.summary.nobodyKept') },
        { name: 'covered', label: t('export.summary.covered'), value: String(draft.tracks.length - kept.length) },
        { name: 'effect', label: t('export.effect'), value: t(`export.effect.${state.redaction.effect}`) },
        { name: 'regions', label: t('export.region.title'), value: String(toManualRegions(state.redaction.regions).length) },
        { name: 'redactMoving', label: t('export.redactMoving'), value: yes(state.redaction.redactMoving) }
      ])}
      {section(4, t('export.step.contents'), [
        { name: 'redacted', label: t('export.contents.redacted'), value: t('common.yes') },
        { name: 'originals', label: t('export.contents.originals'), value: yes(includeOriginals(state.contents, basis)) },
        { name: 'snapshots', label: t('export.contents.snapshots'), value: yes(state.contents.snapshots) },
        { name: 'zip', label: t('export.zip.enable'), value: yes(state.contents.zip) }
      ])}
    </div>
  )
}
