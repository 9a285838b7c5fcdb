// "Mijn toestemmingen": one ledger, every feature's consents on one page for the person they
// are about, withdrawing where a feature allows it and what rests on a consent ending with it.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type TestApp, testApp, visibleText } from './helpers.ts'

let t: TestApp
before(async () => {
  t = await testApp()
})
after(() => t.close())

/** The demo parent persona's person id. */
const parentPersonId = async () =>
  (
    await t.deps.db
      .selectFrom('people')
      .select('id')
      .where('email', '=', 'parent@demo.kringwerk.example')
      .executeTakeFirstOrThrow()
  ).id

const idOf = (key: string) => {
  const id = t.seed?.ids.get(key)
  assert.ok(id, `demo seed has ${key}`)
  return id
}

async function as(persona: 'parent' | 'ib' | 'teacher') {
  const c = t.client()
  await c.signInAs(persona)
  return c
}

/** The withdraw form's consent ids on a consents page, in page order. */
const withdrawIds = (html: string) =>
  [...html.matchAll(/action="\/profile\/consents\/([0-9a-f-]{36})\/withdraw"/g)].map((m) => m[1])

describe('my consents', () => {
  it('a parent sees the consents of every feature on one page, newest first', async () => {
    const parent = await as('parent')
    assert.equal((await parent.post('/buddies/ask', { theme: 'dyslexie' })).status, 303)
    const kring = idOf('circle:voedselbank')
    const amira = idOf('child:persona:parent:child0')
    assert.equal(
      (await parent.post(`/circles/${kring}/join`, { for: amira, consent: 'yes' })).status,
      303,
    )
    const page = await parent.get('/profile/consents')
    assert.equal(page.status, 200)
    assert.match(page.text, /<h1>Mijn toestemmingen<\/h1>/)
    // The buddy request, by its theme, and the child's circle place, by child and circle.
    const text = visibleText(page.text)
    assert.match(text, /Een buddy vragen: Dyslexie/)
    assert.match(text, /Mijn kind doet mee aan een kring: Amira · Samen sterk/)
    assert.ok(
      text.indexOf('Amira') < text.indexOf('Een buddy vragen: Dyslexie'),
      'the newest consent comes first',
    )
    // The profile page leads there.
    assert.match((await parent.get('/profile')).text, /href="\/profile\/consents"/)
  })

  it("withdrawing the consent for a child's circle place ends that place", async () => {
    const parent = await as('parent')
    const kring = idOf('circle:voedselbank')
    const amira = idOf('child:persona:parent:child0')
    const place = () =>
      t.deps.db
        .selectFrom('circle_members')
        .select(['id', 'status'])
        .where('circle_id', '=', kring)
        .where('child_id', '=', amira)
        .executeTakeFirstOrThrow()
    const before = await place()
    assert.notEqual(before.status, 'left')
    const consent = await t.deps.db
      .selectFrom('consents')
      .select(['id', 'withdrawn_at'])
      .where('scope', '=', `circle.child:${before.id}`)
      .executeTakeFirstOrThrow()
    assert.equal(consent.withdrawn_at, null)
    const page = await parent.get('/profile/consents')
    assert.ok(
      withdrawIds(page.text).includes(consent.id),
      'the place consent has a withdraw button',
    )

    const res = await parent.post(`/profile/consents/${consent.id}/withdraw`)
    assert.equal(res.status, 303)
    assert.equal(res.location, '/profile/consents?notice=consentWithdrawn')
    assert.equal((await place()).status, 'left')
    const after = await parent.get('/profile/consents?notice=consentWithdrawn')
    assert.match(after.text, /Uw toestemming is ingetrokken/)
    assert.ok(!withdrawIds(after.text).includes(consent.id), 'nothing left to withdraw')
    // A second press changes nothing and is no error.
    assert.equal((await parent.post(`/profile/consents/${consent.id}/withdraw`)).status, 303)
  })

  it("nobody withdraws or even sees another person's consent", async () => {
    const parent = await as('parent')
    const other = await t.deps.db
      .selectFrom('consents as k')
      .innerJoin('people as p', 'p.id', 'k.person_id')
      .select(['k.id', 'k.scope'])
      .where('p.email', '!=', 'parent@demo.kringwerk.example')
      .where('k.withdrawn_at', 'is', null)
      .executeTakeFirst()
    assert.ok(other, 'the demo holds consents of other parents')
    const me = await parentPersonId()
    const owner = await t.deps.db
      .selectFrom('consents')
      .select('person_id')
      .where('id', '=', other.id)
      .executeTakeFirstOrThrow()
    assert.notEqual(owner.person_id, me)
    const res = await parent.post(`/profile/consents/${other.id}/withdraw`)
    assert.ok([403, 404].includes(res.status), `answered ${res.status}`)
    const still = await t.deps.db
      .selectFrom('consents')
      .select('withdrawn_at')
      .where('id', '=', other.id)
      .executeTakeFirstOrThrow()
    assert.equal(still.withdrawn_at, null)
    assert.ok(!withdrawIds((await parent.get('/profile/consents')).text).includes(other.id))
    // A made-up id is simply not found.
    const made = await parent.post(
      '/profile/consents/00000000-0000-4000-8000-000000000000/withdraw',
    )
    assert.equal(made.status, 404)
  })

  it('a consent a coordinator recorded says who recorded it, and a withdrawn referral can be given again', async () => {
    const ib = await as('ib')
    const parent = await as('parent')
    const parentId = await parentPersonId()
    const school = await t.deps.db
      .selectFrom('memberships')
      .select('school_id')
      .where('person_id', '=', parentId)
      .where('role', '=', 'parent')
      .executeTakeFirstOrThrow()
    const programme = await t.deps.db
      .selectFrom('buddy_programmes')
      .select('id')
      .where('school_id', '=', school.school_id)
      .orderBy('name')
      .executeTakeFirstOrThrow()
    const referred = await ib.post('/buddies/referrals', {
      parentId: parentId,
      programmeId: programme.id,
      consent: 'yes',
    })
    assert.equal(referred.status, 303)
    const row = await t.deps.db
      .selectFrom('consents')
      .select('id')
      .where('scope', '=', `buddy.referral:${programme.id}`)
      .where('person_id', '=', parentId)
      .executeTakeFirstOrThrow()
    const page = await parent.get('/profile/consents')
    assert.match(page.text, /vastgelegd door/)
    assert.equal((await parent.post(`/profile/consents/${row.id}/withdraw`)).status, 303)
    const withdrawn = await parent.get('/profile/consents')
    assert.match(withdrawn.text, new RegExp(`/profile/consents/${row.id}/regrant`))
    assert.equal((await parent.post(`/profile/consents/${row.id}/regrant`)).status, 303)
    const given = await t.deps.db
      .selectFrom('consents')
      .select(['granted_by', 'withdrawn_at'])
      .where('scope', '=', `buddy.referral:${programme.id}`)
      .where('person_id', '=', parentId)
      .orderBy('granted_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    assert.equal(given.withdrawn_at, null)
    assert.equal(given.granted_by, parentId, 'given again by the parent themselves')
  })
})
