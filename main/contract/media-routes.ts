// Binary media does not go through the JSON contract. These are the only ways to it, and all resolve ids
// the server knows; no path from a client ever reaches the filesystem.

/** A recorded segment by its index id, with HTTP range support (headless) or the vigil-media: protocol (desktop). */
export const segmentPath = (segmentId: number) => `/media/segments/${segmentId}`

/** A draft export's redacted working copy for one camera (the wizard's preview player). */
export const exportPreviewPath = (draftId: string, cameraId: string) => `/media/exports/${draftId}/${encodeURIComponent(cameraId)}.mp4`

/** A finished package's ZIP, for downloading it from a browser (headless mode). */
export const packageZipPath = (packageId: string) => `/media/packages/${packageId}.zip`

/**
 * Live view over WebSocket: `/api/live?camera=<id>&stream=main|sub[&transcode=1]`. Text messages are JSON:
 * first `{ hello: LiveHello }` (for MediaSource.isTypeSupported/addSourceBuffer), later possibly
 * `{ error: string }`. Binary messages are fMP4 bytes: the init segment (ftyp+moov), then media fragments
 * (moof+mdat), the first of them starting with a keyframe.
 */
export const LIVE_PATH = '/api/live'

export interface LiveHello {
  mime: string
  transcoded: boolean
}
