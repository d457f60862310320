// Motion zones drawn on a current picture of the camera: include zones raise events, exclusion areas (a tree,
// the street) never count. Without any include zone the whole picture counts.
import { useState } from 'react'
import type { MotionZone, NormPoint } from '../../api/contract'
import { ErrorText } from '../../components/ErrorText'
import { MAX_ZONES, canClose, drawClick, newZoneId, type Size } from '../../detection/zones'
import { useCameraStill } from '../../hooks/useCameraStill'
import { useT } from '../../i18n'
import { ZoneCanvas } from './ZoneCanvas'
import { ZoneList } from './ZoneList'

interface ZoneEditorProps {
  cameraId: string
  zones: readonly MotionZone[]
  onChange(zones: MotionZone[]): void
  /** Messages by zone id, and one for the list as a whole. */
  errors: Readonly<Record<string, string>>
  listError?: string
}

type Drawing = { kind: MotionZone['kind']; points: NormPoint[] }

/** A rectangle in the middle of the picture: a start for keyboard users, shaped with the arrow keys. */
const RECTANGLE: NormPoint[] = [
  { x: 0.3, y: 0.3 },
  { x: 0.7, y: 0.3 },
  { x: 0.7, y: 0.7 },
  { x: 0.3, y: 0.7 }
]

export function ZoneEditor({ cameraId, zones, onChange, errors, listError }: ZoneEditorProps) {
  const t = useT()
  const still = useCameraStill(cameraId)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [drawing, setDrawing] = useState<Drawing | null>(null)
  const full = zones.length >= MAX_ZONES

  const add = (kind: MotionZone['kind'], points: NormPoint[]) => {
    const id = newZoneId(zones)
    const n = zones.filter((zone) => zone.kind === kind).length + 1
    const name = kind === 'include' ? t('zones.defaultInclude', { n }) : t('zones.defaultExclude', { n })
    onChange([...zones, { id, name, kind, points }])
    setSelectedId(id)
  }
  const finish = () => {
    if (!drawing || !canClose(drawing.points)) return
    add(drawing.kind, drawing.points)
    setDrawing(null)
  }
  const start = (kind: MotionZone['kind']) => {
    setSelectedId(null)
    setDrawing({ kind, points: [] })
  }
  const onDrawClick = (at: NormPoint, size: Size) => {
    if (!drawing) return
    const next = drawClick(drawing.points, at, size)
    if (next.closed) {
      add(drawing.kind, next.points)
      setDrawing(null)
    } else setDrawing({ ...drawing, points: next.points })
  }
  const undo = () => drawing && setDrawing({ ...drawing, points: drawing.points.slice(0, -1) })
  const setPoints = (zoneId: string, points: NormPoint[]) => onChange(zones.map((zone) => (zone.id === zoneId ? { ...zone, points } : zone)))

  return (
    <div className="zone-editor" data-testid="zone-editor">
      <div className="zone-editor__toolbar" role="toolbar" aria-label={t('zones.toolbar')}>
        {drawing ? (
          <>
            <button type="button" className="button button--small button--primary" onClick={finish} disabled={!canClose(drawing.points)} data-testid="zone-finish">
              {t('zones.finish')}
            </button>
            <button type="button" className="button button--small" onClick={undo} disabled={drawing.points.length === 0} data-testid="zone-undo">
              {t('zones.undo')}
            </button>
            <button type="button" className="button button--small" onClick={() => setDrawing(null)} data-testid="zone-cancel">
              {t('common.cancel')}
            </button>
          </>
        ) : (
          <>
            <button type="button" className="button button--small" onClick={() => start('include')} disabled={full} data-testid="zone-add-include">
              {t('zones.addInclude')}
            </button>
            <button type="button" className="button button--small" onClick={() => start('exclude')} disabled={full} data-testid="zone-add-exclude">
              {t('zones.addExclude')}
            </button>
            <button type="button" className="button button--small" onClick={() => add('include', RECTANGLE)} disabled={full} title={t('zones.addRectangleHint')} data-testid="zone-add-rectangle">
              {t('zones.addRectangle')}
            </button>
            <button type="button" className="button button--small zone-editor__refresh" onClick={still.reload} disabled={still.loading} data-testid="zone-refresh-picture">
              {still.loading ? t('common.loading') : t('zones.refreshPicture')}
            </button>
          </>
        )}
      </div>
      <div className="zone-editor__body">
        <div className="zone-editor__picture">
          <ZoneCanvas
            imageUrl={still.url}
            zones={zones}
            selectedId={selectedId}
            draft={drawing?.points ?? null}
            draftKind={drawing?.kind ?? 'include'}
            onDrawClick={onDrawClick}
            onSelect={setSelectedId}
            onPoints={setPoints}
            onDrawKey={(key) => (key === 'finish' ? finish() : key === 'cancel' ? setDrawing(null) : undo())}
            caption={t('zones.canvas')}
          />
          {still.error && !still.url ? (
            <div className="zone-editor__no-picture">
              <ErrorText error={still.error} compact />
              <span>{t('zones.noPicture')}</span>
            </div>
          ) : null}
          {drawing ? (
            <p className="zone-editor__hint" role="status" data-testid="zone-draw-hint">
              {t(drawing.kind === 'include' ? 'zones.drawingInclude' : 'zones.drawingExclude', { count: drawing.points.length })}
            </p>
          ) : (
            <p className="field__hint">{selectedId ? t('zones.editHint') : t('zones.selectHint')}</p>
          )}
        </div>
        <div className="zone-editor__list">
          <ZoneList
            zones={zones}
            selectedId={selectedId}
            errors={errors}
            onSelect={(id) => {
              setDrawing(null)
              setSelectedId(id)
            }}
            onChange={(changed) => onChange(zones.map((zone) => (zone.id === changed.id ? changed : zone)))}
            onDelete={(id) => {
              onChange(zones.filter((zone) => zone.id !== id))
              if (selectedId === id) setSelectedId(null)
            }}
          />
          {listError ? (
            <p className="field__error" role="alert" data-testid="zones-error">
              {t('detection.error.motion.zones')} <span className="field__error-detail">{listError}</span>
            </p>
          ) : null}
          <p className="field__hint">{t('zones.explain')}</p>
        </div>
      </div>
    </div>
  )
}
