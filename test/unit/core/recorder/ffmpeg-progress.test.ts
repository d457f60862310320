import { describe, expect, it } from 'vitest'
import { parseSegmentListLine, ProgressParser, type ProgressReport } from '../../../../main/core/recorder/ffmpeg-progress'

// One report as ffmpeg 5 writes it with -progress.
const REPORT = [
  'frame=150',
  'fps=15.00',
  'stream_0_0_q=-1.0',
  'bitrate= 512.3kbits/s',
  'total_size=655360',
  'out_time_us=10000000',
  'out_time_ms=10000000',
  'out_time=00:00:10.000000',
  'dup_frames=0',
  'drop_frames=0',
  'speed=1.00x',
  'progress=continue',
  ''
].join('\n')

function collect(): { parser: ProgressParser; reports: ProgressReport[] } {
  const reports: ProgressReport[] = []
  return { parser: new ProgressParser((report) => reports.push(report)), reports }
}

describe('ProgressParser', () => {
  it('turns one block into one report', () => {
    const { parser, reports } = collect()
    parser.push(REPORT)
    expect(reports).toEqual([{ totalSize: 655_360, outTimeUs: 10_000_000, frame: 150, end: false }])
  })

  it('reassembles reports from chunks split anywhere, even mid-line', () => {
    const { parser, reports } = collect()
    const text = REPORT + REPORT.replace('frame=150', 'frame=165').replace('total_size=655360', 'total_size=720896')
    for (let i = 0; i < text.length; i += 7) parser.push(text.slice(i, i + 7))
    expect(reports.map((r) => [r.frame, r.totalSize])).toEqual([
      [150, 655_360],
      [165, 720_896]
    ])
  })

  it('waits for the newline before it reports', () => {
    const { parser, reports } = collect()
    parser.push(REPORT.slice(0, -1)) // "progress=continue" without its newline
    expect(reports).toHaveLength(0)
    parser.push('\n')
    expect(reports).toHaveLength(1)
  })

  it('marks the last report (progress=end)', () => {
    const { parser, reports } = collect()
    parser.push(REPORT.replace('progress=continue', 'progress=end'))
    expect(reports[0].end).toBe(true)
  })

  it('reads N/A (before the first packet) as 0 and handles CRLF', () => {
    const { parser, reports } = collect()
    parser.push('frame=0\r\ntotal_size=N/A\r\nout_time_us=N/A\r\nprogress=continue\r\n')
    expect(reports).toEqual([{ totalSize: 0, outTimeUs: 0, frame: 0, end: false }])
  })

  it('starts each report afresh: a field missing from the next block is not carried over', () => {
    const { parser, reports } = collect()
    parser.push('frame=10\ntotal_size=1000\nprogress=continue\nframe=20\nprogress=continue\n')
    expect(reports[1]).toEqual({ totalSize: 0, outTimeUs: 0, frame: 20, end: false })
  })
})

describe('parseSegmentListLine', () => {
  it('reads name, start and end (stream seconds) of a closed segment', () => {
    expect(parseSegmentListLine('run42-000003.mp4,20.000000,30.033333')).toEqual({
      fileName: 'run42-000003.mp4',
      startSec: 20,
      endSec: 30.033333
    })
  })

  it('accepts a quoted name and surrounding whitespace', () => {
    expect(parseSegmentListLine('  "run42-000001.mp4",0.000000,9.966667\r')).toEqual({
      fileName: 'run42-000001.mp4',
      startSec: 0,
      endSec: 9.966667
    })
  })

  it.each(['', 'run42-000001.mp4', 'run42-000001.mp4,abc,1.0', 'run42-000001.mp4,0.0', 'frame=10'])('rejects %j', (line) => {
    expect(parseSegmentListLine(line)).toBeNull()
  })
})
