// Pushes from main to every UI (IPC in the desktop app, WebSocket in headless mode).
import type { CameraStatus, Segment } from './types'

export interface VigilEvents {
  cameraStatus: CameraStatus
  camerasChanged: { reason: 'added' | 'updated' | 'removed' | 'demo' }
  segmentIndexed: Segment
  storageChanged: { deletedSegments: number }
}

export type EventName = keyof VigilEvents
export const EVENT_NAMES: EventName[] = ['cameraStatus', 'camerasChanged', 'segmentIndexed', 'storageChanged']
