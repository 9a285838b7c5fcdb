// Kringen: the door is open (no reason asked, by form or by table), a facilitator confirms
// places and runs meetings, topic proposals vanish when a meeting closes, evaluations show
// only from five answers, and hosts and the municipality see counts, never names.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { consentById, consentState } from '../src/core/consent.ts'
import { translator } from '../src/core/i18n/index.ts'
import { addDays, schoolDate } from '../src/core/time.ts'
import {
  forgetEndedPlaces,
  forgetStaleTopics,
  sendReminders,
} from '../src/features/circles/commands/upkeep.ts'
import { circleChildScope } from '../src/features/circles/index.ts'
import { posterPdf } from '../src/features/circles/poster.ts'
import { getCircle } from '../src/features/circles/read/circle.ts'
import { listOutbox } from '../src/features/outbox/read/mail.ts'
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
    // The form's fields are exactly: the CSRF token, a first name, an address.
    const fields = [...page.text.matchAll(/<(?:input|textarea|select)[^>]*name="([^"]+)"/g)].map(
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
    await t.deps.background.settled()
    const mail = await outboxFor('greet.mantelzorg@example.org')
    const link = mail[0]?.body_text.match(/https?:\/\/\S+/)?.[0] ?? ''
    assert.match(link, new RegExp(`next=${encodeURIComponent(`/circles/${id}/join`)}`))
    // Following the link signs Greet in (a person with no role anywhere) and brings her back.
    const url = new URL(link)
    const greet = t.client()
    await greet.get(`${url.pathname}${url.search}`)
    const signedIn = await greet.post('/signin/verify', {
      token: url.searchParams.get('token') ?? '',
      next: url.searchParams.get('next') ?? '',
    })
    assert.equal(signedIn.status, 303)
    assert.equal(signedIn.location, `/circles/${id}/join`)
    const join = await greet.get(`/circles/${id}/join`)
    assert.match(join.text, /Meld mij aan/)
    assert.equal((await greet.post(`/circles/${id}/join`, { for: 'self' })).status, 303)
    const mine = visibleText((await greet.get('/circles')).text)
    assert.match(
      mine,
      /Mijn kringen Mantelzorgkring .*(aangemeld, wacht op de begeleider|op de wachtlijst)/,
    )
    assert.equal((await greet.get('/home')).status, 200)
    // She holds no role: nothing of the school beyond the circle's public facts.
    assert.equal((await greet.get('/people')).status, 403)
    // A child's circle needs a parent who signs in: no anonymous sign-up.
    const kid = await t.client().get(`/circles/${idOf('circle:kinderkring')}/join`)
    assert.match(kid.text, /Log in om uw kind aan te melden/)
    assert.doesNotMatch(kid.text, /name="email"/)
  })

  it("a parent takes a child's place only with consent, and only for their own child", async () => {
    const id = idOf('circle:kinderkring')
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
    assert.match(mine, /Mijn kind doet mee aan een kring: Amira · Kinderkring groep 6 tot 8/)
  })

  it('withdrawing that consent ends the place; a new sign-up is a new consent; leaving withdraws it', async () => {
    const id = idOf('circle:kinderkring')
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
    const f = await personas('facilitator')
    const declined = await f.post(`/circles/${id}/members/${again.id}/decide`, {
      decision: 'decline',
    })
    assert.equal(declined.status, 303)
    assert.equal((await place()).status, 'declined')
    const last = (await ledger(again.id)).at(-1)
    assert.ok(last?.withdrawn_at instanceof Date)
    assert.equal(last?.withdrawn_by, idOf('person:persona:facilitator'))
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
    const late = await freshParent(5)
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
    assert.doesNotMatch(page, /Ik kon mijn verhaal vertellen\. 5\.0/)
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
    assert.doesNotMatch(page, /verhaal vertellen\. 5\.0/)
    await ib.post(`/circles/${id}/evaluations/${second.id}/close`)
    page = visibleText((await ib.get(`/circles/${id}`)).text)
    assert.match(page, /Ik kon mijn verhaal vertellen\. 5\.0/)
    assert.match(page, /Ik voel me mede verantwoordelijk voor de kring\. 2\.0/)
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
    assert.match(lines[0] ?? '', /^School of gemeente,Soort,Kringen,Deelnemers/)
    // Ouderkring De Vlinderboom's demo evaluation has 5 answers: its averages are shown.
    assert.ok(
      lines.some((l) => l.startsWith('IKC De Vlinderboom,Ouderkring,1,6,') && /,5,\d\.\d/.test(l)),
    )
    // The kinderkring's evaluation had 3 answers: no averages.
    const kinder = lines.find((l) => l.startsWith('Basisschool De Regenboog,Kinderkring,'))
    assert.ok(kinder)
    assert.match(kinder, /,0,+$/)
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
