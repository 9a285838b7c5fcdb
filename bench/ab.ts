// Before and after, on the same machine at the same time: two checkouts' servers, loaded in
// alternation (A B B A A B ...), so that whatever else the machine does falls on both.
//
//   node --import tsx bench/ab.ts <dir A> <dir B> [rounds] [seconds]
//
// Each dir is a checkout of this repository with its dependencies (a `git worktree` with a
// symlinked node_modules will do). AB_TARGET_A / AB_TARGET_B pick the target (app, one-query;
// default app): with AB_TARGET_A=one-query and the same dir twice, the home beside its baseline.
// Uses DATABASE_URL like the other benchmarks: both servers then share that database.
//
// Prints per round req/s, p99 and the server's user and system CPU per request, then the
// medians. CPU per request is the number to trust on a small shared machine.
import { fork } from 'node:child_process'
import { resolve } from 'node:path'
import autocannon from 'autocannon'
import { processCpu } from './cpu.ts'
import { isTarget, type Ready, signInAsParent } from './shared.ts'

const [dirA, dirB] = [process.argv[2], process.argv[3]]
if (!dirA || !dirB) {
  console.error('usage: node --import tsx bench/ab.ts <dir A> <dir B> [rounds] [seconds]')
  process.exit(2)
}
const rounds = Number(process.argv[4] ?? 6)
const seconds = Number(process.argv[5] ?? 5)
const connections = 50

interface Side {
  name: 'A' | 'B'
  url: string
  cookie: string
  pid: number
  stop(): void
}

async function start(name: Side['name'], dir: string, target: string): Promise<Side> {
  if (!isTarget(target) || target === 'bare') throw new Error(`target ${target}: app or one-query`)
  const root = resolve(dir)
  const child = fork(`${root}/bench/server.ts`, [target], {
    cwd: root,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const ready = await new Promise<Ready>((ok) => child.once('message', (m) => ok(m as Ready)))
  const base = `http://127.0.0.1:${ready.port}`
  const cookie = target === 'app' ? await signInAsParent(base) : ''
  const url = base + (target === 'app' ? '/home' : '/')
  return { name, url, cookie, pid: ready.pid, stop: () => child.kill('SIGTERM') }
}

const sides = [
  await start('A', dirA, process.env.AB_TARGET_A ?? 'app'),
  await start('B', dirB, process.env.AB_TARGET_B ?? 'app'),
]
for (const s of sides) {
  await autocannon({ url: s.url, connections, duration: 2, headers: { cookie: s.cookie } })
}

interface Row {
  rps: number
  p99: number
  user: number
  system: number
}
const rows: Record<Side['name'], Row[]> = { A: [], B: [] }
const show = (label: string, r: Row) =>
  console.log(
    `${label}: ${Math.round(r.rps)} req/s, p99 ${r.p99} ms, server CPU per request: ` +
      `user ${r.user.toFixed(0)} µs, system ${r.system.toFixed(0)} µs`,
  )
for (let i = 0; i < rounds; i++) {
  for (const s of i % 2 ? [...sides].reverse() : sides) {
    const before = processCpu(s.pid)
    const res = await autocannon({
      url: s.url,
      connections,
      duration: seconds,
      headers: { cookie: s.cookie },
    })
    const after = processCpu(s.pid)
    const n = res.requests.total
    const row = {
      rps: res.requests.average,
      p99: res.latency.p99,
      user: ((after.user - before.user) * 1e6) / n,
      system: ((after.system - before.system) * 1e6) / n,
    }
    rows[s.name].push(row)
    show(`${s.name} round ${i + 1}`, row)
  }
}
for (const s of sides) s.stop()

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
for (const name of ['A', 'B'] as const) {
  const r = rows[name]
  show(`${name} median`, {
    rps: median(r.map((x) => x.rps)),
    p99: median(r.map((x) => x.p99)),
    user: median(r.map((x) => x.user)),
    system: median(r.map((x) => x.system)),
  })
}
