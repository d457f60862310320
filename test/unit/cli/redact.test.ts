import { describe, expect, it } from 'vitest'
import { UsageError } from '../../../main/cli/args'
import { normalizeShortFlags, parseKeep, parseRegions, redactCommand } from '../../../main/cli/redact'

describe('vigil redact arguments', () => {
  it('-o is --output; everything else passes through', () => {
    expect(normalizeShortFlags(['in.mp4', '-o', 'out.mp4', '--keep', '1'])).toEqual(['in.mp4', '--output', 'out.mp4', '--keep', '1'])
  })

  it('--keep takes a comma-separated list of positive ids', () => {
    expect(parseKeep('3, 1')).toEqual([3, 1])
    expect(parseKeep(undefined)).toEqual([])
    expect(() => parseKeep('1,x')).toThrow(UsageError)
    expect(() => parseKeep('0')).toThrow(UsageError)
  })

  it('--region: fixed rectangles or rectangles for a time span (seconds), several separated by ;', () => {
    expect(parseRegions('10,20,30,40;0,0,5,5@1.5-3')).toEqual([
      { label: 'region 1', keyframes: [{ atMs: 0, box: { x: 10, y: 20, w: 30, h: 40 } }] },
      { label: 'region 2', keyframes: [{ atMs: 0, box: { x: 0, y: 0, w: 5, h: 5 } }], fromMs: 1500, toMs: 3000 }
    ])
    expect(() => parseRegions('10,20,30')).toThrow(/should look like/)
  })

  it('needs an input, and an output unless only listing tracks', async () => {
    await expect(redactCommand([], () => {})).rejects.toThrow(/Usage: vigil redact/)
    await expect(redactCommand(['in.mp4'], () => {})).rejects.toThrow(/needs -o OUT.mp4/)
    await expect(redactCommand(['in.mp4', '-o', 'x.mp4', '--effect', 'blur'], () => {})).rejects.toThrow(/--effect must be pixelate or fill/)
  })
})
