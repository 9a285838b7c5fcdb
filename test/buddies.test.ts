// Ouderbuddy's: parents offer and ask, teachers signal, the IB proposes; a name reaches
// another parent only after both said yes, and every consent is on record.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { consentsOf } from '../src/core/consent.ts'
import type { Role } from '../src/core/db/schema.ts'
import { PUBLIC } from '../src/core/http/router.ts'
import { translator } from '../src/core/i18n/index.ts'
import type { Principal } from '../src/core/principal.ts'
import { can } from '../src/policies.ts'
import { type Client, type TestApp, testApp, visibleText } from './helpers.ts'

let t: TestApp
// Outside demo mode: the outbox is then closed to parents, as in a real school.
before(async () => {
  t = await testApp({ env: { KRINGWERK_DEMO: '0' } })
})
after(() => t.close())

const persona = (p: string) => `${p}@demo.kringwerk.example`

async function as(email: string): Promise<Client> {
  const c = t.client()
  await c.signInByEmail(t.deps.db, email)
  return c
}

/** A Dutch-reading parent of De Regenboog who has no buddy business yet. */
async function freshParent(skip: number): Promise<{ email: string; name: string; id: string }> {
  const row = await t.deps.db
    .selectFrom('people as p')
    .innerJoin('memberships as m', 'm.person_id', 'p.id')
    .innerJoin('schools as s', 's.id', 'm.school_id')
    .select(['p.email', 'p.name', 'p.id'])
    .where('s.name', '=', 'Basisschool De Regenboog')
    .where('m.role', '=', 'parent')
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('buddy_offers').select('id').whereRef('person_id', '=', 'p.id')),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('buddy_requests').select('id').whereRef('person_id', '=', 'p.id')),
      ),
    )
    .where('p.email', 'like', '%@demo.kringwerk.example')
    .where('p.email', 'not like', 'parent@%')
    .where('p.language', '=', 'nl')
    .orderBy('p.email')
    .offset(skip)
    .executeTakeFirstOrThrow()
  return row
}

/** Every page this parent can reach, as text. */
async function everythingVisibleTo(c: Client): Promise<string> {
  const pages: string[] = []
  for (const r of t.router.routes.filter(
    (x) => x.method === 'GET' && !x.path.includes(':') && x.action !== PUBLIC,
  )) {
    const res = await c.get(r.path)
    if (res.status === 200) pages.push(visibleText(res.text))
  }
  assert.ok(pages.length >= 3, 'the parent reaches several pages')
  return pages.join('\n')
}

describe('offering experience', () => {
  it('a parent offers to be a buddy; the consent is stored with time and scope, and the IB sees it', async () => {
    const buddy = await freshParent(0)
    const c = await as(buddy.email)
    const bad = await c.post('/buddies/offer', {
      contactChannel: 'email',
      capacity: '1',
      showName: 'no',
    })
    assert.equal(bad.status, 400)
    assert.match(bad.text, /Kies minstens één onderwerp/)
    const res = await c.request('/buddies/offer', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([
        ['_csrf', c.csrf],
        ['themes', 'dyslexie'],
        ['themes', 'pesten'],
        ['languages', 'nl'],
        ['showName', 'yes'],
        ['contactChannel', 'email'],
        ['capacity', '2'],
        ['until', ''],
      ]),
    })
    assert.equal(res.status, 303)
    const consents = await t.deps.db
      .selectFrom('consents')
      .select(['scope', 'granted_at', 'withdrawn_at'])
      .where('person_id', '=', buddy.id)
      .execute()
    assert.deepEqual(consents.map((x) => x.scope).sort(), ['buddy.offer', 'buddy.showName'])
    assert.ok(consents.every((x) => x.granted_at instanceof Date && x.withdrawn_at === null))
    const ib = await as(persona('ib'))
    assert.match(visibleText((await ib.get('/buddies/registry')).text), new RegExp(buddy.name))
    // Withdrawal hides them at once, and the consent is marked withdrawn.
    assert.equal((await c.post('/buddies/offer/status', { status: 'withdrawn' })).status, 303)
    assert.doesNotMatch(
      visibleText((await ib.get('/buddies/registry')).text),
      new RegExp(buddy.name),
    )
    const after = await t.deps.db
      .selectFrom('consents')
      .select('withdrawn_at')
      .where('person_id', '=', buddy.id)
      .where('scope', '=', 'buddy.offer')
      .execute()
    assert.ok(after.every((x) => x.withdrawn_at !== null))
    // A withdrawn offer is not switched back on (its yes is gone): it is made again, with a new yes.
    assert.equal((await c.post('/buddies/offer/status', { status: 'active' })).status, 404)
    assert.doesNotMatch(
      visibleText((await ib.get('/buddies/registry')).text),
      new RegExp(buddy.name),
    )
    // The parent sees their own consent trail, withdrawal included, on their consents page,
    // and /buddies leads there.
    assert.match((await c.get('/buddies')).text, /href="\/profile\/consents"/)
    assert.match(
      visibleText((await c.get('/profile/consents')).text),
      /Mijn toestemmingen.*Buddy zijn gegeven op .* · ingetrokken op/,
    )
  })
})

describe('the registry', () => {
  it('is for coordinators of that school only, and every view is audit-logged', async () => {
    for (const p of [
      'parent',
      'teacher',
      'brugfiguur',
      'facilitator',
      'partner',
      'municipal',
      'admin',
    ]) {
      const res = await (await as(persona(p))).get('/buddies/registry')
      assert.ok([403, 404].includes(res.status), `${p} got ${res.status}`)
    }
    const count = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('action', '=', 'buddy.registry.view')
            .executeTakeFirstOrThrow()
        ).n,
      )
    const before = await count()
    for (const p of ['ib', 'director'])
      assert.equal((await (await as(persona(p))).get('/buddies/registry')).status, 200)
    assert.equal(await count(), before + 2)
  })
})

