import { useAppInfo } from '../hooks/useAppInfo'
import { useT } from '../i18n'

/** Shown while the built-in demo camera stands in for real ones. */
export function DemoBanner() {
  const t = useT()
  const info = useAppInfo()
  if (!info?.demoActive) return null
  return (
    <div className="demo-banner" data-testid="demo-banner">
      <span>{t('demo.banner')}</span>
      <a className="button button--small" href="#/cameras/add" data-testid="demo-add-camera">
        {t('demo.action')}
      </a>
    </div>
  )
}
