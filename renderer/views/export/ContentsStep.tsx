// Step 4: what goes into the package. The redacted working copy always (with camera name and time burned
// in); the unchanged originals as the legal basis suggests, with a warning; snapshots; optionally an
// encrypted ZIP whose passphrase is never stored.
import { useState } from 'react'
import { CheckboxField, TextField } from '../../components/Field'
import { passphraseStrength } from '../../export/passphrase'
import { includeOriginals, validateContents, ZIP_PASSPHRASE_MIN, type ContentsChoice } from '../../export/wizard'
import { useT } from '../../i18n'
import { serverError, type StepProps } from './stepProps'
import { WizardNav } from './WizardNav'

export function ContentsStep({ state, update, basis, secret, server, setServer, go, onCancel }: StepProps) {
  const t = useT()
  const [checked, setChecked] = useState(false)
  const contents = state.contents
  const originals = includeOriginals(contents, basis)
  const problems = checked ? validateContents(contents, secret.passphrase, secret.confirmation) : {}
  const strength = passphraseStrength(secret.passphrase)

  const set = (change: Partial<ContentsChoice>) => update((previous) => ({ contents: { ...previous.contents, ...change } }))
  const setSecret = (change: Partial<Pick<typeof secret, 'passphrase' | 'confirmation'>>) => {
    secret.set(change)
    if (server.contents.zipPassphrase) setServer({ ...server, contents: {} })
  }
  const next = () => {
    setChecked(true)
    if (Object.keys(validateContents(contents, secret.passphrase, secret.confirmation)).length === 0) go(5)
  }

  return (
    <div className="wizard__step" data-testid="export-step-4">
      <section className="panel">
        <h2>{t('export.contents.title')}</h2>
        <CheckboxField label={t('export.contents.redacted')} hint={t('export.contents.redactedHint')} checked disabled onChange={() => undefined} testId="contents-redacted" />
        <CheckboxField label={t('export.contents.burnIn')} hint={t('export.contents.burnInHint')} checked disabled onChange={() => undefined} testId="contents-burnin" />
        <CheckboxField
          label={t('export.contents.originals')}
          hint={basis?.originalsByDefault ? t('export.contents.originalsSuggested') : t('export.contents.originalsHint')}
          checked={originals}
          onChange={(on) => set({ originals: on })}
          testId="contents-originals"
        />
        {originals ? (
          <p className="wizard__note wizard__note--warning" role="status" data-testid="contents-originals-warning">
            {t('export.contents.originalsWarning')}
          </p>
        ) : null}
        <CheckboxField label={t('export.contents.snapshots')} hint={t('export.contents.snapshotsHint')} checked={contents.snapshots} onChange={(snapshots) => set({ snapshots })} testId="contents-snapshots" />
      </section>
      <section className="panel">
        <h2>{t('export.zip.title')}</h2>
        <CheckboxField label={t('export.zip.enable')} hint={t('export.zip.hint')} checked={contents.zip} onChange={(zip) => set({ zip })} testId="contents-zip" />
        {contents.zip ? (
          <>
            <div className="form-grid wizard__zip">
              <TextField
                label={t('export.zip.passphrase')}
                type="password"
                autoComplete="new-password"
                value={secret.passphrase}
                onChange={(passphrase) => setSecret({ passphrase })}
                testId="zip-passphrase"
                hint={t('export.zip.min', { min: ZIP_PASSPHRASE_MIN })}
                error={problems.zipPassphrase ? { text: t('export.zip.short', { min: ZIP_PASSPHRASE_MIN }) } : serverError(server.contents.zipPassphrase, t)}
              />
              <TextField
                label={t('export.zip.confirm')}
                type="password"
                autoComplete="new-password"
                value={secret.confirmation}
                onChange={(confirmation) => setSecret({ confirmation })}
                testId="zip-passphrase-confirm"
                error={problems.zipPassphraseConfirm ? { text: t('export.zip.mismatch') } : undefined}
              />
            </div>
            {secret.passphrase ? (
              <p className={`zip-strength zip-strength--${strength}`} data-testid="zip-strength" data-strength={strength} aria-live="polite">
                <span className="zip-strength__bar" aria-hidden="true" />
                {t(`export.zip.strength.${strength}`)}
              </p>
            ) : null}
            <p className="wizard__note wizard__note--info" data-testid="zip-separately">
              {t('export.zip.separately')}
            </p>
          </>
        ) : null}
      </section>
      <WizardNav onCancel={onCancel} onBack={() => go(3)} onNext={next} problem={Object.keys(problems).length > 0 ? t('form.errors') : null} />
    </div>
  )
}
