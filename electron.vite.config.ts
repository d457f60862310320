import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// The layout is main/ preload/ renderer/ at the top (not electron-vite's src/ default), so every entry is named.
// Main has two entries: the Electron shell and the plain-Node CLI (headless server); both share main/core.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          electron: resolve(__dirname, 'main/electron/main.ts'),
          cli: resolve(__dirname, 'main/cli.ts'),
          // Detection runs in a worker thread beside decoding and encoding (1.67x real time at 720p vs 1.03x on the main thread).
          'detection-worker': resolve(__dirname, 'main/core/redaction/detection-worker.ts')
        }
      }
    }
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() node_modules: bundle everything into one CJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } }
    }
  }
})
