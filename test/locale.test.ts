// Numbers, CSV and language names as the reader writes them: "3,8" in Dutch and "3.8" in
// English, a CSV that Dutch Excel opens in columns, a chart whose labels are never cut, and
// "Pools" where the page used to say "pl".
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { parse } from 'csv-parse/sync'
import { parseHTML } from 'linkedom'
import { barChart, drawBarChart, wrapLabel } from '../src/core/chart.ts'
import type { Language } from '../src/core/db/schema.ts'
import {
  csvDialect,
  decimalSeparator,
  formatDecimal,
  formatNumber,
  formatPercent,
  languageLabel,
  languageName,
  translator,
} from '../src/core/i18n/index.ts'
import type { OverviewRow } from '../src/features/circles/read/overview.ts'
import { overviewCsv } from '../src/features/circles/views/overview.tsx'
import { type Client, type TestApp, testApp, visibleText } from './helpers.ts'

let t: TestApp
before(async () => {
  t = await testApp()
})
after(() => t.close())

async function persona(name: 'municipal' | 'ib' | 'parent' | 'director', lang?: Language) {
  const email = `${name}@demo.kringwerk.example`
  if (lang)
    await t.deps.db
      .updateTable('people')
      .set({ language: lang })
      .where('email', '=', email)
      .execute()
  const c = t.client()
  await c.signInByEmail(t.deps.db, email)
  return c
}

/** The raw bytes of a reply as text, BOM kept (Response.text() would drop it). */
async function rawText(
  c: Client,
  path: string,
): Promise<{ status: number; type: string; text: string }> {
  const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  const res = await t.app.request(path, { headers: { cookie } })
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer())
  return { status: res.status, type: res.headers.get('content-type') ?? '', text }
}

