// One catalog per language, complete: every key Dutch has, every placeholder kept, and the
// page follows the chosen language with the right writing direction.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { LANGUAGES } from '../src/core/db/schema.ts'
import nl from '../src/core/i18n/catalogs/nl.json' with { type: 'json' }
import { catalogs, negotiate } from '../src/core/i18n/index.ts'
import { type TestApp, testApp } from './helpers.ts'

const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort()

describe('message catalogs', () => {
  for (const lang of LANGUAGES) {
    it(`${lang} has every key, non-empty, with the same placeholders`, () => {
      const cat = catalogs[lang] as Record<string, string | undefined>
      const missing = Object.keys(nl).filter((k) => !cat[k]?.trim())
      assert.deepEqual(missing, [], `${lang} lacks ${missing.length} keys`)
      const extra = Object.keys(cat).filter((k) => !(k in nl))
      assert.deepEqual(extra, [], `${lang} has keys Dutch does not`)
      for (const [k, v] of Object.entries(nl)) {
        assert.deepEqual(placeholders(cat[k] ?? ''), placeholders(v), `${lang}.${k} placeholders`)
      }
    })
  }

  it('every key used in the code exists in the Dutch catalog', async () => {
    const { readdirSync, readFileSync } = await import('node:fs')
    const files = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((f) =>
      /\.tsx?$/.test(f),
    )
    const used = new Set<string>()
    for (const f of files) {
      const text = readFileSync(`src/${f}`, 'utf8')
      for (const m of text.matchAll(/\bt\('([a-zA-Z]+(?:\.[a-zA-Z]+)+)'/g)) used.add(m[1] ?? '')
      for (const m of text.matchAll(/(?:label|hint|messageKey)="([a-zA-Z]+(?:\.[a-zA-Z]+)+)"/g))
        used.add(m[1] ?? '')
    }
    const unknown = [...used].filter((k) => !(k in nl))
    assert.deepEqual(unknown, [])
  })

  it('every audit action, notice and consent kind a feature registers has its words', async () => {
    const { features } = await import('../src/composition.ts')
    const { auditActions } = await import('../src/core/audit.ts')
    const keys = [
      ...auditActions().map((a) => `audit.action.${a}`),
      ...features.flatMap((f) => f.notices ?? []).map((n) => `notice.${n}`),
      ...features.flatMap((f) => f.scopes ?? []).map((s) => s.label),
    ]
    assert.ok(auditActions().includes('buddy.referral') && auditActions().includes('signin'))
    assert.deepEqual(
      keys.filter((k) => !(k in nl)),
      [],
    )
  })

  it('negotiates the browser language and falls back to Dutch', () => {
    assert.equal(negotiate('ar-MA,ar;q=0.9,en;q=0.5'), 'ar')
    assert.equal(negotiate('de-DE,en;q=0.3'), 'en')
    assert.equal(negotiate('de-DE'), 'nl')
    assert.equal(negotiate(undefined), 'nl')
  })
})

describe('language choice', () => {
  let t: TestApp
  before(async () => {
    t = await testApp({ demo: { families: { regenboog: 3, vlinderboom: 3 } } })
  })
  after(() => t.close())

  it('a parent who picks Arabic gets lang="ar" dir="rtl", saved for next time', async () => {
    const c = t.client()
    await c.signInAs('parent')
    assert.match((await c.get('/home')).text, /<html lang="nl" dir="ltr">/)
    const res = await c.post('/profile', {
      name: 'Samira Haddad',
      language: 'ar',
      contactChannel: 'email',
    })
    assert.equal(res.status, 303)
    const home = await c.get('/home')
    assert.match(home.text, /<html lang="ar" dir="rtl">/)
    assert.match(home.text, /مرحب|أهل/)
    const row = await t.deps.db
      .selectFrom('people')
      .select('language')
      .where('email', '=', 'parent@demo.kringwerk.example')
      .executeTakeFirstOrThrow()
    assert.equal(row.language, 'ar')
  })

  it('a visitor picks a language on the sign-in page', async () => {
    const c = t.client()
    await c.get('/signin')
    await c.post('/language', { language: 'tr' })
    assert.match((await c.get('/signin')).text, /<html lang="tr" dir="ltr">/)
  })
})
