// Charts drawn on the server: Observable Plot into a linkedom document, out as SVG markup, so a
// page needs no JavaScript. Horizontal bars, each label on its own lines above its bar, never cut.
import * as Plot from '@observablehq/plot'
import { parseHTML } from 'linkedom'
import { LRUCache } from 'lru-cache'
import type { Language } from './db/schema.ts'
import { direction, formatNumber } from './i18n/index.ts'

export interface Bar {
  /** Shown in bold above the bar, wrapped between words; "\n" forces a new line. */
  label: string
  /** A second, plain line (or lines) under the label: the host of a kind of circle. */
  note?: string
  value: number
}

export interface BarChart {
  lang: Language
  /** The chart's name: the SVG's <title>, which is its accessible name (role="img"). */
  title: string
  /** Names the id of the <title>, for a page with more than one chart. */
  id: string
  /** What the bars count, under the axis. */
  axisLabel: string
  bars: readonly Bar[]
}

// Drawn at a phone's width: at 360 px the text stays at about this size, never under 14 px.
const WIDTH = 320
const FONT = 15
const LINE = 1.25 // em
const BAR = 22
const GAP = 16
const MARGIN = { top: 6, side: 6, end: 40, bottom: 52 }
/**
 * Characters per label line: a generous average glyph (0.6 em plain, 0.66 em bold; a system
 * sans averages about 0.5) so no line runs off the edge. Labels use the whole width.
 */
const PLAIN_CHARS = Math.floor((WIDTH - 2 * MARGIN.side) / (FONT * 0.6))
const BOLD_CHARS = Math.floor((WIDTH - 2 * MARGIN.side) / (FONT * 0.66))

/** Breaks a label between words into lines of at most `max` characters; a word is never cut. */
export function wrapLabel(text: string, max = PLAIN_CHARS): string[] {
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const word of paragraph.split(' ').filter(Boolean)) {
      if (line && line.length + 1 + word.length > max) {
        lines.push(line)
        line = word
      } else line = line ? `${line} ${word}` : word
    }
    lines.push(line)
  }
  return lines
}

/** Whole-number ticks, at most about five, from zero up to at least the largest value. */
function ticksFor(max: number): number[] {
  const top = Math.max(1, max)
  let step = 1
  for (let magnitude = 1; ; magnitude *= 10) {
    const fits = [1, 2, 5].map((m) => m * magnitude).find((s) => s * 5 >= top)
    if (fits) {
      step = fits
      break
    }
  }
  const ticks: number[] = []
  for (let v = 0; v <= Math.ceil(top / step) * step; v += step) ticks.push(v)
  return ticks
}

function draw(spec: BarChart): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>')
  const rtl = direction(spec.lang) === 'rtl'
  // Rows laid out top to bottom in pixels (an identity y scale): each as tall as its label.
  let y = MARGIN.top
  const rows = spec.bars.map((b) => {
    const lines = wrapLabel(b.label, BOLD_CHARS)
    const notes = b.note ? wrapLabel(b.note) : []
    const top = y + 2
    const barTop = y + Math.ceil((lines.length + notes.length) * LINE * FONT) + 6
    y = barTop + BAR + GAP
    return {
      ...b,
      label: lines.join('\n'),
      note: notes.join('\n'),
      top,
      noteTop: top + lines.length * LINE * FONT,
      barTop,
      barBottom: barTop + BAR,
      barMiddle: barTop + BAR / 2,
    }
  })
  const ticks = ticksFor(Math.max(0, ...rows.map((r) => r.value)))
  const format = (n: number) => formatNumber(spec.lang, n)
  // Under an rtl <svg>, "start" is the right-hand end: labels and values read from there.
  const line = { x: 0, textAnchor: 'start', lineAnchor: 'top', lineHeight: LINE } as const
  const svg = Plot.plot({
    document,
    width: WIDTH,
    height: y - GAP + MARGIN.bottom,
    marginTop: MARGIN.top,
    marginBottom: MARGIN.bottom,
    // The value after the longest bar needs room at the end the bars grow towards.
    marginLeft: rtl ? MARGIN.end : MARGIN.side,
    marginRight: rtl ? MARGIN.side : MARGIN.end,
    x: {
      domain: [0, ticks.at(-1) ?? 1],
      reverse: rtl,
      ticks,
      tickFormat: format,
      grid: true,
      label: spec.axisLabel,
      labelAnchor: 'center',
      labelArrow: 'none',
      labelOffset: 42,
    },
    y: { type: 'identity', axis: null },
    marks: [
      Plot.rectX(rows, { x1: 0, x2: 'value', y1: 'barTop', y2: 'barBottom', fill: '#1d70b8' }),
      Plot.ruleX([0]),
      Plot.text(rows, { ...line, y: 'top', text: 'label', fontWeight: 700 }),
      Plot.text(rows, { ...line, y: 'noteTop', text: 'note' }),
      Plot.text(rows, {
        x: 'value',
        y: 'barMiddle',
        text: (r: (typeof rows)[number]) => format(r.value),
        textAnchor: 'start',
        lineAnchor: 'middle',
        dx: rtl ? -6 : 6,
      }),
    ],
  }) as unknown as Element
  // The page's Content-Security-Policy allows no inline style: drop Plot's <style> and class;
  // the app's stylesheet sizes `.chart svg`.
  for (const style of svg.querySelectorAll('style')) style.remove()
  // The chart is one image named by its <title> (the numbers are in the table): Plot's labels
  // on its groups are ARIA on elements without a role, which axe rightly flags.
  for (const el of svg.querySelectorAll('[aria-label]')) el.removeAttribute('aria-label')
  svg.removeAttribute('class')
  svg.setAttribute('font-size', String(FONT))
  svg.setAttribute('direction', rtl ? 'rtl' : 'ltr')
  svg.setAttribute('role', 'img')
  svg.setAttribute('aria-labelledby', spec.id)
  const title = document.createElementNS('http://www.w3.org/2000/svg', 'title')
  title.setAttribute('id', spec.id)
  title.textContent = spec.title
  svg.insertBefore(title, svg.firstChild)
  return svg.outerHTML
}

// Drawing takes a few milliseconds once warm (more on the first call); the same figures give the
// same markup, so the municipality's repeated visits reuse it.
const drawn = new LRUCache<string, string>({ max: 64 })

/** The chart as SVG markup (escaped by linkedom), ready to put in a page as it is. */
export function barChart(spec: BarChart): string {
  const key = JSON.stringify(spec)
  let svg = drawn.get(key)
  if (svg === undefined) {
    svg = draw(spec)
    drawn.set(key, svg)
  }
  return svg
}

/** For the benchmark and tests: draws without the cache. */
export const drawBarChart = draw
