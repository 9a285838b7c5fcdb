// A person's own download (/profile/data, AVG art. 15 and 20): every column that refers to a
// person is in some feature's part or left out with a reason, each persona gets their own data,
// and never another person's address or a name they do not already see.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { PERSONAS, personaEmail } from '../src/demo/personas.ts'
import { type TestApp, testApp, visibleText } from './helpers.ts'

let t: TestApp
before(async () => {
  t = await testApp({ demo: { families: { regenboog: 12, vlinderboom: 4 } } })
})
after(() => t.close())

/**
 * Columns that refer to a person and are not in the download, each with why. Most record who
 * did something to another person's record: that row is the other person's data first, and
 * the act itself is in the actor's audit entries.
 */
const NOT_EXPORTED: Record<string, string> = {
  'memberships.invited_by': "who invited someone: the invitee's data; the act is in the audit log",
  'buddy_links.proposed_by': 'the coordinator who proposed a link between two other parents',
  'buddy_programmes.created_by': 'who added a programme: the school’s record, not about them',
  'buddy_referrals.referred_by': 'the coordinator who referred another parent',
  'buddy_requests.signalled_by': 'the teacher who signalled another parent',
  'buddy_school_themes.created_by': 'who added a theme: the school’s record',
  'buddy_settings.updated_by': 'who changed the school’s settings',
  'buddy_theme_coordinators.named_by': 'the director who named a coordinator',
  'consents.granted_by': 'who recorded another person’s consent (theirs is in their download)',
  'consents.withdrawn_by': 'who recorded another person’s withdrawal',
  'message_translations.translated_by': 'who translated a message: a school record',
  'message_translations.reviewed_by': 'who reviewed a translation: a school record',
  'partner_requests.partner_id': 'a parent’s wish addressed to this partner: the parent’s data',
  'partner_requests.contacted_by': 'the partner who contacted another parent',
  'school_days_off.created_by': 'who entered the school’s holidays',
  'signin_tokens.person_id': 'a sign-in link or code: a hashed credential of 15 minutes',
  'circle_join_links.person_id': 'a join link: a hashed credential of minutes',
}

describe('personal data: what is in the download', () => {
  it('every column that refers to a person is exported by a feature or left out with a reason', async () => {
    const { rows } = await sql<{ col: string }>`select c.conrelid::regclass::text || '.' ||
        a.attname as col from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
      where c.contype = 'f' and c.confrelid = 'people'::regclass order by 1`.execute(t.deps.db)
    const referring = rows.map((r) => r.col)
    const covered = t.deps.personalData.covered()
    for (const col of referring)
      assert.ok(
        covered.includes(col) || col in NOT_EXPORTED,
        `${col} refers to a person: export it in the feature's read/personal.ts or say why not`,
      )
    for (const col of [...covered, ...Object.keys(NOT_EXPORTED)])
      assert.ok(referring.includes(col), `${col} is listed but refers to no person`)
    for (const col of covered) assert.ok(!(col in NOT_EXPORTED), `${col} both exported and not`)
  })
})

describe('personal data: each person gets their own, and only their own', () => {
  it('a parent’s download holds their details, children, places and consents, as a page and as JSON', async () => {
    const c = await t.as('parent')
    const json = await c.get('/profile/data.json')
    assert.equal(json.status, 200)
    assert.match(json.headers.get('content-disposition') ?? '', /attachment/)
    const data = JSON.parse(json.text)
    assert.equal(data.kind, 'kringwerk-personal-data/1')
    assert.equal(data.features.people.person[0].email, personaEmail('parent'))
    const children = await t.deps.db
      .selectFrom('guardianships as g')
      .innerJoin('children as ch', 'ch.id', 'g.child_id')
      .innerJoin('people as p', 'p.id', 'g.person_id')
      .select('ch.first_name')
      .where('p.email', '=', personaEmail('parent'))
      .execute()
    assert.ok(children.length > 0)
    assert.deepEqual(
      data.features.people.children.map((r: { child: string }) => r.child).sort(),
      children.map((r) => r.first_name).sort(),
    )
    const html = await c.get('/profile/data')
    assert.equal(html.status, 200)
    const text = visibleText(html.text)
    assert.match(text, /Alles wat Kringwerk over u bewaart/)
    assert.match(text, /Uw kinderen/)
    for (const child of children) assert.ok(text.includes(child.first_name))
    assert.match(html.text, /href="\/profile\/data\.json"/)
  })

  it('no persona’s download holds another person’s address, or a name they do not see', async () => {
    const people = await t.deps.db.selectFrom('people').select(['id', 'email', 'name']).execute()
    for (const persona of PERSONAS) {
      const c = await t.as(persona)
      const res = await c.get('/profile/data.json')
      assert.equal(res.status, 200, persona)
      const me = people.find((p) => p.email === personaEmail(persona))
      assert.ok(me)
      // Names a person already sees: a buddy once both said yes, the partner they booked.
      const { rows: seen } = await sql<{ id: string }>`
        select o.person_id as id from buddy_links l join buddy_requests r on r.id = l.request_id
          join buddy_offers o on o.id = l.offer_id
          where r.person_id = ${me.id} and l.parent_consent_at is not null
            and l.buddy_consent_at is not null
        union select r.person_id from buddy_links l join buddy_requests r on r.id = l.request_id
          join buddy_offers o on o.id = l.offer_id
          where o.person_id = ${me.id} and l.parent_consent_at is not null
            and l.buddy_consent_at is not null
        union select h.partner_id from partner_bookings b join partner_hours h on h.id = b.hour_id
          where b.person_id = ${me.id}
        union select partner_id from partner_requests where person_id = ${me.id}
          and partner_id is not null`.execute(t.deps.db)
      const allowed = new Set([me.id, ...seen.map((r) => r.id)])
      for (const other of people) {
        if (other.id === me.id) continue
        assert.ok(!res.text.includes(other.email), `${persona}'s download holds ${other.email}`)
        if (!allowed.has(other.id) && other.name.length > 6)
          assert.ok(!res.text.includes(other.name), `${persona}'s download names ${other.name}`)
      }
    }
  })

  it('nobody signed out gets a download', async () => {
    const c = t.client()
    for (const path of ['/profile/data', '/profile/data.json']) {
      const res = await c.get(path)
      assert.equal(res.status, 303)
      assert.match(res.location ?? '', /^\/signin/)
    }
  })
})
