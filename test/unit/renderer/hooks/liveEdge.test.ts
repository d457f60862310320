import { describe, expect, it } from 'vitest'
import { TUNING, followLiveEdge, hasAudio, trimPoint, type Ranges } from '../../../../renderer/hooks/liveEdge'

const ranges = (...pairs: Array<[number, number]>): Ranges => ({
  length: pairs.length,
  start: (i) => pairs[i][0],
  end: (i) => pairs[i][1]
})

describe('followLiveEdge', () => {
  it('leaves playback alone close to the edge', () => {
    expect(followLiveEdge(9.8, ranges([0, 10]))).toEqual({ seekTo: null, rate: 1 })
  })

  it('plays a little faster when it drifts behind', () => {
    expect(followLiveEdge(9.2, ranges([0, 10]))).toEqual({ seekTo: null, rate: TUNING.nudgeRate })
  })

  it('jumps to just behind the edge when it lags more than the limit', () => {
    expect(followLiveEdge(8, ranges([0, 10]))).toEqual({ seekTo: 10 - TUNING.behindEdge, rate: 1 })
  })

  it('leaves a gap or a position before the first frame for the newest range', () => {
    expect(followLiveEdge(5, ranges([0, 5.5], [7, 7.1]))).toEqual({ seekTo: 7, rate: 1 })
    expect(followLiveEdge(0, ranges([1234.5, 1234.6]))).toEqual({ seekTo: 1234.5, rate: 1 })
  })

  it('does nothing without data', () => {
    expect(followLiveEdge(3, ranges())).toEqual({ seekTo: null, rate: 1 })
  })
})

describe('trimPoint', () => {
  it('keeps the last seconds behind the playhead and trims in steps', () => {
    expect(trimPoint(25, ranges([0, 25.2]))).toBeNull()
    expect(trimPoint(30, ranges([0, 30.2]))).toBe(30 - TUNING.keepBehind)
    // After a trim that left data from 11 s on, the next one waits for another step.
    expect(trimPoint(35, ranges([11, 35.2]))).toBeNull()
    expect(trimPoint(41, ranges([11, 41.2]))).toBe(21)
  })

  it('trims nothing from an empty buffer', () => {
    expect(trimPoint(100, ranges())).toBeNull()
  })
})

describe('hasAudio', () => {
  it('reads the audio codec from the MIME type', () => {
    expect(hasAudio('video/mp4; codecs="avc1.42C01E,mp4a.40.2"')).toBe(true)
    expect(hasAudio('video/mp4; codecs="avc1.42C01E"')).toBe(false)
  })
})