describe('from request to link', () => {
  it('a parent who asked sees the buddy’s name only after both said yes', async () => {
    const asker = await freshParent(1)
    const buddy = await freshParent(2)
    const b = await as(buddy.email)
    await b.post('/buddies/offer', {
      themes: 'scheiding',
      languages: 'nl',
      showName: 'no',
      contactChannel: 'email',
      capacity: '1',
    })
    const a = await as(asker.email)
    assert.equal((await a.post('/buddies/ask', { theme: 'scheiding' })).status, 303)
    assert.doesNotMatch(await everythingVisibleTo(a), new RegExp(buddy.name))

    // The IB sees the request with ranked candidates and their reasons, and proposes.
    const ib = await as(persona('ib'))
    const request = await t.deps.db
      .selectFrom('buddy_requests')
      .select('id')
      .where('person_id', '=', asker.id)
      .executeTakeFirstOrThrow()
    const work = await queueFor(ib, request.id)
    assert.match(visibleText(work.text), new RegExp(`${asker.name} · Scheiding`))
    const offer = await t.deps.db
      .selectFrom('buddy_offers')
      .select('id')
      .where('person_id', '=', buddy.id)
      .executeTakeFirstOrThrow()
    assert.match(work.text, new RegExp(`/buddies/requests/${request.id}/propose`))
    assert.equal(
      (await ib.post(`/buddies/requests/${request.id}/propose`, { offerId: offer.id })).status,
      303,
    )
    const mail = await t.deps.db
      .selectFrom('outbox')
      .select(['body_text'])
      .where('to_address', '=', asker.email)
      .execute()
    assert.equal(mail.length, 1)
    assert.doesNotMatch(mail[0]?.body_text ?? '', new RegExp(buddy.name))

    // The parent is asked first, without a name; the buddy has nothing to answer yet.
    const offerPage = visibleText((await a.get('/buddies')).text)
    assert.match(offerPage, /Een ouder wil graag met u praten/)
    assert.doesNotMatch(await everythingVisibleTo(a), new RegExp(buddy.name))
    assert.doesNotMatch(visibleText((await b.get('/buddies')).text), /Een ouder vraagt om uw hulp/)
    const link = await t.deps.db
      .selectFrom('buddy_links')
      .select('id')
      .where('request_id', '=', request.id)
      .executeTakeFirstOrThrow()
    // The buddy cannot answer before the parent did.
    assert.equal((await b.post(`/buddies/links/${link.id}/answer`, { answer: 'yes' })).status, 400)
    assert.equal((await a.post(`/buddies/links/${link.id}/answer`, { answer: 'yes' })).status, 303)
    assert.doesNotMatch(await everythingVisibleTo(a), new RegExp(buddy.name))
    const buddyView = await everythingVisibleTo(b)
    assert.match(buddyView, /Een ouder vraagt om uw hulp/)
    assert.doesNotMatch(
      buddyView,
      new RegExp(asker.name),
      'the buddy does not see the parent before saying yes',
    )

    // Someone else cannot answer for them.
    const stranger = await as(persona('parent'))
    assert.equal(
      (await stranger.post(`/buddies/links/${link.id}/answer`, { answer: 'yes' })).status,
      403,
    )

    assert.equal((await b.post(`/buddies/links/${link.id}/answer`, { answer: 'yes' })).status, 303)
    assert.match(
      visibleText((await a.get('/buddies')).text),
      new RegExp(`${buddy.name} · Scheiding`),
    )
    assert.match(visibleText((await b.get('/buddies')).text), new RegExp(asker.name))
    const intro = await t.deps.db
      .selectFrom('outbox')
      .select(['to_address', 'body_text'])
      .where('subject', '=', 'Kennismaken met uw ouderbuddy')
      .execute()
    assert.ok(intro.some((m) => m.to_address === asker.email && m.body_text.includes(buddy.name)))
    assert.ok(intro.some((m) => m.to_address === buddy.email && m.body_text.includes(asker.name)))
    const scopes = await t.deps.db
      .selectFrom('consents')
      .select('scope')
      .where('scope', '=', `buddy.link:${link.id}`)
      .execute()
    assert.equal(scopes.length, 2)
  })

  /** A fresh parent asks for a buddy and the IB proposes the first candidate. */
  async function proposedTo(n: number) {
    const asker = await freshParent(n)
    const a = await as(asker.email)
    await a.post('/buddies/ask', { theme: 'dyslexie' })
    const ib = await as(persona('ib'))
    const request = await t.deps.db
      .selectFrom('buddy_requests')
      .select('id')
      .where('person_id', '=', asker.id)
      .executeTakeFirstOrThrow()
    const offerId = (await queueFor(ib, request.id)).text.match(
      new RegExp(`/buddies/requests/${request.id}/propose"[^]*?name="offerId" value="([^"]+)"`),
    )?.[1]
    assert.ok(offerId, 'a candidate is listed')
    await ib.post(`/buddies/requests/${request.id}/propose`, { offerId })
    const link = await t.deps.db
      .selectFrom('buddy_links as l')
      .innerJoin('buddy_offers as o', 'o.id', 'l.offer_id')
      .innerJoin('people as p', 'p.id', 'o.person_id')
      .select(['l.id', 'p.email as buddyEmail'])
      .where('l.request_id', '=', request.id)
      .executeTakeFirstOrThrow()
    return { asker, a, link }
  }

  it('a parent who says no closes the proposal, and the buddy never learns who it was', async () => {
    const { a, link } = await proposedTo(3)
    assert.equal((await a.post(`/buddies/links/${link.id}/answer`, { answer: 'no' })).status, 303)
    const row = await t.deps.db
      .selectFrom('buddy_links')
      .select(['declined_by', 'buddy_consent_at'])
      .where('id', '=', link.id)
      .executeTakeFirstOrThrow()
    assert.equal(row.declined_by, 'parent')
    assert.equal(row.buddy_consent_at, null)
  })

  it("a buddy who says no after the parent's yes ends the proposal, and the parent's yes with it", async () => {
    const { asker, a, link } = await proposedTo(4)
    assert.equal((await a.post(`/buddies/links/${link.id}/answer`, { answer: 'yes' })).status, 303)
    const standingYes = () =>
      t.deps.db
        .selectFrom('consents')
        .select('person_id')
        .where('scope', '=', `buddy.link:${link.id}`)
        .where('withdrawn_at', 'is', null)
        .execute()
    assert.deepEqual(await standingYes(), [{ person_id: asker.id }])
    const b = await as(link.buddyEmail)
    assert.equal((await b.post(`/buddies/links/${link.id}/answer`, { answer: 'no' })).status, 303)
    assert.deepEqual(await standingYes(), [], 'no yes stands for a proposal that ended')
  })
})

describe('direct contact', () => {
  it('a parent sees only buddies who allowed their name, contacts one, and either side can close the link', async () => {
    const listed = await freshParent(4)
    const hidden = await freshParent(5)
    // The asker now sees their own name on their own pages (/profile/data): not the hidden one's.
    let asker = await freshParent(6)
    for (let skip = 7; asker.name === hidden.name; skip++) asker = await freshParent(skip)
    await (await as(listed.email)).post('/buddies/offer', {
      themes: 'ziekte',
      showName: 'yes',
      contactChannel: 'email',
      capacity: '1',
    })
    await (await as(hidden.email)).post('/buddies/offer', {
      themes: 'ziekte',
      showName: 'no',
      contactChannel: 'email',
      capacity: '1',
    })
    const a = await as(asker.email)
    const page = await a.get('/buddies')
    assert.match(visibleText(page.text), new RegExp(listed.name))
    assert.doesNotMatch(await everythingVisibleTo(a), new RegExp(hidden.name))
    const offer = await t.deps.db
      .selectFrom('buddy_offers')
      .select('id')
      .where('person_id', '=', listed.id)
      .executeTakeFirstOrThrow()
    const hiddenOffer = await t.deps.db
      .selectFrom('buddy_offers')
      .select('id')
      .where('person_id', '=', hidden.id)
      .executeTakeFirstOrThrow()
    assert.equal(
      (await a.post(`/buddies/offers/${hiddenOffer.id}/contact`, { theme: 'ziekte' })).status,
      404,
    )
    assert.equal(
      (await a.post(`/buddies/offers/${offer.id}/contact`, { theme: 'ziekte' })).status,
      303,
    )
    const asked = await t.deps.db
      .selectFrom('outbox')
      .select('body_text')
      .where('to_address', '=', listed.email)
      .where('subject', '=', 'Een ouder vraagt om uw hulp')
      .execute()
    assert.equal(asked.length, 1)
    assert.doesNotMatch(asked[0]?.body_text ?? '', new RegExp(asker.name))
    const b = await as(listed.email)
    const link = await t.deps.db
      .selectFrom('buddy_links')
      .select('id')
      .where('offer_id', '=', offer.id)
      .executeTakeFirstOrThrow()
    assert.doesNotMatch(await everythingVisibleTo(b), new RegExp(asker.name))
    assert.equal((await b.post(`/buddies/links/${link.id}/answer`, { answer: 'yes' })).status, 303)
    assert.match(visibleText((await b.get('/buddies')).text), new RegExp(asker.name))
    // A full buddy is no longer listed.
    const other = await as((await freshParent(7)).email)
    assert.doesNotMatch(visibleText((await other.get('/buddies')).text), new RegExp(listed.name))
    // Someone outside the link cannot close it; the parent can.
    assert.equal((await other.post(`/buddies/links/${link.id}/close`)).status, 403)
    assert.equal((await a.post(`/buddies/links/${link.id}/close`)).status, 303)
    assert.doesNotMatch(
      visibleText((await a.get('/buddies')).text),
      new RegExp(`${listed.name} · `),
    )
    const row = await t.deps.db
      .selectFrom('buddy_links')
      .select('closed_at')
      .where('id', '=', link.id)
      .executeTakeFirstOrThrow()
    assert.ok(row.closed_at)
    // The link's yes stands no more on either side: nothing left to withdraw for it.
    const standingYes = await t.deps.db
      .selectFrom('consents')
      .select('person_id')
      .where('scope', '=', `buddy.link:${link.id}`)
      .where('withdrawn_at', 'is', null)
      .execute()
    assert.deepEqual(standingYes, [])
  })
})

