import type { CameraStatus } from '../../../main/contract'

/** A camera status with only what the tray looks at set. */
export const status = (cameraId: string, state: CameraStatus['state']): CameraStatus => ({
  cameraId,
  state,
  reason: null,
  since: 0,
  lastSegmentEnd: null,
  restarts: 0,
  retryAt: null
})
