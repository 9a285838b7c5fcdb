// Where everything goes on the A4, as a plan of texts and shapes that paint.ts draws. Pure,
// given a way to measure text: the tests read the plan (which line says what, from left to
// right, where) and the painter only draws it. The plan is set at the largest scale that fits
// one page; the space left is shared between the sections, so the sheet is used to its foot.
import type { Language } from '../../../core/db/schema.ts'
import { type Direction, layoutParagraph } from './bidi.ts'
import type { LanguageBlock, PosterContent } from './content.ts'

export type Font = 'regular' | 'bold'
export type Measure = (text: string, font: Font, size: number) => number

export type Item =
  | { type: 'text'; text: string; x: number; y: number; font: Font; size: number; color: string }
  | { type: 'rect'; x: number; y: number; w: number; h: number; color: string; radius: number }
  | { type: 'dot'; x: number; y: number; r: number; color: string }
  | { type: 'rule'; x: number; y: number; w: number; color: string; thickness: number }
  | { type: 'qr'; x: number; y: number; size: number; url: string }
  | { type: 'link'; x: number; y: number; w: number; h: number; url: string }

export type Role =
  | 'kind'
  | 'host'
  | 'title'
  | 'label'
  | 'place'
  | 'date'
  | 'time'
  | 'more'
  | 'signUp'
  | 'url'
  | 'brand'
  | 'block.label'
  | 'block.heading'
  | 'block.body'
  | 'block.rule'
  | 'block.signUp'
  | 'block.ask'

/** A line as set on the page: what it says from left to right, and where. */
export interface SetLine {
  role: Role
  lang: Language
  visual: string
  x: number
  /** The top of the line. */
  y: number
  width: number
  size: number
}

export interface Plan {
  items: Item[]
  lines: SetLine[]
  scale: number
  datesShown: number
  /** The lowest point of the content above the footer. */
  bottom: number
}

/** A4 in PostScript points. */
export const PAGE = { width: 595.28, height: 841.89, margin: 40 } as const
const ACCENT = '#1b5e63'
const SOFT = '#e4efef'
const INK = '#1a1a1a'
const MUTED = '#4d4d4d'
const LEADING = 1.3
const MAX_DATES = 10
const MIN_SCALE = 0.45
const MAX_SCALE = 1.45

type Align = 'start' | 'end' | 'center'

interface TextBox {
  x: number
  y: number
  width: number
  font: Font
  size: number
  color: string
  dir: Direction
  lang: Language
  role: Role
  align?: Align
}

/** Texts and shapes as they are set, with the lines for the checks. */
class Sheet {
  readonly items: Item[] = []
  readonly lines: SetLine[] = []
  constructor(private readonly measure: Measure) {}

  width(text: string, font: Font, size: number): number {
    return this.measure(text, font, size)
  }

  /** Sets a paragraph in its box; returns the height it takes. */
  text(text: string, box: TextBox): number {
    const lines = layoutParagraph(text, box.dir, box.width, (s) =>
      this.measure(s, box.font, box.size),
    )
    const lh = box.size * LEADING
    const align = box.align ?? 'start'
    lines.forEach((line, k) => {
      const free = box.width - line.width
      const toRight = (align === 'start') === (box.dir === 'rtl')
      const left = box.x + (align === 'center' ? free / 2 : toRight ? free : 0)
      const y = box.y + k * lh
      for (const p of line.pieces) {
        const { font, size, color } = box
        this.items.push({ type: 'text', text: p.draw, x: left + p.x, y, font, size, color })
      }
      const { role, lang, size } = box
      this.lines.push({ role, lang, visual: line.visual, x: left, y, width: line.width, size })
    })
    return lines.length * lh
  }

  /** The largest size up to `size` at which the text fits on one line, not below `min`. */
  fit(text: string, font: Font, size: number, width: number, min: number): number {
    const w = this.measure(text, font, size)
    return w <= width ? size : Math.max(min, (size * width) / w)
  }

