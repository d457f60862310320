// The IPC transport of the contract: one handler per method, a sender check on every call, pushes to every window.
// The preload uses the same channel names (it may import only main/contract, so they are spelled there too).
import { BrowserWindow, ipcMain } from 'electron'
import { METHOD_NAMES, type Envelope, type ErrorPayload } from '../contract'
import type { Logger, VigilApp } from '../core/host'
import { describeUrl } from './network-guard'
import { isAppPageUrl, type AppPage } from './window'

export const CALL_CHANNEL_PREFIX = 'vigil:call:'
export const EVENT_CHANNEL = 'vigil:event'

/** The part of Electron's WebFrameMain the check needs. */
export interface SenderFrame {
  url: string
  parent: unknown
}

/** A call is accepted only from the top frame of the app's own page (checklist #17: validate the sender). */
export function isTrustedSender(frame: SenderFrame | null | undefined, page: AppPage): boolean {
  if (!frame || frame.parent !== null) return false
  return isAppPageUrl(frame.url, page)
}

function failure(code: ErrorPayload['code'], message: string): Envelope {
  const error: ErrorPayload = { code, message }
  return { ok: false, error }
}

/** Registers `vigil:call:<method>` for every contract method and forwards app events. Returns an undo. */
export function registerIpc(app: VigilApp, page: AppPage, logger: Logger): () => void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(CALL_CHANNEL_PREFIX + method, async (event, args: unknown): Promise<Envelope> => {
      const frame = event.senderFrame
      if (!isTrustedSender(frame, page)) {
        logger.warn(`refused ${method} from ${frame ? describeUrl(frame.url) : 'a closed frame'}`)
        return failure('FORBIDDEN', `${method} may only be called by the Vigil window`)
      }
      try {
        return await app.dispatch(method, args)
      } catch (error) {
        // dispatch promises never to throw; keep the renderer's promise settled with a code if it does.
        logger.error(`${method} threw: ${error instanceof Error ? error.message : String(error)}`)
        return failure('INTERNAL', `${method} failed unexpectedly`)
      }
    })
  }

  const unsubscribe = app.subscribe((event, payload) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (win.isDestroyed() || win.webContents.isDestroyed()) continue
      // Never push app data into a page that is not ours (navigation is blocked, but do not rely on one guard).
      if (!isAppPageUrl(win.webContents.getURL(), page)) continue
      win.webContents.send(EVENT_CHANNEL, { event, payload })
    }
  })

  return () => {
    unsubscribe()
    for (const method of METHOD_NAMES) ipcMain.removeHandler(CALL_CHANNEL_PREFIX + method)
  }
}
