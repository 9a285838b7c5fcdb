// Deny by default, CSRF, headers, body caps, the error page and the logs: the cross-cutting
// protections every feature relies on.
import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import { serve } from '@hono/node-server'
import { createApp } from '../src/app.ts'
import { SECURITY_HEADERS } from '../src/core/http/middleware.ts'
import { PUBLIC } from '../src/core/http/router.ts'
import { createLogger } from '../src/core/log.ts'
import { can, PUBLIC_ROUTES, policies } from '../src/policies.ts'
import { type TestApp, testApp } from './helpers.ts'

let t: TestApp
before(async () => {
  t = await testApp()
})
after(() => t.close())

describe('deny by default', () => {
  it('every registered route names a policy action or is on the short public list', () => {
    const declared = new Map(t.router.routes.map((r) => [`${r.method} ${r.path}`, r.action]))
    const handlers = t.app.routes.filter((r) => r.method !== 'ALL')
    assert.ok(handlers.length >= 20, 'the app registers its routes')
    for (const r of handlers) {
      const key = `${r.method} ${r.path}`
      const action = declared.get(key)
      assert.ok(action, `${key} was registered without a policy`)
      if (action === PUBLIC)
        assert.ok(PUBLIC_ROUTES.includes(key), `${key} is public but not on the list`)
      else assert.ok(policies.has(action), `${key} names unknown action ${action}`)
    }
    // The whole public surface, spelled out: adding to it is a reviewed change of this test.
    assert.deepEqual([...PUBLIC_ROUTES].sort(), [
      'GET /',
      'GET /calendar/:token',
      'GET /circles/:id/calendar.ics',
      'GET /circles/:id/join',
      'GET /circles/:id/poster.pdf',
      'GET /healthz',
      'GET /signin',
      'GET /signin/verify',
      'GET /sociale-kaart',
      'GET /sociale-kaart/hsds.json',
      'GET /static/:file',
      'GET /static/pictograms/:file',
      'POST /circles/:id/join',
      'POST /language',
      'POST /signin',
      'POST /signin/code',
      'POST /signin/demo',
      'POST /signin/verify',
    ])
  })

  it('an anonymous visitor is sent to sign-in or refused on every non-public route', async () => {
    const c = t.client()
    await c.get('/signin')
    for (const r of t.router.routes.filter((x) => x.action !== PUBLIC)) {
      const path = r.path.replace(/:\w+/g, '00000000-0000-4000-8000-000000000000')
      const res = r.method === 'GET' ? await c.get(path) : await c.post(path, {})
      if (r.action === 'outbox.read') continue // open in demo mode, by design (see policy)
      assert.ok(
        (res.status === 303 && res.location?.startsWith('/signin')) || res.status === 403,
        `${r.method} ${r.path} answered ${res.status} to an anonymous visitor`,
      )
    }
  })

  it('no action is allowed to nobody except the outbox in demo mode', () => {
    for (const action of policies.actions()) {
      assert.equal(
        can(null, action, undefined, { demo: false }),
        false,
        `${action} allows anonymous`,
      )
    }
  })

  it('outside demo mode the outbox is for admins only', async () => {
    const prod = await testApp({
      env: { KRINGWERK_DEMO: '0' },
      demo: { families: { regenboog: 2, vlinderboom: 2 } },
    })
    try {
      assert.equal((await prod.client().get('/outbox')).status, 303)
    } finally {
      await prod.close()
    }
  })
})

