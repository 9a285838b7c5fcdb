// Where a parent home request spends its time, without the network: the app in-process on an
// in-memory PGlite (or DATABASE_URL), N sequential GET /home as the demo parent. Prints the
// mean time per request for the whole app and for its one session query alone, so their
// difference is what middleware and rendering cost. Add --cpu-prof to node for a profile.
//
//   node --import tsx bench/profile-home.ts [N] [--profile]
//
// --profile samples the CPU during the whole-app loop only (node:inspector) and prints where
// the busy time went, by package and by function (self time).
import { Session } from 'node:inspector'
import { createApp } from '../src/app.ts'
import { wiring } from '../src/composition.ts'
import { boot } from '../src/core/boot.ts'
import { loadConfig } from '../src/core/config.ts'
import { createLogger } from '../src/core/log.ts'
import { loadPrincipal } from '../src/core/session.ts'
import { buildDemo } from '../src/demo/build.ts'
import { seedDemo } from '../src/demo/seed.ts'

const n = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 3000)
const profiling = process.argv.includes('--profile')
const config = loadConfig({
  KRINGWERK_DEMO: '1',
  BASE_URL: 'http://127.0.0.1',
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
})
const { deps, handle } = await boot(config, {
  wiring: wiring(),
  inMemory: true,
  log: createLogger(config.logLevel),
})
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
  const cpu = process.cpuUsage()
  const start = process.hrtime.bigint()
  for (let i = 0; i < n; i++) await fn()
  const us = Number(process.hrtime.bigint() - start) / 1000 / n
  const used = process.cpuUsage(cpu)
  const cpuUs = (used.user + used.system) / n
  console.log(
    `${label.padEnd(24)} ${us.toFixed(0).padStart(6)} µs/request, ${cpuUs.toFixed(0).padStart(4)} µs CPU`,
  )
  return us
}

const inspector = profiling ? new Session() : null
inspector?.connect()
const post = <T>(method: string, params?: object) =>
  new Promise<T>((resolve, reject) =>
    inspector?.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res as T))),
  )
const home = async () => {
  const res = await app.request('/home', { headers: { cookie } })
  if (res.status !== 200) throw new Error(`status ${res.status}`)
  await res.text()
}
for (let i = 0; i < 500; i++) await home()
if (inspector) {
  await post('Profiler.enable')
  await post('Profiler.setSamplingInterval', { interval: 100 })
  await post('Profiler.start')
}
const whole = await time('GET /home (whole app)', home)
if (inspector) {
  const { profile } = await post<{ profile: CpuProfile }>('Profiler.stop')
  report(profile)
}
const query = await time('session query alone', () => loadPrincipal(deps.db, sessionValue))
console.log(
  `${'middleware + render'.padEnd(24)} ${(whole - query).toFixed(0).padStart(6)} µs/request`,
)
await handle.close()

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]
  samples: number[]
  timeDeltas: number[]
}

/** Busy self time by package (or our file) and by function, in % of busy time. */
function report(profile: CpuProfile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const byPlace = new Map<string, number>()
  const byFunction = new Map<string, number>()
  let busy = 0
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame
    const dt = profile.timeDeltas[i] ?? 0
    if (!frame || frame.functionName === '(idle)') return
    busy += dt
    const url = frame.url.replace(/^file:\/\//, '')
    const pkg = url.includes('node_modules/')
      ? (url.split('node_modules/')[1] ?? '')
          .split('/')
          .slice(0, url.includes('/@') ? 2 : 1)
          .join('/')
      : url.replace(/.*\/(src|bench)\//, '$1/') || `(${frame.functionName})`
    byPlace.set(pkg, (byPlace.get(pkg) ?? 0) + dt)
    const fn = `${frame.functionName || '(anonymous)'} ${pkg}:${frame.lineNumber}`
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + dt)
  })
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, t]) => `  ${((100 * t) / busy).toFixed(1).padStart(5)}%  ${name}`)
      .join('\n')
  console.log(
    `busy time by place:\n${top(byPlace, 20)}\nbusy time by function:\n${top(byFunction, 25)}`,
  )
}