describe('follow-up', () => {
  it('after 2 and 6 weeks the parent is asked "helpt het?"; the answer counts in the IB figures', async () => {
    const buddy = await freshParent(8)
    const asker = await freshParent(9)
    await (await as(buddy.email)).post('/buddies/offer', {
      themes: 'pesten',
      showName: 'yes',
      contactChannel: 'email',
      capacity: '1',
    })
    const a = await as(asker.email)
    const offer = await t.deps.db
      .selectFrom('buddy_offers')
      .select('id')
      .where('person_id', '=', buddy.id)
      .executeTakeFirstOrThrow()
    await a.post(`/buddies/offers/${offer.id}/contact`, { theme: 'pesten' })
    const link = await t.deps.db
      .selectFrom('buddy_links')
      .select('id')
      .where('offer_id', '=', offer.id)
      .executeTakeFirstOrThrow()
    const b = await as(buddy.email)
    await b.post(`/buddies/links/${link.id}/answer`, { answer: 'yes' })
    assert.doesNotMatch(visibleText((await a.get('/buddies')).text), /Helpt het\?/)
    const age = (days: number) =>
      t.deps.db
        .updateTable('buddy_links')
        .set({ buddy_consent_at: sql`now() - make_interval(days => ${days})` })
        .where('id', '=', link.id)
        .execute()
    await age(15)
    assert.match(
      visibleText((await a.get('/buddies')).text),
      /Helpt het\? U hebt nu 2 weken een buddy/,
    )
    assert.equal(
      (await b.post(`/buddies/links/${link.id}/checkin`, { answer: 'yes' })).status,
      403,
      'only the parent answers',
    )
    assert.equal(
      (await a.post(`/buddies/links/${link.id}/checkin`, { answer: 'somewhat' })).status,
      303,
    )
    assert.doesNotMatch(visibleText((await a.get('/buddies')).text), /Helpt het\?/)
    assert.equal(
      (await a.post(`/buddies/links/${link.id}/checkin`, { answer: 'yes' })).status,
      400,
      'asked once per week',
    )
    await age(43)
    assert.match(visibleText((await a.get('/buddies')).text), /U hebt nu 6 weken een buddy/)
    await a.post(`/buddies/links/${link.id}/checkin`, { answer: 'yes' })
    const answers = await t.deps.db
      .selectFrom('buddy_checkins')
      .select(['week', 'answer'])
      .where('link_id', '=', link.id)
      .orderBy('week')
      .execute()
    assert.deepEqual(answers, [
      { week: 2, answer: 'somewhat' },
      { week: 6, answer: 'yes' },
    ])
    const ib = visibleText((await (await as(persona('ib'))).get('/buddies')).text)
    assert.match(ib, /Helpt het\? ja \/ een beetje \/ nee \d+ \/ \d+ \/ \d+/)
  })
})

describe('signals', () => {
  it('a teacher signals a parent of their class and learns only that it arrived', async () => {
    const teacher = await as(persona('teacher'))
    const page = await teacher.get('/buddies')
    const parentId = page.text.match(/name="parentId"[^>]*>\s*<option value="([^"]+)"/)?.[1]
    assert.ok(parentId, 'the teacher can choose a parent of their class')
    assert.equal((await teacher.post('/buddies/signal', { parentId, theme: 'nieuw' })).status, 303)
    const after = visibleText((await teacher.get('/buddies')).text)
    assert.match(after, /Nieuw op school · ontvangen/)
    assert.doesNotMatch(after, /voorgesteld|gekoppeld|Vragen en signalen/)
  })

  it('a teacher who thinks a parent could be a buddy sends an invitation; nothing is active until the parent confirms', async () => {
    const teacher = await as(persona('teacher'))
    const page = await teacher.get('/buddies')
    const candidateId = page.text.match(/name="candidateId"[^>]*>\s*<option value="([^"]+)"/)?.[1]
    assert.ok(candidateId, 'the teacher can choose a parent of their class')
    const offersOf = async () =>
      JSON.stringify(
        await t.deps.db
          .selectFrom('buddy_offers')
          .selectAll()
          .where('person_id', '=', candidateId)
          .execute(),
      )
    const before = await offersOf()
    assert.equal((await teacher.post('/buddies/recruit', { candidateId })).status, 303)
    const person = await t.deps.db
      .selectFrom('people')
      .select(['email'])
      .where('id', '=', candidateId)
      .executeTakeFirstOrThrow()
    const mails = await t.deps.db
      .selectFrom('outbox')
      .select('body_text')
      .where('to_address', '=', person.email)
      .execute()
    assert.ok(mails.some((m) => m.body_text.includes('/buddies#offer')))
    assert.equal(await offersOf(), before, 'no offer is made or changed on the parent’s behalf')
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'buddy.recruit')
      .where('subject_id', '=', candidateId)
      .execute()
    assert.equal(audit.length, 1)
  })

  it('a teacher cannot signal a parent outside their classes', async () => {
    const outsider = await t.deps.db
      .selectFrom('people as p')
      .innerJoin('guardianships as gu', 'gu.person_id', 'p.id')
      .innerJoin('children as ch', 'ch.id', 'gu.child_id')
      .innerJoin('groups as g', 'g.id', 'ch.group_id')
      .select('p.id')
      .where('g.name', '=', 'Groep 8')
      .where('p.email', 'like', '%regenboog%')
      .executeTakeFirst()
    const anyGroep8 =
      outsider ??
      (await t.deps.db
        .selectFrom('people as p')
        .innerJoin('guardianships as gu', 'gu.person_id', 'p.id')
        .innerJoin('children as ch', 'ch.id', 'gu.child_id')
        .innerJoin('groups as g', 'g.id', 'ch.group_id')
        .innerJoin('schools as s', 's.id', 'g.school_id')
        .select('p.id')
        .where('g.name', '=', 'Groep 8')
        .where('s.name', '=', 'Basisschool De Regenboog')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('guardianships as g2')
                .innerJoin('children as c2', 'c2.id', 'g2.child_id')
                .innerJoin('groups as gg', 'gg.id', 'c2.group_id')
                .select('g2.person_id')
                .whereRef('g2.person_id', '=', 'p.id')
                .where('gg.name', '=', 'Groep 1/2a'),
            ),
          ),
        )
        .executeTakeFirstOrThrow())
    const teacher = await as(persona('teacher'))
    assert.equal(
      (await teacher.post('/buddies/signal', { parentId: anyGroep8.id, theme: 'nieuw' })).status,
      403,
    )
  })
})

/** The demo's groep 1/2b teacher of De Regenboog, named to coordinate 'nieuw'. */
async function kleuterTeacher(): Promise<{ id: string; email: string }> {
  return t.deps.db
    .selectFrom('group_teachers as gt')
    .innerJoin('groups as g', 'g.id', 'gt.group_id')
    .innerJoin('schools as s', 's.id', 'g.school_id')
    .innerJoin('people as p', 'p.id', 'gt.person_id')
    .select(['p.id', 'p.email'])
    .where('g.name', '=', 'Groep 1/2b')
    .where('s.name', '=', 'Basisschool De Regenboog')
    .executeTakeFirstOrThrow()
}

/**
 * The coordinator's work queue narrowed to one request, as a coordinator finds it: by the
 * parent's name. The queue pages, so a request made in the test need not be on page one.
 */
