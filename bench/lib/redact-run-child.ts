// One measured redaction run in its own process (so its CPU and memory are its own): analyse a clip,
// render it with everyone redacted, print the timings as one JSON line.
//
//   node --import tsx redact-run-child.ts '{"clip": "...", "out": "...", "workers": 1}'
import { analyzeClip, renderRedaction } from '../../main/core/redaction'

interface Job {
  clip: string
  out: string
  workers: number
  detectFps?: number
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]) as Job
  const tools = { ffmpeg: '/usr/bin/ffmpeg', ffprobe: '/usr/bin/ffprobe' }
  const t0 = performance.now()
  const analysis = await analyzeClip(job.clip, { tools, workers: job.workers, detectFps: job.detectFps })
  const t1 = performance.now()
  const report = await renderRedaction(job.clip, analysis, { keep: [], effect: 'pixelate' }, job.out, { tools })
  const t2 = performance.now()
  const result = {
    video: analysis.video,
    tracks: analysis.tracks.length,
    detectEvery: analysis.tracker.detectEvery,
    analysisWallMs: t1 - t0,
    renderWallMs: t2 - t1,
    analysis: analysis.timings,
    render: report.timings,
    paintedBoxes: report.summary.paintedBoxes
  }
  process.stdout.write(JSON.stringify(result) + '\n')
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
