// A director invites staff and changes roles; a teacher invites the parents of their class,
// one by one or as a list where one bad line means nothing is imported. All audit-logged.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type TestApp, testApp, visibleText } from './helpers.ts'

let t: TestApp
let kleuterGroup: string
let otherGroup: string

before(async () => {
  t = await testApp()
  const db = t.deps.db
  const teacher = await db
    .selectFrom('people')
    .select('id')
    .where('email', '=', 'teacher@demo.kringwerk.example')
    .executeTakeFirstOrThrow()
  const taught = await db
    .selectFrom('group_teachers as gt')
    .innerJoin('groups as g', 'g.id', 'gt.group_id')
    .select(['g.id', 'g.school_id'])
    .where('gt.person_id', '=', teacher.id)
    .executeTakeFirstOrThrow()
  kleuterGroup = taught.id
  otherGroup = (
    await db
      .selectFrom('groups')
      .select('id')
      .where('school_id', '=', taught.school_id)
      .where('name', '=', 'Groep 7')
      .executeTakeFirstOrThrow()
  ).id
})
after(() => t.close())

/** Mails to the address, one row each: a mail's first part (core/mail.ts stores a row per part). */
const outboxTo = (email: string) =>
  t.deps.db
    .selectFrom('outbox')
    .selectAll()
    .where('to_address', '=', email)
    .where('part', '=', 0)
    .execute()

/** Invitation mails only: the demo school also offers each new groep-1 family a buddy by mail. */
const invitationsTo = async (email: string) =>
  (await outboxTo(email)).filter((m) => !m.body_text.includes('/buddies'))

describe('staff', () => {
  it('a director invites a teacher, who gets a mail in their language and appears in the team', async () => {
    const c = t.client()
    await c.signInAs('director')
    const res = await c.post('/people/invite', {
      name: 'Piotr Nowak',
      email: 'piotr.nowak@example.org',
      role: 'teacher',
      language: 'pl',
    })
    assert.equal(res.status, 303)
    const mails = await outboxTo('piotr.nowak@example.org')
    assert.equal(mails.length, 1)
    assert.match(mails[0]?.subject ?? '', /Kringwerk/)
    assert.doesNotMatch(mails[0]?.subject ?? '', /Welkom/, 'the mail is in Polish, not Dutch')
    const team = await c.get('/people')
    assert.match(visibleText(team.text), /Piotr Nowak/)
  })

  it('bad input re-renders the form with messages and stores nothing', async () => {
    const c = t.client()
    await c.signInAs('director')
    const res = await c.post('/people/invite', { name: '', email: 'nope', role: 'teacher' })
    assert.equal(res.status, 400)
    assert.match(res.text, /Vul dit in/)
    assert.match(res.text, /Vul een goed e-mailadres in/)
    assert.equal(
      (await t.deps.db.selectFrom('people').select('id').where('email', '=', 'nope').execute())
        .length,
      0,
    )
  })

  it('a director cannot make someone admin; a teacher cannot invite staff', async () => {
    const d = t.client()
    await d.signInAs('director')
    const res = await d.post('/people/invite', {
      name: 'Ad Min',
      email: 'ad.min@example.org',
      role: 'admin',
    })
    assert.equal(res.status, 400)
    const teacher = t.client()
    await teacher.signInAs('teacher')
    assert.equal(
      (
        await teacher.post('/people/invite', {
          name: 'X Y',
          email: 'xy@example.org',
          role: 'teacher',
        })
      ).status,
      403,
    )
    assert.equal((await teacher.get('/people')).status, 403)
  })

  it('role changes are made by the director and written to the audit log the director reads', async () => {
    const c = t.client()
    await c.signInAs('director')
    const facilitator = await t.deps.db
      .selectFrom('people')
      .select('id')
      .where('email', '=', 'facilitator@demo.kringwerk.example')
      .executeTakeFirstOrThrow()
    assert.equal(
      (await c.post(`/people/${facilitator.id}/roles`, { role: 'ib', op: 'grant' })).status,
      303,
    )
    const roles = await t.deps.db
      .selectFrom('memberships')
      .select('role')
      .where('person_id', '=', facilitator.id)
      .execute()
    assert.ok(roles.some((r) => r.role === 'ib'))
    assert.equal(
      (await c.post(`/people/${facilitator.id}/roles`, { role: 'ib', op: 'revoke' })).status,
      303,
    )
    const audit = await c.get('/audit')
    assert.equal(audit.status, 200)
    const text = visibleText(audit.text)
    assert.match(text, /Rol gegeven · Inge Willems · Intern begeleider/)
    assert.match(text, /Rol afgenomen · Inge Willems/)
    assert.match(text, /Teamlid uitgenodigd/)
    assert.match(text, /Ingelogd/)
    const parent = t.client()
    await parent.signInAs('parent')
    assert.equal((await parent.get('/audit')).status, 403)
  })
})

