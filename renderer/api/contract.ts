// The renderer's single doorway into the shared contract (main/contract): types, error codes and the client.
// Nothing else in renderer/ imports from main/.
export { createClient } from '../../main/contract/client'
export type { Envelope, VigilClient, VigilTransport } from '../../main/contract/client'
export { ERROR_CODES, VigilError, isErrorPayload } from '../../main/contract/errors'
export type { ErrorCode, ErrorPayload } from '../../main/contract/errors'
export type { EventName, VigilEvents } from '../../main/contract/events'
export type { CameraInput, MethodArgs, MethodName, MethodResults, VigilApi } from '../../main/contract/methods'
export type * from '../../main/contract/types'
export type * from '../../main/contract/evidence'
export { JURISDICTIONS } from '../../main/contract/evidence'
export { EVENT_KINDS } from '../../main/contract/types'
export { LIVE_PATH, segmentPath } from '../../main/contract/media-routes'
export type { LiveHello } from '../../main/contract/media-routes'
