// Text for the standard PDF fonts (pdf-lib's Helvetica): what they can print, wrapped to a width. Shared by the
// handover report and the export log's PDF.
import type { PDFFont } from 'pdf-lib'

/** Greedy word wrap; words wider than the line (hashes, paths) are broken where they must. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const word of paragraph.split(/ +/)) {
      const candidate = line ? `${line} ${word}` : word
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate
        continue
      }
      if (line) lines.push(line)
      line = ''
      let rest = word
      while (font.widthOfTextAtSize(rest, size) > width) {
        let cut = rest.length - 1
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--
        lines.push(rest.slice(0, cut))
        rest = rest.slice(cut)
      }
      line = rest
    }
    lines.push(line)
  }
  return lines
}

// WinAnsi (Windows-1252) beyond Latin-1: what the standard fonts can print in 0x80-0x9F.
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')

function printable(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.has(ch) || ch === '\n'
}

/** Text the standard PDF fonts can draw: 'Łódź' -> 'Lodz', tabs to spaces, the rest to '?'. */
export function winAnsi(text: string): string {
  let out = ''
  for (const ch of text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ')) {
    if (printable(ch)) {
      out += ch
      continue
    }
    const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    out += base && [...base].every(printable) ? base : (TRANSLITERATE[ch] ?? '?')
  }
  return out
}

const TRANSLITERATE: Record<string, string> = { 'Ł': 'L', 'ł': 'l', 'Đ': 'D', 'đ': 'd', 'ı': 'i', '\u2011': '-', '\u2212': '-', '\u2192': '->', '\u202f': ' ' }
