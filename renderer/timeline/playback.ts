// Synchronised playback of several cameras on one clock. All players share the origin, so equal media time
// means the same wall-clock instant. The master (the first selected camera with a recording at the
// playhead) drives the clock; followers are pulled back when they drift more than DRIFT_S. When the master
// runs into a gap, another camera recording at that instant takes over, else the clock jumps to the next
// recording of any camera.
import type { Segment } from '../api/contract'
import { SegmentPlayer, type PlayerStatus, type SegmentSource } from './segment-player'
import { nextSpanStart, spanAt, type Span } from './spans'

export const SPEEDS = [0.5, 1, 2, 4, 8, 16] as const
export type Speed = (typeof SPEEDS)[number]

const DRIFT_S = 0.25
const TICK_MS = 100
/** Buffered holes shorter than this are stepped over (clock estimates may leave a hair between files). */
const HAIRLINE_S = 1.5
/** A follower that had nothing to show asks again after this. */
const FOLLOWER_RETRY_MS = 2000

export interface CameraPlayback {
  status: PlayerStatus
  /** Whether this camera has a picture at the playhead (false in its gaps). */
  showing: boolean
  codec: string | null
}

export interface PlaybackState {
  /** Wall-clock ms of the playhead; null until the first seek. */
  wall: number | null
  playing: boolean
  rate: Speed
  seeking: boolean
  /** The playhead reached the end of everything recorded. */
  ended: boolean
  masterId: string | null
  cameras: Readonly<Record<string, CameraPlayback>>
}

interface Follower {
  retryAt: number
  /** Where the next recording of this camera starts, when it has none at the playhead. */
  resumeAt: number | null
}

export class Playback {
  private readonly players = new Map<string, SegmentPlayer>()
  private readonly followers = new Map<string, Follower>()
  private readonly spans = new Map<string, readonly Span[]>()
  private order: string[] = []
  private master: SegmentPlayer | null = null
  private target: number | null = null
  private seekGeneration = 0
  private destroyed = false
  private state: PlaybackState = { wall: null, playing: false, rate: 1, seeking: false, ended: false, masterId: null, cameras: {} }
  private readonly listeners = new Set<() => void>()
  private readonly timer: ReturnType<typeof setInterval>

  constructor(
    readonly origin: number,
    private readonly source: SegmentSource
  ) {
    this.timer = setInterval(() => this.tick(), TICK_MS)
  }

  // ---- React side: a store for useSyncExternalStore

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getState = (): PlaybackState => this.state

  // ---- Wiring

  /** Gives a camera's <video> to the playback; the returned function takes it back. */
  attach(cameraId: string, video: HTMLVideoElement): () => void {
    const player = new SegmentPlayer(cameraId, video, this.origin, this.source, () => this.publish())
    video.playbackRate = this.state.rate
    this.players.set(cameraId, player)
    this.followers.set(cameraId, { retryAt: 0, resumeAt: null })
    // A camera added to a running playback is picked up as a follower; the first one starts the clock.
    if (!this.master && this.target !== null) void this.seek(this.target)
    return () => {
      player.destroy()
      if (this.players.get(cameraId) === player) this.players.delete(cameraId)
      if (this.master === player) {
        // The clock's camera went away: elect another one where the playhead is.
        this.master = null
        if (!this.destroyed && this.target !== null) void this.seek(this.target)
      }
      if (!this.destroyed) this.publish()
    }
  }

  /** The selected cameras in order: the first one with a recording at the playhead is the master. */
  setOrder(cameraIds: readonly string[]): void {
    this.order = [...cameraIds]
    this.publish()
  }

  setSpans(cameraId: string, spans: readonly Span[]): void {
    this.spans.set(cameraId, spans)
  }

  destroy(): void {
    this.destroyed = true
    this.master = null
    clearInterval(this.timer)
    this.seekGeneration++
    for (const player of this.players.values()) player.destroy()
    this.players.clear()
    this.listeners.clear()
  }

  // ---- Commands

