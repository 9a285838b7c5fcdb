// Signing in without a password: a mailed single-use link and a 6-digit code, rate limits,
// and a sign-in page that never tells whether an address exists.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { catalogs, translator } from '../src/core/i18n/index.ts'
import { personaEmail } from '../src/demo/personas.ts'
import { MAX_CODE_ATTEMPTS } from '../src/features/auth/commands/signin.ts'
import { wrongCodeMessage } from '../src/features/auth/views/signin.tsx'
import { type TestApp, testApp, visibleText } from './helpers.ts'
import { codeIn, type Inbox, linkIn, startSmtp } from './smtp.ts'

let t: TestApp
let inbox: Inbox

before(async () => {
  inbox = await startSmtp()
  t = await testApp({ env: { SMTP_URL: inbox.url } })
})
after(async () => {
  await t.close()
  await inbox.close()
})

const parent = personaEmail('parent')

describe('sign-in by mailed link', () => {
  it('a parent follows the link from the mail, confirms once and lands on their home', async () => {
    const c = t.client()
    await c.get('/signin')
    const res = await c.post('/signin', { email: parent.toUpperCase() })
    assert.equal(res.status, 200)
    const mail = await inbox.next(parent)
    const link = new URL(linkIn(mail.text ?? ''))
    // Opening the link changes nothing by itself: mail scanners open links too.
    const confirm = await c.get(link.pathname + link.search)
    assert.equal(confirm.status, 200)
    assert.equal(c.cookies.has('kw_session'), false)
    const token = link.searchParams.get('token') ?? ''
    const done = await c.post('/signin/verify', { token })
    assert.equal(done.status, 303)
    assert.equal(done.location, '/home')
    const home = await c.get('/home')
    assert.equal(home.status, 200)
    assert.match(visibleText(home.text), /Amira/)
    // Single use: the same link a second time does not sign anyone in.
    const again = t.client()
    await again.get('/signin')
    const reuse = await again.post('/signin/verify', { token })
    assert.equal(reuse.status, 400)
    assert.equal(again.cookies.has('kw_session'), false)
  })

  it('the 6-digit code from the same mail signs in on another device', async () => {
    const phone = t.client()
    await phone.get('/signin')
    await phone.post('/signin', { email: parent })
    const mail = await inbox.next(parent)
    const pc = t.client()
    await pc.get('/signin')
    const wrong = await pc.post('/signin/code', {
      email: parent,
      code: '000000' === codeIn(mail.text ?? '') ? '111111' : '000000',
    })
    assert.equal(wrong.status, 400)
    const ok = await pc.post('/signin/code', { email: parent, code: codeIn(mail.text ?? '') })
    assert.equal(ok.status, 303)
    assert.equal((await pc.get('/home')).status, 200)
  })

  it('codes and links are stored only as hashes and expire after 15 minutes', async () => {
    const c = t.client()
    await c.get('/signin')
    await c.post('/signin', { email: parent })
    const mail = await inbox.next(parent)
    const code = codeIn(mail.text ?? '')
    const token = new URL(linkIn(mail.text ?? '')).searchParams.get('token') ?? ''
    const rows = await t.deps.db.selectFrom('signin_tokens').selectAll().execute()
    const dump = JSON.stringify(rows)
    assert.equal(dump.includes(code), false)
    assert.equal(dump.includes(token), false)
    const minutes = await sql<{
      m: number
    }>`select round(extract(epoch from (expires_at - created_at)) / 60)::int as m from signin_tokens order by created_at desc limit 1`.execute(
      t.deps.db,
    )
    assert.equal(minutes.rows[0]?.m, 15)
    // Let it expire: the code no longer works.
    await t.deps.db
      .updateTable('signin_tokens')
      .set({ expires_at: sql`now() - interval '1 second'` })
      .execute()
    const late = await c.post('/signin/code', { email: parent, code })
    assert.equal(late.status, 400)
    assert.equal(c.cookies.has('kw_session'), false)
  })

  it('five wrong codes void the token, even if the sixth guess is right', async () => {
    const email = personaEmail('teacher')
    const c = t.client()
    await c.get('/signin')
    await c.post('/signin', { email })
    const code = codeIn((await inbox.next(email)).text ?? '')
    const wrong = code === '123456' ? '654321' : '123456'
    for (let i = 0; i < 5; i++)
      assert.equal((await c.post('/signin/code', { email, code: wrong })).status, 400)
    assert.equal((await c.post('/signin/code', { email, code })).status, 400)
  })
})