async function queueFor(client: Client, requestId: string) {
  const r = await t.deps.db
    .selectFrom('buddy_requests as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['p.name', 'r.status'])
    .where('r.id', '=', requestId)
    .executeTakeFirstOrThrow()
  return client.post('/buddies/queue', {
    q: r.name,
    status: r.status === 'proposed' ? 'proposed' : 'open',
  })
}

async function openRequestId(theme: string, notTheme = false): Promise<string> {
  const row = await t.deps.db
    .selectFrom('buddy_requests as r')
    .innerJoin('schools as s', 's.id', 'r.school_id')
    .select('r.id')
    .where('s.name', '=', 'Basisschool De Regenboog')
    .where('r.status', '=', 'open')
    .where('r.theme', notTheme ? '!=' : '=', theme)
    .orderBy('r.created_at')
    .executeTakeFirstOrThrow()
  return row.id
}

/** A principal for the rule tables: roles in school A (or another), person 'me' by default. */
const me = (roles: Role[], schoolId = 'school-a', personId = 'me'): Principal => ({
  sessionId: 's',
  personId,
  name: 'Ik',
  firstName: 'Ik',
  email: 'ik@example.org',
  language: 'nl',
  schoolId,
  schoolName: 'A',
  roles,
  memberships: [],
  children: [],
})

describe('theme coordinators', () => {
  const principal = (roles: Role[], schoolId = 'school-a') => me(roles, schoolId)

  it('the policy: IB and director coordinate every theme of their school, a named teacher only the themes named to them', () => {
    // roles, school of the request, who is named for its theme, theme → may coordinate?
    const table: [Role[], string, string | null, string, boolean][] = [
      [['ib'], 'school-a', null, 'adhd', true],
      [['ib'], 'school-a', 'someone', 'nieuw', true],
      [['ib'], 'school-b', null, 'adhd', false],
      [['director'], 'school-a', null, 'taal', true],
      [['director'], 'school-b', 'me', 'nieuw', false],
      [['teacher'], 'school-a', 'me', 'nieuw', true],
      [['teacher'], 'school-a', 'me', 'taal', true],
      [['teacher'], 'school-a', null, 'nieuw', false],
      [['teacher'], 'school-a', null, 'adhd', false],
      [['teacher'], 'school-a', 'someone', 'nieuw', false],
      [['teacher'], 'school-b', 'me', 'nieuw', false],
      [['parent'], 'school-a', 'me', 'nieuw', false],
      [['brugfiguur'], 'school-a', 'me', 'nieuw', false],
      [['admin'], 'school-a', null, 'adhd', false],
    ]
    for (const [roles, schoolId, named, theme, expected] of table) {
      assert.equal(
        can(
          principal(roles),
          'buddies.coordinate',
          { schoolId, theme, namedCoordinatorId: named },
          { demo: false },
        ),
        expected,
        `${roles.join('+')} on ${theme} in ${schoolId}, named ${named}`,
      )
    }
    // Only a director names, and only a director, IB or teacher of the same school.
    const choice = (personRoles: Role[] | null, schoolId = 'school-a') => ({
      schoolId,
      personRoles,
    })
    const env = { demo: false }
    assert.equal(
      can(principal(['director']), 'buddies.coordinators', choice(['teacher']), env),
      true,
    )
    assert.equal(can(principal(['director']), 'buddies.coordinators', choice(null), env), true)
    assert.equal(
      can(principal(['director']), 'buddies.coordinators', choice(['parent']), env),
      false,
    )
    assert.equal(can(principal(['director']), 'buddies.coordinators', choice([]), env), false)
    assert.equal(
      can(principal(['director']), 'buddies.coordinators', choice(['ib'], 'school-b'), env),
      false,
    )
    assert.equal(can(principal(['ib']), 'buddies.coordinators', choice(['teacher']), env), false)
  })

  it('the named groep 1/2 teacher works on "nieuw op school" only; the IB keeps the overview of everything', async () => {
    const kt = await kleuterTeacher()
    const teacher = await as(kt.email)
    const page = visibleText((await teacher.get('/buddies')).text)
    assert.match(page, /U koppelt buddy(&#39;|')s voor: Nieuw op school/)
    const nieuw = await openRequestId('nieuw')
    const other = await openRequestId('nieuw', true)
    const work = (await queueFor(teacher, nieuw)).text
    assert.match(work, new RegExp(`/buddies/requests/${nieuw}/propose`))
    assert.doesNotMatch(
      (await queueFor(teacher, other)).text,
      new RegExp(`/buddies/requests/${other}/propose`),
    )
    assert.doesNotMatch(page, /Langste wachttijd/, 'the school figures stay with the IB')
    assert.equal((await teacher.get('/buddies/registry')).status, 403)
    // A request of another theme cannot be proposed by the kleuter teacher, whatever the form says.
    const anyOffer = await t.deps.db
      .selectFrom('buddy_offers')
      .select('id')
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow()
    assert.equal(
      (await teacher.post(`/buddies/requests/${other}/propose`, { offerId: anyOffer.id })).status,
      403,
    )
    const ib = await as(persona('ib'))
    assert.match((await queueFor(ib, nieuw)).text, new RegExp(`/buddies/requests/${nieuw}/propose`))
    assert.match((await queueFor(ib, other)).text, new RegExp(`/buddies/requests/${other}/propose`))

    // Their batch touches only 'nieuw' requests.
    assert.equal((await teacher.post('/buddies/batch')).status, 303)
    const proposed = await t.deps.db
      .selectFrom('buddy_links as l')
      .innerJoin('buddy_requests as r', 'r.id', 'l.request_id')
      .select('r.theme')
      .where('l.proposed_by', '=', kt.id)
      .execute()
    assert.ok(proposed.length > 0, 'the batch proposed something')
    assert.ok(proposed.every((x) => x.theme === 'nieuw'))
    const stillOpen = await t.deps.db
      .selectFrom('buddy_requests')
      .select('status')
      .where('id', '=', other)
      .executeTakeFirstOrThrow()
    assert.equal(stillOpen.status, 'open')
  })

  it('a teacher who was not named has no work list, and cannot batch', async () => {
    const teacher = await as(persona('teacher'))
    assert.doesNotMatch(visibleText((await teacher.get('/buddies')).text), /Vragen en signalen/)
    assert.equal((await teacher.post('/buddies/batch')).status, 403)
    const other = await openRequestId('nieuw', true)
    const anyOffer = await t.deps.db
      .selectFrom('buddy_offers')
      .select('id')
      .executeTakeFirstOrThrow()
    assert.equal(
      (await teacher.post(`/buddies/requests/${other}/propose`, { offerId: anyOffer.id })).status,
      403,
    )
  })

  it('a director names a staff member of the school for "taal", and gives it back to the IB', async () => {
    const director = await as(persona('director'))
    const settings = await director.get('/buddies/settings')
    assert.equal(settings.status, 200)
    assert.match(visibleText(settings.text), /Wie koppelt wat\?/)
    const teacherId = (
      await t.deps.db
        .selectFrom('people')
        .select('id')
        .where('email', '=', persona('teacher'))
        .executeTakeFirstOrThrow()
    ).id
    const parentId = (
      await t.deps.db
        .selectFrom('people')
        .select('id')
        .where('email', '=', persona('parent'))
        .executeTakeFirstOrThrow()
    ).id
    const name = (personId: string, theme = 'taal') =>
      director.post('/buddies/settings/coordinators', { theme, personId })
    assert.equal((await name(parentId)).status, 403, 'a parent cannot coordinate')
    assert.equal((await name(teacherId, 'adhd')).status, 400, 'other themes stay with the IB')
    const ib = await as(persona('ib'))
    await ib.get('/buddies/settings')
    assert.equal(
      (await ib.post('/buddies/settings/coordinators', { theme: 'taal', personId: teacherId }))
        .status,
      403,
      'the IB does not name coordinators',
    )
    assert.equal((await name(teacherId)).status, 303)
    const teacher = await as(persona('teacher'))
    assert.match(
      visibleText((await teacher.get('/buddies')).text),
      /U koppelt buddy(&#39;|')s voor: Taal/,
    )
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'buddy.coordinator')
      .where('subject_id', '=', teacherId)
      .execute()
    assert.equal(audit.length, 1)
    assert.equal((await name('')).status, 303)
    assert.doesNotMatch(visibleText((await teacher.get('/buddies')).text), /Vragen en signalen/)
  })
})

describe('school themes', () => {
  it('the IB adds a theme of the school; it is checked, and parents can offer and ask for it like a built-in one', async () => {
    const ib = await as(persona('ib'))
    const settings = visibleText((await ib.get('/buddies/settings')).text)
    assert.match(settings, /Hoogbegaafd kind/, 'the demo school has a theme of its own')
    for (const [label, why] of [
      ['Pesten', /Dit onderwerp bestaat al/],
      ['hoogbegaafd KIND', /Dit onderwerp bestaat al/],
      ['x'.repeat(61), /te lang|Te lang/i],
      ['', /Vul dit in|verplicht/i],
    ] as const) {
      const res = await ib.post('/buddies/settings/themes', { label })
      assert.equal(res.status, 400, `"${label}" is refused`)
      assert.match(visibleText(res.text), why)
    }
    assert.equal(
      (await ib.post('/buddies/settings/themes', { label: '  Mantelzorg thuis ' })).status,
      303,
    )
    const row = await t.deps.db
      .selectFrom('buddy_school_themes')
      .select(['id', 'label'])
      .where('label', '=', 'Mantelzorg thuis')
      .executeTakeFirstOrThrow()
    const code = `s:${row.id}`
    assert.equal(
      (await (await as(persona('teacher'))).post('/buddies/settings/themes', { label: 'Iets' }))
        .status,
      403,
    )

    // A buddy offers it, a parent reading English asks for it, and the IB sees the match.
    const buddy = await freshParent(10)
    const b = await as(buddy.email)
    assert.match((await b.get('/buddies')).text, new RegExp(`value="${code}"`))
    assert.equal(
      (
        await b.post('/buddies/offer', {
          themes: code,
          showName: 'no',
          contactChannel: 'email',
          capacity: '1',
        })
      ).status,
      303,
    )
    const asker = await freshParent(11)
    await t.deps.db
      .updateTable('people')
      .set({ language: 'en' })
      .where('id', '=', asker.id)
      .execute()
    const a = await as(asker.email)
    assert.match(visibleText((await a.get('/buddies')).text), /Mantelzorg thuis/)
    assert.equal((await a.post('/buddies/ask', { theme: code })).status, 303)
    assert.match(
      visibleText((await a.get('/buddies')).text),
      /Mantelzorg thuis · we are looking for a buddy/i,
    )
    const work = visibleText((await ib.post('/buddies/queue', { q: asker.name })).text)
    assert.match(
      work,
      new RegExp(`${asker.name} · Mantelzorg thuis · vraag van de ouder[^·]*· [^·]*${buddy.name}`),
    )
    // The consent trail names the school's theme too, in the parent's language around it.
    assert.match(
      visibleText((await a.get('/profile/consents')).text),
      /Asking for a buddy: Mantelzorg thuis/,
    )
  })

  it('another school’s theme is not a choice', async () => {
    const other = await t.deps.db
      .insertInto('buddy_school_themes')
      .values({
        school_id: (
          await t.deps.db
            .selectFrom('schools')
            .select('id')
            .where('name', '=', 'IKC De Vlinderboom')
            .executeTakeFirstOrThrow()
        ).id,
        label: 'Alleen in de Vlinderboom',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const a = await as((await freshParent(12)).email)
    assert.doesNotMatch(visibleText((await a.get('/buddies')).text), /Alleen in de Vlinderboom/)
    assert.equal((await a.post('/buddies/ask', { theme: `s:${other.id}` })).status, 400)
  })
})

describe('every new family', () => {
  const groupId = async (name: string) =>
    (
      await t.deps.db
        .selectFrom('groups as g')
        .innerJoin('schools as s', 's.id', 'g.school_id')
        .select('g.id')
        .where('g.name', '=', name)
        .where('s.name', '=', 'Basisschool De Regenboog')
        .executeTakeFirstOrThrow()
    ).id
  const requestsOf = (emails: string[]) =>
    t.deps.db
      .selectFrom('buddy_requests as r')
      .innerJoin('people as p', 'p.id', 'r.person_id')
      .select(['r.id', 'r.theme', 'r.source', 'r.status', 'p.email', 'p.language'])
      .where('p.email', 'in', emails)
      .execute()

  it('only the director switches it; the demo school has it on', async () => {
    const ib = await as(persona('ib'))
    assert.match(
      visibleText((await ib.get('/buddies/settings')).text),
      /Elke nieuwe groep-1-familie krijgt een buddy aangeboden.*Staat aan\./,
    )
    assert.equal(
      (await ib.post('/buddies/settings/new-families', { offerNewFamilies: 'yes' })).status,
      403,
    )
  })

  it('a new groep-1 family gets one open request and a mail in their language, which they may decline', async () => {
    const teacher = await as(persona('teacher'))
    const kleuters = await groupId('Groep 1/2a')
    await teacher.get(`/groups/${kleuters}`)
    const res = await teacher.post(`/groups/${kleuters}/import`, {
      csv: 'Elif Nieuw,elif.nieuw@example.org,Pim,Groep 1/2a,tr\nBram Nieuw,bram.nieuw@example.org,Pim,Groep 1/2a,tr',
    })
    assert.equal(res.status, 303)
    const opened = await requestsOf(['elif.nieuw@example.org', 'bram.nieuw@example.org'])
    assert.equal(opened.length, 1, 'one offer per family')
    const [request] = opened
    assert.ok(request)
    assert.deepEqual([request.theme, request.source, request.status], ['nieuw', 'auto', 'open'])
    const tr = translator('tr')
    const mail = await t.deps.db
      .selectFrom('outbox')
      .select(['subject', 'body_text'])
      .where('to_address', '=', request.email)
      .where('subject', '=', tr('mail.buddyNewFamily.subject'))
      .execute()
    assert.equal(mail.length, 1, 'the offer is mailed in the parent’s language')
    assert.match(mail[0]?.body_text ?? '', /\/buddies/)
    const consents = await t.deps.db
      .selectFrom('consents as k')
      .innerJoin('people as p', 'p.id', 'k.person_id')
      .select('k.scope')
      .where('p.email', '=', request.email)
      .execute()
    assert.deepEqual(consents, [], 'no yes is assumed on the parent’s behalf')

    // The coordinator sees it in the work list, and the batch page says what it is for.
    const ib = visibleText(
      (await (await as(persona('ib'))).post('/buddies/queue', { sort: 'newest' })).text,
    )
    assert.match(
      ib,
      /Elif Nieuw · Nieuw op school · nieuw gezin in groep 1|Bram Nieuw · Nieuw op school · nieuw gezin in groep 1/,
    )
    assert.match(ib, /ook de nieuwe gezinnen van groep 1 \(\d+ open\)/)

    // Someone else cannot decline it; the parent can, and then it is closed.
    const other = await as(persona('parent'))
    assert.equal((await other.post(`/buddies/requests/${request.id}/decline`)).status, 403)
    const parent = await as(request.email)
    const page = visibleText((await parent.get('/buddies')).text)
    assert.match(page, new RegExp(tr('buddies.newFamilyTitle')))
    assert.equal((await parent.post(`/buddies/requests/${request.id}/decline`)).status, 303)
    assert.deepEqual(
      (await requestsOf([request.email])).map((r) => r.status),
      ['closed'],
    )
    assert.doesNotMatch(
      visibleText((await parent.get('/buddies')).text),
      new RegExp(tr('buddies.newFamilyTitle')),
    )
  })

  it('a family in groep 3, or any family while the setting is off, gets no request', async () => {
    const director = await as(persona('director'))
    const groep3 = await groupId('Groep 3')
    await director.get(`/groups/${groep3}`)
    await director.post(`/groups/${groep3}/invite`, {
      name: 'Sanne Drie',
      email: 'sanne.drie@example.org',
      child: 'Lot',
      language: 'nl',
    })
    assert.deepEqual(await requestsOf(['sanne.drie@example.org']), [])
    await director.get('/buddies/settings')
    assert.equal((await director.post('/buddies/settings/new-families', {})).status, 303)
    const kleuters = await groupId('Groep 1/2b')
    await director.get(`/groups/${kleuters}`)
    await director.post(`/groups/${kleuters}/invite`, {
      name: 'Kees Uit',
      email: 'kees.uit@example.org',
      child: 'Joep',
      language: 'nl',
    })
    assert.deepEqual(await requestsOf(['kees.uit@example.org']), [])
    await director.get('/buddies/settings')
    await director.post('/buddies/settings/new-families', { offerNewFamilies: 'yes' })
    await director.post(`/groups/${kleuters}/invite`, {
      name: 'Kim Aan',
      email: 'kim.aan@example.org',
      child: 'Teun',
      language: 'nl',
    })
    assert.equal((await requestsOf(['kim.aan@example.org'])).length, 1)
  })
})

describe('beyond school', () => {
  it('a parent is referred to an outside programme only with their consent on record; they see it and can withdraw', async () => {
    const ib = await as(persona('ib'))
    assert.match(visibleText((await ib.get('/buddies/settings')).text), /Home-Start Lindenhoeve/)
    const bad = await ib.post('/buddies/settings/programmes', {
      name: 'Maatjesproject Lindenhoeve',
      description: 'Een maatje van de gemeente',
      contact: 'bel ons maar',
    })
    assert.equal(bad.status, 400)
    assert.match(visibleText(bad.text), /Vul een e-mailadres of een webadres/)
    for (const [name, contact] of [
      ['Maatjesproject Lindenhoeve', 'maatjes@gemeente.example'],
      ['Opvoedsteunpunt', 'https://opvoedsteun.example/aanmelden'],
    ] as const)
      assert.equal(
        (await ib.post('/buddies/settings/programmes', { name, description: '', contact })).status,
        303,
      )
    const programmeId = async (name: string) =>
      (
        await t.deps.db
          .selectFrom('buddy_programmes')
          .select('id')
          .where('name', '=', name)
          .executeTakeFirstOrThrow()
      ).id
    const maatjes = await programmeId('Maatjesproject Lindenhoeve')
    const parent = await freshParent(13)
    const referralsOf = () =>
      t.deps.db
        .selectFrom('buddy_referrals')
        .select(['programme_id', 'referred_at', 'mailed_at'])
        .where('person_id', '=', parent.id)
        .execute()
    const mailsToProgramme = () =>
      t.deps.db
        .selectFrom('outbox')
        .select('body_text')
        .where('to_address', '=', 'maatjes@gemeente.example')
        .execute()

    // Without a recorded yes: refused, nothing stored, nothing mailed.
    const refused = await ib.post('/buddies/referrals', {
      parentId: parent.id,
      programmeId: maatjes,
    })
    assert.equal(refused.status, 400)
    assert.match(visibleText(refused.text), /Leg eerst vast dat de ouder ja heeft gezegd/)
    assert.deepEqual(await referralsOf(), [])
    assert.deepEqual(await mailsToProgramme(), [])

    // With the parent's yes recorded: stored with its time, mailed, audit-logged.
    assert.equal(
      (
        await ib.post('/buddies/referrals', {
          parentId: parent.id,
          programmeId: maatjes,
          consent: 'yes',
        })
      ).status,
      303,
    )
    const [referral] = await referralsOf()
    assert.ok(referral?.referred_at instanceof Date && referral.mailed_at instanceof Date)
    const mails = await mailsToProgramme()
    assert.equal(mails.length, 1)
    assert.match(mails[0]?.body_text ?? '', new RegExp(parent.name))
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'buddy.referral')
      .where(sql<boolean>`detail->>'programmeId' = ${maatjes}`)
      .execute()
    assert.equal(audit.length, 1)
    // The audit log (read by the admin too) does not name the referred parent.
    assert.equal(
      (
        await t.deps.db
          .selectFrom('audit_log')
          .select('id')
          .where('subject_id', '=', parent.id)
          .where('action', 'like', 'buddy.%')
          .execute()
      ).length,
      0,
    )
    assert.match(
      visibleText((await ib.get('/buddies/settings')).text),
      new RegExp(`${parent.name} · Maatjesproject Lindenhoeve · .* · gemaild naar het programma`),
    )

    // The parent sees the referral on /buddies and the consent on their consents page, and
    // withdraws it there.
    const p = await as(parent.email)
    const page = visibleText((await p.get('/buddies')).text)
    assert.match(page, /Hulp buiten school.*doorverwezen naar Maatjesproject Lindenhoeve/)
    const consents = async () => (await p.get('/profile/consents')).text
    const scope = `buddy.referral:${maatjes}`
    const newestConsent = async () =>
      (
        await t.deps.db
          .selectFrom('consents')
          .select(['id', 'withdrawn_at'])
          .where('person_id', '=', parent.id)
          .where('scope', '=', scope)
          .orderBy('granted_at', 'desc')
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow()
      ).id
    const given = await newestConsent()
    assert.match(
      visibleText(await consents()),
      /delen met: Maatjesproject Lindenhoeve gegeven op .* Intrekken/,
    )
    assert.match(await consents(), new RegExp(`action="/profile/consents/${given}/withdraw"`))
    assert.equal((await p.post(`/profile/consents/${given}/withdraw`)).status, 303)
    const consent = await t.deps.db
      .selectFrom('consents')
      .select('withdrawn_at')
      .where('person_id', '=', parent.id)
      .where('scope', '=', scope)
      .executeTakeFirstOrThrow()
    assert.ok(consent.withdrawn_at)
    assert.match(visibleText(await consents()), /ingetrokken op/)
    // Withdrawn means no further referral without a new yes.
    assert.equal(
      (await ib.post('/buddies/referrals', { parentId: parent.id, programmeId: maatjes })).status,
      400,
    )
    assert.equal((await referralsOf()).length, 1)
    // Nor can the coordinator tick "the parent said yes" over the parent's withdrawal.
    const overrule = await ib.post('/buddies/referrals', {
      parentId: parent.id,
      programmeId: maatjes,
      consent: 'yes',
    })
    assert.equal(overrule.status, 400)
    assert.match(overrule.text, /Alleen de ouder zelf kan weer ja zeggen/)
    assert.equal((await referralsOf()).length, 1)
    assert.equal((await mailsToProgramme()).length, 1)

    // Each word on record says who recorded it: the coordinator the yes, the parent the no.
    const ibPerson = await t.deps.db
      .selectFrom('people')
      .select(['id', 'name'])
      .where('email', '=', persona('ib'))
      .executeTakeFirstOrThrow()
    const trail = () =>
      t.deps.db
        .selectFrom('consents')
        .select(['granted_by', 'withdrawn_by', 'withdrawn_at'])
        .where('person_id', '=', parent.id)
        .where('scope', '=', scope)
        .orderBy('granted_at')
        .orderBy('id')
        .execute()
    assert.deepEqual(
      (await trail()).map((k) => [k.granted_by, k.withdrawn_by]),
      [[ibPerson.id, parent.id]],
    )
    assert.match(
      visibleText(await consents()),
      new RegExp(
        `delen met: Maatjesproject Lindenhoeve gegeven op .* · vastgelegd door ${ibPerson.name}`,
      ),
    )

    // The parent changes their mind and says yes again, themselves; then a referral may follow.
    assert.match(await consents(), new RegExp(`action="/profile/consents/${given}/regrant"`))
    assert.equal((await p.post(`/profile/consents/${given}/regrant`)).status, 303)
    const again = await trail()
    assert.equal(again.length, 2)
    assert.equal(again[1]?.granted_by, parent.id)
    assert.equal(again[1]?.withdrawn_at, null)
    const ownYes = visibleText(await consents())
    assert.match(ownYes, /Intrekken/)
    assert.equal(ownYes.includes(`vastgelegd door ${parent.name}`), false)
    assert.equal(
      (await ib.post('/buddies/referrals', { parentId: parent.id, programmeId: maatjes })).status,
      303,
    )
    assert.equal((await referralsOf()).length, 2)
    // Saying yes again to what is not withdrawn, or to a programme never consented to, does
    // nothing: no new consent, and no "given" notice.
    for (const id of [await newestConsent(), given]) {
      const res = await p.post(`/profile/consents/${id}/regrant`)
      assert.equal(res.status, 303)
      assert.equal(res.location, '/profile/consents', 'nothing was given again: no notice')
    }
    const never = `buddy.referral:${await programmeId('Opvoedsteunpunt')}`
    assert.equal((await trail()).length, 2)
    assert.equal(
      (
        await t.deps.db
          .selectFrom('consents')
          .select('id')
          .where('person_id', '=', parent.id)
          .where('scope', '=', never)
          .execute()
      ).length,
      0,
    )

    // A programme with only a website is not mailed; the coordinator gets in touch.
    const website = await programmeId('Opvoedsteunpunt')
    await ib.post('/buddies/referrals', {
      parentId: parent.id,
      programmeId: website,
      consent: 'yes',
    })
    const web = (await referralsOf()).find((r) => r.programme_id === website)
    assert.ok(web && web.mailed_at === null)
  })

  it('only coordinators refer, and only parents of their own school', async () => {
    const programme = (
      await t.deps.db
        .selectFrom('buddy_programmes')
        .select('id')
        .where('name', '=', 'Home-Start Lindenhoeve')
        .executeTakeFirstOrThrow()
    ).id
    const parent = await freshParent(14)
    const teacher = await as(persona('teacher'))
    assert.equal(
      (
        await teacher.post('/buddies/referrals', {
          parentId: parent.id,
          programmeId: programme,
          consent: 'yes',
        })
      ).status,
      403,
    )
    const staff = (
      await t.deps.db
        .selectFrom('people')
        .select('id')
        .where('email', '=', persona('teacher'))
        .executeTakeFirstOrThrow()
    ).id
    const ib = await as(persona('ib'))
    await ib.get('/buddies/settings')
    assert.equal(
      (
        await ib.post('/buddies/referrals', {
          parentId: staff,
          programmeId: programme,
          consent: 'yes',
        })
      ).status,
      403,
    )
    const parentPage = await as(parent.email)
    assert.equal((await parentPage.get('/buddies/settings')).status, 403)
  })
})

describe('batch match', () => {
  it('at the start of the year the coordinator proposes for all open requests at once', async () => {
    const director = await as(persona('director'))
    const open = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('buddy_requests')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('status', '=', 'open')
            .executeTakeFirstOrThrow()
        ).n,
      )
    const before = await open()
    assert.ok(before >= 5, 'the demo has open requests')
    assert.equal((await director.post('/buddies/batch')).status, 303)
    const after = await open()
    assert.ok(after < before, `proposals were made (${before} → ${after})`)
    const batch = await t.deps.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'buddy.batch')
      .orderBy('at', 'desc')
      .executeTakeFirstOrThrow()
    assert.equal((batch.detail as { proposals: number }).proposals, before - after)
  })

  it('the parent persona sees the demo proposal without the buddy’s name', async () => {
    const c = await as(persona('parent'))
    const text = visibleText((await c.get('/buddies')).text)
    assert.match(text, /Een ouder wil graag met u praten/)
    const proposed = await t.deps.db
      .selectFrom('buddy_links as l')
      .innerJoin('buddy_requests as r', 'r.id', 'l.request_id')
      .innerJoin('buddy_offers as o', 'o.id', 'l.offer_id')
      .innerJoin('people as b', 'b.id', 'o.person_id')
      .innerJoin('people as me', 'me.id', 'r.person_id')
      .select('b.name')
      .where('me.email', '=', persona('parent'))
      .where('l.parent_consent_at', 'is', null)
      .executeTakeFirstOrThrow()
    assert.doesNotMatch(await everythingVisibleTo(c), new RegExp(proposed.name))
  })
})

describe('finding a parent', () => {
  it('a coordinator finds a parent by name instead of getting every parent of the school on the page', async () => {
    const ib = await as(persona('ib'))
    const parent = await freshParent(15)
    const options = (html: string) =>
      [...html.matchAll(/name="parentId"[^>]*>([\s\S]*?)<\/select>/g)].flatMap((m) =>
        [...(m[1] ?? '').matchAll(/<option value="([^"]+)"/g)].map((o) => o[1]),
      )
    // Unsearched: a search form, and no list of names.
    const plain = await ib.get('/buddies')
    assert.equal(plain.status, 200)
    assert.match(plain.text, /<search><form method="post" action="\/buddies\/find-parent#h-signal"/)
    assert.deepEqual(options(plain.text), [])
    assert.equal(visibleText(plain.text).includes(parent.name), false)

    // Part of the surname finds them, in the signal form and in the referral form alike.
    const part = (parent.name.split(' ').at(-1) ?? '').slice(0, 4)
    assert.ok(part.length >= 2)
    // Posted, not in the address: a parent's name belongs in no URL, proxy log or history.
    for (const path of ['/buddies/find-parent', '/buddies/settings/find-parent']) {
      const found = await ib.post(path, { parent: part.toLowerCase() })
      assert.equal(found.status, 200)
      const ids = options(found.text)
      assert.ok(ids.includes(parent.id), `${path} offers the parent searched for`)
      assert.ok(ids.length <= 30 * 2, 'at most 30 matches per form')
      assert.match(
        found.text,
        new RegExp(`value="${part.toLowerCase()}"`),
        'the search stays filled in',
      )
    }

    // Nobody by that name; wildcards are letters; one letter is not a search yet.
    const find = (parent: string) => ib.post('/buddies/find-parent', { parent })
    const none = await find('zzqx')
    assert.deepEqual(options(none.text), [])
    assert.match(visibleText(none.text), /Geen ouder gevonden met “zzqx”/)
    const wild = await find('%_')
    assert.deepEqual(options(wild.text), [])
    assert.match(visibleText(wild.text), /Geen ouder gevonden met “%_”/)
    const one = await find('a')
    assert.deepEqual(options(one.text), [])
    assert.doesNotMatch(visibleText(one.text), /Geen ouder gevonden/)
    // Too long to be a name: treated as no search at all (nothing found is not claimed).
    const long = await find('a'.repeat(101))
    assert.equal(long.status, 200)
    assert.deepEqual(options(long.text), [])
    assert.doesNotMatch(visibleText(long.text), /Geen ouder gevonden/)

    // Only parents of the coordinator's own school, whatever the name.
    const other = await t.deps.db
      .selectFrom('people as p')
      .innerJoin('memberships as m', 'm.person_id', 'p.id')
      .innerJoin('schools as s', 's.id', 'm.school_id')
      .select(['p.id', 'p.name'])
      .where('s.name', '!=', 'Basisschool De Regenboog')
      .where('m.role', '=', 'parent')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('memberships as here')
              .innerJoin('schools as hs', 'hs.id', 'here.school_id')
              .select('here.person_id')
              .whereRef('here.person_id', '=', 'p.id')
              .where('hs.name', '=', 'Basisschool De Regenboog'),
          ),
        ),
      )
      .orderBy('p.name')
      .executeTakeFirstOrThrow()
    const elsewhere = await find(other.name)
    assert.equal(options(elsewhere.text).includes(other.id), false)

    // Teachers have the list of their own groups' parents, and no school-wide search.
    const teacher = await as(persona('teacher'))
    assert.equal((await teacher.post('/buddies/find-parent', { parent: part })).status, 403)
  })
})

