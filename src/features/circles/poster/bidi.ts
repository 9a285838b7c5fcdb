// Lines of text in the order the eye reads them, for a PDF that knows nothing of direction.
// The Unicode Bidirectional Algorithm (bidi-js) resolves each character's embedding level for
// the paragraph, we break the paragraph into lines at spaces, and bidi-js reorders each line.
//
// Why pieces: pdfkit lays out text word by word in logical order, and fontkit turns a run
// around when its script is right to left (it shapes Arabic from logical order, so it must get
// logical order). A whole Arabic sentence handed to pdfkit so comes out with its words left to
// right, and its final full stop before the last word. Here a line becomes pieces, each drawn
// at its own x: a right-to-left piece with Arabic letters is handed over in logical order
// (fontkit shapes and turns it), any other piece in visual order, and a piece of Arabic-script
// characters that are not letters (Arabic-Indic digits, which fontkit would turn around too)
// one character at a time. Mirrored characters (brackets) are swapped in right-to-left pieces.
import bidiModule, { type Bidi } from 'bidi-js'

// bidi-js is CommonJS whose module.exports is the factory, while its types declare `export
// default`, which NodeNext reads as a `default` property: take whichever is there.
const loaded = bidiModule as unknown as (() => Bidi) & { default?: () => Bidi }
const bidi = (loaded.default ?? loaded)()

export type Direction = 'ltr' | 'rtl'

/** The width of a text in the font and size of the paragraph being laid out. */
export type Measure = (text: string) => number

export interface Piece {
  /** What to hand to the PDF's text call. */
  draw: string
  /** The characters as they stand from left to right (before shaping). */
  visual: string
  /** From the line's left edge. */
  x: number
  width: number
}

export interface Line {
  /** Left to right. */
  pieces: Piece[]
  width: number
  /** The whole line from left to right, spaces included: what a reader's eye meets. */
  visual: string
}

/** Direction marks and isolates: they steer the algorithm but have no glyph. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\u061C\uFEFF]/
/** Characters of the Arabic script, which fontkit lays out right to left. */
const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/
const STRONG_RTL = new Set(['R', 'AL'])

/**
 * Breaks a paragraph into lines no wider than maxWidth (a word wider than that is cut), each
 * line reordered for display. `direction` is the paragraph's base direction.
 */
export function layoutParagraph(
  text: string,
  direction: Direction,
  maxWidth: number,
  measure: Measure,
): Line[] {
  // Intl puts thin and narrow no-break spaces in dates; they must not break a line, and not
  // every font has them: a plain no-break space, one for one, so indices stay.
  const clean = text.replace(/[\u2009\u202F]/g, '\u00A0')
  if (!clean.trim()) return []
  const levels = embeddingLevels(clean, direction)
  const space = measure(' ')
  const lines: Line[] = []
  for (const [start, end] of breakLines(clean, maxWidth, measure, space)) {
    lines.push(reorderLine(clean, levels, start, end, measure, space))
  }
  return lines
}

const resolved = new Map<string, ReturnType<typeof bidi.getEmbeddingLevels>>()

/** The levels of a paragraph, kept: fitting a poster lays out the same texts at many sizes. */
function embeddingLevels(text: string, direction: Direction) {
  const key = `${direction}\u0000${text}`
  let levels = resolved.get(key)
  if (!levels) {
    if (resolved.size >= 2000) resolved.clear()
    levels = bidi.getEmbeddingLevels(text, direction)
    resolved.set(key, levels)
  }
  return levels
}

/** The [start, end) ranges of the lines, breaking at spaces (greedy, in logical order). */
function breakLines(
  text: string,
  maxWidth: number,
  measure: Measure,
  space: number,
): [number, number][] {
  const words = [...text.matchAll(/[^ \n]+|\n/g)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }))
  const lines: [number, number][] = []
  let line: { start: number; end: number; width: number } | null = null
  const close = () => {
    if (line) lines.push([line.start, line.end])
    line = null
  }
  for (const w of words) {
    if (text[w.start] === '\n') {
      close()
      continue
    }
    const width = measure(text.slice(w.start, w.end))
    if (line && line.width + space + width <= maxWidth) {
      line.end = w.end
      line.width += space + width
      continue
    }
    close()
    if (width <= maxWidth) {
      line = { ...w, width }
      continue
    }
    // One word wider than the line: cut it where it fills the line.
    let from = w.start
    while (from < w.end) {
      let to = from + 1
      while (to < w.end && measure(text.slice(from, to + 1)) <= maxWidth) to++
      if (to === w.end) line = { start: from, end: to, width: measure(text.slice(from, to)) }
      else lines.push([from, to])
      from = to
    }
  }
  close()
  return lines
}

function reorderLine(
  text: string,
  levels: ReturnType<typeof bidi.getEmbeddingLevels>,
  start: number,
  end: number,
  measure: Measure,
  space: number,
): Line {
  const order = Array.from({ length: end - start }, (_, k) => start + k)
  for (const [a = start, b = a] of bidi.getReorderSegments(text, levels, start, end - 1)) {
    const flipped = order.slice(a - start, b - start + 1).reverse()
    order.splice(a - start, flipped.length, ...flipped)
  }
  const mirrored = bidi.getMirroredCharactersMap(text, levels.levels, start, end - 1)
  const shown = (i: number) => mirrored.get(i) ?? text[i] ?? ''

  const pieces: Piece[] = []
  let visual = ''
  let x = 0
  let run: number[] = []
  const flush = () => {
    if (!run.length) return
    for (const p of piecesOf(run, levels.levels[run[0] ?? 0] ?? 0, text, shown)) {
      const width = measure(p.draw)
      pieces.push({ ...p, x, width })
      x += width
    }
    run = []
  }
  for (const i of order) {
    const ch = text[i] ?? ''
    if (INVISIBLE.test(ch)) continue
    if (ch === ' ') {
      flush()
      visual += ' '
      x += space
      continue
    }
    if (run.length && levels.levels[run[0] ?? 0] !== levels.levels[i]) flush()
    run.push(i)
    visual += shown(i)
  }
  flush()
  return { pieces, width: x, visual }
}

/**
 * A run of characters of one level, in visual order, as what to draw. Characters of one level
 * that stand together on the line also stand together in the paragraph.
 */
function piecesOf(
  run: number[],
  level: number,
  text: string,
  shown: (i: number) => string,
): Omit<Piece, 'x' | 'width'>[] {
  const visual = run.map(shown).join('')
  const rtl = level % 2 === 1
  if (rtl && run.some((i) => STRONG_RTL.has(bidi.getBidiCharTypeName(text[i] ?? '')))) {
    // Logical order (the run reversed back); fontkit shapes it and turns it around.
    return [{ draw: [...run].reverse().map(shown).join(''), visual }]
  }
  // Already in visual order; characters fontkit would turn around go one at a time.
  if (ARABIC_SCRIPT.test(visual)) return [...visual].map((ch) => ({ draw: ch, visual: ch }))
  return [{ draw: visual, visual }]
}
