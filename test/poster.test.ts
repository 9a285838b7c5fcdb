// The poster as a designed A4: one page used to its foot, host and contact, each coming meeting
// on its own line with its end time, the QR code, the open door and the confidentiality rule in
// every chosen language, Arabic set right to left by the Unicode Bidirectional Algorithm, a
// kinderkring that speaks to parents, and nobody's name. The PDF's text is read back from its
// content stream (rendered uncompressed) through the fonts' ToUnicode maps.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Language } from '../src/core/db/schema.ts'
import { translator } from '../src/core/i18n/index.ts'
import { layoutParagraph } from '../src/features/circles/poster/bidi.ts'
import { meetingRow, type PosterMeeting } from '../src/features/circles/poster/content.ts'
import { PAGE } from '../src/features/circles/poster/layout.ts'
import { posterPdf, renderPoster } from '../src/features/circles/poster.ts'
import type { Circle } from '../src/features/circles/read/circle.ts'
import { loadPoster } from '../src/features/circles/read/public.ts'
import { type TestApp, testApp } from './helpers.ts'

// --- reading a PDF back -------------------------------------------------------------------

interface Shown {
  x: number
  y: number
  size: number
  width: number
  text: string
}

/** The objects of a PDF by number, as latin1 text. */
function objects(pdf: string): Map<number, string> {
  const out = new Map<number, string>()
  for (const m of pdf.matchAll(/(?:^|\n)(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) {
    out.set(Number(m[1]), m[2] ?? '')
  }
  return out
}

const stream = (obj: string) => obj.match(/stream\n([\s\S]*?)\nendstream/)?.[1] ?? ''
const ref = (obj: string, key: string) =>
  Number(obj.match(new RegExp(`/${key} \\[?(\\d+) 0 R`))?.[1])

/** Glyph id (4 hex digits) to text, from a ToUnicode CMap. */
function cmap(text: string): Map<string, string> {
  const map = new Map<string, string>()
  const unicode = (hex: string) =>
    String.fromCharCode(...(hex.match(/[0-9a-f]{4}/gi) ?? []).map((h) => Number.parseInt(h, 16)))
  for (const m of text.matchAll(/<([0-9a-f]{4})> <([0-9a-f]{4})> \[([^\]]*)\]/gi)) {
    const start = Number.parseInt(m[1] ?? '0', 16)
    ;[...(m[3] ?? '').matchAll(/<([0-9a-f ]+)>/gi)].forEach((v, k) => {
      map.set((start + k).toString(16).padStart(4, '0'), unicode(v[1] ?? ''))
    })
  }
  return map
}

interface PdfFont {
  text: Map<string, string>
  /** Advance widths by glyph id, in thousandths of the size. */
  widths: number[]
}

/** Every text the page shows, where it is and how wide, in glyph (visual) order. */
function pdfTexts(pdf: Buffer): { pages: number; shown: Shown[] } {
  const text = pdf.toString('latin1')
  const objs = objects(text)
  const pages = [...text.matchAll(/\/Type \/Page\n/g)].length
  const fonts = new Map<string, PdfFont>()
  for (const m of text.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
    const font = objs.get(Number(m[2])) ?? ''
    const cid = objs.get(ref(font, 'DescendantFonts')) ?? ''
    const widths = (cid.match(/\/W \[0 \[([^\]]*)\]/)?.[1] ?? '').trim().split(/\s+/).map(Number)
    fonts.set(m[1] ?? '', { text: cmap(stream(objs.get(ref(font, 'ToUnicode')) ?? '')), widths })
  }
  const ops = stream(objs.get(ref(text, 'Contents')) ?? '')
  const shown: Shown[] = []
  let x = 0
  let y = 0
  let font: PdfFont = { text: new Map(), widths: [] }
  let size = 0
  for (const line of ops.split('\n')) {
    const tm = line.match(/^1 0 0 1 ([\d.-]+) ([\d.-]+) Tm$/)
    if (tm) [x, y] = [Number(tm[1]), Number(tm[2])]
    const tf = line.match(/^\/(F\d+) ([\d.]+) Tf$/)
    if (tf) [font, size] = [fonts.get(tf[1] ?? '') ?? font, Number(tf[2])]
    if (!/TJ$/.test(line)) continue
    let decoded = ''
    let advance = 0
    for (const part of line.matchAll(/<([0-9a-f]+)>|(-?[\d.]+)/gi)) {
      if (part[2]) advance -= Number(part[2])
      for (const g of part[1]?.match(/.{4}/g) ?? []) {
        decoded += font.text.get(g.toLowerCase()) ?? '?'
        advance += font.widths[Number.parseInt(g, 16)] ?? 0
      }
    }
    shown.push({ x, y, size, width: (advance * size) / 1000, text: decoded })
  }
  return { pages, shown }
}

interface Segment {
  text: string
  x: number
  y: number
}

/**
 * The page's lines from top to bottom, each read left to right as the eye meets it: pieces
 * on one baseline, with a space where the gap between two is about a space wide. A gap wider
 * than `column` starts a new segment (the next column).
 */
function readSegments(shown: Shown[], column: number): Segment[] {
  const rows = new Map<number, Shown[]>()
  for (const s of shown) {
    const key = Math.round(s.y)
    rows.set(key, [...(rows.get(key) ?? []), s])
  }
  const out: Segment[] = []
  for (const [y, row] of [...rows.entries()].sort(([a], [b]) => b - a)) {
    let seg: Segment | null = null
    let end = Number.NEGATIVE_INFINITY
    for (const s of row.sort((a, b) => a.x - b.x)) {
      const gap = s.x - end
      if (!seg || gap > column) {
        seg = { text: s.text, x: s.x, y }
        out.push(seg)
      } else seg.text += (gap > s.size * 0.15 ? ' ' : '') + s.text
      end = s.x + s.width
    }
  }
  return out
}

// --- fixtures -----------------------------------------------------------------------------

const circle = (over: Partial<Circle> = {}): Circle => ({
  id: '00000000-0000-4000-8000-000000000001',
  schoolId: '00000000-0000-4000-8000-000000000002',
  municipalityId: null,
  hostName: 'Basisschool De Regenboog',
  kind: 'ouder',
  kindLabel: null,
  audience: 'adult',
  name: 'Ouderkring De Regenboog',
  place: 'Ouderkamer, De Regenboog',
  capacity: 10,
  languages: ['nl'],
  agreements: [],
  autonomous: false,
  convenerId: null,
  status: 'open',
  schoolIds: ['00000000-0000-4000-8000-000000000002'],
  grades: null,
  ...over,
})

/** Every fortnight from Tuesday 12 January 2027, 08:45 to 10:15 school time. */
const season = (count: number): PosterMeeting[] =>
  Array.from({ length: count }, (_, k) => ({
    starts_at: new Date(Date.UTC(2027, 0, 12 + 14 * k, 7, 45)),
    ends_at: new Date(Date.UTC(2027, 0, 12 + 14 * k, 9, 15)),
  }))

const URL_ = 'http://kringwerk.test/circles/00000000-0000-4000-8000-000000000001/join'

async function render(c: Circle, meetings: PosterMeeting[]) {
  const { pdf, plan } = renderPoster({ circle: c, meetings, joinUrl: URL_ }, { compress: false })
  const bytes = await pdf
  const { pages, shown } = pdfTexts(bytes)
  /** Whole lines across the page. */
  const lines = readSegments(shown, Number.POSITIVE_INFINITY).map((s) => s.text)
  // The two columns of the language parts, each read top to bottom.
  const segments = readSegments(shown, 20)
  const column = (left: boolean) =>
    segments
      .filter((s) => s.x < PAGE.width / 2 === left)
      .map((s) => s.text)
      .join(' ')
  const text = [lines.join(' '), column(true), column(false)].join('\n')
  const parts = segments.map((s) => s.text)
  return { bytes, plan, pages, lines, parts, all: lines.join('\n'), text }
}

const nl = translator('nl')
const reversed = (s: string) => [...s].reverse().join('')
const ARABIC = /[\u0600-\u06FF]/

// --- the tests ----------------------------------------------------------------------------

describe('bidirectional lines (bidi-js)', () => {
  const width = (s: string) => [...s].length * 6

  it('an Arabic sentence ending in a full stop shows the stop at the left end, words right to left', () => {
    const [line, ...rest] = layoutParagraph('الجميع مرحَّب بهم.', 'rtl', 1000, width)
    assert.equal(rest.length, 0)
    assert.ok(line)
    assert.equal(line.visual[0], '.', 'the stop at the visual left end')
    assert.ok(line.visual.endsWith(reversed('الجميع')), 'the first word at the right end')
    // Pieces left to right; an Arabic piece is handed over in logical order, for shaping.
    assert.deepEqual(
      line.pieces.map((p) => p.draw),
      ['بهم.', 'مرحَّب', 'الجميع'],
    )
    const xs = line.pieces.map((p) => p.x)
    assert.deepEqual(
      xs,
      [...xs].sort((a, b) => a - b),
    )
  })

  it('Latin and numbers inside Arabic keep their own order; brackets are mirrored', () => {
    const [line] = layoutParagraph('اجتماع (Kring 12) الساعة 19:30.', 'rtl', 1000, width)
    assert.ok(line)
    assert.match(line.visual, /\.19:30 /, 'the time reads left to right, the stop left of it')
    assert.match(line.visual, /\(Kring 12\)/, 'the Latin run and its brackets as written')
    assert.ok(line.visual.endsWith(reversed('اجتماع')))
  })

  it('Arabic-Indic digits are drawn one by one, so no font engine turns them around', () => {
    const [line] = layoutParagraph('١٢ يناير', 'rtl', 1000, width)
    assert.ok(line)
    const digits = line.pieces.filter((p) => /[\u0660-\u0669]/.test(p.draw))
    assert.deepEqual(
      digits.map((p) => p.draw),
      ['١', '٢'],
    )
    assert.ok((digits[0]?.x ?? 0) < (digits[1]?.x ?? 0), '١ left of ٢: "12" reads as twelve')
  })

  it('breaks lines at spaces within the width, and cuts a word wider than a line', () => {
    const lines = layoutParagraph('een twee drie vier vijf zes', 'ltr', 60, width)
    assert.deepEqual(
      lines.map((l) => l.visual),
      ['een twee', 'drie vier', 'vijf zes'],
    )
    for (const l of lines) assert.ok(l.width <= 60, `${l.visual} fits`)
    const cut = layoutParagraph('x'.repeat(25), 'ltr', 60, width)
    assert.deepEqual(
      cut.map((l) => l.visual.length),
      [10, 10, 5],
    )
  })
})

describe('the poster', () => {
  it('nl only: one A4 page, host, place, each date on its own line with its end time', async () => {
    const meetings = season(6)
    const p = await render(circle(), meetings)
    assert.equal(p.pages, 1)
    assert.ok(p.text.includes('Ouderkring De Regenboog'), 'the name')
    assert.match(p.all, /^Basisschool De Regenboog$/m, 'the host')
    assert.ok(p.text.includes('Ouderkamer, De Regenboog'), 'the place')
    for (const m of meetings) {
      const row = meetingRow('nl', m)
      assert.match(row.time, /^08:45–10:15$/, 'start and end')
      const lines = p.lines.filter((l) => l.includes(row.date))
      assert.deepEqual(lines, [`${row.date} ${row.time}`], `${row.date} on a line of its own`)
    }
    assert.ok(p.text.includes(nl('circles.agreement.confidential')), 'the confidentiality rule')
    assert.ok(p.text.includes(nl('circles.poster.welcome')), 'the open door')
    assert.ok(p.text.includes(nl('circles.poster.noReason')))
    assert.ok(p.text.includes(nl('circles.poster.ask')), 'who to ask')
    assert.ok(p.text.includes(nl('circles.poster.signUpSelf')))
    assert.ok(p.all.includes(URL_), 'the join address in full, for who cannot scan')
    // The QR code is a link to the join page, too.
    assert.ok(p.bytes.includes(Buffer.from(`(${URL_})`, 'latin1')))
  })

  it('uses the sheet to its foot: no blank bottom, nothing beyond the margins', async () => {
    for (const languages of [['nl'], ['nl', 'ar', 'tr']]) {
      const { plan, pages } = await render(circle({ languages }), season(4))
      assert.equal(pages, 1)
      const lowest = Math.max(
        ...plan.lines.filter((l) => l.role.startsWith('block.')).map((l) => l.y + l.size * 1.3),
      )
      assert.ok(lowest > PAGE.height * 0.82, `${languages}: content reaches ${lowest | 0} pt`)
      for (const l of plan.lines) {
        assert.ok(l.y >= 0 && l.y + l.size * 1.3 <= PAGE.height - PAGE.margin + 12, l.visual)
        assert.ok(l.x >= PAGE.margin - 0.5 && l.x + l.width <= PAGE.width - PAGE.margin + 0.5)
      }
    }
  })

  it('nl + ar + tr: every language says the open door and the rule; Arabic reads right to left', async () => {
    const p = await render(circle({ languages: ['nl', 'ar', 'tr'] }), season(6))
    assert.equal(p.pages, 1)
    for (const lang of ['nl', 'tr'] as Language[]) {
      const t = translator(lang)
      for (const key of ['circles.poster.welcome', 'circles.agreement.confidential'] as const) {
        assert.ok(p.text.includes(t(key)), `${lang}: ${t(key)}`)
      }
    }
    // Read back from the PDF: the heading's full stop at the left end, its first word right.
    const heading = p.parts.find((l) => l.includes(reversed('بهم')))
    assert.ok(heading, 'the Arabic welcome is on the page')
    assert.equal(heading[0], '.', `the stop at the left end: ${heading}`)
    assert.ok(heading.startsWith(`.${reversed('بهم')} `), 'the last word next to its stop')
    assert.ok(heading.endsWith(reversed('الجميع')), 'the first word at the right end')
    // No Arabic line anywhere starts a word with its own stop on the right of it.
    for (const line of p.parts.filter((l) => ARABIC.test(l))) {
      assert.doesNotMatch(line, /[\u0600-\u06FF]\.[\u0600-\u06FF]/, `stop inside words: ${line}`)
    }
    // Each Arabic line sits against the right edge of its column.
    const arabic = p.plan.lines.filter((l) => l.lang === 'ar')
    assert.ok(arabic.length >= 5)
    const right = Math.max(...arabic.map((l) => l.x + l.width))
    for (const l of arabic)
      assert.ok(Math.abs(l.x + l.width - right) < 1, `${l.visual} flush right`)
    // What the PDF shows is what the layout set, piece for piece.
    const set = p.plan.lines.find((l) => l.role === 'block.heading' && l.lang === 'ar')
    assert.equal(
      heading.replace(/[\u064b-\u0652]/g, ''),
      set?.visual.replace(/[\u064b-\u0652]/g, ''),
    )
  })

  it('a kinderkring speaks to parents, in each of its languages', async () => {
    const languages: Language[] = ['nl', 'ar', 'tr', 'pl']
    const p = await render(
      circle({ kind: 'kinder', audience: 'child', name: 'Kinderkring groep 6 tot 8', languages }),
      season(8),
    )
    assert.equal(p.pages, 1)
    assert.match(p.all, /^Kinderkring$/m, 'the kind in the band')
    for (const lang of languages) {
      const t = translator(lang)
      const heading = p.plan.lines.filter((l) => l.lang === lang && l.role === 'block.heading')
      const said = heading.map((l) => l.visual).join(' ')
      const want = t('circles.poster.childWelcome')
      assert.equal(said, lang === 'ar' ? visualOf(want) : want, `${lang} speaks to the parent`)
      if (lang !== 'ar') {
        assert.ok(p.text.includes(t('circles.poster.childNoReason')), `${lang} body`)
        assert.ok(p.text.includes(t('circles.poster.scanChild')), `${lang} sign-up`)
      }
    }
    assert.ok(!p.text.includes(nl('circles.poster.welcome')), 'not the adults’ welcome')
    assert.ok(p.text.includes(nl('circles.poster.signUpChild')))
  })

  it('seven languages, forty dates and the longest name and place: still one page', async () => {
    const meetings = season(40)
    const p = await render(
      circle({
        kind: 'eigen',
        kindLabel: 'Kring voor kinderen van de voedselbank, groep vijf tot acht',
        name: 'Een kring met een naam zo lang als het formulier toelaat, '.repeat(2).slice(0, 120),
        place: 'Het lokaal achter de gymzaal, via de zij-ingang aan de Lindenlaan, '
          .repeat(3)
          .slice(0, 160),
        languages: ['nl', 'en', 'fr', 'ar', 'tr', 'pl', 'uk'],
      }),
      meetings,
    )
    assert.equal(p.pages, 1)
    for (const l of p.plan.lines) {
      assert.ok(l.y + l.size * 1.3 <= PAGE.height - PAGE.margin + 12, `${l.visual} on the page`)
    }
    const shown = p.plan.datesShown
    assert.ok(shown >= 3 && shown < 40)
    const dateLines = p.plan.lines.filter((l) => l.role === 'date')
    assert.equal(dateLines.length, shown, 'one line per date shown')
    assert.ok(p.text.includes(nl('circles.poster.more', { count: 40 - shown })), 'and n more')
    for (const lang of ['en', 'fr', 'tr', 'pl', 'uk'] as Language[]) {
      assert.ok(p.text.includes(translator(lang)('circles.poster.noReason')), lang)
    }
    const smallest = Math.min(...p.plan.lines.map((l) => l.size))
    assert.ok(smallest >= 6, `readable type: ${smallest}`)
  })

  it('without dates it says they follow; a meeting without an end shows its start alone', async () => {
    const p = await render(circle(), [])
    assert.ok(p.text.includes(nl('circles.poster.noDates')))
    const [m] = season(1)
    assert.ok(m)
    assert.deepEqual(meetingRow('nl', { starts_at: m.starts_at }), {
      date: 'dinsdag 12 januari',
      time: '08:45',
    })
    assert.equal(meetingRow('nl', m).time, '08:45–10:15')
  })

  it('renders once per content; another end time is another poster', async () => {
    const c = circle({ name: 'Cachekring' })
    const meetings = season(3)
    const first = await posterPdf(c, meetings, URL_)
    assert.equal(await posterPdf(c, season(3), URL_), first, 'the same buffer, not a new render')
    const later = meetings.map((m) => ({ ...m, ends_at: new Date(m.starts_at.getTime() + 3600e3) }))
    assert.notEqual(await posterPdf(c, later, URL_), first)
  })
})

describe('the demo posters', () => {
  let t: TestApp
  before(async () => {
    t = await testApp()
  })
  after(() => t.close())

  it('never print a person’s name; each says its host and its meetings with their end', async () => {
    const names = (await t.deps.db.selectFrom('people').select(['name']).execute()).map(
      (r) => r.name,
    )
    assert.ok(names.length > 20)
    const ids = [...(t.seed?.ids.entries() ?? [])].filter(([k]) => /^circle:[^:]+$/.test(k))
    assert.ok(ids.length >= 5, 'the demo circles')
    for (const [key, id] of ids) {
      const { circle: c, meetings } = await loadPoster(t.deps.db, id)
      const p = await render(c, meetings)
      assert.equal(p.pages, 1, key)
      for (const name of names) assert.ok(!p.text.includes(name), `${key} names ${name}`)
      assert.ok(p.text.includes(c.hostName), `${key} says its host`)
      const lang = (c.languages[0] ?? 'nl') as Language
      for (const m of meetings.slice(0, p.plan.datesShown)) {
        const row = meetingRow(lang, m)
        assert.ok(row.time.includes('–'), `${key}: ${row.time} has an end`)
      }
    }
  })

  it('the bovenschoolse overstapkring speaks to parents in English and Arabic too', async () => {
    const id = t.seed?.ids.get('circle:overstap')
    assert.ok(id)
    const { circle: c, meetings } = await loadPoster(t.deps.db, id)
    assert.equal(c.audience, 'child')
    const p = await render(c, meetings)
    assert.ok(p.text.includes(translator('en')('circles.poster.childWelcome')))
    assert.ok(p.plan.lines.some((l) => l.lang === 'ar' && l.role === 'block.heading'))
    assert.ok(p.text.includes('Gemeente Lindenhoeve'), 'the municipality hosts it')
  })

  it('the route serves the poster of a circle as a one-page PDF', async () => {
    const id = t.seed?.ids.get('circle:ouderkring')
    const res = await t.client().get(`/circles/${id}/poster.pdf`)
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'application/pdf')
    assert.equal([...res.text.matchAll(/\/Type \/Page\n/g)].length, 1)
  })
})

/** A one-line Arabic text as the layout shows it. */
function visualOf(text: string): string {
  return layoutParagraph(text, 'rtl', 10_000, (s) => s.length).map((l) => l.visual)[0] ?? ''
}
