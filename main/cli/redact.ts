// `vigil redact`: the bystander redaction from a script. Analyse a clip, list its tracks, and render a
// working copy where everyone not kept is covered. Progress goes to stderr, results to stdout.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { locateFfmpeg } from '../core/media/ffmpeg-locator'
import { analyzeClip, RedactionError, renderRedaction, verifyAnalysisFor, type Analysis, type ManualRegion, type Progress, type RedactionPolicy } from '../core/redaction'
import { intFlag, parseArgv, stringFlag, UsageError, type ParsedArgs } from './args'

export const REDACT_USAGE = `vigil redact INPUT -o OUT.mp4 [--keep ID,ID] [--effect pixelate|fill] [--report REPORT.json]
             [--analysis ANALYSIS.json] [--region X,Y,W,H[@FROM-TO];...] [--regions REGIONS.json]
             [--redact-moving] [--overlap redact|keep] [--detect-fps N] [--workers N] [--ffmpeg PATH]
vigil redact INPUT --tracks-only [--json] [--analysis ANALYSIS.json] [--thumbnails DIR]`

export const REDACT_FLAGS = {
  output: 'value',
  keep: 'value',
  effect: 'value',
  report: 'value',
  'tracks-only': 'switch',
  json: 'switch',
  analysis: 'value',
  thumbnails: 'value',
  region: 'value',
  regions: 'value',
  'redact-moving': 'switch',
  overlap: 'value',
  'detect-fps': 'value',
  workers: 'value',
  ffmpeg: 'value'
} as const

/** `-o FILE` is the one short option, as in ffmpeg; the shared parser knows only long ones. */
export function normalizeShortFlags(argv: string[]): string[] {
  return argv.map((arg) => (arg === '-o' ? '--output' : arg))
}

export function parseKeep(raw: string | undefined): number[] {
  if (!raw) return []
  return raw.split(',').map((part) => {
    const id = Number(part.trim())
    if (!Number.isInteger(id) || id < 1) throw new UsageError(`--keep takes track ids like 1,3 (got "${raw}")`)
    return id
  })
}

/** "X,Y,W,H" (whole clip) or "X,Y,W,H@FROM-TO" (seconds), several separated by ";". Pixels of the source. */
export function parseRegions(raw: string | undefined): ManualRegion[] {
  if (!raw) return []
  return raw.split(';').filter(Boolean).map((spec, i) => {
    const match = /^\s*(-?[\d.]+),(-?[\d.]+),([\d.]+),([\d.]+)(?:@([\d.]+)-([\d.]+))?\s*$/.exec(spec)
    if (!match) throw new UsageError(`--region "${spec}" should look like 100,50,80,40 or 100,50,80,40@2.5-9`)
    const [x, y, w, h] = match.slice(1, 5).map(Number)
    const region: ManualRegion = { label: `region ${i + 1}`, keyframes: [{ atMs: 0, box: { x, y, w, h } }] }
    if (match[5] !== undefined) {
      region.fromMs = Number(match[5]) * 1000
      region.toMs = Number(match[6]) * 1000
    }
    return region
  })
}

function readJson<T>(file: string, what: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T
  } catch (error) {
    throw new UsageError(`Cannot read ${what} "${file}": ${error instanceof Error ? error.message : String(error)}`)
  }
}

const clock = (ms: number) => {
  const s = Math.floor(ms / 1000)
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
}

/** Progress on stderr: a line that rewrites itself on a terminal, a line per 10% otherwise. */
function progressPrinter(err: (text: string) => void, tty: boolean) {
  let lastKey = ''
  return (p: Progress) => {
    const percent = p.framesTotal > 0 ? Math.floor((p.framesDone / p.framesTotal) * 100) : 0
    const key = `${p.phase}:${tty ? percent : Math.floor(percent / 10)}`
    if (key === lastKey) return
    lastKey = key
    const eta = p.etaMs !== null ? `, ${clock(p.etaMs)} left` : ''
    const line = `${p.phase} ${p.framesDone}/${p.framesTotal} frames (${percent}%${eta})`
    err(tty ? `\r${line.padEnd(60)}` : `${line}\n`)
  }
}

function trackLine(t: Analysis['tracks'][number]): string {
  const brief = t.confirmed ? '' : '  (brief: probably not a person)'
  return `${String(t.id).padStart(3)}  ${t.label.padEnd(10)}  ${clock(t.startMs)}-${clock(t.endMs)}  ${String(t.keyframes.length).padStart(4)} detections  best ${t.bestScore.toFixed(2)}${brief}`
}

