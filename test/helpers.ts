// One way to stand up Kringwerk in a test: an in-memory PGlite (or a fresh database on the
// PostgreSQL server named by DATABASE_URL), migrated and seeded from the demo builder, and a
// cookie-keeping client that speaks forms with CSRF tokens like a browser does.
import assert from 'node:assert/strict'
import { createApp } from '../src/app.ts'
import { wiring } from '../src/composition.ts'
import { boot } from '../src/core/boot.ts'
import { type Config, loadConfig } from '../src/core/config.ts'
import { scratchDatabase } from '../src/core/db/scratch.ts'
import type { Deps } from '../src/core/http/context.ts'
import { createLogger } from '../src/core/log.ts'
import { createSession } from '../src/core/session.ts'
import { type BuildOptions, buildDemo } from '../src/demo/build.ts'
import type { Persona } from '../src/demo/personas.ts'
import { type SeedResult, seedDemo } from '../src/demo/seed.ts'

export interface TestApp {
  app: ReturnType<typeof createApp>['app']
  router: ReturnType<typeof createApp>['router']
  deps: Deps
  seed: SeedResult | null
  client(): Client
  /** The id the demo gave a key such as `school:regenboog` (fails the test when absent). */
  idOf(key: string): string
  /** A client signed in as a demo persona. */
  as(persona: Persona): Promise<Client>
  /** A client signed in as any person, by their id. */
  asPerson(id: string): Promise<Client>
  close(): Promise<void>
}

export interface TestAppOptions {
  env?: Record<string, string>
  /** false: start with an empty database. Default: the demo data. */
  demo?: boolean | BuildOptions
}

export async function testApp(opts: TestAppOptions = {}): Promise<TestApp> {
  // A fresh PostgreSQL database per test file when DATABASE_URL is set.
  const pgdb = process.env.DATABASE_URL
    ? await scratchDatabase(process.env.DATABASE_URL, 'kw_test')
    : undefined
  const config: Config = loadConfig({
    KRINGWERK_DEMO: '1',
    BASE_URL: 'http://kringwerk.test',
    LOG_LEVEL: 'silent',
    ...opts.env,
    ...(pgdb ? { DATABASE_URL: pgdb.url } : {}),
  })
  const { deps, handle } = await boot(config, {
    wiring: wiring(),
    inMemory: true,
    log: createLogger('silent'),
  })
  const seed =
    opts.demo === false
      ? null
      : await seedDemo(deps.db, buildDemo(opts.demo === true ? {} : opts.demo))
  const { app, router } = createApp(deps)
  return {
    app,
    router,
    deps,
    seed,
    client: () => new Client(app),
    idOf: (key) => {
      const id = seed?.ids.get(key)
      assert.ok(id, `demo id ${key}`)
      return id
    },
    as: async (persona) => {
      const c = new Client(app)
      await c.signInAs(persona)
      return c
    },
    asPerson: async (id) => {
      const row = await deps.db
        .selectFrom('people')
        .select('email')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      const c = new Client(app)
      await c.signInByEmail(deps.db, row.email)
      return c
    },
    close: async () => {
      await deps.background.settled()
      await handle.close()
      await pgdb?.drop()
    },
  }
}

export interface Reply {
  status: number
  headers: Headers
  text: string
  location: string | null
}

/** A tiny browser: keeps cookies, finds the CSRF token in the last page, posts forms. */
export class Client {
  readonly cookies = new Map<string, string>()
  csrf = ''
  constructor(private readonly app: TestApp['app']) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      const expired = attrs.some(
        (a) => /max-age=0\b/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()),
      )
      if (expired || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  async request(path: string, init: RequestInit = {}): Promise<Reply> {
    const headers = new Headers(init.headers)
    if (this.cookies.size) headers.set('cookie', this.cookieHeader())
    const res = await this.app.request(path, { ...init, headers, redirect: 'manual' })
    this.remember(res)
    const text = await res.text()
    const token = text.match(/name="_csrf" value="([^"]+)"/)?.[1]
    if (token) this.csrf = token
    return { status: res.status, headers: res.headers, text, location: res.headers.get('location') }
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
    return this.request(path, { headers })
  }

  /** Posts a urlencoded form with the current CSRF token (fetching one first if needed). */
  async post(
    path: string,
    fields: Record<string, string> = {},
    opts: { csrf?: boolean } = {},
  ): Promise<Reply> {
    if (opts.csrf !== false && !this.csrf) await this.get('/signin')
    const body = new URLSearchParams(opts.csrf === false ? fields : { _csrf: this.csrf, ...fields })
    return this.request(path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
  }

  async postMultipart(path: string, form: FormData): Promise<Reply> {
    if (!this.csrf) await this.get('/signin')
    form.set('_csrf', this.csrf)
    return this.request(path, { method: 'POST', body: form })
  }

  /** Signs in as any person, skipping the mail (the sign-in itself is tested elsewhere). */
  async signInByEmail(db: Deps['db'], email: string): Promise<void> {
    const person = await db
      .selectFrom('people')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
    this.cookies.set('kw_session', await createSession(db, person.id))
    await this.get('/home')
  }

  /** Signs in through the demo persona form, as a visitor would. */
  async signInAs(persona: Persona): Promise<Reply> {
    await this.get('/signin')
    const res = await this.post('/signin/demo', { persona })
    if (res.status !== 303) throw new Error(`demo sign-in as ${persona} failed: ${res.status}`)
    await this.get('/home')
    return res
  }
}

/**
 * Text content without tags, for "does the page mention X" assertions; without the invisible
 * bidi isolates that keep a name's direction inside a sentence (core/consent.ts).
 */
export const visibleText = (html: string): string =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/[\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