  add(item: Item): void {
    this.items.push(item)
  }
}

/** The plan at the largest scale that fits one page, with the room left shared out. */
export function planPoster(content: PosterContent, measure: Measure): Plan {
  let shown = Math.min(content.dates.length, MAX_DATES)
  for (;;) {
    const at = (scale: number, extra = 0) => compose(content, measure, scale, extra, shown)
    const limit = footerTop() - 14
    if (at(MIN_SCALE).bottom <= limit || shown <= 3) {
      let lo = MIN_SCALE
      let hi = MAX_SCALE
      if (at(hi).bottom <= limit) lo = hi
      for (let k = 0; k < 6 && hi - lo > 0.02; k++) {
        const mid = (lo + hi) / 2
        if (at(mid).bottom <= limit) lo = mid
        else hi = mid
      }
      const fitted = at(lo)
      const extra = Math.max(0, Math.min(44, (limit - fitted.bottom) / gapsOf(content)))
      return at(lo, extra)
    }
    // Even the smallest type does not hold every date: show fewer, with "and n more".
    shown = Math.max(3, Math.floor(shown * 0.7))
  }
}

const footerTop = () => PAGE.height - PAGE.margin - 10
const columnsOf = (content: PosterContent) => (content.blocks.length > 1 ? 2 : 1)
const rowsOf = (content: PosterContent) => Math.ceil(content.blocks.length / columnsOf(content))
/** The gaps that share the room left: around the title, the details, the divider, the rows. */
const gapsOf = (content: PosterContent) => 3 + rowsOf(content)

