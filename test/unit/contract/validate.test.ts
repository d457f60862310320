import { describe, expect, it } from 'vitest'
import { parseArgs, VigilError } from '../../../main/contract'

/** Runs parseArgs and returns the VigilError it throws (fails the test when it does not throw). */
function validationError(method: Parameters<typeof parseArgs>[0], args: unknown): VigilError {
  try {
    parseArgs(method, args)
  } catch (error) {
    expect(error).toBeInstanceOf(VigilError)
    return error as VigilError
  }
  throw new Error(`parseArgs(${method}) accepted ${JSON.stringify(args)}`)
}

describe('parseArgs', () => {
  it('names every bad field at once, with a VALIDATION code', () => {
    const error = validationError('cameras.add', { name: '  ', mainUrl: 'http://cam.local/stream', retentionHours: 0 })
    expect(error.code).toBe('VALIDATION')
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['mainUrl', 'name', 'retentionHours'])
    expect(error.fields?.name).toBe('Give the camera a name')
    expect(error.fields?.mainUrl).toMatch(/rtsp:\/\//)
    expect(error.fields?.retentionHours).toBe('At least 1 hour')
    // The message is for logs and the CLI: it carries the method and each field.
    expect(error.message).toContain('cameras.add')
    expect(error.message).toContain('retentionHours: At least 1 hour')
    expect(error.toPayload()).toEqual({ code: 'VALIDATION', message: error.message, fields: error.fields })
  })

  it.each([
    ['http://192.168.1.20/stream'],
    ['https://cam.local/stream'],
    ['file:///etc/passwd'],
    ['rtmp://cam.local/live'],
    ['192.168.1.20:554/stream1'],
    ['rtsp://'],
    ['']
  ])('rejects %j as a stream URL', (mainUrl) => {
    const error = validationError('cameras.add', { name: 'Door', mainUrl })
    expect(error.code).toBe('VALIDATION')
    expect(Object.keys(error.fields ?? {})).toEqual(['mainUrl'])
  })

  it('accepts rtsp:// and rtsps:// URLs (credentials included) and trims them', () => {
    expect(parseArgs('cameras.add', { name: 'Door', mainUrl: ' rtsp://admin:pw@192.168.1.20:554/s1 ' }).mainUrl).toBe(
      'rtsp://admin:pw@192.168.1.20:554/s1'
    )
    expect(parseArgs('cameras.add', { name: 'Door', mainUrl: 'rtsps://cam.local/s1' }).mainUrl).toBe('rtsps://cam.local/s1')
  })

  it('rejects keys the method does not know (strict)', () => {
    const error = validationError('cameras.add', { name: 'Door', mainUrl: 'rtsp://cam.local/s1', pasword: 'typo' })
    expect(error.fields).toEqual({ '(arguments)': expect.stringContaining('pasword') })
    expect(validationError('app.info', { verbose: true }).fields?.['(arguments)']).toContain('verbose')
  })

  it('fills the defaults of a new camera', () => {
    const params = parseArgs('cameras.add', { name: ' Front door ', mainUrl: 'rtsp://cam.local/s1' })
    expect(params).toEqual({
      name: 'Front door',
      location: '',
      mainUrl: 'rtsp://cam.local/s1',
      subUrl: null,
      username: null,
      enabled: true,
      retentionHours: 72
    })
    // Leaving the password out is different from clearing it (null).
    expect('password' in params).toBe(false)
  })

  it('names missing required fields and treats missing arguments as {}', () => {
    const error = validationError('recordings.segments', undefined)
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['cameraId', 'from', 'to'])
    expect(parseArgs('cameras.list', undefined)).toEqual({})
  })

  it('reports a non-object argument under (arguments)', () => {
    expect(Object.keys(validationError('cameras.add', 'rtsp://cam.local/s1').fields ?? {})).toEqual(['(arguments)'])
  })

  it('checks ranges and integers', () => {
    expect(validationError('cameras.add', { name: 'a', mainUrl: 'rtsp://h/s', retentionHours: 24 * 365 + 1 }).fields).toEqual({
      retentionHours: 'At most one year'
    })
    expect(Object.keys(validationError('cameras.add', { name: 'a', mainUrl: 'rtsp://h/s', retentionHours: 1.5 }).fields ?? {})).toEqual([
      'retentionHours'
    ])
    expect(Object.keys(validationError('settings.set', { segmentSeconds: 1 }).fields ?? {})).toEqual(['segmentSeconds'])
    expect(Object.keys(validationError('storage.setLimits', { maxBytes: 0, minFreeBytes: -1 }).fields ?? {}).sort()).toEqual([
      'maxBytes',
      'minFreeBytes'
    ])
    expect(parseArgs('storage.setLimits', { maxBytes: null, minFreeBytes: 0 })).toEqual({ maxBytes: null, minFreeBytes: 0 })
  })

  it('lets cameras.update carry a null password (remove) apart from an absent one (keep)', () => {
    expect(parseArgs('cameras.update', { id: 'door-1a2b3c', password: null }).password).toBeNull()
    expect(parseArgs('cameras.update', { id: 'door-1a2b3c' }).password).toBeUndefined()
  })

  // Regression: a partial update must not get the add defaults, or renaming a paused camera would enable it
  // again, drop its sub stream and user name and reset its retention.
  it('leaves fields an update does not name undefined', () => {
    const params = parseArgs('cameras.update', { id: 'door-1a2b3c', name: 'Back door' })
    expect(params).toEqual({ id: 'door-1a2b3c', name: 'Back door' })
    expect(parseArgs('cameras.update', { id: 'door-1a2b3c', enabled: false, subUrl: null })).toEqual({
      id: 'door-1a2b3c',
      enabled: false,
      subUrl: null
    })
  })
})
