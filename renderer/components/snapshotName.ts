// The file name of a saved snapshot (pure, no DOM; saveSnapshot in snapshot.ts uses it).

const pad = (value: number) => String(value).padStart(2, '0')

/** `<camera name>_<YYYY-MM-DD_HH-MM-SS>.jpg` in local time, with characters file systems refuse replaced. */
export function snapshotFileName(cameraName: string, at: Date): string {
  const name =
    cameraName
      .replace(/\s+/g, ' ')
      .replace(/[<>:"/\\|?*\u0000-\u001f\u007f]/g, '_')
      .trim()
      .replace(/^\.+/, '')
      .replace(/[. ]+$/, '')
      .slice(0, 100) || 'camera'
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`
  const time = `${pad(at.getHours())}-${pad(at.getMinutes())}-${pad(at.getSeconds())}`
  return `${name}_${date}_${time}.jpg`
}
