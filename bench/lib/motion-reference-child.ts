// Child process of the motion benchmark: the reference readers (see motion-reference.ts). One ffmpeg per
// camera; each strip's arrival is stamped here, in a process that does nothing else.
//
//   REF_CAMERAS='[{"name":"cam1","url":"rtsp://..."}]' REF_FFMPEG=/usr/bin/ffmpeg node --import tsx motion-reference-child.ts
//
// stdout: `APPEAR {"camera","at"}` per appearance of the box, `FRAMES {camera: strips}` once a second.
import { spawn, type ChildProcess } from 'node:child_process'
import { AppearanceDetector, referenceArgs } from './motion-reference'

const cameras = JSON.parse(process.env.REF_CAMERAS ?? '[]') as { name: string; url: string }[]
const ffmpeg = process.env.REF_FFMPEG ?? 'ffmpeg'

const detectors = new Map<string, AppearanceDetector>()
const children: ChildProcess[] = cameras.map(({ name, url }) => {
  const detector = new AppearanceDetector((at) => process.stdout.write(`APPEAR ${JSON.stringify({ camera: name, at })}\n`))
  detectors.set(name, detector)
  const child = spawn(ffmpeg, referenceArgs(url), { stdio: ['ignore', 'pipe', 'inherit'] })
  // Date.now() once per chunk, first thing: every strip in it arrived at that moment.
  child.stdout!.on('data', (chunk: Buffer) => detector.push(chunk, Date.now()))
  child.once('exit', (code, signal) => {
    if (stopping) return
    process.stderr.write(`reference reader for ${name} exited (${signal ?? code})\n`)
    process.exit(1)
  })
  return child
})

const report = setInterval(() => {
  const frames = Object.fromEntries([...detectors].map(([name, d]) => [name, d.frames]))
  process.stdout.write(`FRAMES ${JSON.stringify(frames)}\n`)
}, 1000)

let stopping = false
function stop(): void {
  if (stopping) return
  stopping = true
  clearInterval(report)
  let left = children.length
  if (left === 0) process.exit(0)
  for (const child of children) {
    child.once('exit', () => --left === 0 && process.exit(0))
    child.kill('SIGTERM')
    setTimeout(() => child.kill('SIGKILL'), 3000).unref()
  }
}

process.on('SIGTERM', stop)
process.on('SIGINT', stop)
