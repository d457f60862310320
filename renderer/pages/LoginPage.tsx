import { useEffect, useState, type FormEvent } from 'react'
import { login, type LoginResult } from '../api/session'
import { TextField } from '../components/Field'
import { LanguageSwitch } from '../components/LanguageSwitch'
import { useT } from '../i18n'

type Failure = Exclude<LoginResult, { ok: true }>

/** Password login for the headless server; 429 counts down the Retry-After seconds. */
export function LoginPage({ onLoggedIn }: { onLoggedIn(): void }) {
  const t = useT()
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<Failure | null>(null)
  const [waitSeconds, setWaitSeconds] = useState(0)

  useEffect(() => {
    if (waitSeconds <= 0) return
    const timer = setTimeout(() => setWaitSeconds((seconds) => seconds - 1), 1000)
    return () => clearTimeout(timer)
  }, [waitSeconds])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    const result = await login(password)
    setBusy(false)
    if (result.ok) {
      onLoggedIn()
      return
    }
    setFailure(result)
    if (result.reason === 'rateLimited') setWaitSeconds(result.retryAfterSeconds ?? 0)
  }

  let message: string | null = null
  let detail: string | null = null
  if (failure?.reason === 'wrongPassword') message = t('login.wrongPassword')
  if (failure?.reason === 'rateLimited')
    message = waitSeconds > 0 ? t('login.rateLimited', { seconds: waitSeconds }) : t('login.rateLimitedLater')
  if (failure?.reason === 'unreachable') {
    message = t('login.unreachable')
    detail = failure.detail
  }
  const blocked = failure?.reason === 'rateLimited' && waitSeconds > 0

  return (
    <div className="login" data-testid="page-login">
      <div className="login__lang">
        <LanguageSwitch />
      </div>
      <form className="login__card" onSubmit={(event) => void submit(event)} noValidate>
        <div className="login__brand">
          <span className="app-header__logo" aria-hidden="true" />
          {t('app.name')}
        </div>
        <h1>{t('login.title')}</h1>
        <p className="muted">{t('login.text')}</p>
        <TextField label={t('login.password')} type="password" value={password} onChange={setPassword} testId="login-password" autoComplete="current-password" />
        {message ? (
          <div className="login__error" role="alert" data-testid="login-error" data-reason={failure?.reason}>
            <div>{message}</div>
            {detail ? <div className="error-text__detail">{detail}</div> : null}
          </div>
        ) : null}
        <button type="submit" className="button button--primary button--block" disabled={busy || blocked || password === ''} data-testid="login-submit">
          {busy ? t('login.checking') : t('login.submit')}
        </button>
      </form>
    </div>
  )
}
