// The media routes both transports serve (the headless server over HTTP, the desktop shell through the
// vigil-media: protocol): each resolves an id the core knows to a file. No path from a client reaches the disk.
import type { MediaService } from '../host'

export type MediaFiles = Pick<MediaService, 'segmentFile' | 'exportPreview' | 'packageZip'>

const SEGMENT_ROUTE = /^\/media\/segments\/([1-9]\d{0,14})$/
const PREVIEW_ROUTE = /^\/media\/exports\/([a-z0-9-]{8,64})\/([A-Za-z0-9_-]{1,64})\.mp4$/
const PACKAGE_ROUTE = /^\/media\/packages\/(\d{4}-\d{2}-\d{2}-[0-9a-f]{8})\.zip$/

export type MediaLookup =
  | { kind: 'file'; path: string; bytes: number; mime: string; download: string | null }
  /** A malformed path under a known prefix. */
  | { kind: 'bad'; message: string }
  | { kind: 'missing'; message: string }

/** Decided on the raw path: URL parsing would fold "/media/segments/../../x" into "/x". */
export function lookupMedia(rawPath: string, media: MediaFiles): MediaLookup {
  const segment = SEGMENT_ROUTE.exec(rawPath)
  if (segment) {
    const file = media.segmentFile(Number(segment[1]))
    return file ? { kind: 'file', ...file, mime: 'video/mp4', download: null } : { kind: 'missing', message: `No recorded segment ${segment[1]}` }
  }
  const preview = PREVIEW_ROUTE.exec(rawPath)
  if (preview) {
    const file = media.exportPreview(preview[1], preview[2])
    return file ? { kind: 'file', ...file, mime: 'video/mp4', download: null } : { kind: 'missing', message: 'No working copy for this export and camera' }
  }
  const pack = PACKAGE_ROUTE.exec(rawPath)
  if (pack) {
    const file = media.packageZip(pack[1])
    return file
      ? { kind: 'file', ...file, mime: 'application/zip', download: `vigil-evidence-${pack[1]}.zip` }
      : { kind: 'missing', message: `No ZIP for package ${pack[1]}` }
  }
  if (rawPath.startsWith('/media/segments/')) return { kind: 'bad', message: 'Expected /media/segments/<numeric id>' }
  return { kind: 'missing', message: `No media at ${rawPath}` }
}
