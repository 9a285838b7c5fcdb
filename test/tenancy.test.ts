// Each school sees only its own data. Someone holding any role in school A tries every route
// with every kind of record id of school B (in the path and in the form): nothing of B is
// shown, and nothing of B changes.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { ROLES, type Role } from '../src/core/db/schema.ts'
import { PUBLIC } from '../src/core/http/router.ts'
import { createSession } from '../src/core/session.ts'
import { sendMessage } from '../src/features/messages/commands/send.ts'
import { answerSurvey, closeSurvey, openSurvey } from '../src/features/surveys/index.ts'
import { type Client, type TestApp, testApp, visibleText } from './helpers.ts'

let t: TestApp
let schoolA: string
let schoolB: string
const bIds: Record<string, string[]> = {}
let bMarkers: string[] = []
let bThemeCode = ''
let bSlot = ''

/** A fingerprint of everything that belongs to school B. */
async function snapshotB(): Promise<string> {
  const r = await sql<{ h: string }>`
    select md5(concat_ws('|',
      (select string_agg(m::text, ',' order by m.id) from memberships m where school_id = ${schoolB}),
      (select string_agg(g::text, ',' order by g.id) from groups g where school_id = ${schoolB}),
      (select string_agg(gt::text, ',' order by gt.group_id, gt.person_id) from group_teachers gt where school_id = ${schoolB}),
      (select string_agg(c::text, ',' order by c.id) from children c where school_id = ${schoolB}),
      (select string_agg(gu::text, ',' order by gu.child_id, gu.person_id) from guardianships gu where school_id = ${schoolB}),
      (select string_agg(p::text, ',' order by p.id) from people p where p.id in (select person_id from memberships where school_id = ${schoolB})),
      (select string_agg(o::text, ',' order by o.id) from buddy_offers o where school_id = ${schoolB}),
      (select string_agg(r::text, ',' order by r.id) from buddy_requests r where school_id = ${schoolB}),
      (select string_agg(l::text, ',' order by l.id) from buddy_links l where school_id = ${schoolB}),
      (select string_agg(k::text, ',' order by k.id) from consents k where school_id = ${schoolB}),
      (select string_agg(c::text, ',' order by c.id) from circles c where school_id = ${schoolB}),
      (select string_agg(f::text, ',' order by f.id) from facilitators f where school_id = ${schoolB}),
      (select string_agg(cf::text, ',' order by cf.person_id) from circle_facilitators cf
        join circles c on c.id = cf.circle_id where c.school_id = ${schoolB}),
      (select string_agg(cm::text, ',' order by cm.id) from circle_members cm
        join circles c on c.id = cm.circle_id where c.school_id = ${schoolB}),
      (select string_agg(mt::text, ',' order by mt.id) from circle_meetings mt
        join circles c on c.id = mt.circle_id where c.school_id = ${schoolB}),
      (select string_agg(a::text, ',' order by a.meeting_id, a.member_id) from circle_attendance a
        join circle_meetings mt on mt.id = a.meeting_id join circles c on c.id = mt.circle_id
        where c.school_id = ${schoolB}),
      (select string_agg(tp::text, ',' order by tp.id) from circle_topics tp
        join circle_meetings mt on mt.id = tp.meeting_id join circles c on c.id = mt.circle_id
        where c.school_id = ${schoolB}),
      (select string_agg(e::text, ',' order by e.id) from circle_evaluations e
        join circles c on c.id = e.circle_id where c.school_id = ${schoolB}),
      (select string_agg(bc::text, ',' order by bc.theme) from buddy_theme_coordinators bc where school_id = ${schoolB}),
      (select string_agg(st::text, ',' order by st.id) from buddy_school_themes st where school_id = ${schoolB}),
      (select string_agg(bp::text, ',' order by bp.id) from buddy_programmes bp where school_id = ${schoolB}),
      (select string_agg(br::text, ',' order by br.id) from buddy_referrals br where school_id = ${schoolB}),
      (select string_agg(bs::text, ',') from buddy_settings bs where school_id = ${schoolB}),
      (select string_agg(ms::text, ',' order by ms.id) from messages ms where school_id = ${schoolB}),
      (select string_agg(mr::text, ',' order by mr.message_id, mr.person_id) from message_recipients mr where school_id = ${schoolB}),
      (select string_agg(sv::text, ',' order by sv.id) from surveys sv where school_id = ${schoolB}),
      (select string_agg(si::text, ',' order by si.survey_id, si.person_id) from survey_invitees si where school_id = ${schoolB}),
      (select string_agg(sa::text, ',' order by sa::text) from survey_answers sa
        join surveys sv on sv.id = sa.survey_id where sv.school_id = ${schoolB}),
      (select string_agg(sg::text, ',' order by sg::text) from survey_groups sg
        join surveys sv on sv.id = sg.survey_id where sv.school_id = ${schoolB}),
      (select string_agg(ph::text, ',' order by ph.id) from partner_hours ph where school_id = ${schoolB}),
      (select string_agg(pb::text, ',' order by pb.id) from partner_bookings pb where school_id = ${schoolB}),
      (select string_agg(pq::text, ',' order by pq.id) from partner_requests pq where school_id = ${schoolB}),
      (select s::text from schools s where id = ${schoolB})
    )) as h`.execute(t.deps.db)
  return r.rows[0]?.h ?? ''
}

