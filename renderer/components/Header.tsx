import { routeHref, ROUTES, type Route } from '../hooks/useRoute'
import { useT } from '../i18n'
import { LanguageSwitch } from './LanguageSwitch'
import { PrivacyControl } from './PrivacyControl'

export function Header({ route }: { route: Route }) {
  const t = useT()
  return (
    <header className="app-header">
      <a className="app-header__brand" href={routeHref('live')}>
        <span className="app-header__logo" aria-hidden="true" />
        {t('app.name')}
      </a>
      <nav className="app-nav" aria-label={t('nav.label')}>
        {ROUTES.map((name) => (
          <a
            key={name}
            href={routeHref(name)}
            className={name === route ? 'app-nav__link is-active' : 'app-nav__link'}
            aria-current={name === route ? 'page' : undefined}
            data-testid={`nav-${name}`}
          >
            {t(`nav.${name}`)}
          </a>
        ))}
      </nav>
      <PrivacyControl />
      <LanguageSwitch />
    </header>
  )
}