describe('who may see a name or a contact', () => {
  const env = { demo: false }
  const link = (parentConsent: boolean, buddyConsent: boolean, schoolId = 'school-a') => ({
    schoolId,
    parentId: 'me',
    buddyId: 'buddy',
    parentConsent,
    buddyConsent,
  })

  it('the two sides of a link see each other’s name and contact only once both said yes', () => {
    const parent = me(['parent'])
    const buddy = me(['parent'], 'school-a', 'buddy')
    for (const [parentYes, buddyYes] of [
      [false, false],
      [true, false],
      [false, true],
    ] as const) {
      for (const who of [parent, buddy]) {
        const facts = link(parentYes, buddyYes)
        assert.equal(can(who, 'buddies.seeName', { on: 'link', ...facts }, env), false)
        assert.equal(can(who, 'buddies.seeContact', facts, env), false)
      }
    }
    for (const who of [parent, buddy]) {
      assert.equal(can(who, 'buddies.seeName', { on: 'link', ...link(true, true) }, env), true)
      assert.equal(can(who, 'buddies.seeContact', link(true, true), env), true)
    }
    // Nobody else sees through a link: not another parent, not a coordinator, not another school.
    for (const who of [me(['parent'], 'school-a', 'other'), me(['ib'], 'school-a', 'ib')]) {
      assert.equal(can(who, 'buddies.seeName', { on: 'link', ...link(true, true) }, env), false)
      assert.equal(can(who, 'buddies.seeContact', link(true, true), env), false)
    }
    assert.equal(can(parent, 'buddies.seeContact', link(true, true, 'school-b'), env), false)
    assert.equal(can(null, 'buddies.seeName', { on: 'link', ...link(true, true) }, env), false)
  })

  it('a listed buddy is named to the school’s parents only when they allowed it', () => {
    const listing = (showName: boolean, schoolId = 'school-a') =>
      ({ on: 'listing', schoolId, buddyId: 'buddy', showName }) as const
    assert.equal(can(me(['parent']), 'buddies.seeName', listing(true), env), true)
    assert.equal(can(me(['parent']), 'buddies.seeName', listing(false), env), false)
    assert.equal(can(me(['parent']), 'buddies.seeName', listing(true, 'school-b'), env), false)
    assert.equal(can(me(['brugfiguur']), 'buddies.seeName', listing(true), env), false)
  })

  it('coordinators see the names of their work and of the registry; a named teacher only their theme', () => {
    const work = (namedCoordinatorId: string | null, theme = 'nieuw') =>
      ({ on: 'coordination', schoolId: 'school-a', theme, namedCoordinatorId }) as const
    const school = (schoolId = 'school-a') => ({ on: 'school', schoolId }) as const
    assert.equal(can(me(['ib']), 'buddies.seeName', work(null, 'adhd'), env), true)
    assert.equal(can(me(['teacher']), 'buddies.seeName', work('me'), env), true)
    assert.equal(can(me(['teacher']), 'buddies.seeName', work(null), env), false)
    assert.equal(can(me(['teacher']), 'buddies.seeName', work('someone'), env), false)
    assert.equal(can(me(['parent']), 'buddies.seeName', work('me'), env), false)
    for (const roles of [['ib'], ['director']] as Role[][])
      assert.equal(can(me(roles), 'buddies.seeName', school(), env), true)
    for (const roles of [['teacher'], ['parent'], ['admin'], ['municipal']] as Role[][])
      assert.equal(can(me(roles), 'buddies.seeName', school(), env), false, roles.join())
    assert.equal(can(me(['ib']), 'buddies.seeName', school('school-b'), env), false)
  })

  it('a teacher reaches the parents of their own classes; a coordinator any parent of the school', () => {
    const reach = (teacherIds: string[], personRoles: Role[] = ['parent'], schoolId = 'school-a') =>
      ({ schoolId, parentId: 'p', personRoles, teacherIds }) as const
    for (const action of ['buddies.signal', 'buddies.recruit'] as const) {
      assert.equal(can(me(['teacher']), action, reach(['me']), env), true)
      assert.equal(can(me(['teacher']), action, reach(['someone']), env), false)
      assert.equal(can(me(['teacher']), action, reach(['me'], ['teacher']), env), false)
      assert.equal(can(me(['ib']), action, reach([]), env), true)
      assert.equal(can(me(['ib']), action, reach([], ['parent'], 'school-b'), env), false)
      assert.equal(can(me(['parent']), action, reach(['me']), env), false)
    }
    assert.equal(
      can(me(['teacher']), 'buddies.seeName', { on: 'reach', ...reach(['me']) }, env),
      true,
    )
    assert.equal(
      can(me(['teacher']), 'buddies.seeName', { on: 'reach', ...reach(['someone']) }, env),
      false,
    )
    // A referral is for a parent of the school, decided on the person's roles there.
    const referral = (personRoles: Role[], schoolId = 'school-a') => ({
      schoolId,
      parentId: 'p',
      personRoles,
    })
    assert.equal(can(me(['ib']), 'buddies.refer', referral(['parent']), env), true)
    assert.equal(can(me(['ib']), 'buddies.refer', referral(['teacher']), env), false)
    assert.equal(can(me(['ib']), 'buddies.refer', referral([]), env), false)
    assert.equal(can(me(['ib']), 'buddies.refer', referral(['parent'], 'school-b'), env), false)
    assert.equal(can(me(['teacher']), 'buddies.refer', referral(['parent']), env), false)
  })
})

