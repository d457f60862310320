import type { CameraEvent } from '../api/contract'
import { useEventSnapshot } from '../hooks/useEventSnapshot'
import { useInView } from '../hooks/useInView'
import { useT } from '../i18n'

/** An event's still, fetched once it comes near the screen. */
export function EventThumb({ event, alt }: { event: Pick<CameraEvent, 'id' | 'end' | 'hasSnapshot'>; alt: string }) {
  const t = useT()
  const [ref, seen] = useInView<HTMLDivElement>()
  const snapshot = useEventSnapshot(event, seen)
  return (
    <div ref={ref} className="event-thumb" data-state={snapshot.url ? 'ready' : snapshot.loading ? 'loading' : 'none'}>
      {snapshot.url ? (
        <img className="event-thumb__image" src={snapshot.url} alt={alt} data-testid="event-thumb" />
      ) : (
        <span className="event-thumb__none">{snapshot.loading ? '' : t('events.noPicture')}</span>
      )}
    </div>
  )
}
