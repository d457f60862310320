// The selected cameras' pictures side by side, all at the same instant.
import type { Camera } from '../../api/contract'
import { PlaybackVideo } from '../../components/timeline/PlaybackVideo'
import type { Playback, PlaybackState } from '../../timeline/playback'

export function TimelinePlayers({ cameras, playback, state }: { cameras: readonly Camera[]; playback: Playback | null; state: PlaybackState }) {
  const columns = cameras.length <= 1 ? 1 : cameras.length <= 4 ? 2 : 3
  return (
    <div className={`tl-players tl-players--${columns}`}>
      {cameras.map((camera) => (
        <PlaybackVideo key={camera.id} camera={camera} playback={playback} state={state.cameras[camera.id]} />
      ))}
    </div>
  )
}
