// Rectangles to cover that detection cannot know about (a licence plate, a house number), drawn on a
// current picture of each camera; optionally only for part of the range.
import { useState } from 'react'
import type { Camera } from '../../api/contract'
import { ErrorText } from '../../components/ErrorText'
import { Segmented } from '../../components/Segmented'
import { DEFAULT_BOX, MAX_REGIONS, nextRegionNumber, type Box } from '../../export/regions'
import type { DraftRegion } from '../../export/wizard'
import { useCameraStill } from '../../hooks/useCameraStill'
import { useT } from '../../i18n'
import { RegionCanvas } from './RegionCanvas'
import { RegionRow } from './RegionRow'
import { cameraName } from './stepProps'

interface RegionEditorProps {
  cameraIds: readonly string[]
  cameras: readonly Camera[]
  regions: readonly DraftRegion[]
  range: { from: number; to: number }
  onChange(regions: DraftRegion[]): void
}

let keys = 0
const newKey = () => `region-${Date.now().toString(36)}-${++keys}`

export function RegionEditor({ cameraIds, cameras, regions, range, onChange }: RegionEditorProps) {
  const t = useT()
  const [chosen, setChosen] = useState(cameraIds[0])
  const cameraId = cameraIds.includes(chosen) ? chosen : cameraIds[0]
  const still = useCameraStill(cameraId)
  const [selectedKey, setSelectedKey] = useState<string | null>(null)
  const mine = regions.filter((region) => region.cameraId === cameraId)
  const full = regions.length >= MAX_REGIONS

  const add = (box: Box) => {
    if (full) return
    const key = newKey()
    const label = t('export.region.default', { n: nextRegionNumber(regions, cameraId) })
    onChange([...regions, { key, cameraId, label, box, from: null, to: null }])
    setSelectedKey(key)
  }
  const change = (changed: DraftRegion) => onChange(regions.map((region) => (region.key === changed.key ? changed : region)))
  const remove = (key: string) => {
    onChange(regions.filter((region) => region.key !== key))
    if (selectedKey === key) setSelectedKey(null)
  }
  const cameraOptions = cameraIds.map((id) => ({ value: id, label: cameraName(cameras, id), testId: `region-camera-${id}` }))

  return (
    <div className="region-editor" data-testid="region-editor">
      <div className="region-editor__toolbar">
        {cameraIds.length > 1 ? <Segmented<string> label={t('export.region.camera')} options={cameraOptions} value={cameraId} onChange={setChosen} /> : null}
        <button type="button" className="button button--small" onClick={() => add(DEFAULT_BOX)} disabled={full} data-testid="region-add">
          {t('export.region.add')}
        </button>
        <button type="button" className="button button--small" onClick={still.reload} disabled={still.loading} data-testid="region-refresh-picture">
          {still.loading ? t('common.loading') : t('zones.refreshPicture')}
        </button>
      </div>
      <div className="region-editor__body">
        <div>
          <RegionCanvas
            imageUrl={still.url}
            regions={mine}
            selectedKey={selectedKey}
            onSelect={setSelectedKey}
            onDraw={add}
            onBox={(key, box) => {
              const region = regions.find((candidate) => candidate.key === key)
              if (region) change({ ...region, box })
            }}
            onDelete={remove}
            caption={t('export.region.canvas', { camera: cameraName(cameras, cameraId) })}
          />
          {still.error && !still.url ? (
            <div className="region-editor__no-picture">
              <ErrorText error={still.error} compact />
              <span>{t('export.region.noPicture')}</span>
            </div>
          ) : null}
          <p className="field__hint">{t('export.region.hint')}</p>
        </div>
        {mine.length > 0 ? (
          <ul className="region-list">
            {mine.map((region) => (
              <RegionRow key={region.key} region={region} selected={region.key === selectedKey} range={range} onChange={change} onSelect={() => setSelectedKey(region.key)} onDelete={() => remove(region.key)} />
            ))}
          </ul>
        ) : (
          <p className="muted" data-testid="region-none">
            {t('export.region.none')}
          </p>
        )}
      </div>
    </div>
  )
}