function compose(
  content: PosterContent,
  measure: Measure,
  s: number,
  extra: number,
  shown: number,
): Plan {
  const sheet = new Sheet(measure)
  const { width: W, margin: M } = PAGE
  const cw = W - 2 * M
  const { dir, lang } = content
  const rtl = dir === 'rtl'
  /** The x of a box of width w against the start or the end edge of the page. */
  const atStart = (w: number) => (rtl ? W - M - w : M)
  const atEnd = (w: number) => (rtl ? M : W - M - w)

  // The band: the kring mark, the kind of circle and its host.
  const markR = 15
  const textW = cw - 2 * markR - 16
  const kindSize = sheet.fit(content.kind, 'bold', 21, textW, 13)
  const pad = 20
  const bandText = (y: number, draw: boolean) => {
    const target = draw ? sheet : new Sheet(measure)
    const x = atEnd(textW)
    let h = target.text(content.kind, {
      ...{ x, y, width: textW, font: 'bold', size: kindSize, color: '#ffffff' },
      ...{ dir, lang, role: 'kind' },
    })
    h += target.text(content.host, {
      ...{ x, y: y + h + 2, width: textW, font: 'regular', size: 13, color: '#d9ecec' },
      ...{ dir, lang, role: 'host' },
    })
    return h + 2
  }
  const bandH = Math.max(78, bandText(0, false) + 2 * pad)
  sheet.add({ type: 'rect', x: 0, y: 0, w: W, h: bandH, color: ACCENT, radius: 0 })
  const cx = rtl ? W - M - markR : M + markR
  for (let k = 0; k < 8; k++) {
    const a = (k * Math.PI) / 4
    sheet.add({
      type: 'dot',
      ...{ x: cx + markR * Math.cos(a), y: bandH / 2 + markR * Math.sin(a), r: 3.4 },
      color: '#ffffff',
    })
  }
  bandText((bandH - bandText(0, false)) / 2, true)

  // The circle's name.
  let y = bandH + 24 * s + extra
  y += sheet.text(content.title, {
    ...{ x: M, y, width: cw, font: 'bold', size: Math.min(34 * s, 42), color: INK },
    ...{ dir, lang, role: 'title' },
  })

  // Where and when, beside the sign-up code.
  y += 16 * s + extra
  const top = y
  const qr = Math.max(110, Math.min(190, 140 * s))
  const boxPad = 14
  const boxW = qr + 2 * boxPad
  const infoW = cw - boxW - 24
  const infoX = atStart(infoW)
  const label = (text: string, at: number) =>
    sheet.text(text.toLocaleUpperCase(lang), {
      ...{ x: infoX, y: at, width: infoW, font: 'bold', size: 10.5 * s, color: ACCENT },
      ...{ dir, lang, role: 'label' },
    }) +
    3 * s
  y += label(content.whereLabel, y)
  y += sheet.text(content.place, {
    ...{ x: infoX, y, width: infoW, font: 'regular', size: 16 * s, color: INK },
    ...{ dir, lang, role: 'place' },
  })
  y += 12 * s
  y += label(content.whenLabel, y)
  y = dateRows(sheet, content, { x: infoX, y, width: infoW, s, shown })
  const infoBottom = y

  const boxX = atEnd(boxW)
  const heading = new Sheet(measure)
  const headingBox = (at: number) => ({
    ...{ x: boxX + boxPad, y: at, width: boxW - 2 * boxPad, font: 'bold' as const },
    ...{
      size: 16 * s,
      color: ACCENT,
      dir,
      lang,
      role: 'signUp' as const,
      align: 'center' as const,
    },
  })
  const headingH = heading.text(content.signUpHeading, headingBox(0))
  const boxH = boxPad + headingH + 8 + qr + boxPad
  sheet.add({ type: 'rect', x: boxX, y: top, w: boxW, h: boxH, color: SOFT, radius: 10 })
  sheet.text(content.signUpHeading, headingBox(top + boxPad))
  const qrY = top + boxPad + headingH + 8
  sheet.add({ type: 'qr', x: boxX + boxPad, y: qrY, size: qr, url: content.joinUrl })
  sheet.add({ type: 'link', x: boxX + boxPad, y: qrY, w: qr, h: qr, url: content.joinUrl })
  y = Math.max(infoBottom, top + boxH)

  // The parts per language, two columns when there is more than one.
  y += 18 * s + extra
  sheet.add({ type: 'rule', x: M, y, w: cw, color: ACCENT, thickness: 1.2 })
  y += 18 * s
  const cols = columnsOf(content)
  const colGap = 26
  const colW = (cw - (cols - 1) * colGap) / cols
  for (let r = 0; r < rowsOf(content); r++) {
    let rowH = 0
    for (let c = 0; c < cols; c++) {
      const block = content.blocks[r * cols + c]
      if (!block) continue
      const x = rtl ? W - M - (c + 1) * colW - c * colGap : M + c * (colW + colGap)
      const labelled = content.blocks.length > 1
      rowH = Math.max(rowH, languageBlock(sheet, block, { x, y, width: colW, s, labelled }))
    }
    y += rowH + (r < rowsOf(content) - 1 ? 16 * s + extra : 0)
  }
  const bottom = y

  // The footer: the join address in full, for who cannot scan, and the maker.
  const ft = footerTop()
  sheet.add({ type: 'rule', x: M, y: ft - 6, w: cw, color: '#c9c9c9', thickness: 0.6 })
  const brandW = measure('Kringwerk', 'bold', 9) + 2
  const urlW = cw - brandW - 16
  const urlSize = sheet.fit(content.joinUrl, 'regular', 9, urlW, 6)
  const urlX = atStart(urlW)
  sheet.text(content.joinUrl, {
    ...{ x: urlX, y: ft, width: urlW, font: 'regular', size: urlSize, color: MUTED },
    ...{ dir: 'ltr', lang, role: 'url', align: rtl ? 'end' : 'start' },
  })
  sheet.add({ type: 'link', x: urlX, y: ft, w: urlW, h: 11, url: content.joinUrl })
  sheet.text('Kringwerk', {
    ...{ x: atEnd(brandW), y: ft, width: brandW, font: 'bold', size: 9, color: ACCENT },
    ...{ dir: 'ltr', lang, role: 'brand', align: rtl ? 'start' : 'end' },
  })
  return { items: sheet.items, lines: sheet.lines, scale: s, datesShown: shown, bottom }
}

