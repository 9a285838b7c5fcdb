// Homes show what is waiting, per role, and say "nothing here" only when that is true: each
// case is seeded and the home is compared with the feature page where the work is done. No
// name reaches a parent's home, and the parent home stays one statement beyond the session.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import type { Role } from '../src/core/db/schema.ts'
import { createSchool } from '../src/features/schools/index.ts'
import { type Client, type TestApp, testApp, visibleText } from './helpers.ts'

let t: TestApp
before(async () => {
  t = await testApp()
})
after(() => t.close())

const idOf = (key: string) => {
  const id = t.seed?.ids.get(key)
  assert.ok(id, `demo id ${key}`)
  return id
}

async function as(email: string): Promise<Client> {
  const c = t.client()
  await c.signInByEmail(t.deps.db, email)
  return c
}

async function personaClient(name: 'parent' | 'teacher' | 'ib' | 'director') {
  const c = t.client()
  await c.signInAs(name)
  return c
}

/** A page's main content as text, with the few entities our pages use decoded. */
const textIn = (html: string): string =>
  visibleText(html.match(/<main[^>]*>([\s\S]*)<\/main>/)?.[1] ?? html)
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')

async function textOf(c: Client, path: string): Promise<string> {
  const res = await c.get(path)
  assert.equal(res.status, 200, path)
  return textIn(res.text)
}

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The number after a label ("Open vragen 18"), or null when the label is not there. */
const figure = (text: string, label: string): number | null => {
  const m = text.match(new RegExp(`${literal(label)}:? (\\d+)`))
  return m ? Number(m[1]) : null
}

async function personOf(key: string) {
  return t.deps.db
    .selectFrom('people')
    .select(['id', 'email', 'name'])
    .where('id', '=', idOf(key))
    .executeTakeFirstOrThrow()
}

/** Dutch pages for this person (demo parents read many languages). */
const readsDutch = (personId: string) =>
  t.deps.db.updateTable('people').set({ language: 'nl' }).where('id', '=', personId).execute()