  /** Moves every camera to `wall`; inside a gap of all of them, to the next recording after it. */
  async seek(wall: number): Promise<void> {
    const generation = ++this.seekGeneration
    this.target = wall
    this.setState({ seeking: true, ended: false })
    const players = this.ordered()
    if (players.length === 0) {
      this.setState({ seeking: false })
      return
    }
    const located = await Promise.all(players.map((player) => player.locate(wall).catch(() => null)))
    if (generation !== this.seekGeneration) return
    const contains = (segment: Segment | null, at: number) => !!segment && segment.start <= at && at < segment.end
    let land = wall
    if (!located.some((segment) => contains(segment, wall))) {
      const starts = located.filter((segment): segment is Segment => !!segment).map((segment) => segment.start)
      if (starts.length === 0) {
        for (const player of players) player.video.pause()
        this.target = wall
        this.setState({ seeking: false, playing: false, ended: true })
        return
      }
      land = Math.min(...starts)
    }
    this.target = land
    // Every camera recorded at that instant loads it at once; the others wait for their next recording.
    const loads = players.map((player, i) => {
      const follower = this.followers.get(player.cameraId)!
      follower.retryAt = 0
      follower.resumeAt = contains(located[i], land) ? null : (located[i]?.start ?? Infinity)
      player.video.pause()
      return follower.resumeAt === null ? player.load(land, located[i]) : null
    })
    // The master is the first of them whose picture could be shown (another codec may fail to play).
    let master: SegmentPlayer | null = null
    for (let i = 0; i < players.length && !master; i++) {
      const loaded = loads[i] && (await loads[i])
      if (generation !== this.seekGeneration) return
      if (loaded) master = players[i]
    }
    this.master = master ?? players[loads.findIndex((load) => load !== null)]
    this.setState({ seeking: false })
    if (master && this.state.playing) this.playVideo(master)
    this.tick()
  }

  play(): void {
    this.setState({ playing: true, ended: false })
    if (this.master && !this.state.seeking) this.playVideo(this.master)
    else if (!this.state.seeking && this.target !== null) void this.seek(this.target)
  }

  pause(): void {
    this.setState({ playing: false })
    for (const player of this.players.values()) player.video.pause()
    this.tick()
  }

  setRate(rate: Speed): void {
    this.setState({ rate })
    for (const player of this.players.values()) player.video.playbackRate = rate
  }

  /** One frame forward or back (pauses first); loads the neighbouring segment when the step leaves this one. */
  step(direction: 1 | -1): void {
    const master = this.master
    if (!master || this.state.seeking) return
    if (this.state.playing) this.pause()
    const frame = 1 / master.fps
    const current = master.video.currentTime
    // The frame on screen, unless a seek has moved the playhead and its frame is not presented yet.
    const shown = master.shownTime !== null && Math.abs(master.shownTime - current) < frame ? master.shownTime : current
    // A quarter frame past the frame's start lands inside its display interval despite timestamp jitter.
    const target = shown + direction * frame + frame / 4
    if (master.isBuffered(target)) {
      master.video.currentTime = target
      this.tick()
    } else void this.seek(master.wallTime(target))
  }

  /** The pictures on screen: each showing camera's <video> and the wall time of its frame. */
  shownFrames(): { cameraId: string; video: HTMLVideoElement; wall: number }[] {
    const now = this.master?.video.currentTime ?? 0
    return this.ordered()
      .filter((player) => player.status === 'ready' && player.shownTime !== null && (player === this.master || player.isBuffered(now)))
      .map((player) => ({ cameraId: player.cameraId, video: player.video, wall: Math.round(player.wallTime(player.shownTime!)) }))
  }

  // ---- The clock

  private tick(): void {
    const master = this.master
    if (master && !this.state.seeking && master.status === 'ready') {
      if (this.state.playing) this.crossGaps(master)
      const now = this.master?.video.currentTime ?? master.video.currentTime
      this.syncFollowers(now)
      this.target = master.wallTime(now)
    }
    for (const player of this.players.values()) player.maintain()
    this.publish()
  }

