// Cameras and their live status: the list reloads on camerasChanged; statuses start from cameras.status and
// then follow the cameraStatus push.
import { useEffect, useState } from 'react'
import type { Camera, CameraStatus } from '../api/contract'
import { useCall, type CallState } from './useCall'
import { useEvent } from './useEvent'

export function useCameras(): CallState<Camera[]> {
  return useCall('cameras.list', {}, { refreshOn: ['camerasChanged'] })
}

export function useCameraStatuses(): ReadonlyMap<string, CameraStatus> {
  const { data } = useCall('cameras.status', {}, { refreshOn: ['camerasChanged'] })
  const [statuses, setStatuses] = useState<ReadonlyMap<string, CameraStatus>>(new Map())

  useEffect(() => {
    if (data) setStatuses(new Map(data.map((status) => [status.cameraId, status])))
  }, [data])

  useEvent('cameraStatus', (status) => {
    setStatuses((previous) => new Map(previous).set(status.cameraId, status))
  })

  return statuses
}
