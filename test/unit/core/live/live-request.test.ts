import { describe, expect, it } from 'vitest'
import { liveRequestFromQuery, validateLiveRequest } from '../../../../main/core/live/live-request'

describe('validateLiveRequest', () => {
  it('accepts { cameraId, stream, transcode } and nothing looser', () => {
    expect(validateLiveRequest({ cameraId: 'door-1a2b3c', stream: 'sub', transcode: true })).toEqual({ cameraId: 'door-1a2b3c', stream: 'sub', transcode: true })
    for (const bad of [
      null,
      'door',
      { cameraId: '', stream: 'main', transcode: false },
      { cameraId: 'x'.repeat(129), stream: 'main', transcode: false },
      { cameraId: 7, stream: 'main', transcode: false },
      { cameraId: 'door', stream: 'third', transcode: false },
      { cameraId: 'door', stream: 'main', transcode: 'yes' },
      { cameraId: 'door', stream: 'main' }
    ]) {
      expect(validateLiveRequest(bad)).toBeNull()
    }
  })

  it('drops anything else the caller sent', () => {
    expect(validateLiveRequest({ cameraId: 'door', stream: 'main', transcode: false, path: '/etc/passwd' })).toEqual({
      cameraId: 'door',
      stream: 'main',
      transcode: false
    })
  })
})

describe('liveRequestFromQuery', () => {
  const parse = (query: string) => liveRequestFromQuery(new URLSearchParams(query))

  it('reads /api/live?camera=&stream=&transcode=', () => {
    expect(parse('camera=door&stream=sub&transcode=1')).toEqual({ cameraId: 'door', stream: 'sub', transcode: true })
    expect(parse('camera=door&stream=main')).toEqual({ cameraId: 'door', stream: 'main', transcode: false })
    expect(parse('camera=door')).toEqual({ cameraId: 'door', stream: 'main', transcode: false })
    expect(parse('camera=door&transcode=0')).toEqual({ cameraId: 'door', stream: 'main', transcode: false })
  })

  it('refuses a missing camera, an unknown stream and an unreadable transcode flag', () => {
    expect(parse('stream=main')).toBeNull()
    expect(parse('camera=&stream=main')).toBeNull()
    expect(parse('camera=door&stream=hd')).toBeNull()
    expect(parse('camera=door&transcode=maybe')).toBeNull()
  })
})
