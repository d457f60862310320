import { defineConfig } from 'vitest/config'

// One command runs everything: unit tests (pure code), integration tests (real ffmpeg, real RTSP servers,
// real SQLite files) and end-to-end tests (the headless server driven by Chromium).
export default defineConfig({
  test: {
    // Two cores: more workers only make the real-time streams in integration tests miss their deadlines.
    maxWorkers: 2,
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 20_000 } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000
        }
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/build.setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000
        }
      }
    ]
  }
})
