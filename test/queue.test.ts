// The coordinator's work queue on /buddies: filters (theme, status, waiting time), search by
// name, sort and pages; the counts agree with the database, and nothing crosses schools.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { QUEUE_PAGE_SIZE } from '../src/features/buddies/read/coordinator.ts'
import { type Client, type TestApp, testApp, visibleText } from './helpers.ts'

let t: TestApp
let ib: Client
before(async () => {
  t = await testApp({ env: { KRINGWERK_DEMO: '0' } })
  ib = t.client()
  await ib.signInByEmail(t.deps.db, 'ib@demo.kringwerk.example')
})
after(() => t.close())

/** The open requests of De Regenboog, oldest first, as the database holds them. */
async function openRequests(theme?: string) {
  let q = t.deps.db
    .selectFrom('buddy_requests as r')
    .innerJoin('schools as s', 's.id', 'r.school_id')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.id', 'p.name', 'r.theme', 'r.created_at'])
    .where('s.name', '=', 'Basisschool De Regenboog')
    .where('r.status', '=', 'open')
  if (theme) q = q.where('r.theme', '=', theme)
  return q.orderBy('r.created_at').execute()
}

const proposeIds = (html: string) =>
  [...html.matchAll(/\/buddies\/requests\/([0-9a-f-]{36})\/propose/g)].map((m) => m[1])
const unique = (ids: (string | undefined)[]) => [...new Set(ids)]

describe('the work queue', () => {
  it('pages through every open request once, with the count the database has', async () => {
    const all = await openRequests()
    assert.ok(all.length > QUEUE_PAGE_SIZE, 'the demo has more than one page')
    const pages = Math.ceil(all.length / QUEUE_PAGE_SIZE)
    const first = await ib.get('/buddies')
    assert.match(
      visibleText(first.text),
      new RegExp(`${all.length} vragen · pagina 1 van ${pages}`),
    )
    const seen: string[] = []
    let shown = 0
    for (let page = 1; page <= pages; page++) {
      const res = await ib.post('/buddies/queue', { page: String(page) })
      assert.equal(res.status, 200)
      const ids = unique(proposeIds(res.text))
      assert.ok(ids.length <= QUEUE_PAGE_SIZE)
      seen.push(...(ids as string[]))
      // Every request is a card with its waiting time; a full page but the last.
      const cards = visibleText(res.text).match(/· \d+ dagen/g) ?? []
      shown += cards.length
      assert.equal(
        cards.length,
        page < pages ? QUEUE_PAGE_SIZE : all.length - QUEUE_PAGE_SIZE * (pages - 1),
      )
      if (page < pages) assert.match(res.text, /name="page" value="\d+"[^>]*>Volgende pagina/)
      else assert.doesNotMatch(res.text, /Volgende pagina/)
    }
    assert.equal(shown, all.length, 'every open request is on exactly one page')
    // Requests without a candidate have no propose button; all the others appear exactly once.
    assert.equal(new Set(seen).size, seen.length, 'no request on two pages')
    for (const id of seen) assert.ok(all.some((r) => r.id === id))
  })

  it('narrows by theme, by waiting time and by name, and sorts newest first', async () => {
    const dyslexie = await openRequests('dyslexie')
    assert.ok(dyslexie.length > 0)
    const byTheme = await ib.post('/buddies/queue', { theme: 'dyslexie' })
    assert.match(visibleText(byTheme.text), new RegExp(`${dyslexie.length} vragen`))
    for (const r of dyslexie) assert.ok(visibleText(byTheme.text).includes(r.name))

    // One request has waited three weeks: only it is left at "14 days or longer".
    const all = await openRequests()
    const waiting = all[all.length - 1]
    assert.ok(waiting)
    await t.deps.db
      .updateTable('buddy_requests')
      .set({ created_at: new Date(Date.now() - 21 * 24 * 3600 * 1000) } as never)
      .where('id', '=', waiting.id)
      .execute()
    const long = await ib.post('/buddies/queue', { wait: '14' })
    const day = 24 * 3600 * 1000
    const since = (r: { created_at: Date }) => (Date.now() - r.created_at.getTime()) / day
    const after = await openRequests()
    const short = after.filter((r) => since(r) < 14).map((r) => r.id)
    assert.ok(short.length > 0)
    assert.ok(visibleText(long.text).includes(waiting.name))
    assert.match(visibleText(long.text), /Wacht lang/)
    assert.ok(!short.some((id) => long.text.includes(id)), 'no request of under 14 days')

    const named = all[0]
    assert.ok(named)
    const found = await ib.post('/buddies/queue', { q: named.name.split(' ')[0] ?? '' })
    assert.ok(visibleText(found.text).includes(named.name))

    // Newest first puts the most recent request on page one, even with a long list.
    const newest = await ib.post('/buddies/queue', { sort: 'newest' })
    const recent = [...after].sort((a, b) => since(a) - since(b))[0]
    assert.ok(recent && visibleText(newest.text).includes(recent.name))
  })

  it('shows proposals that wait for an answer, with a tag and nothing to propose', async () => {
    const res = await ib.post('/buddies/queue', { status: 'proposed' })
    assert.equal(res.status, 200)
    assert.match(visibleText(res.text), /Wacht op antwoord/)
    assert.deepEqual(proposeIds(res.text), [])
  })

  it('never finds a parent of another school, and falls back on nonsense filters', async () => {
    const other = await t.deps.db
      .selectFrom('buddy_requests as r')
      .innerJoin('schools as s', 's.id', 'r.school_id')
      .innerJoin('people as p', 'p.id', 'r.person_id')
      .select('p.name')
      .where('s.name', '!=', 'Basisschool De Regenboog')
      .executeTakeFirst()
    assert.ok(other, 'the other school has a request')
    const res = await ib.post('/buddies/queue', { q: other.name })
    assert.ok(!visibleText(res.text).includes(other.name))
    assert.match(visibleText(res.text), /0 vragen/)
    const odd = await ib.post('/buddies/queue', {
      page: 'x',
      wait: '3',
      sort: 'sideways',
      status: 'gone',
    })
    assert.equal(odd.status, 200)
    assert.match(visibleText(odd.text), /pagina 1 van/)
  })

  it('is for coordinators only', async () => {
    const parent = t.client()
    await parent.signInByEmail(t.deps.db, 'parent@demo.kringwerk.example')
    assert.equal((await parent.post('/buddies/queue', {})).status, 403)
    assert.doesNotMatch((await parent.get('/buddies')).text, /action="\/buddies\/queue"/)
  })
})