describe('buddy consents in the one ledger', () => {
  const schoolOf = async (personId: string) =>
    (
      await t.deps.db
        .selectFrom('memberships')
        .select('school_id')
        .where('person_id', '=', personId)
        .where('role', '=', 'parent')
        .executeTakeFirstOrThrow()
    ).school_id
  /** The person's newest consent of a scope, as the ledger hands it out. */
  const consentOf = async (personId: string, kind: string, subject: string | null = null) => {
    const all = await consentsOf(t.deps.db, await schoolOf(personId), personId)
    const found = all.filter((k) => k.kind === kind && k.subject === subject).at(-1)
    assert.ok(found, `${kind}:${subject} is on record`)
    return found
  }
  const linesOf = async (personId: string) =>
    t.deps.consents.linesFor(t.deps.db, await schoolOf(personId), personId, translator('nl'))

  it('names each kind in the parent’s words; withdrawing ends what rests on it, and only a referral is given again', async () => {
    const buddy = await freshParent(16)
    const asker = await freshParent(17)
    const other = await freshParent(18)
    const b = await as(buddy.email)
    await b.post('/buddies/offer', {
      themes: 'scheiding',
      showName: 'yes',
      contactChannel: 'email',
      capacity: '3',
    })
    const offer = await t.deps.db
      .selectFrom('buddy_offers')
      .select('id')
      .where('person_id', '=', buddy.id)
      .executeTakeFirstOrThrow()
    const a = await as(asker.email)
    assert.equal(
      (await a.post(`/buddies/offers/${offer.id}/contact`, { theme: 'scheiding' })).status,
      303,
    )
    await a.post('/buddies/ask', { theme: 'dyslexie' })
    const linkOf = async (personId: string) =>
      t.deps.db
        .selectFrom('buddy_links as l')
        .innerJoin('buddy_requests as r', 'r.id', 'l.request_id')
        .select(['l.id', 'l.closed_at', 'r.id as requestId', 'r.status'])
        .where('r.person_id', '=', personId)
        .where('l.offer_id', '=', offer.id)
        .executeTakeFirstOrThrow()
    const link = await linkOf(asker.id)

    // Each line in the parent's words, with the theme and the school's wording.
    const lines = await linesOf(asker.id)
    const texts = lines.map((l) => visibleText(l.text))
    assert.ok(texts.includes('Een buddy vragen: Scheiding'), texts.join(' | '))
    assert.ok(texts.includes('Een buddy vragen: Dyslexie'))
    assert.ok(texts.includes('Kennismaken met een buddy'))
    assert.ok(lines.every((l) => l.withdrawable && !l.regrantable))
    assert.deepEqual((await linesOf(buddy.id)).map((l) => l.text).sort(), [
      'Buddy zijn',
      'Mijn naam mag genoemd worden',
    ])

    // The link: withdrawing the yes ends the link and its request.
    assert.equal(
      await t.deps.consents.withdraw(t.deps, await consentOf(asker.id, 'buddy.link', link.id)),
      true,
    )
    const ended = await linkOf(asker.id)
    assert.ok(ended.closed_at)
    assert.equal(ended.status, 'closed')

    // A request: withdrawing it closes the open request.
    await t.deps.consents.withdraw(t.deps, await consentOf(asker.id, 'buddy.request', 'dyslexie'))
    const asked = await t.deps.db
      .selectFrom('buddy_requests')
      .select('status')
      .where('person_id', '=', asker.id)
      .where('theme', '=', 'dyslexie')
      .executeTakeFirstOrThrow()
    assert.equal(asked.status, 'closed')

    // "My name may be shown": withdrawing it takes the buddy off the list parents see.
    const o = await as(other.email)
    await o.post(`/buddies/offers/${offer.id}/contact`, { theme: 'scheiding' })
    assert.match(
      visibleText((await (await as(asker.email)).get('/buddies')).text),
      new RegExp(buddy.name),
    )
    await t.deps.consents.withdraw(t.deps, await consentOf(buddy.id, 'buddy.showName'))
    assert.doesNotMatch(
      visibleText((await (await as(asker.email)).get('/buddies')).text),
      new RegExp(buddy.name),
    )

    // The offer: withdrawing it is stopping as a buddy, and a proposal still waiting ends.
    await t.deps.consents.withdraw(t.deps, await consentOf(buddy.id, 'buddy.offer'))
    const stopped = await t.deps.db
      .selectFrom('buddy_offers')
      .select(['status', 'show_name'])
      .where('id', '=', offer.id)
      .executeTakeFirstOrThrow()
    assert.deepEqual(stopped, { status: 'withdrawn', show_name: false })
    const waiting = await linkOf(other.id)
    assert.ok(waiting.closed_at, 'the proposal that waited for the buddy ended')
    assert.equal(waiting.status, 'open', 'the parent’s request is open again')

    // None of these is given again from the consents page: they are made again on /buddies.
    assert.ok((await linesOf(buddy.id)).every((l) => !l.regrantable && !l.withdrawable))
    assert.ok((await linesOf(asker.id)).every((l) => !l.regrantable))
  })
})
