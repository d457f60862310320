// Whether an element has come near the screen (and stays "seen" from then on): lazy thumbnails.
import { useCallback, useEffect, useState } from 'react'

export function useInView<T extends Element>(rootMargin = '200px'): [(element: T | null) => void, boolean] {
  const [element, setElement] = useState<T | null>(null)
  const [seen, setSeen] = useState(() => typeof IntersectionObserver === 'undefined')

  useEffect(() => {
    if (!element || seen) return
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setSeen(true)
      },
      { rootMargin }
    )
    observer.observe(element)
    return () => observer.disconnect()
  }, [element, seen, rootMargin])

  const ref = useCallback((node: T | null) => setElement(node), [])
  return [ref, seen]
}