describe('the IB and the director', () => {
  it('see the open requests, signals, proposals, links and idle buddies that /buddies counts', async () => {
    const regenboog = idOf('school:regenboog')
    const counts = (
      await sql<{ open: number; signals: number; proposed: number }>`select
        count(*) filter (where status = 'open')::int as open,
        count(*) filter (where status = 'open' and source = 'signal')::int as signals,
        count(*) filter (where status = 'proposed')::int as proposed
      from buddy_requests where school_id = ${regenboog}`.execute(t.deps.db)
    ).rows[0]
    assert.ok(counts && counts.open > 0 && counts.signals > 0 && counts.proposed > 0)
    for (const who of ['ib', 'director'] as const) {
      const c = await personaClient(who)
      const home = await textOf(c, '/home')
      const buddies = await textOf(c, '/buddies')
      assert.match(home, /Ouderbuddy's en zorg/)
      assert.doesNotMatch(home, /Er is nog niets/)
      for (const label of [
        'Open vragen',
        'Voorgesteld, wacht op antwoord',
        'Actieve koppelingen',
        "Buddy's zonder ouder",
        'Langste wachttijd (dagen)',
      ]) {
        const onHome = figure(home, label)
        assert.notEqual(onHome, null, `${who} home shows ${label}`)
        assert.equal(onHome, figure(buddies, label), `${who}: ${label} as on /buddies`)
      }
      assert.equal(figure(home, 'Open vragen'), counts.open)
      assert.equal(figure(home, 'Open signalen van leerkrachten'), counts.signals)
      assert.equal(figure(home, 'Voorgesteld, wacht op antwoord'), counts.proposed)
      assert.match((await c.get('/home')).text, /<a href="\/buddies">Vragen en signalen<\/a>/)
    }
  })

  it('the longest wait on the home is the oldest open request', async () => {
    const regenboog = idOf('school:regenboog')
    // Older than any demo request: the home must find this one, whatever the seed spread.
    await sql`update buddy_requests set created_at = now() - interval '45 days'
      where id = (select id from buddy_requests where school_id = ${regenboog}
        and status = 'open' order by created_at desc limit 1)`.execute(t.deps.db)
    const c = await personaClient('ib')
    const home = await textOf(c, '/home')
    assert.equal(figure(home, 'Langste wachttijd (dagen)'), 45)
    assert.equal(figure(await textOf(c, '/buddies'), 'Langste wachttijd (dagen)'), 45)
  })

  it('a teacher named for a theme sees the work of that theme only, no school figures', async () => {
    const named = await personOf('person:regenboog:Groep 1/2b:teacher')
    const regenboog = idOf('school:regenboog')
    const nieuw = await t.deps.db
      .selectFrom('buddy_requests')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('school_id', '=', regenboog)
      .where('status', '=', 'open')
      .where('theme', '=', 'nieuw')
      .executeTakeFirstOrThrow()
    const home = await textOf(await as(named.email), '/home')
    assert.equal(figure(home, 'Open vragen'), Number(nieuw.n))
    assert.equal(figure(home, 'Actieve koppelingen'), null)
    // The teacher of the class next door coordinates nothing: no buddy work on their home.
    assert.doesNotMatch(
      await textOf(await personaClient('teacher'), '/home'),
      /Ouderbuddy's en zorg/,
    )
  })
})

describe('a teacher', () => {
  it('sees as many signals as /buddies lists, and one more after signalling a parent', async () => {
    const c = await personaClient('teacher')
    const received = async () =>
      ((await c.get('/buddies')).text.match(/· ontvangen</g) ?? []).length
    const before = await received()
    assert.ok(before > 0)
    let home = await textOf(c, '/home')
    assert.equal(figure(home, 'Uw signalen, ontvangen door de school'), before)
    assert.doesNotMatch(home, /Er zijn nog geen signalen/)
    const teacher = await personOf('person:persona:teacher')
    const parent = await t.deps.db
      .selectFrom('guardianships as gu')
      .innerJoin('children as ch', 'ch.id', 'gu.child_id')
      .innerJoin('group_teachers as gt', 'gt.group_id', 'ch.group_id')
      .select('gu.person_id')
      .where('gt.person_id', '=', teacher.id)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('buddy_requests as r')
              .select('r.id')
              .whereRef('r.person_id', '=', 'gu.person_id'),
          ),
        ),
      )
      .executeTakeFirstOrThrow()
    await c.get('/buddies')
    const res = await c.post('/buddies/signal', { parentId: parent.person_id, theme: 'pesten' })
    assert.equal(res.status, 303)
    assert.equal(await received(), before + 1)
    home = await textOf(c, '/home')
    assert.equal(figure(home, 'Uw signalen, ontvangen door de school'), before + 1)
  })

  it('sees the children of their groups whose parents are not invited yet, as the group page does', async () => {
    const c = await personaClient('teacher')
    const group = idOf('group:regenboog:Groep 1/2a')
    const noParent = async () =>
      ((await c.get(`/groups/${group}`)).text.match(/nog geen ouder in Kringwerk/g) ?? []).length
    assert.equal(await noParent(), 0)
    assert.doesNotMatch(await textOf(c, '/home'), /nog niet in Kringwerk/)
    await t.deps.db
      .insertInto('children')
      .values([
        { school_id: idOf('school:regenboog'), group_id: group, first_name: 'Noor' },
        { school_id: idOf('school:regenboog'), group_id: group, first_name: 'Daan' },
      ])
      .execute()
    assert.equal(await noParent(), 2)
    const home = await c.get('/home')
    assert.equal(
      figure(textIn(home.text), 'Kinderen van wie de ouders nog niet in Kringwerk zijn'),
      2,
    )
    assert.match(home.text, new RegExp(`href="/groups/${group}#invite"`))
  })
})

describe('a parent (and nothing else)', () => {
  it('asks nothing beyond the session, and says where the answers are', async () => {
    const c = await personaClient('parent')
    await c.get('/home')
    await t.deps.background.settled()
    // Kysely's executor, counted for one request (an internal handle: tests only).
    const executor = t.deps.db.getExecutor()
    const original = executor.executeQuery.bind(executor)
    const seen: string[] = []
    executor.executeQuery = ((q: { sql: string }) => {
      seen.push(q.sql)
      return original(q as Parameters<typeof original>[0])
    }) as typeof executor.executeQuery
    try {
      assert.equal((await c.get('/home')).status, 200)
    } finally {
      executor.executeQuery = original
    }
    assert.equal(seen.length, 1, seen.join('\n---\n'))
    assert.match(seen[0] ?? '', /from "sessions"/)
    // No claim that nothing waits: the home links to the pages that hold the answers.
    const home = await c.get('/home')
    assert.match(home.text, /<a href="\/buddies">/)
    assert.match(home.text, /<a href="\/circles">/)
    assert.doesNotMatch(textIn(home.text), /Er is nog niets|Wacht op uw antwoord/)
  })
})