/** Someone with exactly one role, only in school A (teachers get a class, parents a child). */
async function signedInOnlyInA(role: Role): Promise<Client> {
  const db = t.deps.db
  const person = await db
    .insertInto('people')
    .values({ email: `only-a-${role}@example.org`, name: `Alleen A ${role}`, first_name: 'Alleen' })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('memberships')
    .values({ school_id: schoolA, person_id: person.id, role })
    .execute()
  const groupA = await db
    .selectFrom('groups')
    .select('id')
    .where('school_id', '=', schoolA)
    .orderBy('name')
    .executeTakeFirstOrThrow()
  if (role === 'teacher') {
    await db
      .insertInto('group_teachers')
      .values({ group_id: groupA.id, person_id: person.id, school_id: schoolA })
      .execute()
  }
  if (role === 'parent') {
    const child = await db
      .insertInto('children')
      .values({ school_id: schoolA, group_id: groupA.id, first_name: 'Kindvana' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('guardianships')
      .values({ child_id: child.id, person_id: person.id, school_id: schoolA })
      .execute()
  }
  const c = t.client()
  c.cookies.set('kw_session', await createSession(db, person.id))
  await c.get('/home')
  return c
}

before(async () => {
  t = await testApp()
  const db = t.deps.db
  const schools = await db.selectFrom('schools').select(['id', 'name']).orderBy('name').execute()
  const idOf = (part: string) => {
    const school = schools.find((s) => s.name.includes(part))
    assert.ok(school, `demo school ${part}`)
    return school.id
  }
  schoolA = idOf('Regenboog')
  schoolB = idOf('Vlinderboom')
  bIds.school = [schoolB]
  bIds.group = (
    await db.selectFrom('groups').select('id').where('school_id', '=', schoolB).execute()
  ).map((r) => r.id)
  bIds.child = (
    await db.selectFrom('children').select('id').where('school_id', '=', schoolB).limit(5).execute()
  ).map((r) => r.id)
  const onlyB = await db
    .selectFrom('people as p')
    .select(['p.id', 'p.name', 'p.email'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('memberships')
          .select('id')
          .whereRef('person_id', '=', 'p.id')
          .where('school_id', '=', schoolB),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('memberships')
            .select('id')
            .whereRef('person_id', '=', 'p.id')
            .where('school_id', '=', schoolA),
        ),
      ),
    )
    .execute()
  const staffB = await db
    .selectFrom('memberships')
    .select('person_id')
    .where('school_id', '=', schoolB)
    .where('role', '!=', 'parent')
    .execute()
  bIds.person = [
    ...new Set([...staffB.map((s) => s.person_id), ...onlyB.slice(0, 6).map((p) => p.id)]),
  ]
  // A message in school B, to all its families.
  const sentB = await sendMessage(db, schoolB, staffB[0]?.person_id ?? '', {
    audience: 'school',
    groupIds: [],
    childIds: [],
    templateKey: 'coffee',
    subject: 'Vlinderkoffie',
    body: 'Vlinderkoffie voor alle ouders.',
    params: { date: '2027-01-14', time: '08:30', place: 'de Vlinderzaal' },
    urgent: false,
  })
  bIds.message = [sentB.id]
  // A bevraging in school B, answered once (in its own words) and closed; and an open one.
  const surveyInput = {
    kind: 'newParents' as const,
    title: 'Vlinderbevraging',
    asker: 'brugfiguur' as const,
    purpose: 'Vlinderdoel van de bevraging',
    audience: 'school' as const,
    groups: [],
    team: true,
  }
  const surveyB = await openSurvey(db, schoolB, staffB[0]?.person_id ?? '', surveyInput)
  const openB = await openSurvey(db, schoolB, staffB[0]?.person_id ?? '', surveyInput)
  const askedB = await db
    .selectFrom('survey_invitees')
    .select('person_id')
    .where('survey_id', '=', surveyB.id)
    .where('side', '=', 'parents')
    .executeTakeFirstOrThrow()
  await answerSurvey(db, surveyB.id, askedB.person_id, [
    { question: 'enrolment', scale: 2, answer: null },
    { question: 'better', scale: null, answer: 'Vlinderantwoord' },
  ])
  await closeSurvey(db, schoolB, staffB[0]?.person_id ?? '', surveyB.id)
  bIds.survey = [surveyB.id, openB.id]
  // A spreekuur in school B, booked by a B parent with a topic.
  const partnerB = await db
    .selectFrom('memberships')
    .select('person_id')
    .where('school_id', '=', schoolB)
    .where('role', '=', 'partner')
    .executeTakeFirstOrThrow()
  const hourB = await db
    .insertInto('partner_hours')
    .values({
      school_id: schoolB,
      partner_id: partnerB.person_id,
      kind: 'spreekuur',
      starts_at: new Date(Date.now() + 7 * 86_400_000),
      minutes: 60,
      slot_minutes: 30,
      place: 'Vlinderlokaal',
    })
    .returning(['id', 'starts_at'])
    .executeTakeFirstOrThrow()
  const bookingB = await db
    .insertInto('partner_bookings')
    .values({
      hour_id: hourB.id,
      school_id: schoolB,
      starts_at: hourB.starts_at,
      person_id: askedB.person_id,
      topic: 'Vlindervraag',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  bIds.partnerHour = [hourB.id]
  bSlot = hourB.starts_at.toISOString()
  bIds.partnerBooking = [bookingB.id]
  const talkB = await db
    .insertInto('partner_requests')
    .values({
      school_id: schoolB,
      person_id: askedB.person_id,
      partner_id: null,
      channel: 'phone',
      phone: '0600000001',
      note: 'Vlindermoment',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('consents')
    .values({ school_id: schoolB, person_id: askedB.person_id, scope: `partner.talk:${talkB.id}` })
    .execute()
  bIds.partnerTalk = [talkB.id]
  bIds.buddyLink = (
    await db.selectFrom('buddy_links').select('id').where('school_id', '=', schoolB).execute()
  ).map((r) => r.id)
  bIds.buddyRequest = (
    await db.selectFrom('buddy_requests').select('id').where('school_id', '=', schoolB).execute()
  ).map((r) => r.id)
  bIds.buddyOffer = (
    await db.selectFrom('buddy_offers').select('id').where('school_id', '=', schoolB).execute()
  ).map((r) => r.id)
  assert.ok(
    bIds.buddyLink.length && bIds.buddyRequest.length && bIds.buddyOffer.length,
    'school B has buddy records',
  )
  const circlesB = await db
    .selectFrom('circles')
    .select('id')
    .where('school_id', '=', schoolB)
    .execute()
  bIds.circle = circlesB.map((r) => r.id)
  assert.ok(bIds.circle.length, 'school B hosts a circle')
  bIds.circleMeeting = (
    await db
      .selectFrom('circle_meetings')
      .select('id')
      .where('circle_id', 'in', bIds.circle)
      .orderBy('starts_at', 'desc')
      .limit(3)
      .execute()
  ).map((r) => r.id)
  bIds.circleMember = (
    await db
      .selectFrom('circle_members')
      .select('id')
      .where('circle_id', 'in', bIds.circle)
      .limit(3)
      .execute()
  ).map((r) => r.id)
  bIds.circleEvaluation = (
    await db
      .selectFrom('circle_evaluations')
      .select('id')
      .where('circle_id', 'in', bIds.circle)
      .execute()
  ).map((r) => r.id)
  // A theme of B's own: its code must never be a choice in A.
  const bTheme = await db
    .insertInto('buddy_school_themes')
    .values({ school_id: schoolB, label: 'Vlinderthema' })
    .returning('id')
    .executeTakeFirstOrThrow()
  bThemeCode = `s:${bTheme.id}`
  // A programme of B with a referral of a B parent (consent on record).
  const bProgramme = await db
    .insertInto('buddy_programmes')
    .values({ school_id: schoolB, name: 'Vlinderprogramma', contact: 'vlinder@example.org' })
    .returning('id')
    .executeTakeFirstOrThrow()
  bIds.buddyProgramme = [bProgramme.id]
  const bParent = await db
    .selectFrom('memberships')
    .select('person_id')
    .where('school_id', '=', schoolB)
    .where('role', '=', 'parent')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('consents')
    .values({
      school_id: schoolB,
      person_id: bParent.person_id,
      scope: `buddy.referral:${bProgramme.id}`,
    })
    .execute()
  bIds.buddyReferral = [
    (
      await db
        .insertInto('buddy_referrals')
        .values({ school_id: schoolB, programme_id: bProgramme.id, person_id: bParent.person_id })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
  ]
  bIds.membership = (
    await db
      .selectFrom('memberships')
      .select('id')
      .where('school_id', '=', schoolB)
      .limit(3)
      .execute()
  ).map((r) => r.id)
  // What would betray a leak: B-only addresses, and B-only names that occur nowhere in A.
  const aNames = new Set(
    (
      await db
        .selectFrom('people as p')
        .innerJoin('memberships as m', 'm.person_id', 'p.id')
        .select('p.name')
        .where('m.school_id', '=', schoolA)
        .execute()
    ).map((r) => r.name),
  )
  bMarkers = [
    'IKC De Vlinderboom',
    'Vlinderthema',
    'Vlinderprogramma',
    'Vlinderkoffie',
    'Vlinderzaal',
    'Vlinderbevraging',
    'Vlinderdoel',
    'Vlinderantwoord',
    'Vlinderlokaal',
    'Vlindervraag',
    'Vlindermoment',
    '0600000001',
    'de kamer naast de bibliotheek',
    ...onlyB.map((p) => p.email),
    ...onlyB
      .map((p) => p.name)
      .filter((n) => ![...aNames].some((a) => a.includes(n) || n.includes(a))),
  ]
})
after(() => t.close())

describe('school A never reads or changes school B', () => {
  for (const role of ROLES) {
    it(`as ${role} of school A`, async () => {
      const c = await signedInOnlyInA(role)
      const before = await snapshotB()
      const routes = t.router.routes.filter(
        (r) => r.action !== PUBLIC && r.path !== '/outbox' && r.path !== '/signout',
      )
      let requests = 0
      for (const route of routes) {
        const params = route.path.match(/:\w+/g) ?? []
        const kinds = params.length ? Object.keys(bIds) : ['none']
        for (const kind of kinds) {
          for (const id of params.length ? (bIds[kind] ?? []) : ['']) {
            const path = route.path.replace(/:\w+/g, id)
            const body = {
              schoolId: schoolB,
              personId: bIds.person?.[0] ?? '',
              groupId: bIds.group?.[0] ?? '',
              offerId: bIds.buddyOffer?.[0] ?? '',
              programmeId: bIds.buddyProgramme?.[0] ?? '',
              scope: `buddy.referral:${bIds.buddyProgramme?.[0] ?? ''}`,
              consent: 'yes',
              offerNewFamilies: 'yes',
              parentId: bIds.person?.at(-1) ?? '',
              answer: 'yes',
              theme: role === 'parent' ? bThemeCode : 'nieuw',
              themes: bThemeCode,
              label: 'Tenancy thema',
              status: 'withdrawn',
              role: 'teacher',
              op: 'grant',
              name: 'Tenancy Test',
              email: `tenancy-${role}@example.org`,
              child: 'Testkind',
              language: 'nl',
              contactChannel: 'email',
              memberId: bIds.circleMember?.[0] ?? '',
              decision: 'confirm',
              topic: 'Tenancy topic',
              present: bIds.circleMember?.[0] ?? '',
              capacity: '20',
              facilitators: bIds.person?.[0] ?? '',
              training: 'Tenancy training',
              trainedOn: '2026-01-01',
              date: '2027-01-01',
              time: '10:00',
              duration: '60',
              audience: 'groups',
              groups: bIds.group?.[0] ?? '',
              template: 'dayOff',
              intent: 'send',
              delivery: 'digest',
              kind: 'newParents',
              title: 'Tenancy bevraging',
              asker: 'ib',
              purpose: 'Tenancy doel',
              team: 'on',
              do: 'Tenancy doen',
              not: 'Tenancy niet',
              q_enrolment: '3',
              q_better: 'Tenancy antwoord',
              slot: bSlot,
              withTeacher: 'on',
              partner: 'any',
              channel: 'phone',
              phone: '0612345678',
              csv: `Tenancy Ouder,tenancy-csv-${role}@example.org,Testkind,Groep 3,nl`,
            }
            const res = route.method === 'GET' ? await c.get(path) : await c.post(path, body)
            requests++
            const text = visibleText(res.text)
            for (const marker of bMarkers) {
              assert.equal(
                text.includes(marker),
                false,
                `${role}: ${route.method} ${path} showed "${marker}" of school B`,
              )
            }
            if (params.length) {
              assert.ok(
                [303, 400, 403, 404].includes(res.status),
                `${role}: ${route.method} ${path} answered ${res.status}`,
              )
              if (res.status === 303)
                assert.doesNotMatch(
                  res.location ?? '',
                  new RegExp(id),
                  `${role}: redirected into B's record`,
                )
            }
          }
        }
      }
      assert.ok(requests > 20)
      assert.equal(await snapshotB(), before, `${role} changed school B`)
      const session = await t.deps.db
        .selectFrom('sessions')
        .select('school_id')
        .where(
          'person_id',
          'in',
          t.deps.db
            .selectFrom('people')
            .select('id')
            .where('email', '=', `only-a-${role}@example.org`),
        )
        .execute()
      assert.ok(
        session.every((s) => s.school_id !== schoolB),
        `${role} switched into school B`,
      )
      // The A person is still only in A.
      const schools = await t.deps.db
        .selectFrom('memberships as m')
        .innerJoin('people as p', 'p.id', 'm.person_id')
        .select('m.school_id')
        .where('p.email', '=', `only-a-${role}@example.org`)
        .execute()
      assert.ok(schools.every((s) => s.school_id === schoolA))
    })
  }

  it('a person with roles in both schools sees B only after switching, and A again after switching back', async () => {
    const c = t.client()
    await c.signInAs('admin')
    const home = await c.get('/people')
    assert.ok(home.text.includes('Basisschool De Regenboog'))
    assert.ok(!visibleText(home.text).includes(bMarkers[1] ?? '∅'))
    const sw = await c.post('/school', { schoolId: schoolB })
    assert.equal(sw.status, 303)
    const inB = await c.get('/people')
    assert.ok(visibleText(inB.text).includes('IKC De Vlinderboom'))
  })
})
