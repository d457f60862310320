import { describe, expect, it } from 'vitest'
import { splitCredentials, withCredentials } from '../../../../main/core/cameras/stream-url'

describe('splitCredentials', () => {
  it('returns the URL without credentials and the decoded user name and password', () => {
    expect(splitCredentials('rtsp://ad%20min:p%40ss%3Aw%2Frd@192.168.1.20:554/Streaming/Channels/101?transport=tcp')).toEqual({
      url: 'rtsp://192.168.1.20:554/Streaming/Channels/101?transport=tcp',
      username: 'ad min',
      password: 'p@ss:w/rd'
    })
  })

  it('returns nulls for a URL without credentials and leaves it unchanged', () => {
    expect(splitCredentials('rtsp://cam.local/s1')).toEqual({ url: 'rtsp://cam.local/s1', username: null, password: null })
  })

  it('takes everything up to the last @ as credentials, as URL parsers do', () => {
    expect(splitCredentials('rtsp://admin:p@ss@cam.local/s1')).toEqual({ url: 'rtsp://cam.local/s1', username: 'admin', password: 'p@ss' })
  })
})

describe('withCredentials', () => {
  it('puts credentials back percent-encoded, so any character survives the round trip', () => {
    const password = 'p@ss:w/rd%#?&=ü'
    const url = withCredentials('rtsp://cam.local:554/s1', 'ad min', password)
    expect(url).toBe(`rtsp://ad%20min:${encodeURIComponent(password)}@cam.local:554/s1`)
    expect(splitCredentials(url)).toEqual({ url: 'rtsp://cam.local:554/s1', username: 'ad min', password })
  })

  it('returns the URL unchanged without credentials', () => {
    expect(withCredentials('rtsp://cam.local/s1', null, null)).toBe('rtsp://cam.local/s1')
    expect(withCredentials('rtsp://cam.local/s1', '', '')).toBe('rtsp://cam.local/s1')
  })

  it('sends a password without a user name, and a user name without a password', () => {
    expect(withCredentials('rtsp://cam.local/s1', null, 'pw')).toBe('rtsp://:pw@cam.local/s1')
    expect(withCredentials('rtsp://cam.local/s1', 'admin', null)).toBe('rtsp://admin@cam.local/s1')
  })

  // A literal "%" in a typed URL's password (rtsp://u:100%@host) once reached the user as INTERNAL (URIError).
  it('accepts a password with a literal % that is not an escape', () => {
    expect(splitCredentials('rtsp://u:100%@cam.local/s1').password).toBe('100%')
  })
})
