// The server's side of an export in the making: the draft (exports.get, then every exportChanged push for it)
// and the latest progress per camera (exportProgress). Reloaded when the push channel comes back, since
// pushes may have been missed meanwhile.
//
// A call's answer and the pushes travel separately (HTTP and WebSocket, or invoke and send), so a push sent
// after the answer may arrive before it. The server pushes every change as it makes it; an answer is only
// taken when no push for the draft arrived while the call was under way (else the push is at least as new).
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ErrorPayload, ExportDraft, ExportProgress } from '../api/contract'
import { toErrorPayload } from './errors'
import { useConnection } from './useConnection'
import { useEvent } from './useEvent'

export interface DraftState {
  draft: ExportDraft | null
  /** exports.get failed: NOT_FOUND when Vigil restarted or the draft was cancelled elsewhere. */
  error: ErrorPayload | null
  /** By camera id; the newest report of each. */
  progress: Readonly<Record<string, ExportProgress>>
  /** Runs a call that answers with the draft (analyze, render) and takes its answer unless a push overtook it. */
  track(call: () => Promise<ExportDraft>): Promise<ExportDraft>
  clearProgress(): void
}

const NO_PROGRESS: Readonly<Record<string, ExportProgress>> = {}

export function useExportDraft(draftId: string | null): DraftState {
  const connection = useConnection()
  const [loaded, setLoaded] = useState<{ id: string; draft: ExportDraft | null; error: ErrorPayload | null } | null>(null)
  const [progress, setProgress] = useState<{ id: string | null; byCamera: Record<string, ExportProgress> }>({ id: null, byCamera: {} })
  const [generation, setGeneration] = useState(0)
  const pushes = useRef(0)

  useEffect(() => {
    if (!draftId) return
    let cancelled = false
    const before = pushes.current
    connection.client.api['exports.get']({ id: draftId }).then(
      (draft) => {
        if (!cancelled && pushes.current === before) setLoaded({ id: draftId, draft, error: null })
      },
      (error: unknown) => {
        if (!cancelled) setLoaded((previous) => ({ id: draftId, draft: previous?.id === draftId ? previous.draft : null, error: toErrorPayload(error) }))
      }
    )
    return () => {
      cancelled = true
    }
  }, [connection, draftId, generation])

  useEffect(
    () =>
      connection.onPushState((state, resumed) => {
        if (state === 'open' && resumed) setGeneration((value) => value + 1)
      }),
    [connection]
  )

  const track = useCallback(async (call: () => Promise<ExportDraft>) => {
    const before = pushes.current
    const draft = await call()
    if (pushes.current === before) setLoaded({ id: draft.id, draft, error: null })
    return draft
  }, [])
  const clearProgress = useCallback(() => setProgress({ id: null, byCamera: {} }), [])

  useEvent('exportChanged', (draft) => {
    if (draft.id !== draftId) return
    pushes.current += 1
    setLoaded({ id: draft.id, draft, error: null })
  })
  useEvent('exportProgress', (report) => {
    if (report.draftId !== draftId) return
    setProgress((previous) => ({ id: draftId, byCamera: { ...(previous.id === draftId ? previous.byCamera : {}), [report.cameraId]: report } }))
  })

  const mine = loaded && loaded.id === draftId ? loaded : null
  return {
    draft: mine?.draft ?? null,
    error: mine?.error ?? null,
    progress: progress.id === draftId ? progress.byCamera : NO_PROGRESS,
    track,
    clearProgress
  }
}