interface Area {
  x: number
  y: number
  width: number
  s: number
}

/** One meeting a line: the date, and beside it the time from start to end. */
function dateRows(sheet: Sheet, content: PosterContent, a: Area & { shown: number }): number {
  const { dir, lang } = content
  const rows = content.dates.slice(0, a.shown)
  let y = a.y
  if (!rows.length) {
    const size = 13.5 * a.s
    return y + paragraph(sheet, content.noDates, { ...a, y, size, dir, lang, role: 'more' })
  }
  // A table of date and time; a little smaller type keeps it one, else the time goes below.
  const widths = (size: number) => ({
    date: Math.max(...rows.map((r) => sheet.width(r.date, 'regular', size))) + size,
    time: Math.max(...rows.map((r) => sheet.width(r.time, 'bold', size))) + 2,
  })
  const full = widths(13.5 * a.s)
  const shrink = Math.min(1, a.width / (full.date + full.time))
  const table = shrink >= 0.8
  const size = 13.5 * a.s * (table ? shrink : 1)
  const { date: dateW, time: timeW } = widths(size)
  for (const row of rows) {
    if (table) {
      const dateX = dir === 'rtl' ? a.x + a.width - dateW : a.x
      const timeX = dir === 'rtl' ? a.x + a.width - dateW - timeW : a.x + dateW
      sheet.text(row.date, {
        ...{ x: dateX, y, width: dateW, font: 'regular', size, color: INK },
        ...{ dir, lang, role: 'date' },
      })
      y += sheet.text(row.time, {
        ...{ x: timeX, y, width: timeW, font: 'bold', size, color: INK },
        ...{ dir, lang, role: 'time' },
      })
    } else {
      y += sheet.text(row.date, {
        ...{ x: a.x, y, width: a.width, font: 'regular', size, color: INK },
        ...{ dir, lang, role: 'date' },
      })
      y += sheet.text(row.time, {
        ...{ x: a.x, y, width: a.width, font: 'bold', size, color: INK },
        ...{ dir, lang, role: 'time' },
      })
    }
    y += 3 * a.s
  }
  const rest = content.dates.length - rows.length
  if (rest > 0) {
    y += 2 * a.s
    y += paragraph(sheet, content.more(rest), { ...a, y, size: 12 * a.s, dir, lang, role: 'more' })
  }
  return y
}

function paragraph(
  sheet: Sheet,
  text: string,
  o: Area & { size: number; dir: Direction; lang: Language; role: Role },
): number {
  const { x, y, width, size, dir, lang, role } = o
  return sheet.text(text, { x, y, width, font: 'regular', size, color: MUTED, dir, lang, role })
}

/** One language's part, set in its own direction; returns its height. */
function languageBlock(sheet: Sheet, b: LanguageBlock, a: Area & { labelled: boolean }): number {
  const { dir, lang } = b
  const { x, width, s } = a
  let y = a.y
  const set = (text: string, font: Font, size: number, color: string, role: Role) =>
    sheet.text(text, { x, y, width, font, size: size * s, color, dir, lang, role })
  if (a.labelled) y += set(b.label.toLocaleUpperCase(lang), 'bold', 10, MUTED, 'block.label') + 2
  y += set(b.heading, 'bold', 18, INK, 'block.heading') + 3 * s
  y += set(b.body, 'regular', 12.5, INK, 'block.body') + 5 * s
  y += set(b.rule, 'bold', 12.5, ACCENT, 'block.rule') + 5 * s
  y += set(b.signUp, 'regular', 12.5, INK, 'block.signUp') + 3 * s
  y += set(b.ask, 'regular', 11.5, MUTED, 'block.ask')
  return y - a.y
}
