// Saves the frame a <video> shows as a JPEG download named after the camera and the time, e.g.
// "Front door_2025-03-14_18-05-09.jpg". Used by the live view and by playback.
import { downloadBlob } from './download'
import { snapshotFileName } from './snapshotName'

export { snapshotFileName }

/** Draws the current frame at its full size and downloads it; resolves to the file name. */
export async function saveSnapshot(video: HTMLVideoElement, cameraName: string, at: Date): Promise<string> {
  const { videoWidth: width, videoHeight: height } = video
  if (!width || !height) throw new Error('There is no picture to save yet')
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const context = canvas.getContext('2d')
  if (!context) throw new Error('The picture could not be drawn')
  context.drawImage(video, 0, 0, width, height)
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92))
  if (!blob) throw new Error('The picture could not be encoded')
  const fileName = snapshotFileName(cameraName, at)
  downloadBlob(blob, fileName)
  return fileName
}
