// #/export: the evidence export wizard. #/export/new?camera=<id>&from=<ms>&to=<ms> (or #/export/new/<id>/<from>/<to>)
// starts one with the scope filled in (from an event or the timeline); the address then drops the link, so a
// reload continues the wizard instead of starting it again.
import { useEffect } from 'react'
import { parseExportLink } from '../export/links'
import { useAppInfo } from '../hooks/useAppInfo'
import { takeLink, useExportWizard } from '../hooks/useExportWizard'
import { replaceRoute, useLocation } from '../hooks/useRoute'
import { useT } from '../i18n'
import { ExportWizard } from '../views/export/ExportWizard'
import '../views/export/export.css'

export function ExportPage() {
  const t = useT()
  const info = useAppInfo()
  // Rendering again when the wizard changes also reads the address again once the link has been taken.
  useExportWizard()
  const { parts } = useLocation()
  const linkKey = parts.join('/')
  const timeZone = info?.timeZone
  const ready = info !== null

  // The link's times become typed values in the recorder's time zone, so the link waits for app.info.
  useEffect(() => {
    if (!ready) return
    const link = parseExportLink(linkKey ? linkKey.split('/') : [])
    if (!link) return
    takeLink(link, timeZone)
    replaceRoute('export')
  }, [ready, linkKey, timeZone])

  return (
    <div className="page" data-testid="page-export">
      <div className="page__header">
        <h1>{t('export.title')}</h1>
      </div>
      {ready ? <ExportWizard timeZone={timeZone} /> : <p className="muted">{t('common.loading')}</p>}
    </div>
  )
}
