// The sociale kaart: public, searchable in the reader's language, filtered on the languages a
// service's people speak; its export is valid Open Referral HSDS 3 (the vendored JSON Schemas,
// ajv), and importing the export gives back the same document. A bad import writes nothing.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { hsdsServiceValidator } from '../src/features/map/hsds.ts'
import { exportHsds, importHsds } from '../src/features/map/index.ts'
import { type TestApp, testApp, visibleText } from './helpers.ts'

let t: TestApp
let municipality = ''
before(async () => {
  t = await testApp()
  municipality = (
    await t.deps.db.selectFrom('municipalities').select('id').executeTakeFirstOrThrow()
  ).id
})
after(() => t.close())

describe('the sociale kaart', () => {
  it('is public: anyone finds services without signing in, in Dutch', async () => {
    const c = t.client()
    const r = await c.get('/sociale-kaart')
    assert.equal(r.status, 200)
    const text = visibleText(r.text)
    assert.match(text, /Gevonden: (\d+)/)
    const n = Number(/Gevonden: (\d+)/.exec(text)?.[1])
    assert.ok(n >= 30, `${n} services`)
  })

  it('searches in the words of the reader: Arabic finds by its translation, marks Dutch text', async () => {
    const c = t.client()
    await c.get('/signin')
    await c.post('/language', { language: 'ar', back: '/sociale-kaart' })
    const db = t.deps.db
    const tr = await db
      .selectFrom('map_service_translations')
      .select(['service_id', 'name'])
      .where('language', '=', 'ar')
      .orderBy('service_id')
      .executeTakeFirstOrThrow()
    const word = tr.name.split(/\s+/).find((w) => w.length > 3) ?? tr.name
    const r = await c.get(`/sociale-kaart?q=${encodeURIComponent(word)}`)
    assert.equal(r.status, 200)
    assert.match(r.text, /<html lang="ar" dir="rtl"/)
    assert.ok(visibleText(r.text).includes(tr.name), 'found by its Arabic name')
    // The organisation's name comes from the register in Dutch, and says so.
    assert.match(r.text, /<p class="meta"><span lang="nl" dir="ltr">/)
  })

  it('"only where they speak my language" keeps the services whose people speak it', async () => {
    const db = t.deps.db
    const speakTr = await db
      .selectFrom('map_languages')
      .select('service_id')
      .where('code', '=', 'tr')
      .execute()
    assert.ok(speakTr.length > 0)
    const c = t.client()
    await c.get('/signin')
    await c.post('/language', { language: 'tr', back: '/sociale-kaart' })
    const all = visibleText((await c.get('/sociale-kaart')).text)
    const only = visibleText((await c.get('/sociale-kaart?speaks=yes')).text)
    const count = (s: string) => Number(/Bulunan: (\d+)/.exec(s)?.[1] ?? -1)
    assert.equal(count(only), speakTr.length)
    assert.ok(count(all) > count(only))
  })

  it('comes ten at a time: the pages together hold every service once', async () => {
    const c = t.client()
    const first = await c.get('/sociale-kaart')
    const total = Number(/Gevonden: (\d+)/.exec(visibleText(first.text))?.[1])
    const names = new Set<string>()
    for (let page = 1; page <= Math.ceil(total / 10); page++) {
      const html = (await c.get(`/sociale-kaart?page=${page}`)).text
      const cards = [...html.matchAll(/<h2 class="h3">(.*?)<\/h2>/g)].map((m) => m[1] as string)
      assert.ok(cards.length <= 10)
      for (const n of cards) names.add(n)
    }
    assert.equal(names.size, total)
  })

  it('a search with no match says so plainly', async () => {
    const r = await t.client().get('/sociale-kaart?q=xyzzyqwv')
    assert.ok(visibleText(r.text).includes('Niets gevonden'))
  })
})

describe('HSDS', () => {
  it('every exported service is valid HSDS 3 (service.json), in every language', async () => {
    const validate = hsdsServiceValidator()
    for (const lang of ['nl', 'ar']) {
      const services = await exportHsds(t.deps.db, municipality, lang)
      assert.ok(services.length >= 30)
      for (const s of services) assert.ok(validate(s), JSON.stringify(validate.errors))
    }
    const r = await t.client().get(`/sociale-kaart/hsds.json?m=${municipality}`)
    assert.equal(r.status, 200)
    assert.ok(Array.isArray(JSON.parse(r.text)))
  })

  it('the validator is not a formality: a service without a name or with a bad status fails', () => {
    const validate = hsdsServiceValidator()
    assert.equal(validate({ id: 'ac148810-d857-441c-9679-408f346de14b', status: 'active' }), false)
    assert.equal(
      validate({ id: 'ac148810-d857-441c-9679-408f346de14b', name: 'x', status: 'open' }),
      false,
    )
  })

  it('an import of the export round-trips; a bad import writes nothing', async () => {
    const before = await exportHsds(t.deps.db, municipality)
    const broken = structuredClone(before)
    ;(broken[3] as unknown as Record<string, unknown>).status = 'sometimes'
    const refused = await importHsds(t.deps.db, municipality, broken)
    assert.ok('problems' in refused && refused.problems[0]?.index === 3)
    assert.deepEqual(await exportHsds(t.deps.db, municipality), before)
    const done = await importHsds(t.deps.db, municipality, before)
    assert.deepEqual(done, { services: before.length })
    assert.deepEqual(await exportHsds(t.deps.db, municipality), before)
  })
})

describe('what an import may not do', () => {
  it('a javascript: url is refused at the import, and never becomes a link anyway', async () => {
    const services = await exportHsds(t.deps.db, municipality)
    const s = structuredClone(services[0])
    assert.ok(s)
    s.url = 'javascript:alert(1)'
    const refused = await importHsds(t.deps.db, municipality, [s, ...services.slice(1)])
    assert.ok('problems' in refused)
    assert.ok(refused.problems[0]?.errors.some((e) => e.startsWith('/url')))
    // Should one be in the register already (an older import), the page still shows no link.
    await t.deps.db
      .updateTable('map_services')
      .set({ url: 'javascript:alert(1)' })
      .where('id', '=', s.id)
      .execute()
    const html = (await t.client().get(`/sociale-kaart?q=${encodeURIComponent(s.name)}`)).text
    assert.ok(visibleText(html).includes(s.name), 'the service is on the page')
    assert.ok(!html.includes('javascript:'))
    await t.deps.db
      .updateTable('map_services')
      .set({ url: services[0]?.url ?? null })
      .where('id', '=', s.id)
      .execute()
  })

  it("another municipality's ids are refused, and its register stays as it was", async () => {
    const db = t.deps.db
    const other = await db
      .insertInto('municipalities')
      .values({ name: 'Gemeente Elders' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const before = await exportHsds(db, municipality)
    const r = await importHsds(db, other.id, before)
    assert.ok('problems' in r && r.problems.length === before.length)
    assert.match(r.problems[0]?.errors[0] ?? '', /another municipality/)
    assert.deepEqual(await exportHsds(db, municipality), before)
    assert.deepEqual(await exportHsds(db, other.id), [])
  })
})
