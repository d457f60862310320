import { createRequire } from 'node:module'

// The core runs as CommonJS (electron-vite bundles) and as ESM (vitest, tsx). Optional packages such as
// ffmpeg-static are loaded lazily with require() so a missing one is a fallback, not a crash.
export const nodeRequire: NodeJS.Require =
  typeof require === 'function' ? require : createRequire(import.meta.url)