describe('CSRF', () => {
  it('a state-changing POST without the token is refused with 403 and changes nothing', async () => {
    const c = t.client()
    await c.signInAs('parent')
    const before = await t.deps.db
      .selectFrom('people')
      .select(['name', 'language'])
      .where('email', '=', 'parent@demo.kringwerk.example')
      .executeTakeFirstOrThrow()
    const res = await c.post(
      '/profile',
      { name: 'Hacked', language: 'en', contactChannel: 'email' },
      { csrf: false },
    )
    assert.equal(res.status, 403)
    const wrong = await c.post(
      '/profile',
      { _csrf: 'forged', name: 'Hacked', language: 'en', contactChannel: 'email' },
      { csrf: false },
    )
    assert.equal(wrong.status, 403)
    const afterRow = await t.deps.db
      .selectFrom('people')
      .select(['name', 'language'])
      .where('email', '=', 'parent@demo.kringwerk.example')
      .executeTakeFirstOrThrow()
    assert.deepEqual(afterRow, before)
    // With the token the same form works.
    const ok = await c.post('/profile', {
      name: before.name,
      language: 'nl',
      contactChannel: 'email',
    })
    assert.equal(ok.status, 303)
  })

  it('every state-changing route of the router refuses a request without a valid token', async () => {
    // The router's own list, so a route added later is covered without touching this test;
    // anonymous and signed in, as a form, as multipart and with a forged header token.
    const changing = t.router.routes.filter((r) => r.method !== 'GET')
    assert.ok(changing.length >= 40, 'the app registers its state-changing routes')
    const visitors = [t.client(), await t.as('parent'), await t.as('director')]
    await visitors[0]?.get('/signin')
    const id = '00000000-0000-4000-8000-000000000000'
    for (const r of changing) {
      const path = r.path.replace(/:\w+/g, id)
      for (const c of visitors) {
        const attempts = [
          await c.post(path, { name: 'X' }, { csrf: false }),
          await c.post(path, { _csrf: `${c.csrf.slice(0, -2)}xx`, name: 'X' }, { csrf: false }),
          await c.request(path, { method: r.method, headers: { 'x-csrf-token': 'forged' } }),
        ]
        const form = new FormData()
        form.set('name', 'X')
        attempts.push(await c.request(path, { method: r.method, body: form }))
        for (const [i, res] of attempts.entries())
          assert.equal(
            res.status,
            403,
            `${r.method} ${r.path} (attempt ${i}) without a valid token`,
          )
      }
    }
  })

  it('a token from one browser does not work in another', async () => {
    const a = t.client()
    await a.get('/signin')
    const b = t.client()
    await b.signInAs('director')
    const res = await b.post(
      '/people/invite',
      { _csrf: a.csrf, name: 'X', email: 'x@example.org', role: 'teacher' },
      { csrf: false },
    )
    assert.equal(res.status, 403)
  })
})

