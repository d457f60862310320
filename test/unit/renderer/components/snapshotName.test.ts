import { describe, expect, it } from 'vitest'
import { snapshotFileName } from '../../../../renderer/components/snapshotName'

describe('snapshotFileName', () => {
  const at = new Date(2025, 2, 4, 8, 5, 9) // local time

  it('names the camera and the local time', () => {
    expect(snapshotFileName('Front door', at)).toBe('Front door_2025-03-04_08-05-09.jpg')
  })

  it('replaces characters that file systems refuse', () => {
    expect(snapshotFileName('Hof: Tor/Nord <2>?*|"\\', at)).toBe('Hof_ Tor_Nord _2_______2025-03-04_08-05-09.jpg')
  })

  it('never starts with a dot, never ends with a dot or space, never is empty', () => {
    expect(snapshotFileName('..hidden. ', at)).toBe('hidden_2025-03-04_08-05-09.jpg')
    expect(snapshotFileName('   ', at)).toBe('camera_2025-03-04_08-05-09.jpg')
    expect(snapshotFileName('a\tb\nc', at)).toBe('a b c_2025-03-04_08-05-09.jpg')
  })

  it('keeps letters of any language and shortens very long names', () => {
    expect(snapshotFileName('Garten Süd', at)).toBe('Garten Süd_2025-03-04_08-05-09.jpg')
    expect(snapshotFileName('x'.repeat(300), at)).toBe(`${'x'.repeat(100)}_2025-03-04_08-05-09.jpg`)
  })
})
