// Parent pages are light enough for a cheap phone on a slow line: the first load (HTML plus
// CSS) fits in 14 KB gzip-compressed, in every language. And /healthz tells the engine.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { gzipSync } from 'node:zlib'
import { LANGUAGES } from '../src/core/db/schema.ts'
import { assetBody } from '../src/core/http/static.ts'
import { PERSONAS } from '../src/demo/personas.ts'
import { type TestApp, testApp } from './helpers.ts'

const BUDGET = 14 * 1024
let t: TestApp
before(async () => {
  t = await testApp()
})
after(() => t.close())

const gz = (s: string | Buffer) => gzipSync(s, { level: 6 }).length

describe('page weight', () => {
  for (const lang of LANGUAGES) {
    it(`sign-in and every parent page fit in 14 KB compressed (${lang})`, async () => {
      const css = gz(assetBody('app.css'))
      const c = t.client()
      const signin = await c.get('/signin', { 'accept-language': lang })
      assert.ok(signin.text.includes('/static/app.css?v='), 'the page links the stylesheet')
      assert.ok(gz(signin.text) + css <= BUDGET, `sign-in: ${gz(signin.text) + css} bytes`)
      await c.signInAs('parent')
      await c.post('/profile', { name: 'Samira Haddad', language: lang, contactChannel: 'email' })
      const kring = t.seed?.ids.get('circle:ouderkring')
      const kinderkring = t.seed?.ids.get('circle:kinderkring')
      // Each message and bevraging the parent has (a template, free text, a form, feedback).
      const linked = async (list: string, prefix: string) => {
        const html = (await c.get(list)).text
        return [...new Set(html.match(new RegExp(`${prefix}/[0-9a-f-]{36}`, 'g')) ?? [])]
      }
      const messages = await linked('/messages', '/messages')
      const surveys = await linked('/surveys', '/surveys')
      const hours = await linked('/partners', '/partners/hours')
      assert.ok(messages.length >= 3 && surveys.length >= 2, `${messages} ${surveys}`)
      assert.ok(hours.length >= 1, 'a spreekuur to book')
      for (const path of [
        '/home',
        '/profile',
        '/buddies',
        '/circles',
        `/circles/${kring}/join`,
        `/circles/${kinderkring}/join`,
        '/messages',
        ...messages,
        '/surveys',
        ...surveys,
        '/partners',
        ...hours,
        '/sociale-kaart',
        '/sociale-kaart?page=2',
      ]) {
        const page = await c.get(path)
        assert.equal(page.status, 200)
        assert.match(page.text, new RegExp(`<html lang="${lang}"`))
        const total = gz(page.text) + css
        assert.ok(total <= BUDGET, `${path} in ${lang}: ${total} bytes`)
      }
    })
  }

  it('serves the stylesheet compressed and cacheable for a year', async () => {
    const res = await t.app.request('/static/app.css', { headers: { 'accept-encoding': 'gzip' } })
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-encoding'), 'gzip')
    assert.match(res.headers.get('cache-control') ?? '', /max-age=31536000/)
    assert.equal((await t.app.request('/static/secret.env')).status, 404)
  })
})

describe('home for every role', () => {
  for (const persona of PERSONAS) {
    it(`the ${persona} persona gets a home page that says what will appear there`, async () => {
      const c = t.client()
      await c.signInAs(persona)
      const res = await c.get('/home')
      assert.equal(res.status, 200)
      assert.match(res.text, /<main id="main">(<p class="notice"[^>]*>[^<]*<\/p>)?<h1>/)
      assert.match(res.text, /class="empty"|class="cards"|class="figures"/)
    })
  }

  it('a teacher sees their classes with figures, a director the school figures', async () => {
    const teacher = t.client()
    await teacher.signInAs('teacher')
    assert.match((await teacher.get('/home')).text, /Groep 1\/2a<\/a><br\/>\d+ kinderen/)
    const director = t.client()
    await director.signInAs('director')
    assert.match((await director.get('/home')).text, /De school in cijfers/)
  })
})

describe('health', () => {
  it('GET /healthz answers ok with the engine in use', async () => {
    const res = await t.app.request('/healthz')
    assert.equal(res.status, 200)
    assert.deepEqual(await res.json(), {
      status: 'ok',
      db: process.env.DATABASE_URL ? 'postgres' : 'pglite',
    })
  })
})
