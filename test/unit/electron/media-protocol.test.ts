import { describe, expect, it, vi } from 'vitest'
import type { MediaService } from '../../../main/core/host'

const fake = vi.hoisted(() => ({ privileged: [] as unknown[] }))
vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => fake.privileged.push(...schemes),
    handle: () => {},
    unhandle: () => {}
  }
}))

const { MEDIA_SCHEME, isAppOrigin, planMediaRequest, registerMediaScheme } = await import('../../../main/electron/media-protocol')
const { appPageFor } = await import('../../../main/electron/window')

const page = appPageFor('/opt/vigil/out/renderer/index.html')
const devPage = appPageFor('/opt/vigil/out/renderer/index.html', 'http://localhost:5173')
const SIZE = 5000
const media: Pick<MediaService, 'segmentFile' | 'exportPreview' | 'packageZip'> = {
  segmentFile: (id) => (id === 42 ? { path: '/data/recordings/door/2026-11-24/x.mp4', bytes: SIZE } : null),
  exportPreview: () => null,
  packageZip: (id) => (id === '2026-11-24-0a1b2c3d' ? { path: '/data/exports/2026-11-24-0a1b2c3d.zip', bytes: 500 } : null)
}
const get = (url: string, range: string | null = null, initiatorOrigin: string | undefined = 'null', method = 'GET') =>
  planMediaRequest({ url, method, range, initiatorOrigin }, media, page)

describe('vigil-media: requests', () => {
  it('serves a known segment whole, with CORS for the app page', () => {
    const plan = get('vigil-media://app/media/segments/42')
    expect(plan.status).toBe(200)
    expect(plan.file).toEqual({ path: '/data/recordings/door/2026-11-24/x.mp4', start: 0, end: SIZE - 1 })
    expect(plan.headers).toMatchObject({
      'Content-Type': 'video/mp4',
      'Content-Length': String(SIZE),
      'Accept-Ranges': 'bytes',
      'Access-Control-Allow-Origin': 'null'
    })
    expect(plan.headers['Access-Control-Expose-Headers']).toContain('Content-Range')
  })

  it('serves ranges like the headless server: 206 with the slice, 416 past the end', () => {
    const slice = get('vigil-media://app/media/segments/42', 'bytes=100-199')
    expect(slice.status).toBe(206)
    expect(slice.file).toEqual({ path: '/data/recordings/door/2026-11-24/x.mp4', start: 100, end: 199 })
    expect(slice.headers['Content-Range']).toBe(`bytes 100-199/${SIZE}`)
    const past = get('vigil-media://app/media/segments/42', `bytes=${SIZE}-`)
    expect(past.status).toBe(416)
    expect(past.file).toBeUndefined()
    expect(past.headers['Content-Range']).toBe(`bytes */${SIZE}`)
  })

  it('answers HEAD without a body and a CORS preflight for Range', () => {
    const head = get('vigil-media://app/media/segments/42', null, 'null', 'HEAD')
    expect(head.status).toBe(200)
    expect(head.file).toBeUndefined()
    const preflight = get('vigil-media://app/media/segments/42', null, 'null', 'OPTIONS')
    expect(preflight.status).toBe(204)
    expect(preflight.headers['Access-Control-Allow-Headers']).toBe('Range')
    expect(get('vigil-media://app/media/segments/42', null, 'null', 'DELETE').status).toBe(405)
  })

  it('resolves ids only: paths, other hosts and unknown ids never reach the disk', () => {
    const segmentFile = vi.fn(media.segmentFile)
    const plan = (url: string) => planMediaRequest({ url, method: 'GET', range: null, initiatorOrigin: 'null' }, { ...media, segmentFile }, page)
    expect(plan('vigil-media://app/media/segments/../../etc/passwd').status).not.toBe(200)
    expect(plan('vigil-media://app/media/segments/%2e%2e%2fvigil.db').status).toBe(400)
    expect(plan('vigil-media://app/media/segments/abc').status).toBe(400)
    expect(plan('vigil-media://app/media/segments/042').status).toBe(400)
    expect(plan('vigil-media://app/media/segments/42.mp4').status).toBe(400)
    expect(plan('vigil-media://app/media/other/42').status).toBe(404)
    expect(plan('vigil-media://elsewhere/media/segments/42').status).toBe(404)
    expect(plan('vigil-media://app/media/segments/7').status).toBe(404)
    expect(plan('not a url').status).toBe(400)
    expect(segmentFile.mock.calls).toEqual([[7]])
  })

  it('serves a package ZIP as a download and nothing that only looks like one', () => {
    const plan = (url: string) => planMediaRequest({ url, method: 'GET', range: null, initiatorOrigin: 'null' }, media, page)
    const zip = plan('vigil-media://app/media/packages/2026-11-24-0a1b2c3d.zip')
    expect(zip.status).toBe(200)
    expect(zip.headers['Content-Type']).toBe('application/zip')
    expect(zip.headers['Content-Disposition']).toBe('attachment; filename="vigil-evidence-2026-11-24-0a1b2c3d.zip"')
    expect(zip.file?.path).toBe('/data/exports/2026-11-24-0a1b2c3d.zip')
    expect(plan('vigil-media://app/media/packages/2026-11-24-ffffffff.zip').status).toBe(404)
    expect(plan('vigil-media://app/media/packages/..%2fvigil.db').status).toBe(404)
    expect(plan('vigil-media://app/media/exports/not-a-draft/door.mp4').status).toBe(404)
  })

  it('refuses requests from any origin but the app page', () => {
    expect(get('vigil-media://app/media/segments/42', null, 'https://evil.example').status).toBe(403)
    expect(isAppOrigin(undefined, page)).toBe(true)
    expect(isAppOrigin('file://', page)).toBe(true)
    expect(isAppOrigin('http://localhost:5173', page)).toBe(false)
    expect(isAppOrigin('http://localhost:5173', devPage)).toBe(true)
    expect(isAppOrigin('http://localhost:4000', devPage)).toBe(false)
  })

  it('registers the scheme as standard, secure, fetchable, CORS-enabled and streaming', () => {
    registerMediaScheme()
    expect(fake.privileged).toEqual([
      { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true } }
    ])
  })
})