describe('sessions follow changes at once', () => {
  it('a role taken away counts from the very next request, even for an open session', async () => {
    const ib = await t.deps.db
      .selectFrom('people')
      .select('id')
      .where('email', '=', 'ib@demo.kringwerk.example')
      .executeTakeFirstOrThrow()
    const c = t.client()
    await c.signInAs('ib')
    assert.equal((await c.get('/groups')).status, 200)
    assert.equal((await c.get('/groups')).status, 200, 'served from the session snapshot')
    const director = t.client()
    await director.signInAs('director')
    assert.equal(
      (await director.post(`/people/${ib.id}/roles`, { role: 'ib', op: 'revoke' })).status,
      303,
    )
    assert.equal((await c.get('/groups')).status, 403)
    // With no role left she is no longer on the team; inviting her again restores it.
    await director.post('/people/invite', {
      name: 'Esther van Dijk',
      email: 'ib@demo.kringwerk.example',
      role: 'ib',
      language: 'nl',
    })
    assert.equal((await c.get('/groups')).status, 200)
  })

  it('a child added by the teacher appears on the parent home without signing in again', async () => {
    const parent = t.client()
    await parent.signInAs('parent')
    assert.doesNotMatch((await parent.get('/home')).text, /Yasmin/)
    const teacher = t.client()
    await teacher.signInAs('teacher')
    await teacher.post(`/groups/${kleuterGroup}/invite`, {
      name: 'Samira Haddad',
      email: 'parent@demo.kringwerk.example',
      child: 'Yasmin',
    })
    assert.match((await parent.get('/home')).text, /Yasmin/)
  })
})

