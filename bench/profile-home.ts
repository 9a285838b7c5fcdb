// Where a parent home request spends its time, without the network: the app in-process on an
// in-memory PGlite (or DATABASE_URL), N sequential GET /home as the demo parent. Prints the
// mean time per request for the whole app and for its one session query alone, so their
// difference is what middleware and rendering cost. Add --cpu-prof to node for a profile.
//
//   node --import tsx bench/profile-home.ts [N]
import { createApp } from '../src/app.ts'
import { boot } from '../src/core/boot.ts'
import { loadConfig } from '../src/core/config.ts'
import { createLogger } from '../src/core/log.ts'
import { loadPrincipal } from '../src/core/session.ts'
import { buildDemo } from '../src/demo/build.ts'
import { seedDemo } from '../src/demo/seed.ts'

const n = Number(process.argv[2] ?? 3000)
const config = loadConfig({
  KRINGWERK_DEMO: '1',
  BASE_URL: 'http://127.0.0.1',
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
})
const { deps, handle } = await boot(config, { inMemory: true, log: createLogger(config.logLevel) })
await seedDemo(deps.db, buildDemo())
const { app } = createApp(deps)

// Sign in once as the demo parent, as a browser would.
const first = await app.request('/signin')
const csrfCookie =
  first.headers
    .getSetCookie()
    .find((c) => c.startsWith('kw_csrf='))
    ?.split(';')[0] ?? ''
const token = (await first.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? ''
const signin = await app.request('/signin/demo', {
  method: 'POST',
  headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ _csrf: token, persona: 'parent' }),
})
const session =
  signin.headers
    .getSetCookie()
    .find((c) => c.startsWith('kw_session='))
    ?.split(';')[0] ?? ''
const cookie = `${csrfCookie}; ${session}`
const sessionValue = session.split('=')[1] ?? ''

async function time(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(500, n); i++) await fn()
  const start = process.hrtime.bigint()
  for (let i = 0; i < n; i++) await fn()
  const us = Number(process.hrtime.bigint() - start) / 1000 / n
  console.log(`${label.padEnd(24)} ${us.toFixed(0).padStart(6)} µs/request`)
  return us
}

const whole = await time('GET /home (whole app)', async () => {
  const res = await app.request('/home', { headers: { cookie } })
  if (res.status !== 200) throw new Error(`status ${res.status}`)
  await res.text()
})
const query = await time('session query alone', () => loadPrincipal(deps.db, sessionValue))
console.log(
  `${'middleware + render'.padEnd(24)} ${(whole - query).toFixed(0).padStart(6)} µs/request`,
)
await handle.close()
