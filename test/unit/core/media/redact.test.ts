import { describe, expect, it } from 'vitest'
import { redactArgs, redactUrl, scrubSecrets } from '../../../../main/core/media/redact'

describe('redactUrl', () => {
  it('masks user name and password and keeps host, port and path', () => {
    expect(redactUrl('rtsp://admin:s3cret@192.168.1.20:554/Streaming/Channels/101')).toBe(
      'rtsp://***:***@192.168.1.20:554/Streaming/Channels/101'
    )
  })

  it('leaves a URL without credentials alone', () => {
    expect(redactUrl('rtsp://192.168.1.20:554/stream1')).toBe('rtsp://192.168.1.20:554/stream1')
  })

  it('masks a password given without a user name, and a user name alone', () => {
    expect(redactUrl('rtsp://:s3cret@cam.local/s1')).toBe('rtsp://:***@cam.local/s1')
    expect(redactUrl('rtsp://admin@cam.local/s1')).toBe('rtsp://***@cam.local/s1')
  })

  it('masks the credentials of a value that does not parse as a URL', () => {
    const redacted = redactUrl('rtsp://admin:s3cret@[bad host/s1')
    expect(redacted).not.toContain('s3cret')
    expect(redacted).not.toContain('admin')
    expect(redacted).toBe('rtsp://***:***@[bad host/s1')
  })
})

describe('redactArgs', () => {
  it('redacts the URL after -i and leaves every other argument as it was', () => {
    const args = ['-rtsp_transport', 'tcp', '-i', 'rtsp://admin:s3cret@cam.local:554/s1', '-c:v', 'copy', '/data/x-%06d.mp4']
    const redacted = redactArgs(args)
    expect(redacted).toEqual(['-rtsp_transport', 'tcp', '-i', 'rtsp://***:***@cam.local:554/s1', '-c:v', 'copy', '/data/x-%06d.mp4'])
    expect(redacted.join(' ')).not.toContain('s3cret')
    // The input array is not changed.
    expect(args[3]).toContain('s3cret')
  })

  it('redacts percent-encoded credentials and URLs in any position', () => {
    const redacted = redactArgs(['-i', 'rtsp://ad%40min:p%40ss%3Aword@cam.local/s1', 'rtsps://u:pw@other.local/s2'])
    expect(redacted).toEqual(['-i', 'rtsp://***:***@cam.local/s1', 'rtsps://***:***@other.local/s2'])
  })

  it('does not touch an @ that is part of the path', () => {
    expect(redactArgs(['rtsp://cam.local/user@host'])).toEqual(['rtsp://cam.local/user@host'])
  })
})

describe('scrubSecrets', () => {
  it('removes the password from free text, plain and percent-encoded', () => {
    const text = [
      "[rtsp @ 0x55] method DESCRIBE failed: 401 Unauthorized",
      'tried password p@ss:w0rd/1 and p%40ss%3Aw0rd%2F1 without success'
    ].join('\n')
    const scrubbed = scrubSecrets(text, ['p@ss:w0rd/1'])
    expect(scrubbed).not.toContain('p@ss:w0rd/1')
    expect(scrubbed).not.toContain('p%40ss%3Aw0rd%2F1')
    expect(scrubbed).toContain('tried password *** and *** without success')
    expect(scrubbed).toContain('401 Unauthorized')
  })

  it('masks credentials of any URL in the text, even without knowing the secret', () => {
    const scrubbed = scrubSecrets('rtsp://admin:hunter22@cam.local:554/s1: Server returned 401 Unauthorized', [])
    expect(scrubbed).toBe('rtsp://***:***@cam.local:554/s1: Server returned 401 Unauthorized')
  })

  it('ignores empty, missing and very short secrets, which would shred ordinary text', () => {
    const text = 'Connection to tcp://cam.local:554 failed: Connection refused'
    expect(scrubSecrets(text, [null, undefined, '', 'on'])).toBe(text)
  })
})