async function loadOrAnalyze(input: string, args: ParsedArgs, tools: ReturnType<typeof locateFfmpeg>, onProgress: (p: Progress) => void): Promise<Analysis> {
  const file = stringFlag(args, 'analysis')
  if (file && existsSync(file)) {
    const analysis = readJson<Analysis>(file, 'the analysis')
    if (analysis.format !== 'vigil-redaction-analysis') throw new UsageError(`"${file}" is not a Vigil redaction analysis`)
    await verifyAnalysisFor(input, analysis, tools)
    return analysis
  }
  const analysis = await analyzeClip(
    input,
    { tools, detectFps: intFlag(args, 'detect-fps', 1, 60), workers: intFlag(args, 'workers', 0, 8) },
    onProgress
  )
  if (file) writeFileSync(file, JSON.stringify(analysis))
  return analysis
}

/** Runs `vigil redact` (argv after the word "redact"); returns the exit code. */
export async function redactCommand(
  argv: string[],
  out: (line: string) => void,
  err: (text: string) => void = (text) => process.stderr.write(text),
  tty = Boolean(process.stderr.isTTY)
): Promise<number> {
  const args = parseArgv(normalizeShortFlags(argv), REDACT_FLAGS)
  const [input, extra] = args.positionals
  if (!input || extra) throw new UsageError(`Usage: ${REDACT_USAGE}`)
  const tracksOnly = args.flags.has('tracks-only')
  const output = stringFlag(args, 'output')
  if (!tracksOnly && !output) throw new UsageError('vigil redact needs -o OUT.mp4 (or --tracks-only to list the people found)')
  const effect = stringFlag(args, 'effect') ?? 'pixelate'
  if (effect !== 'pixelate' && effect !== 'fill') throw new UsageError(`--effect must be pixelate or fill, got "${effect}"`)
  const overlap = stringFlag(args, 'overlap') ?? 'redact'
  if (overlap !== 'redact' && overlap !== 'keep') throw new UsageError(`--overlap must be redact or keep, got "${overlap}"`)
  const keep = parseKeep(stringFlag(args, 'keep'))
  const regionsFile = stringFlag(args, 'regions')
  const regions = [...parseRegions(stringFlag(args, 'region')), ...(regionsFile ? readJson<ManualRegion[]>(regionsFile, 'the regions') : [])]

  const onProgress = progressPrinter(err, tty)
  try {
    const tools = locateFfmpeg(stringFlag(args, 'ffmpeg'))
    const analysis = await loadOrAnalyze(input, args, tools, onProgress)
    if (tty) err('\n')
    if (tracksOnly) {
      const thumbDir = stringFlag(args, 'thumbnails')
      if (thumbDir) {
        mkdirSync(thumbDir, { recursive: true })
        for (const t of analysis.tracks) {
          if (t.thumbnail) writeFileSync(join(thumbDir, `track-${t.id}.jpg`), Buffer.from(t.thumbnail.split(',')[1], 'base64'))
        }
      }
      if (args.flags.has('json')) {
        const tracks = analysis.tracks.map(({ keyframes, thumbnail: _thumbnail, ...t }) => ({ ...t, detections: keyframes.length }))
        out(JSON.stringify({ video: analysis.video, tracks }, null, 2))
      } else if (analysis.tracks.length === 0) out('No people found.')
      else for (const t of analysis.tracks) out(trackLine(t))
      return 0
    }
    const policy: RedactionPolicy = { keep, effect, regions, redactMoving: args.flags.has('redact-moving'), overlap }
    const report = await renderRedaction(input, analysis, policy, output!, { tools }, onProgress)
    if (tty) err('\n')
    const reportFile = stringFlag(args, 'report')
    if (reportFile) writeFileSync(reportFile, JSON.stringify(report, null, 2))
    const kept = report.tracks.filter((t) => t.decision === 'kept').map((t) => t.label)
    out(`wrote ${report.output.file}: ${report.output.frames} frames, ${report.summary.redacted} track(s) redacted, kept: ${kept.length ? kept.join(', ') : 'nobody'}`)
    return 0
  } catch (error) {
    if (tty) err('\n')
    if (error instanceof RedactionError) {
      err(`vigil: ${error.message} [${error.code}]\n`)
      return 2
    }
    throw error
  }
}
