import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openDatabase, SettingsRepo, type Db } from '../../../../main/core/db'
import { DetectionSettingsStore, defaultDetection } from '../../../../main/core/events/detection-settings'
import { PrivacyMode } from '../../../../main/core/events/privacy-mode'
import { KeyFileSecretBox } from '../../../../main/core/secrets/key-file-box'

let db: Db
let dir: string
let settings: SettingsRepo

beforeEach(() => {
  db = openDatabase(':memory:')
  settings = new SettingsRepo(db)
  dir = mkdtempSync(join(tmpdir(), 'vigil-detection-'))
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('DetectionSettingsStore', () => {
  it('starts from the defaults and merges each part on its own', () => {
    const store = new DetectionSettingsStore(settings, new KeyFileSecretBox(join(dir, 'key')))
    expect(store.get('cam')).toEqual(defaultDetection('cam'))
    store.set('cam', { motion: { sensitivity: 80 } })
    const next = store.set('cam', { recording: { mode: 'events' } })
    expect(next.motion).toEqual({ ...defaultDetection('cam').motion, sensitivity: 80 })
    expect(next.recording).toEqual({ mode: 'events', preRollSeconds: 5, postRollSeconds: 10 })
    expect(store.get('other')).toEqual(defaultDetection('other'))
    expect(store.eventsOnlySince('cam')).toBeGreaterThan(0)
    store.set('cam', { recording: { preRollSeconds: 3 } }, 1)
    expect(store.eventsOnlySince('cam')).not.toBe(1)
    store.remove('cam')
    expect(store.get('cam')).toEqual(defaultDetection('cam'))
    expect(store.eventsOnlySince('cam')).toBe(0)
  })

  it('makes a webhook token once, keeps it sealed at rest, verifies it and replaces it on request', () => {
    const store = new DetectionSettingsStore(settings, new KeyFileSecretBox(join(dir, 'key')))
    const first = store.webhook('cam')
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(first.path).toBe(`/hooks/cam/${first.token}`)
    expect(store.webhook('cam').token).toBe(first.token)
    const stored = db.prepare("SELECT value FROM settings WHERE key = 'webhookToken:cam'").get() as { value: string }
    expect(stored.value).not.toContain(first.token)
    expect(store.verifyWebhook('cam', first.token)).toBe(true)
    expect(store.verifyWebhook('cam', first.token.slice(0, -1) + 'x')).toBe(false)
    expect(store.verifyWebhook('other', first.token)).toBe(false)
    const second = store.webhook('cam', true)
    expect(second.token).not.toBe(first.token)
    expect(store.verifyWebhook('cam', first.token)).toBe(false)
  })
})

describe('PrivacyMode', () => {
  it('pauses for a number of minutes, survives a restart and ends on its own', () => {
    vi.useFakeTimers()
    try {
      const changes: unknown[] = []
      const privacy = new PrivacyMode({ settings, onChange: (state) => changes.push(state) })
      expect(privacy.state()).toEqual({ pausedUntil: null, alertsEnabled: true })
      const paused = privacy.set({ pauseMinutes: 30 })
      expect(paused.pausedUntil).toBe(Date.now() + 30 * 60_000)
      expect(privacy.paused()).toBe(true)
      // A second instance (restart) sees the same pause.
      const again = new PrivacyMode({ settings, onChange: () => {} })
      expect(again.paused()).toBe(true)
      vi.advanceTimersByTime(30 * 60_000)
      expect(privacy.paused()).toBe(false)
      expect(changes.at(-1)).toEqual({ pausedUntil: null, alertsEnabled: true })
      privacy.set({ alertsEnabled: false })
      expect(privacy.state()).toEqual({ pausedUntil: null, alertsEnabled: false })
      privacy.set({ pauseMinutes: 10 })
      expect(privacy.set({ pauseMinutes: null }).pausedUntil).toBeNull()
      privacy.stop()
    } finally {
      vi.useRealTimers()
    }
  })
})