describe('expiry and tries left', () => {
  const nl = translator('nl')
  /** The error the code page shows, as text. */
  const shown = (html: string) => {
    const m = html.match(/role="alert"[\s\S]*?<ul[^>]*>([\s\S]*?)<\/ul>/)
    return visibleText(m?.[1] ?? '').trim()
  }

  it('an expired link does not sign in, though it was never used', async () => {
    const email = personaEmail('facilitator')
    const c = t.client()
    await c.get('/signin')
    await c.post('/signin', { email })
    const token = new URL(linkIn((await inbox.next(email)).text ?? '')).searchParams.get('token')
    const person = await t.deps.db
      .selectFrom('people')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
    await t.deps.db
      .updateTable('signin_tokens')
      .set({ expires_at: sql`now() - interval '1 second'` })
      .where('person_id', '=', person.id)
      .where('used_at', 'is', null)
      .execute()
    const res = await c.post('/signin/verify', { token: token ?? '' })
    assert.equal(res.status, 400)
    assert.match(visibleText(res.text), new RegExp(nl('signin.linkInvalid')))
    assert.equal(c.cookies.has('kw_session'), false)
    const used = await t.deps.db
      .selectFrom('signin_tokens')
      .select('used_at')
      .where('person_id', '=', person.id)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow()
    assert.equal(used.used_at, null, 'refused for its age, not because it was used')
  })

  it('a wrong code says how many tries are left; after the last, to ask for a new mail', async () => {
    const email = personaEmail('partner')
    const c = t.client()
    await c.get('/signin')
    await c.post('/signin', { email })
    const code = codeIn((await inbox.next(email)).text ?? '')
    const wrong = code === '123456' ? '654321' : '123456'
    const messages: string[] = []
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i++) {
      const res = await c.post('/signin/code', { email, code: wrong })
      assert.equal(res.status, 400)
      messages.push(shown(res.text))
    }
    assert.deepEqual(messages, [
      nl('signin.codeLeft4'),
      nl('signin.codeLeft3'),
      nl('signin.codeLeft2'),
      nl('signin.codeLeft1'),
      nl('signin.codeWrong'),
    ])
    assert.match(nl('signin.codeLeft4'), /nog 4 keer/)
    assert.match(nl('signin.codeWrong'), /nieuwe mail/)
    // The right code no longer helps, and the page keeps saying so.
    const late = await c.post('/signin/code', { email, code })
    assert.equal(late.status, 400)
    assert.equal(shown(late.text), nl('signin.codeWrong'))
    assert.equal(c.cookies.has('kw_session'), false)

    // A new mail gives new tries; its code works.
    await c.post('/signin', { email })
    const fresh = codeIn((await inbox.next(email)).text ?? '')
    const again = await c.post('/signin/code', {
      email,
      code: fresh === '123456' ? '654321' : '123456',
    })
    assert.equal(shown(again.text), nl('signin.codeLeft4'))
    assert.equal((await c.post('/signin/code', { email, code: fresh })).status, 303)
  })

  it('an address nobody has counts its tries the same, so the count tells nothing', async () => {
    const c = t.client()
    await c.get('/signin')
    const email = 'niemand.hier@example.org'
    await c.post('/signin', { email })
    const messages: string[] = []
    for (let i = 0; i < MAX_CODE_ATTEMPTS + 1; i++)
      messages.push(shown((await c.post('/signin/code', { email, code: '123456' })).text))
    assert.deepEqual(messages, [
      nl('signin.codeLeft4'),
      nl('signin.codeLeft3'),
      nl('signin.codeLeft2'),
      nl('signin.codeLeft1'),
      nl('signin.codeWrong'),
      nl('signin.codeWrong'),
    ])
  })

  it('every number of tries left has its own message in every language', () => {
    const keys = new Set<string>()
    for (let left = MAX_CODE_ATTEMPTS - 1; left >= 0; left--) keys.add(wrongCodeMessage(left))
    assert.equal(keys.size, MAX_CODE_ATTEMPTS)
    for (const key of keys)
      for (const [lang, catalog] of Object.entries(catalogs))
        assert.ok((catalog as Record<string, string>)[key], `${lang} has ${key}`)
  })
})

