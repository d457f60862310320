// The detection settings form as plain data: what the inputs hold (numbers as typed text), the patch a save
// sends (only what changed) and where the server's validation messages belong. Pure.
import type { DetectionSettings, EventKind, MethodArgs, MotionZone, RecordingMode } from '../api/contract'

export interface DetectionDraft {
  motion: { enabled: boolean; sensitivity: number; minObjectPercent: string; zones: MotionZone[] }
  recording: { mode: RecordingMode; preRollSeconds: string; postRollSeconds: string }
  alerts: { enabled: boolean; kinds: EventKind[]; cooldownSeconds: string; quiet: boolean; quietFrom: string; quietTo: string }
  onvif: { enabled: boolean; deviceUrl: string }
  webhook: DetectionSettings['webhook']
}

export type DetectionPatch = Omit<MethodArgs<'detection.set'>, 'cameraId'>

/** Quiet hours offered when the user switches them on. */
export const DEFAULT_QUIET = { from: '22:00', to: '06:00' }

export function toDraft(settings: DetectionSettings): DetectionDraft {
  const { motion, recording, alerts, onvif, webhook } = settings
  return {
    motion: { enabled: motion.enabled, sensitivity: motion.sensitivity, minObjectPercent: String(motion.minObjectPercent), zones: motion.zones },
    recording: { mode: recording.mode, preRollSeconds: String(recording.preRollSeconds), postRollSeconds: String(recording.postRollSeconds) },
    alerts: {
      enabled: alerts.enabled,
      kinds: alerts.kinds,
      cooldownSeconds: String(alerts.cooldownSeconds),
      quiet: alerts.quietHours !== null,
      quietFrom: alerts.quietHours?.from ?? DEFAULT_QUIET.from,
      quietTo: alerts.quietHours?.to ?? DEFAULT_QUIET.to
    },
    onvif: { enabled: onvif.enabled, deviceUrl: onvif.deviceUrl ?? '' },
    webhook
  }
}

/**
 * A typed number ("12", "0,5"). Anything else becomes NaN, which the server's validation rejects and names,
 * so a bad value is marked on its field like every other mistake.
 */
