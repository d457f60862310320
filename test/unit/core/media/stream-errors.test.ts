import { describe, expect, it } from 'vitest'
import { classifyStreamError, hostOf } from '../../../../main/core/media/stream-errors'

const HOST = '192.168.1.20:554'

// stderr as ffmpeg/ffprobe 5.x print it (captured from the tools).
describe('classifyStreamError', () => {
  it.each([
    ['[rtsp @ 0x55d0c8a3f240] method DESCRIBE failed: 401 Unauthorized\nrtsp://192.168.1.20:554/s1: Server returned 401 Unauthorized (authorization failed)', 'PROBE_UNAUTHORIZED', 'RTSP 401'],
    ['[rtsp @ 0x55d0c8a3f240] method DESCRIBE failed: 404 Not Found\nrtsp://192.168.1.20:554/nope: Server returned 404 Not Found', 'PROBE_PATH_NOT_FOUND', 'RTSP 404'],
    ['[tcp @ 0x55a251e57140] Connection to tcp://127.0.0.1:1?timeout=0 failed: Connection refused\nrtsp://127.0.0.1:1/x: Connection refused', 'PROBE_CONNECTION_REFUSED', 'refused the connection'],
    ['[tcp @ 0x55b20288fec0] Failed to resolve hostname nosuch.invalid: Name or service not known\nrtsp://nosuch.invalid/x: Input/output error', 'PROBE_HOST_NOT_FOUND', 'could not be resolved'],
    ['[tcp @ 0x5581] Connection to tcp://10.99.0.1:554?timeout=0 failed: No route to host', 'PROBE_HOST_UNREACHABLE', 'unreachable'],
    ['[tcp @ 0x5581] Connection to tcp://10.99.0.1:554?timeout=0 failed: Network is unreachable', 'PROBE_HOST_UNREACHABLE', 'unreachable'],
    ['[tcp @ 0x5581] Connection to tcp://10.99.0.1:554?timeout=5000000 failed: Connection timed out', 'PROBE_TIMEOUT', 'did not answer in time'],
    ['[segment @ 0x5581] Failed to open segment \'/data/.incoming/run-000003.mp4\'\nav_interleaved_write_frame(): No space left on device', 'DISK_FULL', 'disk is full']
  ])('maps %j to %s', (stderr, code, wording) => {
    const error = classifyStreamError(stderr, HOST, false)
    expect(error.code).toBe(code)
    expect(error.message).toContain(wording)
  })

  it('names the host in messages about the camera', () => {
    expect(classifyStreamError('method DESCRIBE failed: 401 Unauthorized', HOST, false).message).toBe(
      `${HOST} refused the user name or password (RTSP 401)`
    )
  })

  it('reports unknown text as PROBE_FAILED with its last line', () => {
    const error = classifyStreamError('[rtsp @ 0x1] first line\n[rtsp @ 0x1] Invalid data found when processing input\n\n', HOST, false)
    expect(error).toEqual({
      code: 'PROBE_FAILED',
      message: `Could not open the stream at ${HOST}: [rtsp @ 0x1] Invalid data found when processing input`
    })
  })

  it('reports empty stderr as PROBE_FAILED without a dangling colon', () => {
    expect(classifyStreamError('', HOST, false)).toEqual({ code: 'PROBE_FAILED', message: `Could not open the stream at ${HOST}` })
  })

  it('reports a run that was killed for taking too long as PROBE_TIMEOUT', () => {
    expect(classifyStreamError('', HOST, true).code).toBe('PROBE_TIMEOUT')
    expect(classifyStreamError('[rtsp @ 0x1] something unrelated', HOST, true).code).toBe('PROBE_TIMEOUT')
  })

  it('prefers the specific cause over the timeout when stderr names one', () => {
    expect(classifyStreamError('method DESCRIBE failed: 401 Unauthorized', HOST, true).code).toBe('PROBE_UNAUTHORIZED')
  })
})

describe('hostOf', () => {
  it('returns host:port of a URL and never its credentials', () => {
    expect(hostOf('rtsp://admin:s3cret@192.168.1.20:554/s1')).toBe('192.168.1.20:554')
    expect(hostOf('rtsp://cam.local/s1')).toBe('cam.local')
  })

  it('falls back to a neutral name for an unparsable URL', () => {
    expect(hostOf('not a url')).toBe('the camera')
  })
})
