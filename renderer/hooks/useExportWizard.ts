// The export wizard's state for this tab: in memory while the user moves between pages, and in
// sessionStorage so a reload does not lose what they typed. Nothing of it goes anywhere else (the request
// names people); the ZIP passphrase is not part of it at all and lives only in the wizard's React state.
import { useCallback, useSyncExternalStore } from 'react'
import { isStarted, newWizard, reviveWizard, type WizardState } from '../export/wizard'
import type { ExportLink } from '../export/links'
import { toLocalInput } from '../export/time'

const STORAGE_KEY = 'vigil.exportWizard'

interface Snapshot {
  state: WizardState
  /** A wizard from a new link, waiting while the user decides about the unfinished one. */
  incoming: WizardState | null
}

let snapshot: Snapshot | null = null
const listeners = new Set<() => void>()

function load(): WizardState {
  try {
    return reviveWizard(JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) ?? 'null')) ?? newWizard()
  } catch {
    return newWizard()
  }
}

function current(): Snapshot {
  snapshot ??= { state: load(), incoming: null }
  return snapshot
}

function publish(next: Snapshot): void {
  snapshot = next
  try {
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next.state))
  } catch {
    // a convenience only: the wizard still works without storage
  }
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export type WizardUpdate = (change: Partial<WizardState> | ((state: WizardState) => Partial<WizardState>)) => void

/** A new wizard with the link's scope, as datetime-local values in the recorder's time zone. */
function wizardFromLink(link: ExportLink, timeZone: string | undefined): WizardState {
  return newWizard({
    cameraIds: link.cameraIds,
    from: link.from === null ? '' : toLocalInput(link.from, timeZone),
    to: link.to === null ? '' : toLocalInput(link.to, timeZone)
  })
}

/** A link to a new export: starts it, unless an unfinished one is open (then the user chooses). */
export function takeLink(link: ExportLink, timeZone: string | undefined): void {
  const { state } = current()
  const fresh = wizardFromLink(link, timeZone)
  if (isStarted(state) && !state.result) publish({ state, incoming: fresh })
  else publish({ state: fresh, incoming: null })
}

export function useExportWizard() {
  const { state, incoming } = useSyncExternalStore(subscribe, current)

  const update: WizardUpdate = useCallback((change) => {
    const { state: previous, incoming: waiting } = current()
    const patch = typeof change === 'function' ? change(previous) : change
    publish({ state: { ...previous, ...patch }, incoming: waiting })
  }, [])

  /** Starts over (after cancel or a finished export), or with the wizard a link brought. */
  const reset = useCallback((next: WizardState = newWizard()) => publish({ state: next, incoming: null }), [])

  /** Keeps the unfinished export and drops the link's. */
  const keepCurrent = useCallback(() => publish({ state: current().state, incoming: null }), [])

  return { state, incoming, update, reset, keepCurrent }
}
