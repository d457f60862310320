// Motion from the recorder's own camera connection. A camera without a substream would otherwise need a
// second connection just for motion: a second full-bitrate stream over the network (often Wi-Fi), and one of
// the few sessions a doorbell allows. The recorder's live tap already carries that stream as fragmented MP4.
import type { Writable } from 'node:stream'
import type { LiveSink } from '../host'

/** Subscribes to a camera's main live stream (the recorder's tap); returns how to leave it. */
export type OpenLive = (sink: LiveSink) => () => void

/** ffmpeg reads the live stream on stdin: the fragmented MP4 the relay sends every viewer. */
export const LIVE_PIPE_INPUT = { input: 'pipe:0', inputFormat: 'mp4' } as const

/**
 * Pipes one run of the live stream (hello, init segment, fragments) into ffmpeg's stdin. The run ends, and
 * `onEnd` is called once, when the stream restarts (a new hello brings a new init segment, and one MP4 has
 * one: ffmpeg must start over) or when the relay ends it (camera changed, paused, removed). While the
 * camera is down the relay sends its reason and nothing else; the watcher's stall watchdog decides.
 */
export function pipeLiveRun(open: OpenLive, stdin: Writable, onEnd: (reason: string) => void): () => void {
  let hellos = 0
  let ended = false
  let lastError: string | null = null
  const end = (reason: string) => {
    if (ended) return
    ended = true
    onEnd(reason)
  }
  const leave = open({
    send(message) {
      if (ended) return
      if (message.kind === 'hello') {
        if (++hellos > 1) end('the camera stream restarted')
      } else if (message.kind === 'error') {
        lastError = message.message
      } else if (!stdin.writableEnded && !stdin.destroyed) {
        stdin.write(message.bytes)
      }
    },
    // What ffmpeg has not read yet: a decode that falls far behind is dropped by the relay like a slow viewer.
    bufferedBytes: () => stdin.writableLength,
    end: () => end(lastError ? `live stream ended: ${lastError}` : 'live stream ended')
  })
  return () => {
    ended = true
    leave()
  }
}
