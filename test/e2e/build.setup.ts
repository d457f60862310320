// Builds the app once before the browser tests, unless the build output is newer than every source.
import { spawnSync } from 'node:child_process'
import { BUILD_OUTPUTS, BUILD_SOURCES, isBuildUpToDate, newestMtime, outputMtimes } from '../../scripts/start.mjs'

export default function setup(): void {
  if (isBuildUpToDate(outputMtimes(BUILD_OUTPUTS), newestMtime(BUILD_SOURCES))) return
  const result = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
  if (result.status !== 0) throw new Error('electron-vite build failed; the browser tests need the built UI')
}
