// #/evidence/holds and #/evidence/log: the evidence holds (recordings kept past their retention for a
// request) and the export log (every disclosure and hold, hash-chained), with its transparency summary.
import { routeHref, useLocation } from '../hooks/useRoute'
import { useT } from '../i18n'
import { HoldsPanel } from '../views/evidence/HoldsPanel'
import { LogPanel } from '../views/evidence/LogPanel'
import '../views/evidence/evidence.css'

const TABS = ['holds', 'log'] as const
type Tab = (typeof TABS)[number]

export function EvidencePage() {
  const t = useT()
  const sub = useLocation().sub
  const tab: Tab = sub === 'log' ? 'log' : 'holds'
  return (
    <div className="page" data-testid="page-evidence" data-tab={tab}>
      <div className="page__header">
        <h1>{t('evidence.title')}</h1>
        <nav className="tabs" aria-label={t('evidence.title')}>
          {TABS.map((name) => (
            <a
              key={name}
              href={`${routeHref('evidence')}/${name}`}
              className={name === tab ? 'tabs__tab is-active' : 'tabs__tab'}
              aria-current={name === tab ? 'page' : undefined}
              data-testid={`evidence-tab-${name}`}
            >
              {t(`evidence.tab.${name}`)}
            </a>
          ))}
        </nav>
      </div>
      {tab === 'holds' ? <HoldsPanel /> : <LogPanel />}
    </div>
  )
}