  /** The master ran out of data: step over a hairline, wait for data on its way, hand over, or jump. */
  private crossGaps(master: SegmentPlayer): void {
    const now = master.video.currentTime
    if (!master.atEnd(now)) {
      if (master.video.paused && !master.video.ended) this.playVideo(master)
      return
    }
    const wall = master.wallTime(now)
    const buffered = master.nextRangeStart(now)
    if (buffered !== null && buffered - now < HAIRLINE_S) {
      master.video.currentTime = buffered + 0.001
      return
    }
    const span = spanAt(this.spans.get(master.cameraId) ?? [], wall)
    if (span && span.end - wall > 1000) return // still recorded here: the next segment is on its way
    const other = this.ordered().find((player) => player !== master && player.isBuffered(now + 0.2))
    if (other) {
      this.master = other
      other.video.currentTime = now
      this.playVideo(other)
      return
    }
    const candidates = [
      ...(buffered !== null ? [master.wallTime(buffered)] : []),
      ...this.ordered().map((player) => nextSpanStart(this.spans.get(player.cameraId) ?? [], wall + 500))
    ].filter((at): at is number => at !== null)
    if (candidates.length > 0) void this.seek(Math.min(...candidates))
    else {
      master.video.pause()
      this.setState({ playing: false, ended: true })
    }
  }

  private syncFollowers(now: number): void {
    const { playing, rate } = this.state
    for (const player of this.ordered()) {
      if (player === this.master) continue
      const follower = this.followers.get(player.cameraId)!
      const video = player.video
      if (player.status === 'ready' && player.isBuffered(now)) {
        follower.resumeAt = null
        // Paused (frame stepping): exactly the master's frame; playing: only when drifting.
        if (Math.abs(video.currentTime - now) > (playing ? DRIFT_S : 0.001)) video.currentTime = now
        if (video.playbackRate !== rate) video.playbackRate = rate
        if (playing && video.paused) this.playVideo(player)
        if (!playing && !video.paused) video.pause()
        continue
      }
      if (!video.paused) video.pause()
      const wall = player.wallTime(now)
      const due = follower.resumeAt === null || wall >= follower.resumeAt - 1000
      if (player.status !== 'loading' && due && Date.now() >= follower.retryAt) {
        follower.retryAt = Date.now() + FOLLOWER_RETRY_MS
        void player.load(wall).then((segment) => {
          follower.resumeAt = segment ? segment.start : Infinity
        })
      }
    }
  }

  private playVideo(player: SegmentPlayer): void {
    player.video.playbackRate = this.state.rate
    player.video.play().catch(() => undefined)
  }

  private ordered(): SegmentPlayer[] {
    return this.order.map((id) => this.players.get(id)).filter((player): player is SegmentPlayer => !!player)
  }

  // ---- State for the UI

  private setState(patch: Partial<PlaybackState>): void {
    this.state = { ...this.state, ...patch }
    this.publish(true)
  }

  private publish(force = false): void {
    const master = this.master
    const wall =
      master && !this.state.seeking && master.status === 'ready' ? master.wallTime(master.video.currentTime) : this.target
    const now = master?.video.currentTime ?? 0
    const cameras: Record<string, CameraPlayback> = {}
    for (const player of this.ordered()) {
      cameras[player.cameraId] = {
        status: player.status,
        showing: player.status === 'ready' && (player === master || player.isBuffered(now)),
        codec: player.codec
      }
    }
    const next: PlaybackState = { ...this.state, wall: wall === null ? null : Math.round(wall), masterId: master?.cameraId ?? null, cameras }
    if (!force && sameState(next, this.state)) return
    this.state = next
    for (const listener of this.listeners) listener()
  }
}

function sameState(a: PlaybackState, b: PlaybackState): boolean {
  if (a.wall !== b.wall || a.playing !== b.playing || a.rate !== b.rate || a.seeking !== b.seeking) return false
  if (a.ended !== b.ended || a.masterId !== b.masterId) return false
  const ids = Object.keys(a.cameras)
  if (ids.length !== Object.keys(b.cameras).length) return false
  return ids.every((id) => {
    const x = a.cameras[id]
    const y = b.cameras[id]
    return !!y && x.status === y.status && x.showing === y.showing && x.codec === y.codec
  })
}
