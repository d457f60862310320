// A camera picture with an SVG drawn over it in picture coordinates (motion zones, export regions). The SVG's
// user space is 1000 units wide and as high as the picture's aspect says, so shapes keep their proportions.
import { useState, type ReactNode, type Ref } from 'react'

export interface PictureView {
  width: number
  height: number
}

/** The SVG's user space for the picture shown, and the setter the picture calls once it knows its size. */
export function usePictureView(): { view: PictureView; setAspect(aspect: number): void } {
  const [aspect, setAspect] = useState(16 / 9)
  return { view: { width: 1000, height: 1000 / aspect }, setAspect }
}

interface PictureOverlayProps {
  imageUrl: string | null
  /** Extra class for the editor's own styles. */
  className: string
  onAspect(aspect: number): void
  ref?: Ref<HTMLDivElement>
  drawing?: boolean
  /** The SVG layer. */
  children: ReactNode
}

export function PictureOverlay({ imageUrl, className, onAspect, ref, drawing, children }: PictureOverlayProps) {
  return (
    <div ref={ref} className={`picture-overlay${imageUrl ? '' : ' picture-overlay--empty'} ${className}`} data-drawing={drawing ? true : undefined}>
      {imageUrl ? (
        <img
          className="picture-overlay__image"
          src={imageUrl}
          alt=""
          onLoad={(event) => onAspect(event.currentTarget.naturalWidth / Math.max(1, event.currentTarget.naturalHeight) || 16 / 9)}
        />
      ) : null}
      {children}
    </div>
  )
}
