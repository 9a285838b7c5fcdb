// Partners at school: everyone at the school reads who comes, what for and when; a parent books
// a spreekuur without giving a reason; the topic they may add is for the partner alone; the
// school sees that a time is taken, not by whom, unless the parent asked for the teacher; a
// partner's hours at one school never show at another.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { catalogs } from '../src/core/i18n/index.ts'
import { BookInput } from '../src/features/partners/schema.ts'
import { type TestApp, testApp, visibleText } from './helpers.ts'

let t: TestApp
before(async () => {
  t = await testApp()
})
after(() => t.close())

const nl = catalogs.nl

/** Karin's next spreekuur at De Regenboog, and its free times as the page offers them. */
async function karinsHour() {
  const db = t.deps.db
  const h = await db
    .selectFrom('partner_hours')
    .select(['id', 'starts_at'])
    .where('school_id', '=', t.idOf('school:regenboog'))
    .where('partner_id', '=', t.idOf('person:persona:partner'))
    .where('kind', '=', 'spreekuur')
    .orderBy('starts_at')
    .executeTakeFirstOrThrow()
  return h
}

const freeTimes = (html: string) =>
  [...html.matchAll(/name="slot" value="([^"]+)"/g)].map((m) => m[1] as string)

describe('the presence schedule', () => {
  it('a parent reads who comes, what for, how to reach them and when, with the promise first', async () => {
    const c = await t.as('parent')
    const r = await c.get('/partners')
    assert.equal(r.status, 200)
    const text = visibleText(r.text)
    for (const s of [
      'Karin Mulder',
      'Opvoedadviseur',
      'CJG Lindenhoeve',
      'Anouk de Wit',
      '06 1234 5678',
    ])
      assert.ok(text.includes(s), s)
    assert.ok(text.includes(nl['partners.promise'] ?? '?'))
    // Karin's hours at the other school are not on this school's schedule.
    assert.ok(!text.includes('de kamer naast de bibliotheek'))
  })

  it("a partner's hours at the other school show there, and only there", async () => {
    const c = await t.as('partner')
    const vlinderboom = t.idOf('school:vlinderboom')
    const switched = await c.post('/school', { schoolId: vlinderboom })
    assert.ok([302, 303].includes(switched.status), `switch: ${switched.status}`)
    const r = await c.get('/partners')
    assert.ok(visibleText(r.text).includes('de kamer naast de bibliotheek'))
    assert.ok(!visibleText(r.text).includes('de ouderkamer'))
  })
})