describe('parents', () => {
  it('a teacher invites one parent of their class; the child appears with the parent', async () => {
    const c = t.client()
    await c.signInAs('teacher')
    const res = await c.post(`/groups/${kleuterGroup}/invite`, {
      name: 'Olena Melnyk',
      email: 'olena@example.org',
      child: 'Sofiia',
      language: 'uk',
    })
    assert.equal(res.status, 303)
    const page = await c.get(`/groups/${kleuterGroup}`)
    assert.match(visibleText(page.text), /Sofiia · Olena Melnyk/)
    assert.equal((await invitationsTo('olena@example.org')).length, 1)
  })

  it('a second parent is linked to the child the teacher picks, never to a namesake of another family', async () => {
    const c = t.client()
    await c.signInAs('teacher')
    const sofiia = await t.deps.db
      .selectFrom('children')
      .select('id')
      .where('first_name', '=', 'Sofiia')
      .where('group_id', '=', kleuterGroup)
      .execute()
    assert.equal(sofiia.length, 1)
    const res = await c.post(`/groups/${kleuterGroup}/invite`, {
      name: 'Andriy Melnyk',
      email: 'andriy@example.org',
      child: '',
      childId: sofiia[0]?.id ?? '',
    })
    assert.equal(res.status, 303)
    // A different family whose child is also called Sofiia gets a child of its own.
    await c.post(`/groups/${kleuterGroup}/invite`, {
      name: 'Iryna Kravchenko',
      email: 'iryna@example.org',
      child: 'Sofiia',
    })
    const rows = await t.deps.db
      .selectFrom('children as ch')
      .innerJoin('guardianships as gu', 'gu.child_id', 'ch.id')
      .innerJoin('people as p', 'p.id', 'gu.person_id')
      .select(['ch.id', 'p.email'])
      .where('ch.first_name', '=', 'Sofiia')
      .where('ch.group_id', '=', kleuterGroup)
      .execute()
    const byEmail = Object.fromEntries(rows.map((r) => [r.email, r.id]))
    assert.equal(byEmail['andriy@example.org'], byEmail['olena@example.org'])
    assert.notEqual(byEmail['iryna@example.org'], byEmail['olena@example.org'])
  })

  it('a teacher cannot invite parents into a class they do not teach', async () => {
    const c = t.client()
    await c.signInAs('teacher')
    assert.equal(
      (
        await c.post(`/groups/${otherGroup}/invite`, {
          name: 'A B',
          email: 'ab@example.org',
          child: 'C',
        })
      ).status,
      403,
    )
    assert.equal((await c.get(`/groups/${otherGroup}`)).status, 403)
  })

  it('a list with one bad line imports nothing and names every bad line', async () => {
    const c = t.client()
    await c.signInAs('teacher')
    const before = await t.deps.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const csv = [
      'naam,email,kind,groep,taal',
      'Ayşe Demir,ayse.demir@example.org,Zehra,,tr',
      'Geen Adres,,Kind,,nl',
      'Tom Berg,tom.berg@example.org,Finn,Groep 7,nl',
      'Anna Nowak,anna.nowak@example.org,Maja,,xx',
    ].join('\n')
    const res = await c.post(`/groups/${kleuterGroup}/import`, { csv })
    assert.equal(res.status, 400)
    const text = visibleText(res.text)
    assert.match(text, /Regel 3, e-mail/)
    assert.match(text, /Regel 4, groep/, 'Groep 7 is not this teacher’s class')
    assert.match(text, /Regel 5, taal/)
    assert.doesNotMatch(text, /Regel 2,/)
    const afterCount = await t.deps.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    assert.equal(Number(afterCount.n), Number(before.n))
    assert.equal(
      (
        await t.deps.db
          .selectFrom('children')
          .select('id')
          .where('first_name', '=', 'Zehra')
          .where('group_id', '=', kleuterGroup)
          .execute()
      ).length,
      0,
    )
  })

  it('a clean list (uploaded as a file, semicolons, two parents of one child) is imported whole', async () => {
    const c = t.client()
    await c.signInAs('teacher')
    const csv =
      'Nadia Benali;nadia.benali@example.org;Nour;Groep 1/2a;ar\nOmar Benali;omar.benali@example.org;Nour;;ar\nEmily Clarke;emily.clarke@example.org;Leo;;en\n'
    const form = new FormData()
    form.set('file', new File([csv], 'ouders.csv', { type: 'text/csv' }))
    const res = await c.postMultipart(`/groups/${kleuterGroup}/import`, form)
    assert.equal(res.status, 303)
    const nour = await t.deps.db
      .selectFrom('children as ch')
      .innerJoin('guardianships as gu', 'gu.child_id', 'ch.id')
      .innerJoin('people as p', 'p.id', 'gu.person_id')
      .select(['ch.id', 'p.email', 'p.language'])
      .where('ch.first_name', '=', 'Nour')
      .where('ch.group_id', '=', kleuterGroup)
      .execute()
    const nadiasNour = nour.find((r) => r.email === 'nadia.benali@example.org')?.id
    const sameChild = nour.filter((r) => r.id === nadiasNour)
    // Both parents on one child; another family's Nour in the class is left alone.
    assert.deepEqual(sameChild.map((r) => r.email).sort(), [
      'nadia.benali@example.org',
      'omar.benali@example.org',
    ])
    assert.ok(sameChild.every((r) => r.language === 'ar'))
    assert.equal((await invitationsTo('emily.clarke@example.org')).length, 1)
  })
})