describe('a parent who also works at the school', () => {
  // A parent-only home asks nothing beyond the session (the test above); a parent with a
  // staff role has a home that loads, and it shows what waits for them as a parent.
  /** Gives a parent a staff role in their school as well (a brugfiguur who is a parent). */
  async function alsoStaff(personId: string) {
    const m = await t.deps.db
      .selectFrom('memberships')
      .select('school_id')
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow()
    await t.deps.db
      .insertInto('memberships')
      .values({ person_id: personId, school_id: m.school_id, role: 'brugfiguur', invited_by: null })
      .execute()
  }
  before(async () => alsoStaff((await personOf('person:persona:parent')).id))

  it('sees the proposal waiting for her answer; after her yes it waits on the buddy, and no home names the other', async () => {
    const parent = await personOf('person:persona:parent')
    const link = await t.deps.db
      .selectFrom('buddy_links as l')
      .innerJoin('buddy_requests as r', 'r.id', 'l.request_id')
      .innerJoin('buddy_offers as o', 'o.id', 'l.offer_id')
      .innerJoin('people as b', 'b.id', 'o.person_id')
      .select(['l.id', 'b.id as buddyId', 'b.email as buddyEmail', 'b.name as buddyName'])
      .where('r.person_id', '=', parent.id)
      .where('l.parent_consent_at', 'is', null)
      .executeTakeFirstOrThrow()
    await readsDutch(link.buddyId)
    await alsoStaff(link.buddyId)
    const c = await personaClient('parent')
    const buddies = await textOf(c, '/buddies')
    let home = await c.get('/home')
    const proposals = (text: string) =>
      (text.match(/Een ouder wil graag met u praten/g) ?? []).length
    assert.equal(proposals(textIn(home.text)), 1)
    assert.equal(proposals(textIn(home.text)), proposals(buddies))
    assert.match(home.text, /Wacht op uw antwoord/)
    assert.match(home.text, /<a href="\/buddies">Geef uw antwoord<\/a>/)
    assert.ok(!textIn(home.text).includes(link.buddyName), 'no buddy name before both said yes')

    const buddy = await as(link.buddyEmail)
    const asks = (text: string) => (text.match(/Een ouder vraagt om uw hulp/g) ?? []).length
    assert.equal(asks(await textOf(buddy, '/home')), 0)

    await c.get('/buddies')
    assert.equal((await c.post(`/buddies/links/${link.id}/answer`, { answer: 'yes' })).status, 303)
    home = await c.get('/home')
    assert.equal(proposals(textIn(home.text)), 0)
    assert.doesNotMatch(home.text, /Wacht op uw antwoord/)
    const buddyHome = await textOf(buddy, '/home')
    assert.equal(asks(buddyHome), 1)
    assert.equal(asks(buddyHome), asks(await textOf(buddy, '/buddies')))
    assert.ok(!buddyHome.includes(parent.name), "the buddy's home names no parent yet")
    assert.ok(!buddyHome.includes(parent.email))
  })

  it('sees "helpt het?" when a check-in is due, until she answers it', async () => {
    const buddy = await personOf('person:persona:parent')
    const link = await t.deps.db
      .selectFrom('buddy_links as l')
      .innerJoin('buddy_requests as r', 'r.id', 'l.request_id')
      .innerJoin('buddy_offers as o', 'o.id', 'l.offer_id')
      .innerJoin('people as p', 'p.id', 'r.person_id')
      .select(['l.id', 'p.id as parentId', 'p.email'])
      .where('o.person_id', '=', buddy.id)
      .where('l.buddy_consent_at', 'is not', null)
      .where('l.parent_consent_at', 'is not', null)
      .where('l.closed_at', 'is', null)
      .executeTakeFirstOrThrow()
    await readsDutch(link.parentId)
    await alsoStaff(link.parentId)
    const c = await as(link.email)
    const due = (text: string) => (text.match(/Helpt het\?/g) ?? []).length
    assert.equal(due(await textOf(c, '/home')), 0)
    await sql`update buddy_links set buddy_consent_at = now() - interval '15 days'
      where id = ${link.id}`.execute(t.deps.db)
    const home = await textOf(c, '/home')
    assert.ok(due(home) > 0)
    assert.match(home, /U hebt nu 2 weken een buddy voor/)
    // /buddies shows the same question (its heading and the answers "helpt het?" once more).
    assert.match(await textOf(c, '/buddies'), /U hebt nu 2 weken een buddy voor/)
    await c.get('/buddies')
    assert.equal((await c.post(`/buddies/links/${link.id}/checkin`, { answer: 'yes' })).status, 303)
    assert.equal(due(await textOf(c, '/home')), 0)
  })

  it("sees her children's circle places with the next meeting, as /circles lists them", async () => {
    const c = await personaClient('parent')
    const parent = await personOf('person:persona:parent')
    const places = await t.deps.db
      .selectFrom('circle_members as cm')
      .innerJoin('circles as ci', 'ci.id', 'cm.circle_id')
      .select(['ci.id', 'ci.name'])
      .where('cm.person_id', '=', parent.id)
      .where('cm.status', 'in', ['asked', 'waitlist', 'confirmed'])
      .execute()
    assert.ok(places.length > 0)
    const home = await c.get('/home')
    const circles = await textOf(c, '/circles')
    for (const pl of places) {
      assert.ok(circles.includes(pl.name))
      assert.match(
        home.text,
        new RegExp(`href="/circles/${pl.id}(/join)?"><bdi>${literal(pl.name)}</bdi></a>`),
      )
    }
    assert.match(textIn(home.text), /Volgende bijeenkomst: /)
  })
})

