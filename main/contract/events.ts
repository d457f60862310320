// Pushes from main to every UI (IPC in the desktop app, WebSocket in headless mode).
import type { ExportDraft, ExportProgress } from './evidence'
import type { Alert, CameraEvent, CameraStatus, PrivacyState, Segment } from './types'

export interface VigilEvents {
  cameraStatus: CameraStatus
  camerasChanged: { reason: 'added' | 'updated' | 'removed' | 'demo' }
  segmentIndexed: Segment
  storageChanged: { deletedSegments: number }
  /** An event started, changed (peak, snapshot) or ended. */
  eventChanged: CameraEvent
  /** An event the user should be told about now (the rules already passed). */
  alert: Alert
  privacyChanged: PrivacyState
  /** An export draft moved on (analysed, rendered, packaged, failed). */
  exportChanged: ExportDraft
  exportProgress: ExportProgress
  /** A hold was placed or released, or the log grew. */
  evidenceChanged: { reason: 'hold' | 'log' }
}

export type EventName = keyof VigilEvents
export const EVENT_NAMES: EventName[] = ['cameraStatus', 'camerasChanged', 'segmentIndexed', 'storageChanged', 'eventChanged', 'alert', 'privacyChanged', 'exportChanged', 'exportProgress', 'evidenceChanged']
