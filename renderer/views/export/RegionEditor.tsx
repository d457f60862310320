// Rectangles to cover that detection cannot know about (a licence plate, a house number), drawn on a frame
// of the footage being exported (the user picks the instant); optionally only for part of the range.
import { useState } from 'react'
import type { Camera } from '../../api/contract'
import { ErrorText } from '../../components/ErrorText'
import { Segmented } from '../../components/Segmented'
import { DEFAULT_BOX, MAX_REGIONS, nextRegionNumber, type Box } from '../../export/regions'
import type { DraftRegion } from '../../export/wizard'
import { offsetLabel } from '../../export/time'
import { useRecordedFrame } from '../../hooks/useRecordedFrame'
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
  // The middle of the range first: the incident is usually there, not in the margins around it.
  const [pictureAt, setPictureAt] = useState(() => Math.round((range.from + range.to) / 2))
  const at = Math.min(range.to - 1, Math.max(range.from, pictureAt))
  const still = useRecordedFrame(cameraId, at)
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
    <div className="region-editor" data-testid="region-editor" data-picture-at={still.at ?? undefined} data-from={range.from} data-to={range.to}>
      <div className="region-editor__toolbar">
        {cameraIds.length > 1 ? <Segmented<string> label={t('export.region.camera')} options={cameraOptions} value={cameraId} onChange={setChosen} /> : null}
        <button type="button" className="button button--small" onClick={() => add(DEFAULT_BOX)} disabled={full} data-testid="region-add">
          {t('export.region.add')}
        </button>
        <label className="region-editor__instant">
          <span>{t('export.region.pictureAt', { at: offsetLabel(at, range.from), length: offsetLabel(range.to, range.from) })}</span>
          <input
            type="range"
            min={range.from}
            max={range.to - 1}
            step={100}
            value={at}
            onChange={(event) => setPictureAt(Number(event.target.value))}
            aria-valuetext={offsetLabel(at, range.from)}
            data-testid="region-picture-at"
          />
        </label>
        {still.loading ? <span className="muted">{t('common.loading')}</span> : null}
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
          {still.error ? (
            <div className="region-editor__no-picture" data-testid="region-picture-error">
              <ErrorText error={still.error} compact />
              {still.url ? null : <span>{t('export.region.noPicture')}</span>}
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
