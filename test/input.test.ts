// Input an attacker (or a broken keyboard) sends: a NUL byte, control and bidi characters in
// a name, a spoofed X-Forwarded-For. Each is refused as a form error or counted as the proxy
// saw it, never a 500 and never stored.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type TestApp, testApp } from './helpers.ts'

let t: TestApp
before(async () => {
  t = await testApp({ demo: { families: { regenboog: 4, vlinderboom: 2 } } })
})
after(() => t.close())

const nameOf = async (email: string) =>
  (
    await t.deps.db
      .selectFrom('people')
      .select('name')
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
  ).name

describe('names a person types', () => {
  it('a NUL byte, a control character or a bidi override in a name is a form error, with the form kept', async () => {
    const c = t.client()
    await c.signInAs('parent')
    const before = await nameOf('parent@demo.kringwerk.example')
    for (const name of [
      'Samira\u0000Haddad',
      'Samira\u0001',
      'Sam\u001bira',
      'A\r\nB',
      'Samira \u202eddaH',
    ]) {
      const res = await c.post('/profile', { name, language: 'nl', contactChannel: 'email' })
      assert.equal(res.status, 400, JSON.stringify(name))
      assert.match(res.text, /class="govuk-error-summary/, 'the error summary, not the error page')
      assert.match(res.text, /name="contactChannel" value="email" checked/, 'the form is kept')
    }
    assert.equal(await nameOf('parent@demo.kringwerk.example'), before, 'nothing stored')
  })

  it('a Persian name with a zero-width non-joiner is a name like any other', async () => {
    const c = t.client()
    await c.signInAs('parent')
    const name = 'مهر\u200cآسا رضایی'
    const res = await c.post('/profile', { name, language: 'nl', contactChannel: 'email' })
    assert.equal(res.status, 303)
    assert.equal(await nameOf('parent@demo.kringwerk.example'), name)
  })

  it("staff and parent invitations, the child's name and the parent finder refuse them too", async () => {
    const director = t.client()
    await director.signInAs('director')
    const staff = await director.post('/people/invite', {
      name: 'Eva\u0000',
      email: 'eva.nul@example.org',
      role: 'teacher',
    })
    assert.equal(staff.status, 400)
    const group = await t.deps.db
      .selectFrom('groups as g')
      .innerJoin('schools as s', 's.id', 'g.school_id')
      .select('g.id')
      .where('s.name', '=', 'Basisschool De Regenboog')
      .orderBy('g.grade')
      .executeTakeFirstOrThrow()
    for (const [name, child] of [
      ['Olena Melnyk', 'Sofiia\u202e'],
      ['Olena\u0007 Melnyk', 'Sofiia'],
      ['Olena Melnyk', 'Sofiia\u0000'],
    ]) {
      const res = await director.post(`/groups/${group.id}/invite`, {
        name: name ?? '',
        email: 'olena.nul@example.org',
        child: child ?? '',
      })
      assert.equal(res.status, 400, JSON.stringify([name, child]))
    }
    const stored = await t.deps.db
      .selectFrom('people')
      .select('id')
      .where('email', 'in', ['eva.nul@example.org', 'olena.nul@example.org'])
      .execute()
    assert.deepEqual(stored, [])
    const ib = t.client()
    await ib.signInAs('ib')
    const found = await ib.post('/buddies/find-parent', { parent: 'Sa\u0000' })
    assert.ok(found.status < 500, `the finder answered ${found.status}`)
  })
})

describe('the client address behind a proxy', () => {
  it('counts what the trusted proxy saw, not what the client put in front of it', async () => {
    const behind = await testApp({ env: { TRUST_PROXY: '1' }, demo: false })
    try {
      const c = behind.client()
      await c.get('/signin')
      const statuses: number[] = []
      // The sign-in limit per client is 30 in 15 minutes; each try spoofs a new leftmost entry.
      for (let i = 0; i < 32; i++) {
        const res = await c.request('/signin', {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-forwarded-for': `198.51.100.${i}, 203.0.113.7`,
          },
          body: new URLSearchParams({ _csrf: c.csrf, email: `nobody${i}@example.org` }),
        })
        statuses.push(res.status)
      }
      assert.deepEqual(statuses.slice(0, 30), Array(30).fill(200))
      assert.deepEqual(statuses.slice(30), [429, 429], 'the spoofed entries bought no extra tries')
      // Another client behind the same proxy has its own count.
      const other = await c.request('/signin', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-forwarded-for': '203.0.113.8',
        },
        body: new URLSearchParams({ _csrf: c.csrf, email: 'someone@example.org' }),
      })
      assert.equal(other.status, 200)
    } finally {
      await behind.close()
    }
  })
})
