// The decisions of the live player as pure functions of the playhead and the buffered ranges (no DOM), so
// they can be unit-tested: stay about a second behind real time, and keep the buffer short.

export const TUNING = {
  /** Jump to the live edge when playback lags the buffered end by more than this (seconds)... */
  maxLag: 1.2,
  /** ...landing this far behind it. */
  behindEdge: 0.2,
  /** Above this lag play slightly faster to catch up without a jump. */
  nudgeLag: 0.6,
  nudgeRate: 1.1,
  /** Keep this much played media behind the playhead; remove older data in steps of `trimStep`. */
  keepBehind: 20,
  trimStep: 10,
  /** After a QuotaExceededError keep only this much behind the playhead. */
  quotaKeep: 1,
  tickMs: 250,
  /** No picture this long after opening (or after the hello) = give up and open again. */
  connectTimeoutMs: 15_000,
  /** No bytes this long while playing = stalled (a little over the server's own 10 s, so its reason comes first). */
  stallMs: 12_000,
  /** After the server's error the stream stays open for its retry; silence this long = open a new one. */
  silentAfterErrorMs: 30_000,
  /** Playing this long without a failure resets the backoff. */
  healthyMs: 10_000,
  backoffMs: [500, 1_000, 2_000, 4_000, 8_000, 15_000],
  /** Bytes waiting for the SourceBuffer before the stream is considered stuck. */
  maxQueued: 32 * 1024 * 1024
}

/** The part of TimeRanges the decisions below read (so they can be tested without a browser). */
export interface Ranges {
  readonly length: number
  start(index: number): number
  end(index: number): number
}

/** Where to seek (or null) and how fast to play, to stay about a second behind real time. */
export function followLiveEdge(currentTime: number, buffered: Ranges): { seekTo: number | null; rate: number } {
  if (buffered.length === 0) return { seekTo: null, rate: 1 }
  const last = buffered.length - 1
  const lastStart = buffered.start(last)
  const end = buffered.end(last)
  const target = Math.max(lastStart, end - TUNING.behindEdge)
  // Stuck before the newest range (in a gap, or before the first frame): playback would never get there.
  if (currentTime < lastStart - 0.05) return { seekTo: target, rate: 1 }
  const lag = end - currentTime
  if (lag > TUNING.maxLag) return { seekTo: target, rate: 1 }
  return { seekTo: null, rate: lag > TUNING.nudgeLag ? TUNING.nudgeRate : 1 }
}

/** Up to where old media should be removed (null: nothing yet); removing in steps avoids a remove per append. */
export function trimPoint(currentTime: number, buffered: Ranges, keepBehind = TUNING.keepBehind, step = TUNING.trimStep): number | null {
  if (buffered.length === 0) return null
  const cut = currentTime - keepBehind
  return cut - buffered.start(0) >= step ? cut : null
}

export const hasAudio = (mime: string) => /mp4a|opus|ac-3|ec-3/i.test(mime)
