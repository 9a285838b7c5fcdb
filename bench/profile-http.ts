// Where a target's server spends its CPU under load: starts bench/server.ts <target> (an
// in-memory PGlite, or DATABASE_URL), warms it for 2 s with 50 connections, then samples the
// server's CPU (node:inspector, BENCH_PROFILE) during a measured run and prints, per request,
// the server's CPU time and the busiest functions by inclusive time.
//
//   node --import tsx bench/profile-http.ts [app|one-query] [seconds] [top]
//
// Server CPU per request moves far less between runs than req/s on a small shared machine,
// so it is the number to compare before and after a change (docs/decisions/0004).
import { fork } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { cpuSnapshot } from './cpu.ts'
import { type Ready, signInAsParent } from './shared.ts'

const target = process.argv[2] === 'one-query' ? 'one-query' : 'app'
const seconds = Number(process.argv[3] ?? 8)
const top = Number(process.argv[4] ?? 40)
const profileFile = join(mkdtempSync(join(tmpdir(), 'kw-profile-')), 'server.cpuprofile')

const child = fork(new URL('./server.ts', import.meta.url), [target], {
  execArgv: ['--import', 'tsx'],
  env: { ...process.env, BENCH_PROFILE: profileFile },
  stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
})
const ready = await new Promise<Ready>((resolve) =>
  child.once('message', (m) => resolve(m as Ready)),
)
const base = `http://127.0.0.1:${ready.port}`

const cookie = target === 'app' ? await signInAsParent(base) : ''
const url = base + (target === 'app' ? '/home' : '/')
await autocannon({ url, connections: 50, duration: 2, headers: { cookie } })
child.send({ type: 'profile' })
const before = cpuSnapshot(ready.pid)
const result = await autocannon({ url, connections: 50, duration: seconds, headers: { cookie } })
const after = cpuSnapshot(ready.pid)
child.kill('SIGTERM')
await new Promise((resolve) => child.once('exit', resolve))

const requests = result.requests.total
const cpuUs = before && after ? ((after.server - before.server) * 1e4) / requests : Number.NaN
console.log(
  `${target} (${ready.engine}): ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms, ` +
    `server CPU ${cpuUs.toFixed(0)} µs/request (profiler attached; compare runs, not absolutes)`,
)

interface Node {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as {
  nodes: Node[]
  samples: number[]
  timeDeltas: number[]
}
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const parent = new Map<number, number>()
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
const place = (url: string) => {
  const u = url.replace(/^file:\/\//, '')
  if (u.includes('node_modules/'))
    return (u.split('node_modules/').at(-1) ?? '').split('/').slice(0, 2).join('/')
  return u.replace(/.*\/(src|bench)\//, '$1/')
}
const inclusive = new Map<string, number>()
profile.samples.forEach((id, i) => {
  if (byId.get(id)?.callFrame.functionName === '(idle)') return
  const dt = profile.timeDeltas[i] ?? 0
  const seen = new Set<string>()
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const f = byId.get(cur)?.callFrame
    if (!f) break
    const key = `${f.functionName || '(anonymous)'}  ${place(f.url)}:${f.lineNumber}`
    if (seen.has(key)) continue
    seen.add(key)
    inclusive.set(key, (inclusive.get(key) ?? 0) + dt)
  }
})
console.log('µs per request, inclusive (sampled):')
for (const [name, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${(us / requests).toFixed(0).padStart(6)}  ${name}`)
}

// Self time: where the CPU actually is, by function and by package or source file.
const self = new Map<string, number>()
const byPlace = new Map<string, number>()
profile.samples.forEach((id, i) => {
  const f = byId.get(id)?.callFrame
  if (!f || f.functionName === '(idle)') return
  const dt = profile.timeDeltas[i] ?? 0
  const key = `${f.functionName || '(anonymous)'}  ${place(f.url)}:${f.lineNumber}`
  self.set(key, (self.get(key) ?? 0) + dt)
  const where = place(f.url) || f.functionName
  byPlace.set(where, (byPlace.get(where) ?? 0) + dt)
})
console.log('\nµs per request, self time by package or file:')
for (const [name, us] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${(us / requests).toFixed(1).padStart(6)}  ${name}`)
}
console.log('\nµs per request, self time by function:')
for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${(us / requests).toFixed(1).padStart(6)}  ${name}`)
}