describe('no address enumeration', () => {
  it('answers the same page for a known and an unknown address, and mails only the known one', async () => {
    const c = t.client()
    await c.get('/signin')
    const before = inbox.mails.length
    const unknown = await c.post('/signin', { email: 'nobody-here@example.org' })
    const known = await c.post('/signin', { email: personaEmail('ib') })
    assert.equal(unknown.status, known.status)
    const strip = (s: string) => visibleText(s).replace(/\S+@\S+/g, 'ADDRESS')
    assert.equal(strip(unknown.text), strip(known.text))
    await inbox.next(personaEmail('ib'))
    assert.equal(inbox.mails.length, before + 1)
  })

  it('answers before the mail is made, so a known address takes no longer than an unknown one', async () => {
    // Hold every mail until released: the answer must not wait for it.
    const mailer = t.deps.mailer
    const deliver = mailer.deliver
    let release!: () => void
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    let started = 0
    mailer.deliver = async (ids) => {
      started++
      await gate
      return deliver.call(mailer, ids)
    }
    try {
      const c = t.client()
      await c.get('/signin')
      const answered = await Promise.race([
        c.post('/signin', { email: personaEmail('brugfiguur') }).then((r) => r.status),
        new Promise((resolve) => setTimeout(() => resolve('waited for the mail'), 5000)),
      ])
      assert.equal(answered, 200)
      for (let waited = 0; started === 0 && waited < 5000; waited += 20)
        await new Promise((resolve) => setTimeout(resolve, 20))
      assert.equal(started, 1, 'the mail is on its way in the background')
      release()
      await t.deps.background.settled()
      const mail = await inbox.next(personaEmail('brugfiguur'))
      assert.match(mail.text ?? '', /\/signin\/verify\?token=/)
    } finally {
      mailer.deliver = deliver
      release()
    }
  })

  it('re-renders a bad address with a message in the visitor language and mails nothing', async () => {
    const c = t.client()
    await c.get('/signin', { 'accept-language': 'en' })
    const res = await c.request('/signin', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
      body: new URLSearchParams({ _csrf: c.csrf, email: 'not-an-address' }),
    })
    assert.equal(res.status, 400)
    assert.match(res.text, /Enter a valid e-mail address/)
    assert.match(res.text, /value="not-an-address"/)
  })
})

describe('rate limits', () => {
  it('limits requests per address, whether or not the address exists', async () => {
    for (const email of [personaEmail('director'), 'ghost@example.org']) {
      const statuses: number[] = []
      for (let i = 0; i < 7; i++) {
        const c = t.client()
        await c.get('/signin')
        statuses.push((await c.post('/signin', { email })).status)
      }
      assert.deepEqual(statuses.slice(0, 5), [200, 200, 200, 200, 200])
      assert.equal(statuses[5], 429)
      assert.equal(statuses[6], 429)
    }
  })

  it('limits requests per client across many addresses', async () => {
    const local = await testApp({ demo: false })
    try {
      const c = local.client()
      await c.get('/signin')
      const statuses: number[] = []
      for (let i = 0; i < 32; i++)
        statuses.push((await c.post('/signin', { email: `person${i}@example.org` })).status)
      assert.equal(statuses.filter((s) => s === 200).length, 30)
      assert.deepEqual(statuses.slice(30), [429, 429])
    } finally {
      await local.close()
    }
  })
})

describe('sessions', () => {
  it('the session cookie is HttpOnly and SameSite=Lax, and Secure behind https', async () => {
    const c = t.client()
    await c.get('/signin')
    const res = await c.request('/signin/demo', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: c.csrf, persona: 'parent' }),
    })
    const cookie = res.headers.getSetCookie().find((h) => h.startsWith('kw_session=')) ?? ''
    assert.match(cookie, /HttpOnly/)
    assert.match(cookie, /SameSite=Lax/)
    assert.doesNotMatch(cookie, /Secure/)
    const https = await testApp({
      demo: { families: { regenboog: 1, vlinderboom: 1 } },
      env: { BASE_URL: 'https://school.example' },
    })
    try {
      const s = https.client()
      await s.get('/signin')
      const r = await s.request('/signin/demo', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: s.csrf, persona: 'parent' }),
      })
      assert.match(
        r.headers.getSetCookie().find((h) => h.startsWith('kw_session=')) ?? '',
        /Secure/,
      )
    } finally {
      await https.close()
    }
  })

  it('signing out ends the session on the server, not only in the browser', async () => {
    const c = t.client()
    await c.signInAs('parent')
    const stolen = c.cookies.get('kw_session') ?? ''
    const out = await c.post('/signout')
    assert.equal(out.status, 303)
    const thief = t.client()
    thief.cookies.set('kw_session', stolen)
    const res = await thief.get('/home')
    assert.equal(res.status, 303)
    assert.match(res.location ?? '', /^\/signin/)
  })

  it('demo personas exist only in demo mode, never in production', async () => {
    const prod = await testApp({
      demo: false,
      env: { NODE_ENV: 'production', KRINGWERK_DEMO: '1' },
    })
    try {
      const c = prod.client()
      const page = await c.get('/signin')
      assert.doesNotMatch(page.text, /signin\/demo/)
      const res = await c.post('/signin/demo', { persona: 'admin' })
      assert.equal(res.status, 404)
      assert.equal(c.cookies.has('kw_session'), false)
    } finally {
      await prod.close()
    }
  })
})
