import type { FieldError } from '../../components/Field'
import type { LegalCatalog } from '../../api/contract'
import { localText, useI18n } from '../../i18n'

/**
 * The legal bases of the jurisdiction as radio cards: title and the catalog's one or two sentences. Nothing is
 * chosen until the user chooses. Test ids: basis-option-<code> on each card (a label; clicking it chooses).
 */
export function BasisOptions({ catalog, value, onChange, error }: { catalog: LegalCatalog; value: string | null; onChange(code: string): void; error?: FieldError }) {
  const { t, lang } = useI18n()
  return (
    <fieldset className={error ? 'basis-options field--invalid' : 'basis-options'} data-testid="request-field-basis" aria-describedby="basis-guidance">
      <legend>{t('export.basis')}</legend>
      <p className="field__hint" id="basis-guidance">
        {t('export.basisGuidance')}
      </p>
      <div className="basis-options__list" role="radiogroup" aria-label={t('export.basis')}>
        {catalog.bases.map((basis) => (
          <label
            key={basis.code}
            className={basis.code === value ? 'basis-card is-chosen' : 'basis-card'}
            data-testid={`basis-option-${basis.code}`}
            data-voluntary={basis.voluntary || undefined}
          >
            <input type="radio" name="legal-basis" value={basis.code} checked={basis.code === value} onChange={() => onChange(basis.code)} />
            <span className="basis-card__text">
              <span className="basis-card__title">
                {localText(basis.title, lang)}
                {basis.voluntary ? <span className="tag basis-card__tag">{t('export.voluntaryTag')}</span> : null}
              </span>
              <span className="basis-card__explanation">{localText(basis.explanation, lang)}</span>
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <div className="field__error" role="alert" data-testid="request-field-basis-error">
          <span>{error.text}</span>
          {error.detail ? <span className="field__error-detail">{error.detail}</span> : null}
        </div>
      ) : null}
    </fieldset>
  )
}
