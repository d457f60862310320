// The caption burned into evidence working copies: the drawtext filter's escaping is easy to get wrong, so
// it is run through the real ffmpeg on a plain grey frame and the text's white pixels are looked for.
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { captionFilter, drawtextProbeArgs, encodeArgs } from '../../../../main/core/redaction/ffmpeg-args'

function frameWith(filter: string): Buffer {
  return execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=gray:size=320x180:duration=1', '-vf', `${filter},format=gray`, '-frames:v', '1', '-f', 'rawvideo', '-'])
}

describe('caption', () => {
  it('draws the camera name and the time in the bottom-left corner', () => {
    const frame = frameWith(captionFilter({ label: "Tür: 'vorn' %s", startEpochMs: Date.UTC(2026, 10, 24, 12, 0, 0) }, 180))
    const bottomLeft = (y: number, x: number) => frame[y * 320 + x]
    let white = 0
    let dark = 0
    for (let y = 150; y < 180; y++) {
      for (let x = 0; x < 200; x++) {
        if (bottomLeft(y, x) > 200) white++
        if (bottomLeft(y, x) < 90) dark++
      }
    }
    expect(white).toBeGreaterThan(100)
    expect(dark).toBeGreaterThan(500)
    // The top of the picture is untouched grey.
    expect(frame.subarray(0, 320 * 100).every((v) => Math.abs(v - frame[0]) <= 1)).toBe(true)
  })

  it('replaces characters drawtext would read as syntax, and goes into the encoder only when asked', () => {
    const filter = captionFilter({ label: "a'b:c\\d%e", startEpochMs: 0 }, 360)
    expect(filter).toContain("text='a b c d e %{pts")
    const plan = { pieces: [{ file: 'x.mp4', inMs: null, outMs: null }], width: 640, height: 360, fps: '15', audio: false }
    expect(encodeArgs(plan, { preset: 'veryfast', crf: 18, audioBitrateKbps: 128 }, 'out.mp4')).not.toContain('-vf')
    const captioned = encodeArgs({ ...plan, caption: { label: 'Door', startEpochMs: 0 } }, { preset: 'veryfast', crf: 18, audioBitrateKbps: 128 }, 'out.mp4')
    expect(captioned[captioned.indexOf('-vf') + 1]).toMatch(/^drawtext=text='Door %\{pts/)
  })

  it('probes drawtext with a command the system ffmpeg runs', () => {
    expect(() => execFileSync('ffmpeg', drawtextProbeArgs(), { stdio: 'pipe' })).not.toThrow()
  })
})
