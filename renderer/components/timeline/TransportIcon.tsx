// Small transport icons as SVG: symbol fonts for ⏮ ⏭ are missing on many Linux desktops.
const PATHS = {
  prev: 'M3 3h2v10H3zM14 3v10L6 8z',
  next: 'M11 3h2v10h-2zM2 3v10l8-5z',
  play: 'M4 2.5v11L13.5 8z',
  pause: 'M3.5 3h3v10h-3zM9.5 3h3v10h-3z',
  stepBack: 'M11 3h2v10h-2zM10 3v10L3 8z',
  stepForward: 'M3 3h2v10H3zM6 3v10l7-5z'
} as const

export type TransportIconName = keyof typeof PATHS

export function TransportIcon({ name }: { name: TransportIconName }) {
  return (
    <svg className="tl-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
      <path d={PATHS[name]} />
    </svg>
  )
}