describe('booking a spreekuur', () => {
  it('asks no reason: the form has a time, an optional topic and the teacher, nothing else', () => {
    assert.deepEqual(Object.keys(BookInput.shape).sort(), ['slot', 'topic', 'withTeacher'])
    const ok = BookInput.safeParse({ slot: new Date(Date.now() + 86_400_000).toISOString() })
    assert.ok(ok.success, 'a time alone books')
  })

  it('the topic is read by the partner only; the school sees a taken time, not who took it', async () => {
    const hour = await karinsHour()
    const parent = await t.as('parent')
    const page = await parent.get(`/partners/hours/${hour.id}`)
    const [slot] = freeTimes(page.text)
    assert.ok(slot, 'a free time')
    const topic = 'Onze zoon slaapt slecht sinds de verhuizing'
    const booked = await parent.post(`/partners/hours/${hour.id}/book`, { slot, topic })
    assert.equal(booked.status, 303)
    const mine = await parent.get(`/partners/hours/${hour.id}`)
    assert.ok(visibleText(mine.text).includes(nl['partners.cancel'] ?? '?'))

    const partner = await t.as('partner')
    const seen = visibleText((await partner.get(`/partners/hours/${hour.id}`)).text)
    assert.ok(seen.includes('Samira Haddad'), 'the partner sees who comes')
    assert.ok(seen.includes(topic), 'the partner reads the topic')

    for (const role of ['teacher', 'ib', 'director', 'brugfiguur'] as const) {
      const c = await t.as(role)
      const r = await c.get(`/partners/hours/${hour.id}`)
      assert.equal(r.status, 200, role)
      const text = visibleText(r.text)
      assert.ok(!text.includes(topic), `${role} does not read the topic`)
      assert.ok(!text.includes('Samira'), `${role} does not see who booked`)
      // Who may book sees the free times to choose from; the others see which are taken.
      if (role !== 'teacher')
        assert.ok(text.includes(nl['partners.taken'] ?? '?'), `${role} sees a taken time`)
    }
    // Nor does the audit log name her (the director reads it).
    const director = await t.as('director')
    const log = visibleText((await director.get('/audit')).text)
    assert.ok(log.includes(nl['audit.action.partner.book'] ?? '?'))
    const actors = await t.deps.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('action', '=', 'partner.book')
      .execute()
    assert.ok(actors.length >= 1 && actors.every((a) => a.actor_id === null))

    // Mail: a confirmation to her (without the topic) and a note to the partner.
    const mails = await t.deps.db
      .selectFrom('outbox')
      .select(['person_id', 'subject', 'body_text'])
      .where('person_id', 'in', [t.idOf('person:persona:parent'), t.idOf('person:persona:partner')])
      .where('subject', 'like', '%fspraak%')
      .execute()
    assert.ok(mails.some((m) => m.person_id === t.idOf('person:persona:parent')))
    assert.ok(mails.some((m) => m.person_id === t.idOf('person:persona:partner')))
    assert.ok(!mails.some((m) => m.body_text.includes(topic)), 'no mail carries the topic')
  })

  it('a time taken cannot be taken again, and the form says so', async () => {
    const hour = await karinsHour()
    const taken = await t.deps.db
      .selectFrom('partner_bookings')
      .select('starts_at')
      .where('hour_id', '=', hour.id)
      .where('cancelled_at', 'is', null)
      .executeTakeFirstOrThrow()
    const c = await t.as('teacher')
    const r = await c.post(`/partners/hours/${hour.id}/book`, {
      slot: taken.starts_at.toISOString(),
    })
    assert.equal(r.status, 409)
    assert.ok(visibleText(r.text).includes(nl['partners.slotTaken'] ?? '?'))
    assert.ok(r.text.includes('name="slot"'), 'the form is there to pick another time')
  })

  it('a parent who asks for the teacher: that teacher sees the name, another does not', async () => {
    const hour = await karinsHour()
    // The demo's second booking asked for the teacher of Groep 1/2a (Marieke Bos, the persona).
    const asked = await t.deps.db
      .selectFrom('partner_bookings as b')
      .innerJoin('people as p', 'p.id', 'b.person_id')
      .select('p.name')
      .where('b.hour_id', '=', hour.id)
      .where('b.with_teacher', '=', true)
      .executeTakeFirstOrThrow()
    const teacher = await t.as('teacher')
    assert.ok(visibleText((await teacher.get('/partners')).text).includes(asked.name))
    const other = await t.deps.db
      .selectFrom('group_teachers as gt')
      .innerJoin('groups as g', 'g.id', 'gt.group_id')
      .select('gt.person_id')
      .where('g.school_id', '=', t.idOf('school:regenboog'))
      .where('g.name', '=', 'Groep 8')
      .executeTakeFirstOrThrow()
    const c = await t.asPerson(other.person_id)
    const text = visibleText((await c.get('/partners')).text)
    assert.ok(!text.includes(asked.name))
    assert.ok(!visibleText((await c.get(`/partners/hours/${hour.id}`)).text).includes(asked.name))
  })

  it('the booker cancels; the time is free again and the partner hears of it', async () => {
    const hour = await karinsHour()
    const parent = await t.as('parent')
    const page = await parent.get(`/partners/hours/${hour.id}`)
    const id = /action="\/partners\/bookings\/([^/]+)\/cancel"/.exec(page.text)?.[1]
    assert.ok(id, 'a cancel button')
    // Her calendar gets the appointment; after cancelling, the same event (same UID) is cancelled.
    const ics = await parent.get(`/partners/bookings/${id}/calendar.ics`)
    assert.equal(ics.status, 200)
    assert.match(ics.text, new RegExp(`UID:partner-booking-${id}@`))
    assert.match(ics.text, /STATUS:CONFIRMED/)
    const teacher = await t.as('teacher')
    assert.equal((await teacher.get(`/partners/bookings/${id}/calendar.ics`)).status, 403)
    const r = await parent.post(`/partners/bookings/${id}/cancel`)
    assert.equal(r.status, 303)
    const gone = await parent.get(`/partners/bookings/${id}/calendar.ics`)
    assert.match(gone.text, new RegExp(`UID:partner-booking-${id}@`))
    assert.match(gone.text, /STATUS:CANCELLED/)
    const row = await t.deps.db
      .selectFrom('partner_bookings')
      .select('cancelled_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    assert.ok(row.cancelled_at)
    const mail = await t.deps.db
      .selectFrom('outbox')
      .select('subject')
      .where('person_id', '=', t.idOf('person:persona:partner'))
      .where('subject', 'like', '%gaat niet door%')
      .execute()
    assert.equal(mail.length, 1)
    // Someone else may not cancel another's booking.
    const other = await t.deps.db
      .selectFrom('partner_bookings')
      .select('id')
      .where('hour_id', '=', hour.id)
      .where('cancelled_at', 'is', null)
      .executeTakeFirstOrThrow()
    const again = await parent.post(`/partners/bookings/${other.id}/cancel`)
    assert.equal(again.status, 403)
  })
})

describe('a partner adds hours', () => {
  it('a series skips the days off; a Dutch date and time are understood; bad input keeps the form', async () => {
    const c = await t.as('partner')
    const bad = await c.post('/partners/new', {
      kind: 'spreekuur',
      'firstDate.day': '31',
      'firstDate.month': '2',
      'firstDate.year': '2027',
      time: '14.00',
      minutes: '60',
      slotMinutes: '20',
      recurrence: 'weekly',
      count: '3',
      place: 'Vlinderlokaal nergens',
    })
    assert.equal(bad.status, 400)
    assert.ok(bad.text.includes('value="Vlinderlokaal nergens"'), 'the place is kept')
    const ok = await c.post('/partners/new', {
      kind: 'spreekuur',
      'firstDate.day': '18',
      'firstDate.month': '12',
      'firstDate.year': '2026',
      time: '14.00',
      minutes: '60',
      slotMinutes: '20',
      recurrence: 'weekly',
      count: '3',
      place: 'het speellokaal',
    })
    assert.equal(ok.status, 303)
    const rows = await t.deps.db
      .selectFrom('partner_hours')
      .select('starts_at')
      .where('place', '=', 'het speellokaal')
      .orderBy('starts_at')
      .execute()
    assert.equal(rows.length, 3)
    // 25 December and 1 January fall in the Christmas holiday: the series passes over them.
    const days = rows.map((r) => r.starts_at.toISOString().slice(0, 10))
    assert.ok(!days.includes('2026-12-25') && !days.includes('2027-01-01'), days.join(','))
  })

  it('a parent cannot add hours', async () => {
    const c = await t.as('parent')
    assert.equal((await c.get('/partners/new')).status, 403)
  })
})

describe('"ik wil graag praten"', () => {
  const wish = (partner: string, extra: Record<string, string> = {}) => ({
    partner,
    channel: 'phone',
    phone: '06 9876 5432',
    note: 'liefst na half negen',
    consent: 'yes',
    ...extra,
  })

  it('without the yes nothing is stored and the form keeps what was written', async () => {
    const parent = await t.as('parent')
    const r = await parent.post('/partners/talks', wish('any', { consent: '' }))
    assert.equal(r.status, 400)
    assert.ok(r.text.includes('value="06 9876 5432"') && r.text.includes('liefst na half negen'))
    const rows = await t.deps.db.selectFrom('partner_requests').select('id').execute()
    assert.equal(rows.length, 0)
  })

  it('goes to the partner chosen only, with the consent on record; the school never sees it', async () => {
    const karin = t.idOf('person:persona:partner')
    const parent = await t.as('parent')
    const r = await parent.post('/partners/talks', wish(karin))
    assert.equal(r.status, 303)
    const req = await t.deps.db
      .selectFrom('partner_requests')
      .select(['id', 'partner_id'])
      .where('person_id', '=', t.idOf('person:persona:parent'))
      .executeTakeFirstOrThrow()
    assert.equal(req.partner_id, karin)
    const consent = await t.deps.db
      .selectFrom('consents')
      .select(['withdrawn_at'])
      .where('scope', '=', `partner.talk:${req.id}`)
      .executeTakeFirstOrThrow()
    assert.equal(consent.withdrawn_at, null)

    const partner = await t.as('partner')
    const seen = visibleText((await partner.get('/partners')).text)
    assert.ok(seen.includes('Samira Haddad') && seen.includes('06 9876 5432'))
    const anouk = await t.asPerson(t.idOf('person:jgz'))
    assert.ok(!visibleText((await anouk.get('/partners')).text).includes('06 9876 5432'))
    for (const role of ['teacher', 'ib', 'director', 'brugfiguur'] as const) {
      const c = await t.as(role)
      const text = visibleText((await c.get('/partners')).text)
      assert.ok(!text.includes('06 9876 5432') && !text.includes('liefst na half negen'), role)
    }
    const mail = await t.deps.db
      .selectFrom('outbox')
      .select(['body_text'])
      .where('person_id', '=', karin)
      .where('subject', '=', nl['partners.mail.talkSubject'] ?? '?')
      .executeTakeFirstOrThrow()
    assert.ok(!mail.body_text.includes('Samira') && !mail.body_text.includes('06 9876'))
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('action', '=', 'partner.talk')
      .execute()
    assert.ok(audit.length === 1 && audit[0]?.actor_id === null)
    // One open wish at a time: the form is gone, "toch niet" is there.
    const own = (await parent.get('/partners')).text
    assert.ok(!own.includes('action="/partners/talks#talk"'))
    assert.ok(own.includes(`/partners/talks/${req.id}/withdraw`))
  })

  it('withdrawn on "Mijn toestemmingen", it is gone for the partner too', async () => {
    const parent = await t.as('parent')
    const consents = await parent.get('/profile/consents')
    const row = await t.deps.db
      .selectFrom('consents')
      .select('id')
      .where('scope', 'like', 'partner.talk:%')
      .where('withdrawn_at', 'is', null)
      .executeTakeFirstOrThrow()
    assert.ok(consents.text.includes(row.id), 'listed among my consents')
    const w = await parent.post(`/profile/consents/${row.id}/withdraw`)
    assert.equal(w.status, 303)
    const partner = await t.as('partner')
    assert.ok(!visibleText((await partner.get('/partners')).text).includes('06 9876 5432'))
  })

  it('"any partner": every partner of the school sees it; the one who calls says so', async () => {
    const parent = await t.as('parent')
    assert.equal((await parent.post('/partners/talks', wish('any'))).status, 303)
    const anouk = await t.asPerson(t.idOf('person:jgz'))
    const page = await anouk.get('/partners')
    assert.ok(visibleText(page.text).includes('06 9876 5432'))
    const id = /action="\/partners\/talks\/([^/]+)\/contacted"/.exec(page.text)?.[1]
    assert.ok(id)
    assert.equal((await anouk.post(`/partners/talks/${id}/contacted`)).status, 303)
    const karin = await t.as('partner')
    assert.ok(!visibleText((await karin.get('/partners')).text).includes('06 9876 5432'))
    assert.ok(
      visibleText((await parent.get('/partners')).text).includes(
        nl['partners.talkContacted'] ?? '?',
      ),
    )
    // A parent cannot mark it, nor can a teacher.
    const teacher = await t.as('teacher')
    assert.equal((await teacher.post(`/partners/talks/${id}/contacted`)).status, 403)
  })

  it('a partner cannot answer a wish meant for another partner, nor read it', async () => {
    const parent = await t.as('parent')
    const anouk = t.idOf('person:jgz')
    assert.equal(
      (await parent.post('/partners/talks', wish(anouk, { phone: '06 1111 2222' }))).status,
      303,
    )
    // A second wish while one is open is refused, the first stays.
    const again = await parent.post('/partners/talks', wish('any'))
    assert.equal(again.status, 400)
    assert.ok(visibleText(again.text).includes(nl['partners.talkOpen'] ?? '?'))
    const req = await t.deps.db
      .selectFrom('partner_requests')
      .select('id')
      .where('partner_id', '=', anouk)
      .where('contacted_at', 'is', null)
      .executeTakeFirstOrThrow()
    const karin = await t.as('partner')
    assert.ok(!visibleText((await karin.get('/partners')).text).includes('06 1111 2222'))
    assert.equal((await karin.post(`/partners/talks/${req.id}/contacted`)).status, 403)
  })
})
