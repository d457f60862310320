/** One report from ffmpeg's `-progress` output (key=value lines ending with progress=continue|end). */
export interface ProgressReport {
  totalSize: number
  outTimeUs: number
  frame: number
  end: boolean
}

/** Splits the progress stream into reports; feed it chunks, it calls back per complete report. */
export class ProgressParser {
  private buffer = ''
  private fields: Record<string, string> = {}

  constructor(private readonly onReport: (report: ProgressReport) => void) {}

  push(chunk: string): void {
    this.buffer += chunk
    let newline: number
    while ((newline = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, newline).trim()
      this.buffer = this.buffer.slice(newline + 1)
      const eq = line.indexOf('=')
      if (eq < 0) continue
      const key = line.slice(0, eq)
      const value = line.slice(eq + 1)
      if (key !== 'progress') {
        this.fields[key] = value
        continue
      }
      this.onReport({
        totalSize: Number(this.fields.total_size) || 0,
        // out_time_us is "N/A" before the first packet.
        outTimeUs: Number(this.fields.out_time_us) || 0,
        frame: Number(this.fields.frame) || 0,
        end: value === 'end'
      })
      this.fields = {}
    }
  }
}

/** One closed segment from `-segment_list pipe:1 -segment_list_type csv`: name,start,end (stream seconds). */
export interface ListedSegment {
  fileName: string
  startSec: number
  endSec: number
}

export function parseSegmentListLine(line: string): ListedSegment | null {
  const match = /^"?([^",]+)"?,([\d.]+),([\d.]+)$/.exec(line.trim())
  if (!match) return null
  return { fileName: match[1], startSec: Number(match[2]), endSec: Number(match[3]) }
}
