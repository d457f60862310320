// A LiveRelay as LiveManager.attachTap creates it for a recorder's tap (Vigil's own class), for the benchmark
// children that run recorders themselves (live-tap-child.ts, motion-tap-recorders.ts).
import { DEFAULT_LIVE_SETTINGS, LiveRelay } from '../../main/core/live/live-relay'
import { silentLogger } from '../../main/core/logger'

/** A relay fed only by the tap: never asked for a source of its own (that happens only without a tap). */
export function tappedRelay(name: string, ffmpeg: string): LiveRelay {
  return new LiveRelay({
    name,
    tapped: true,
    transcode: false,
    resolveSource: async () => ({ ok: false, error: { code: 'INTERNAL', message: 'a tapped relay has no source of its own' } }),
    secrets: () => [],
    ffmpeg,
    settings: DEFAULT_LIVE_SETTINGS,
    logger: silentLogger,
    onStopped: () => {}
  })
}
