import { basename } from 'node:path'
import { describe, expect, it } from 'vitest'
import { INCOMING_DIR, segmentRelativePath, startFromFileName } from '../../../../main/core/recorder/segment-paths'

describe('segmentRelativePath', () => {
  it('builds <camera>/<UTC date>/<ISO start with dashes>.mp4', () => {
    const start = Date.UTC(2026, 10, 24, 0, 11, 35, 123)
    expect(segmentRelativePath('door-1a2b3c', start)).toBe('door-1a2b3c/2026-11-24/2026-11-24T00-11-35.123Z.mp4')
  })

  it('files a segment under its UTC date, whatever the local date was', () => {
    // 00:30 on 25 November in Berlin (UTC+1) is still 24 November in UTC.
    const start = Date.parse('2026-11-25T00:30:00.000+01:00')
    expect(segmentRelativePath('door', start).split('/')[1]).toBe('2026-11-24')
  })

  it('uses forward slashes, the form stored in the index', () => {
    expect(segmentRelativePath('cam', 0)).toBe('cam/1970-01-01/1970-01-01T00-00-00.000Z.mp4')
  })
})

describe('startFromFileName', () => {
  it.each([
    Date.UTC(2026, 10, 24, 0, 11, 35, 123),
    Date.UTC(2026, 11, 31, 23, 59, 59, 999),
    Date.UTC(2024, 1, 29, 12, 0, 0, 1),
    Date.UTC(2026, 0, 1, 0, 0, 0, 0)
  ])('reads back the start of a file written at %i, to the millisecond', (start) => {
    expect(startFromFileName(basename(segmentRelativePath('cam', start)))).toBe(start)
  })

  it.each([
    'run42-000001.mp4',
    'camera.json',
    '2026-11-24T00-11-35Z.mp4',
    '2026-11-24T00-11-35.123Z.mp4.tmp',
    '2026-11-24T00:11:35.123Z.mp4',
    '2026-13-40T25-61-61.000Z.mp4',
    'cam/2026-11-24/2026-11-24T00-11-35.123Z.mp4'
  ])('returns null for %j, which is not a final segment name', (name) => {
    expect(startFromFileName(name)).toBeNull()
  })

  it('keeps open segments in a hidden folder', () => {
    expect(INCOMING_DIR).toBe('.incoming')
  })
})