/** Each <text> of an SVG as a person reads it: its lines (tspans) joined by a space. */
function svgTexts(markup: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${markup}</body></html>`)
  return [...document.querySelectorAll('svg text')].map((el) => {
    const spans = [...el.querySelectorAll('tspan')]
    return (spans.length ? spans.map((s) => s.textContent ?? '') : [el.textContent ?? ''])
      .join(' ')
      .replace(/\u00a0/g, ' ')
  })
}

const chartOf = (html: string) => html.match(/<svg[\s\S]*?<\/svg>/)?.[0] ?? ''

describe('numbers in the reader’s language', () => {
  it('an average of 3.8 is "3,8" in Dutch, French, Turkish, Polish and Ukrainian, "3.8" in English', () => {
    for (const lang of ['nl', 'fr', 'tr', 'pl', 'uk'] as const) {
      assert.equal(formatDecimal(lang, 3.8), '3,8', lang)
      assert.equal(formatDecimal(lang, 4), '4,0', lang)
      assert.equal(decimalSeparator(lang), ',', lang)
    }
    assert.equal(formatDecimal('en', 3.8), '3.8')
    assert.equal(formatDecimal('en', 3.85), '3.9', 'rounded to one decimal')
    assert.equal(decimalSeparator('en'), '.')
    assert.equal(formatNumber('nl', 1234567), '1.234.567')
    assert.equal(formatNumber('en', 1234567), '1,234,567')
  })

  it('a share is a percentage as each language writes it', () => {
    assert.equal(formatPercent('nl', 0.853), '85%')
    assert.match(formatPercent('fr', 0.853), /^85\s%$/u)
    assert.equal(formatPercent('tr', 0.853), '%85')
  })
})

describe('language names instead of codes', () => {
  it('names a language in the reader’s language, any code a person typed too', () => {
    assert.equal(languageName('pl', 'nl'), 'Pools')
    assert.equal(languageName('pl', 'en'), 'Polish')
    assert.equal(languageName('ar', 'nl'), 'Arabisch')
    assert.equal(languageName('so', 'nl'), 'Somalisch')
    assert.equal(languageName('tr', 'ar'), 'التركية')
    // Not a language code at all: shown as typed, never an error page.
    assert.equal(languageName('Somali!', 'nl'), 'Somali!')
  })

  it('a picker shows a language in its own name and the reader’s: "Polski (Pools)"', () => {
    assert.equal(languageLabel('pl', 'nl'), 'Polski (Pools)')
    assert.equal(languageLabel('nl', 'nl'), 'Nederlands')
    assert.equal(languageLabel('pl', 'pl'), 'Polski')
    assert.equal(languageLabel('nl', 'en'), 'Nederlands (Dutch)')
  })

  it('the registry of buddies names their languages; the candidate score has its scale', async () => {
    const ib = await persona('ib')
    const registry = await ib.get('/buddies/registry')
    assert.equal(registry.status, 200)
    const cells = [...registry.text.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1] ?? '')
    assert.ok(
      cells.some((cell) => cell.includes('Nederlands')),
      'a language by its Dutch name',
    )
    for (const cell of cells) {
      assert.doesNotMatch(cell, /^(?:[a-z]{2}(?:, |$))+$/, `a cell of bare codes: "${cell}"`)
    }
    const work = visibleText((await ib.get('/buddies')).text)
    assert.match(work, /\b\d+ van 115 punten\b/, 'a score out of the highest possible')
  })

  it('the profile offers "Polski (Pools)" to a Dutch reader and "Nederlands (Dutch)" in English', async () => {
    const parent = await persona('parent')
    const nl = visibleText((await parent.get('/profile')).text)
    assert.match(nl, /Polski \(Pools\)/)
    assert.match(nl, /العربية \(Arabisch\)/)
    assert.doesNotMatch(nl, /Nederlands \(/)
    const english = await persona('parent', 'en')
    assert.match(visibleText((await english.get('/profile')).text), /Nederlands \(Dutch\)/)
    await t.deps.db
      .updateTable('people')
      .set({ language: 'nl' })
      .where('email', '=', 'parent@demo.kringwerk.example')
      .execute()
  })
})

const row = (o: Partial<OverviewRow>): OverviewRow => ({
  host: 'Basisschool De Regenboog',
  kind: 'ouder',
  kindLabel: null,
  circles: 1,
  members: 6,
  meetings: 4,
  attendance: 0.75,
  answers: 5,
  averages: [3.8, 4.2, 3, 4.6, 5, 2.4],
  ...o,
})

describe('a CSV that opens right in the reader’s spreadsheet', () => {
  const rows = [
    row({}),
    row({
      host: 'Gemeente "Lindenhoeve"; Noord, Oost',
      kind: 'kinder',
      answers: 3,
      averages: null,
    }),
  ]

  it('Dutch: a BOM, ";" between fields, "3,8" as Dutch Excel writes it, and it parses back', () => {
    const csv = overviewCsv('nl', translator('nl'), rows)
    assert.ok(csv.startsWith('\ufeff'), 'a UTF-8 BOM first')
    assert.deepEqual(csvDialect('nl'), { delimiter: ';', bom: true })
    const lines = csv.slice(1).split('\n')
    assert.match(lines[0] ?? '', /^School of gemeente;Soort;Kringen;Deelnemers;/)
    const back = parse(csv, { delimiter: ';', bom: true }) as string[][]
    assert.equal(back.length, 3)
    assert.deepEqual(back[1], [
      'Basisschool De Regenboog',
      'Ouderkring',
      '1',
      '6',
      '4',
      '75',
      '5',
      '3,8',
      '4,2',
      '3,0',
      '4,6',
      '5,0',
      '2,4',
    ])
    assert.equal(back[2]?.[0], 'Gemeente "Lindenhoeve"; Noord, Oost', 'a name with ; and quotes')
    assert.deepEqual(back[2]?.slice(7), ['', '', '', '', '', ''], 'no averages below five answers')
  })

  it('English: "," between fields and "3.8"', () => {
    const csv = overviewCsv('en', translator('en'), rows)
    assert.ok(csv.startsWith('\ufeff'))
    const back = parse(csv, { delimiter: ',', bom: true }) as string[][]
    assert.equal(back[0]?.[0], translator('en')('circles.ov.host'))
    assert.deepEqual(back[1]?.slice(7), ['3.8', '4.2', '3.0', '4.6', '5.0', '2.4'])
    assert.equal(back[2]?.[0], 'Gemeente "Lindenhoeve"; Noord, Oost')
  })

  it('the municipality downloads it in Dutch, with the pooled averages in Dutch form', async () => {
    const m = await persona('municipal')
    const csv = await rawText(m, '/circles/overview.csv')
    assert.equal(csv.status, 200)
    assert.match(csv.type, /^text\/csv; charset=utf-8/)
    assert.ok(csv.text.startsWith('\ufeff'))
    const back = parse(csv.text, { delimiter: ';', bom: true }) as string[][]
    const ouder = back.find((r) => r[0] === 'IKC De Vlinderboom' && r[1] === 'Ouderkring')
    assert.ok(ouder, 'the Vlinderboom ouderkring is in the CSV')
    assert.equal(ouder[6], '5', 'five answers')
    for (const avg of ouder.slice(7)) assert.match(avg, /^\d,\d$/)
  })
})

describe('the overview page and its chart', () => {
  it('in Dutch: the chart has a title, every host’s full name, and the numbers as a table', async () => {
    const m = await persona('municipal')
    const page = await m.get('/circles/overview')
    assert.equal(page.status, 200)
    const svg = chartOf(page.text)
    assert.match(svg, /^<svg[^>]*\srole="img"/)
    assert.match(svg, /^<svg[^>]*\saria-labelledby="chart-title"/)
    assert.match(svg, /<title id="chart-title">Deelnemers per soort kring<\/title>/)
    // At a phone's width, no text under 14 px, and no inline style (the CSP allows none).
    assert.equal(Number(svg.match(/ width="(\d+)"/)?.[1]) <= 340, true)
    assert.ok(Number(svg.match(/font-size="(\d+)"/)?.[1]) >= 14)
    assert.doesNotMatch(page.text, /<style|\sstyle="/)
    assert.doesNotMatch(svg, /<g[^>]*aria-label=/, 'no ARIA on elements without a role (axe)')
    const texts = svgTexts(svg)
    for (const host of ['Basisschool De Regenboog', 'IKC De Vlinderboom', 'Gemeente Lindenhoeve'])
      assert.ok(texts.includes(host), `the chart names ${host} in full`)
    assert.ok(texts.includes('Deelnemers'), 'the axis says what it counts')
    assert.ok(!texts.some((s) => s.includes('…')), 'nothing cut off')

    // The same numbers as a table: a caption, a row per host and kind.
    const { document } = parseHTML(page.text)
    const table = document.querySelector('main table')
    assert.ok(table)
    assert.equal(table.querySelector('caption')?.textContent, 'Kringen in cijfers')
    const cells = [...table.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()),
    )
    assert.equal(cells.length, svg.match(/<rect /g)?.length, 'a bar per row of the table')
    const ouder = cells.find((r) => r[0] === 'IKC De Vlinderboom' && r[1] === 'Ouderkring')
    assert.ok(ouder, 'a row for the Vlinderboom ouderkring')
    assert.match(ouder[5] ?? '', /^\d+%$/, 'attendance as a Dutch percentage')

    // The evaluation as a list per circle kind, each average with a decimal comma.
    const averages = [...document.querySelectorAll('main dl.figures dd')].map((d) => d.textContent)
    assert.equal(averages.length >= 6, true)
    for (const a of averages) assert.match(a ?? '', /^\d,\d$/)
    const terms = [...document.querySelectorAll('main dl.figures dt')].map((d) => d.textContent)
    assert.ok(terms.includes(translator('nl')('circles.pillar.safe')))
  })

  it('the facilitator’s circle page writes the evaluation’s averages with a decimal comma', async () => {
    const runner = await t.deps.db
      .selectFrom('circle_evaluations as e')
      .innerJoin('circle_facilitators as f', 'f.circle_id', 'e.circle_id')
      .innerJoin('people as p', 'p.id', 'f.person_id')
      .select(['e.circle_id', 'p.email'])
      .where('e.closed_at', 'is not', null)
      .where('e.answers', '>=', 5)
      .where('p.language', '=', 'nl')
      .executeTakeFirstOrThrow()
    const c = t.client()
    await c.signInByEmail(t.deps.db, runner.email ?? '')
    const page = await c.get(`/circles/${runner.circle_id}`)
    assert.equal(page.status, 200)
    const { document } = parseHTML(page.text)
    const averages = [...document.querySelectorAll('main dl.figures dd')].map((d) => d.textContent)
    assert.ok(averages.length >= 6)
    for (const a of averages) assert.match(a ?? '', /^\d,\d$/)
  })

  it('in English the same page writes "3.8"', async () => {
    const m = await persona('municipal', 'en')
    const page = await m.get('/circles/overview')
    const { document } = parseHTML(page.text)
    const averages = [...document.querySelectorAll('main dl.figures dd')].map((d) => d.textContent)
    assert.ok(averages.length >= 6)
    for (const a of averages) assert.match(a ?? '', /^\d\.\d$/)
    await t.deps.db
      .updateTable('people')
      .set({ language: 'nl' })
      .where('email', '=', 'municipal@demo.kringwerk.example')
      .execute()
  })

  it('a long label wraps between words, never inside one, and names are escaped', () => {
    const label = 'Eigen kring voor ouders van kinderen met een lange naam <script>&'
    const svg = drawBarChart({
      lang: 'nl',
      id: 'c',
      title: 'Titel',
      axisLabel: 'Deelnemers',
      bars: [
        { label, note: 'Basisschool De Regenboog', value: 0 },
        { label: 'Ouderkring', note: 'IKC De Vlinderboom', value: 12 },
      ],
    })
    assert.doesNotMatch(svg, /<script>/)
    const texts = svgTexts(svg)
    assert.ok(texts.includes(label), 'the whole label, over its lines')
    const lines = wrapLabel(label)
    assert.ok(lines.length > 1)
    assert.deepEqual(lines.join(' ').split(' '), label.split(' '), 'every word whole')
    assert.ok(texts.includes('0') && texts.includes('12'), 'each bar has its value')
  })

  it('in Arabic the bars grow from the right and the text starts there', () => {
    const svg = drawBarChart({
      lang: 'ar',
      id: 'c',
      title: 'عنوان',
      axisLabel: 'المشاركون',
      bars: [{ label: 'حلقة الأهل', note: 'IKC De Vlinderboom', value: 4 }],
    })
    assert.match(svg, /^<svg[^>]*direction="rtl"/)
    assert.ok(svgTexts(svg).includes('IKC De Vlinderboom'))
  })

  it('drawing takes a few milliseconds; the same figures reuse the drawn chart', () => {
    const spec = {
      lang: 'nl' as const,
      id: 'c',
      title: 'Titel',
      axisLabel: 'Deelnemers',
      bars: Array.from({ length: 12 }, (_, i) => ({
        label: `Kring ${i}`,
        note: 'School',
        value: i,
      })),
    }
    drawBarChart(spec)
    const start = performance.now()
    for (let i = 0; i < 10; i++) drawBarChart(spec)
    const each = (performance.now() - start) / 10
    // Generous: a shared test machine; on a quiet one it is about 5 ms.
    assert.ok(each < 100, `${each.toFixed(1)} ms per chart`)
    const first = barChart(spec)
    assert.equal(barChart(structuredClone(spec)), first)
  })
})