describe('empty states', () => {
  it('a fresh school shows them, and says nothing is waiting where nothing is', async () => {
    const db = t.deps.db
    const schoolId = await createSchool(db, {
      name: 'Basisschool Het Nieuwe Begin',
      municipality: 'Gemeente Lindenhoeve',
      groups: [{ name: 'Groep 3', grade: 3 }],
    })
    const group = await db
      .selectFrom('groups')
      .select('id')
      .where('school_id', '=', schoolId)
      .executeTakeFirstOrThrow()
    const person = async (key: string, role: Role) => {
      const email = `${key}@nieuwe-begin.example`
      const p = await db
        .insertInto('people')
        .values({ email, name: `${key} Test`, first_name: key, language: 'nl' })
        .returning('id')
        .executeTakeFirstOrThrow()
      await db
        .insertInto('memberships')
        .values({ school_id: schoolId, person_id: p.id, role })
        .execute()
      return { id: p.id, email }
    }
    const ib = await person('ib', 'ib')
    const teacher = await person('teacher', 'teacher')
    const parent = await person('parent', 'parent')
    await db
      .insertInto('group_teachers')
      .values({ group_id: group.id, person_id: teacher.id, school_id: schoolId })
      .execute()

    const ibHome = await textOf(await as(ib.email), '/home')
    assert.match(ibHome, /Ouderbuddy's en zorg .*Er is nog niets/)
    assert.equal(figure(ibHome, 'Open vragen'), null)
    const teacherHome = await textOf(await as(teacher.email), '/home')
    assert.match(teacherHome, /Er zijn nog geen signalen/)
    assert.doesNotMatch(teacherHome, /nog niet in Kringwerk zijn/)
    const parentHome = await textOf(await as(parent.email), '/home')
    assert.doesNotMatch(parentHome, /Wacht op uw antwoord|Helpt het\?|Volgende bijeenkomst/)
    assert.match(parentHome, /Hier ziet u uw kinderen/)

    // In the demo school the same homes have work waiting, and say so.
    assert.doesNotMatch(await textOf(await personaClient('ib'), '/home'), /Er is nog niets/)
    assert.doesNotMatch(
      await textOf(await personaClient('teacher'), '/home'),
      /Er zijn nog geen signalen/,
    )
  })
})

describe('a person without a school', () => {
  it('who joined a circle by the open door sees it on their home, not "you belong to no school"', async () => {
    const email = 'buurvrouw.joke@example.org'
    await t.deps.db
      .insertInto('people')
      .values({ email, name: 'Joke de Buurvrouw', first_name: 'Joke', language: 'nl' })
      .execute()
    const c = await as(email)
    assert.match(await textOf(c, '/home'), /U hoort nog niet bij een school/)
    const circle = idOf('circle:mantelzorgkring')
    assert.equal((await c.post(`/circles/${circle}/join`, { for: 'self' })).status, 303)
    const res = await c.get('/home')
    const home = textIn(res.text)
    assert.doesNotMatch(home, /U hoort nog niet bij een school/)
    assert.match(home, /Kringen waar u aan meedoet Mantelzorgkring/)
    assert.match(home, /aangemeld, wacht op de begeleider|op de wachtlijst/)
    assert.match(
      res.text,
      new RegExp(`href="/circles/${circle}/join"><bdi>Mantelzorgkring</bdi></a>`),
    )
  })
})
