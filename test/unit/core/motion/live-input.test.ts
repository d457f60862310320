import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import type { LiveHello } from '../../../../main/contract'
import type { LiveSink } from '../../../../main/core/host'
import { pipeLiveRun } from '../../../../main/core/motion/live-input'

const HELLO = { mime: 'video/mp4; codecs="avc1.42E01E"', transcoded: false } as unknown as LiveHello

/** A relay stand-in that only records what the run does with its sink: the sink is the unit under test. */
function relay() {
  let sink: LiveSink | null = null
  let left = 0
  return {
    open: (s: LiveSink) => {
      sink = s
      return () => left++
    },
    sink: () => sink!,
    left: () => left
  }
}

describe('pipeLiveRun', () => {
  it('writes init and fragments to ffmpeg, and reports what is not read yet as buffered', () => {
    const r = relay()
    const stdin = new PassThrough({ highWaterMark: 4 })
    const ends: string[] = []
    pipeLiveRun(r.open, stdin, (reason) => ends.push(reason))
    r.sink().send({ kind: 'hello', hello: HELLO })
    r.sink().send({ kind: 'data', bytes: Buffer.from('init') })
    r.sink().send({ kind: 'data', bytes: Buffer.from('frag1') })
    r.sink().send({ kind: 'data', bytes: Buffer.from('frag2') })
    // Nobody reads: the bytes wait in the pipe, and the relay sees how many (to drop a decoder far behind).
    expect(r.sink().bufferedBytes()).toBeGreaterThan(0)
    expect(r.sink().bufferedBytes()).toBe(stdin.writableLength)
    const read: Buffer[] = []
    for (let chunk = stdin.read(); chunk !== null; chunk = stdin.read()) read.push(chunk)
    expect(Buffer.concat(read).toString()).toBe('initfrag1frag2')
    expect(ends).toEqual([])
  })

  it('ends the run on a second hello: a new stream has a new init segment, so ffmpeg starts over', () => {
    const r = relay()
    const stdin = new PassThrough()
    const ends: string[] = []
    pipeLiveRun(r.open, stdin, (reason) => ends.push(reason))
    r.sink().send({ kind: 'hello', hello: HELLO })
    r.sink().send({ kind: 'data', bytes: Buffer.from('a') })
    r.sink().send({ kind: 'hello', hello: HELLO })
    r.sink().send({ kind: 'data', bytes: Buffer.from('new init') })
    expect(ends).toEqual(['the camera stream restarted'])
    expect(stdin.read()?.toString()).toBe('a')
  })

  it('passes on why the relay ended the stream, once, and leaves the relay when closed', () => {
    const r = relay()
    const ends: string[] = []
    const close = pipeLiveRun(r.open, new PassThrough(), (reason) => ends.push(reason))
    r.sink().send({ kind: 'error', message: 'Camera "Door" was paused' })
    r.sink().end()
    r.sink().end()
    expect(ends).toEqual(['live stream ended: Camera "Door" was paused'])
    close()
    expect(r.left()).toBe(1)
  })

  it('writes nothing after ffmpeg\'s stdin has ended', () => {
    const r = relay()
    const stdin = new PassThrough()
    pipeLiveRun(r.open, stdin, () => {})
    r.sink().send({ kind: 'hello', hello: HELLO })
    stdin.end()
    expect(() => r.sink().send({ kind: 'data', bytes: Buffer.from('late') })).not.toThrow()
    expect(stdin.read()).toBeNull()
  })
})