describe('headers and limits', () => {
  it('sends a strict CSP with no inline script and the other security headers', async () => {
    const res = await t.client().get('/signin')
    const csp = res.headers.get('content-security-policy') ?? ''
    assert.match(csp, /default-src 'none'/)
    assert.match(csp, /frame-ancestors 'none'/)
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/)
    assert.doesNotMatch(csp, /script-src [^;]*'self'/)
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff')
    assert.equal(res.headers.get('referrer-policy'), 'same-origin')
    assert.doesNotMatch(res.text, /<script/i)
    assert.doesNotMatch(res.text, /\sstyle=/i)
  })

  it('sends the same security headers over HTTP as in-process, on every kind of response', async () => {
    // Over HTTP the headers go onto Node's response (core/http/middleware.ts); in-process
    // they go onto the fetch Response. Both must give every response the whole set.
    assert.ok(SECURITY_HEADERS.length >= 8)
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' })
    try {
      await new Promise((resolve) => server.once('listening', resolve))
      const { port } = server.address() as AddressInfo
      const paths = ['/signin', '/home', '/nope', '/static/app.css', '/healthz']
      for (const path of paths) {
        const overHttp = await fetch(`http://127.0.0.1:${port}${path}`, { redirect: 'manual' })
        await overHttp.arrayBuffer()
        const inProcess = await t.app.request(path, { redirect: 'manual' })
        assert.equal(overHttp.status, inProcess.status, path)
        for (const [name, value] of SECURITY_HEADERS) {
          assert.equal(overHttp.headers.get(name), value, `${name} over HTTP on ${path}`)
          assert.equal(inProcess.headers.get(name), value, `${name} in-process on ${path}`)
        }
      }
      // Refused before any handler: a state change without the CSRF token, a body too large.
      const refusals: [string, RequestInit, number][] = [
        ['/signin', { method: 'POST', body: new URLSearchParams({ email: 'a@b.example' }) }, 403],
        [
          '/signin',
          {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: `email=${'x'.repeat(1024 * 1024 + 10)}`,
          },
          413,
        ],
      ]
      for (const [path, init, status] of refusals) {
        const overHttp = await fetch(`http://127.0.0.1:${port}${path}`, init)
        await overHttp.arrayBuffer()
        const inProcess = await t.app.request(path, init)
        assert.equal(overHttp.status, status, `${path} over HTTP`)
        assert.equal(inProcess.status, status, `${path} in-process`)
        for (const [name, value] of SECURITY_HEADERS) {
          assert.equal(overHttp.headers.get(name), value, `${name} over HTTP on ${status}`)
          assert.equal(inProcess.headers.get(name), value, `${name} in-process on ${status}`)
        }
        // A body left unread ends the connection, and the answer says so.
        if (status === 413) assert.equal(inProcess.headers.get('connection'), 'close')
      }
      // A response whose handler sets a header of its own keeps it beside the set.
      const signin = await fetch(`http://127.0.0.1:${port}/signin`)
      assert.match(signin.headers.get('set-cookie') ?? '', /kw_csrf=/)
      assert.match(signin.headers.get('content-type') ?? '', /text\/html/)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('a signed-in page is never cached (school PCs are shared); a static file still is', async () => {
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' })
    try {
      await new Promise((resolve) => server.once('listening', resolve))
      const { port } = server.address() as AddressInfo
      const c = t.client()
      await c.signInAs('parent')
      const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
      for (const path of ['/home', '/profile', '/nope']) {
        const overHttp = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie } })
        await overHttp.arrayBuffer()
        assert.equal(overHttp.headers.get('cache-control'), 'no-store', `${path} over HTTP`)
        assert.equal((await c.get(path)).headers.get('cache-control'), 'no-store', path)
      }
      const css = await fetch(`http://127.0.0.1:${port}/static/app.css`, { headers: { cookie } })
      await css.arrayBuffer()
      assert.notEqual(css.headers.get('cache-control'), 'no-store')
      // Signed out, the sign-in page may be cached as the browser likes.
      const anon = await fetch(`http://127.0.0.1:${port}/signin`)
      await anon.arrayBuffer()
      assert.equal(anon.headers.get('cache-control'), null)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('caps request bodies', async () => {
    const c = t.client()
    await c.signInAs('director')
    const big = 'x'.repeat(1024 * 1024 + 10)
    const res = await c.post('/people/invite', {
      name: big,
      email: 'a@example.org',
      role: 'teacher',
    })
    assert.equal(res.status, 413)
    const count = await t.deps.db
      .selectFrom('people')
      .select('id')
      .where('email', '=', 'a@example.org')
      .execute()
    assert.equal(count.length, 0)
  })
})

describe('errors and logs', () => {
  it('an unexpected error shows a friendly page in the user language with a reference, never a stack', async () => {
    const lines: string[] = []
    const log = createLogger(
      'info',
      new Writable({
        write(chunk, _e, cb) {
          lines.push(String(chunk))
          cb()
        },
      }),
    )
    const { app } = createApp({ ...t.deps, log })
    app.get('/boom-test', () => {
      throw new Error('secret detail: fatima@example.org')
    })
    const res = await app.request('/boom-test', { headers: { 'accept-language': 'en' } })
    const text = await res.text()
    assert.equal(res.status, 500)
    assert.match(text, /Something went wrong on our side/)
    assert.doesNotMatch(text, /secret detail|at .*\.ts|Error:/)
    const ref = text.match(/Reference: (\S+?)</)?.[1]
    assert.ok(ref)
    const logged = lines.join('')
    assert.ok(logged.includes(ref), 'the log line carries the request id shown to the user')
    assert.doesNotMatch(logged, /fatima@example.org|secret detail/)
  })

  it('unknown pages get the friendly 404 in the user language', async () => {
    const res = await t.client().get('/nope', { 'accept-language': 'fr' })
    assert.equal(res.status, 404)
    assert.match(res.text, /<html lang="fr" dir="ltr">/)
  })

  it('logs carry no names, addresses or typed text through a whole working session', async () => {
    const lines: string[] = []
    const log = createLogger(
      'trace',
      new Writable({
        write(chunk, _e, cb) {
          lines.push(String(chunk))
          cb()
        },
      }),
    )
    const { app } = createApp({ ...t.deps, log })
    const { Client } = await import('./helpers.ts')
    const c = new Client(app)
    await c.get('/signin')
    await c.post('/signin', { email: 'parent@demo.kringwerk.example' })
    await c.signInAs('director')
    await c.post('/people/invite', {
      name: 'Zeynep Unieknaam',
      email: 'zeynep.uniek@example.org',
      role: 'teacher',
    })
    await c.post('/profile', {
      name: 'Joost Hendriks',
      language: 'nl',
      contactChannel: 'phone',
      phone: '0612345678',
    })
    const logged = lines.join('')
    assert.ok(lines.length >= 5)
    for (const secret of [
      'parent@demo',
      'Zeynep',
      'zeynep.uniek',
      'Joost',
      '0612345678',
      'Hendriks',
    ]) {
      assert.equal(logged.includes(secret), false, `log contains ${secret}`)
    }
  })
})