export function parseNumber(text: string): number {
  const trimmed = text.trim().replace(',', '.')
  return trimmed === '' ? Number.NaN : Number(trimmed)
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
const sameSet = (a: readonly string[], b: readonly string[]) => same([...a].sort(), [...b].sort())
const sameNumber = (text: string, value: number) => parseNumber(text) === value

/** Puts `value` under `key` in `target` when it differs from the stored one. */
function changed<T extends object, K extends keyof T>(target: Partial<T>, key: K, value: T[K], differs: boolean): void {
  if (differs) target[key] = value
}

/** Only the fields that differ from the stored settings; sections without changes are left out. */
export function toPatch(stored: DetectionSettings, draft: DetectionDraft): DetectionPatch {
  const patch: DetectionPatch = {}

  const motion: NonNullable<DetectionPatch['motion']> = {}
  changed(motion, 'enabled', draft.motion.enabled, draft.motion.enabled !== stored.motion.enabled)
  changed(motion, 'sensitivity', draft.motion.sensitivity, draft.motion.sensitivity !== stored.motion.sensitivity)
  const minObject = parseNumber(draft.motion.minObjectPercent)
  changed(motion, 'minObjectPercent', minObject, !sameNumber(draft.motion.minObjectPercent, stored.motion.minObjectPercent))
  changed(motion, 'zones', draft.motion.zones, !same(draft.motion.zones, stored.motion.zones))
  if (Object.keys(motion).length > 0) patch.motion = motion

  const recording: NonNullable<DetectionPatch['recording']> = {}
  changed(recording, 'mode', draft.recording.mode, draft.recording.mode !== stored.recording.mode)
  changed(recording, 'preRollSeconds', parseNumber(draft.recording.preRollSeconds), !sameNumber(draft.recording.preRollSeconds, stored.recording.preRollSeconds))
  changed(recording, 'postRollSeconds', parseNumber(draft.recording.postRollSeconds), !sameNumber(draft.recording.postRollSeconds, stored.recording.postRollSeconds))
  if (Object.keys(recording).length > 0) patch.recording = recording

  const alerts: NonNullable<DetectionPatch['alerts']> = {}
  const quietHours = draft.alerts.quiet ? { from: draft.alerts.quietFrom, to: draft.alerts.quietTo } : null
  changed(alerts, 'enabled', draft.alerts.enabled, draft.alerts.enabled !== stored.alerts.enabled)
  changed(alerts, 'kinds', draft.alerts.kinds, !sameSet(draft.alerts.kinds, stored.alerts.kinds))
  changed(alerts, 'cooldownSeconds', parseNumber(draft.alerts.cooldownSeconds), !sameNumber(draft.alerts.cooldownSeconds, stored.alerts.cooldownSeconds))
  changed(alerts, 'quietHours', quietHours, !same(quietHours, stored.alerts.quietHours))
  if (Object.keys(alerts).length > 0) patch.alerts = alerts

  const onvif: NonNullable<DetectionPatch['onvif']> = {}
  const deviceUrl = draft.onvif.deviceUrl.trim() || null
  changed(onvif, 'enabled', draft.onvif.enabled, draft.onvif.enabled !== stored.onvif.enabled)
  changed(onvif, 'deviceUrl', deviceUrl, deviceUrl !== stored.onvif.deviceUrl)
  if (Object.keys(onvif).length > 0) patch.onvif = onvif

  const webhook: NonNullable<DetectionPatch['webhook']> = {}
  changed(webhook, 'enabled', draft.webhook.enabled, draft.webhook.enabled !== stored.webhook.enabled)
  changed(webhook, 'kind', draft.webhook.kind, draft.webhook.kind !== stored.webhook.kind)
  if (Object.keys(webhook).length > 0) patch.webhook = webhook

  return patch
}

export const isDirty = (stored: DetectionSettings, draft: DetectionDraft) => Object.keys(toPatch(stored, draft)).length > 0

/** The inputs a validation message can point at. */
export const DETECTION_FIELDS = [
  'motion.sensitivity',
  'motion.minObjectPercent',
  'motion.zones',
  'recording.mode',
  'recording.preRollSeconds',
  'recording.postRollSeconds',
  'alerts.kinds',
  'alerts.cooldownSeconds',
  'alerts.quietHours',
  'onvif.deviceUrl',
  'webhook.kind'
] as const
export type DetectionField = (typeof DETECTION_FIELDS)[number]

export interface PlacedErrors {
  fields: Partial<Record<DetectionField, string>>
  /** By zone id (the server names zones by their index in the list sent). */
  zones: Record<string, string>
  /** Messages no input matches (shown above the save button). */
  other: string[]
}

/**
 * Spreads VALIDATION field paths over the form: "motion.sensitivity" -> its input, "motion.zones.2.name" ->
 * the third zone, "alerts.quietHours.from" -> the quiet hours.
 */
export function placeErrors(fields: Record<string, string>, zones: readonly Pick<MotionZone, 'id'>[]): PlacedErrors {
  const placed: PlacedErrors = { fields: {}, zones: {}, other: [] }
  for (const [path, message] of Object.entries(fields)) {
    const zone = /^motion\.zones\.(\d+)(\.|$)/.exec(path)
    if (zone && zones[Number(zone[1])]) {
      placed.zones[zones[Number(zone[1])].id] ??= message
      continue
    }
    const field = (DETECTION_FIELDS as readonly string[]).find((name) => path === name || path.startsWith(`${name}.`))
    if (field) placed.fields[field as DetectionField] ??= message
    else placed.other.push(`${path}: ${message}`)
  }
  return placed
}

/** Something can raise events for this camera (else "events only" would keep nothing). */
export function raisesEvents(draft: Pick<DetectionDraft, 'motion' | 'onvif' | 'webhook'>): boolean {
  return draft.motion.enabled || draft.onvif.enabled || draft.webhook.enabled
}
