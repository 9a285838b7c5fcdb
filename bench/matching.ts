// Ouderbuddy batch matching benchmark (`npm run bench:matching`).
//
// Builds a deterministic random school-board-sized instance (2,000 requests × 2,000 buddies by
// default, ten themes, buddies offering 1–3 themes, seven languages, capacities 1–3 with some
// current load) from a seeded PRNG, then:
//   - times batchMatch (one cold run, then the median of a few warm runs),
//   - runs greedyMatch for comparison and prints both totals and their ratio,
//   - checks the batch result is feasible (eligible pairs, capacities, one buddy per request),
//   - certifies optimality independently: the residual graph of the assignment, built from
//     rankCandidates (the explained scoring, not the solver's own edge list), has no negative
//     cycle (Bellman–Ford), which by LP duality means no assignment has a higher total,
//   - prints the peak memory (max RSS) of the process.
// Exit 1 when a check fails or batchMatch takes longer than the target.
//
// Environment: MATCH_REQUESTS, MATCH_BUDDIES, MATCH_SEED, MATCH_RUNS, MATCH_TARGET_MS,
// MATCH_CERTIFY=0 to skip the certificate.
import { availableParallelism, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import {
  type Buddy,
  type BuddyRequest,
  batchMatch,
  greedyMatch,
  type MatchResult,
  rankCandidates,
  remainingCapacity,
} from '../src/features/buddies/matching.ts'

function envInt(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const v = Number(raw)
  if (!Number.isInteger(v) || v < 0)
    throw new Error(`${name} must be an integer >= 0, got "${raw}"`)
  return v
}

const REQUESTS = envInt('MATCH_REQUESTS', 2000)
const BUDDIES = envInt('MATCH_BUDDIES', 2000)
const SEED = envInt('MATCH_SEED', 20240901)
const RUNS = Math.max(1, envInt('MATCH_RUNS', 5))
const TARGET_MS = envInt('MATCH_TARGET_MS', 2000)
const CERTIFY = process.env.MATCH_CERTIFY !== '0'

// ---------------------------------------------------------------------------------------------
// Instance

/** mulberry32: small, fast, good enough for test data, same numbers on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const THEMES = [
  'adhd',
  'autisme',
  'dyslexie',
  'scheiding',
  'rouw',
  'cultuur',
  'taal',
  'nieuw-op-school',
  'hoogbegaafd',
  'pesten',
] as const
const HOME_LANGUAGES = ['tr', 'ar', 'pl', 'uk', 'en', 'ti'] as const // plus 'nl'

function makeInstance(seed: number): { requests: BuddyRequest[]; buddies: Buddy[] } {
  const rnd = prng(seed)
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1))
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T
  const grades = () => {
    const g = new Set<number>()
    for (let k = int(1, 2); k > 0; k--) g.add(int(1, 8))
    return [...g]
  }
  const id = (prefix: string, k: number) => `${prefix}-${String(k).padStart(5, '0')}`

  const requests: BuddyRequest[] = []
  for (let k = 0; k < REQUESTS; k++) {
    const theme = pick(THEMES)
    const languages = new Set<string>()
    // Parents asking for language help mostly speak another language; others mostly Dutch.
    if (theme === 'taal') {
      languages.add(pick(HOME_LANGUAGES))
      if (rnd() < 0.3) languages.add('nl')
    } else {
      if (rnd() < 0.85) languages.add('nl')
      if (rnd() < 0.35 || languages.size === 0) languages.add(pick(HOME_LANGUAGES))
    }
    requests.push({ id: id('r', k), theme, languages: [...languages], childGrades: grades() })
  }

  const buddies: Buddy[] = []
  for (let k = 0; k < BUDDIES; k++) {
    const themes = new Set<string>()
    for (let t = int(1, 3); themes.size < t; ) themes.add(pick(THEMES))
    const languages = new Set<string>(rnd() < 0.9 ? ['nl'] : [])
    for (let l = int(0, 2); l > 0; l--) languages.add(pick(HOME_LANGUAGES))
    if (languages.size === 0) languages.add(pick(HOME_LANGUAGES))
    const capacity = int(1, 3)
    const activeLinks = rnd() < 0.35 ? int(1, capacity) : 0
    buddies.push({
      id: id('b', k),
      themes: [...themes],
      languages: [...languages],
      childGrades: grades(),
      capacity,
      activeLinks,
      availableSinceDays: activeLinks > 0 ? 0 : int(0, 120),
    })
  }
  return { requests, buddies }
}

// ---------------------------------------------------------------------------------------------
// Checks, independent of the solver

function checkFeasible(
  name: string,
  res: MatchResult,
  requests: BuddyRequest[],
  buddies: Buddy[],
): string[] {
  const problems: string[] = []
  const reqById = new Map(requests.map((r) => [r.id, r]))
  const buddyById = new Map(buddies.map((b) => [b.id, b]))
  const load = new Map<string, number>()
  const seen = new Set<string>()
  let total = 0
  for (const a of res.assignments) {
    const r = reqById.get(a.requestId)
    const b = buddyById.get(a.buddyId)
    if (!r || !b) {
      problems.push(`${name}: unknown id in ${JSON.stringify(a)}`)
      continue
    }
    if (seen.has(a.requestId)) problems.push(`${name}: request ${a.requestId} assigned twice`)
    seen.add(a.requestId)
    load.set(b.id, (load.get(b.id) ?? 0) + 1)
    const ranked = rankCandidates(r, [b])[0]
    if (!ranked) problems.push(`${name}: ineligible pair ${a.requestId}–${a.buddyId}`)
    else if (ranked.score !== a.score)
      problems.push(
        `${name}: ${a.requestId}–${a.buddyId} score ${a.score}, scorePair says ${ranked.score}`,
      )
    total += a.score
  }
  for (const [bid, l] of load) {
    const b = buddyById.get(bid) as Buddy
    if (l > remainingCapacity(b))
      problems.push(`${name}: buddy ${bid} gets ${l} > ${remainingCapacity(b)}`)
  }
  if (total !== res.totalScore)
    problems.push(`${name}: totalScore ${res.totalScore} ≠ sum ${total}`)
  return problems
}

/**
 * Optimality certificate: a feasible assignment has the highest total score iff its residual
 * graph has no negative-cost cycle. Nodes: requests, buddies, one sink t. Arcs (cost = −score):
 *   unassigned eligible pair r→b (−s); assigned pair b→r (+s);
 *   assigned request r→t (0, "could stay unmatched"); unassigned request t→r (0);
 *   buddy with room b→t (0); buddy with a parent from this batch t→b (0).
 * Bellman–Ford from a virtual source at distance 0 to every node; still relaxing after |V|
 * rounds means a negative cycle.
 */
function certify(
  res: MatchResult,
  requests: BuddyRequest[],
  buddies: Buddy[],
): { ok: boolean; rounds: number; arcs: number } {
  const n = requests.length
  const m = buddies.length
  const T = n + m
  const buddyIndex = new Map(buddies.map((b, j) => [b.id, j]))
  const requestIndex = new Map(requests.map((r, i) => [r.id, i]))
  const assigned = new Int32Array(n).fill(-1)
  const load = new Int32Array(m)
  for (const a of res.assignments) {
    const i = requestIndex.get(a.requestId) as number
    const j = buddyIndex.get(a.buddyId) as number
    assigned[i] = j
    load[j] = (load[j] as number) + 1
  }
  const from: number[] = []
  const to: number[] = []
  const cost: number[] = []
  const arc = (a: number, b: number, c: number) => {
    from.push(a)
    to.push(b)
    cost.push(c)
  }
  for (let i = 0; i < n; i++) {
    for (const c of rankCandidates(requests[i] as BuddyRequest, buddies)) {
      const j = buddyIndex.get(c.buddyId) as number
      if (assigned[i] === j) arc(n + j, i, c.score)
      else arc(i, n + j, -c.score)
    }
    if ((assigned[i] as number) >= 0) arc(i, T, 0)
    else arc(T, i, 0)
  }
  for (let j = 0; j < m; j++) {
    if ((load[j] as number) < remainingCapacity(buddies[j] as Buddy)) arc(n + j, T, 0)
    if ((load[j] as number) > 0) arc(T, n + j, 0)
  }
  const F = Int32Array.from(from)
  const B = Int32Array.from(to)
  const C = Int32Array.from(cost)
  const d = new Float64Array(n + m + 1) // virtual source: 0 everywhere
  for (let round = 1; round <= n + m + 1; round++) {
    let changed = false
    for (let k = 0; k < F.length; k++) {
      const nd = (d[F[k] as number] as number) + (C[k] as number)
      if (nd < (d[B[k] as number] as number)) {
        d[B[k] as number] = nd
        changed = true
      }
    }
    if (!changed) return { ok: true, rounds: round, arcs: F.length }
  }
  return { ok: false, rounds: n + m + 1, arcs: F.length }
}

// ---------------------------------------------------------------------------------------------

const ms = (t: number) => `${t.toFixed(1)} ms`
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

const t0 = performance.now()
const { requests, buddies } = makeInstance(SEED)
const tBuild = performance.now() - t0
const slots = buddies.reduce((s, b) => s + remainingCapacity(b), 0)
console.log(
  `instance: ${requests.length} requests × ${buddies.length} buddies, ${THEMES.length} themes, ` +
    `${HOME_LANGUAGES.length + 1} languages, ${slots} free places, seed ${SEED} (built in ${ms(tBuild)})`,
)

const rssBefore = process.resourceUsage().maxRSS * 1024
const heapBefore = process.memoryUsage().heapUsed
const cpu0 = process.cpuUsage()
let t = performance.now()
const batch = batchMatch(requests, buddies)
const cold = performance.now() - t
const cpu1 = process.cpuUsage(cpu0)
const coldCpu = (cpu1.user + cpu1.system) / 1000
const heapAfter = process.memoryUsage().heapUsed
const times: number[] = []
for (let k = 0; k < RUNS; k++) {
  t = performance.now()
  const again = batchMatch(requests, buddies)
  times.push(performance.now() - t)
  if (again.totalScore !== batch.totalScore) throw new Error('batchMatch is not deterministic')
}
times.sort((a, b) => a - b)
const rssAfterBatch = process.resourceUsage().maxRSS * 1024
const median = times[Math.floor(times.length / 2)] as number

t = performance.now()
const greedy = greedyMatch(requests, buddies)
const tGreedy = performance.now() - t

const problems = [
  ...checkFeasible('batchMatch', batch, requests, buddies),
  ...checkFeasible('greedyMatch', greedy, requests, buddies),
]
if (batch.totalScore < greedy.totalScore) problems.push('batchMatch scores below greedyMatch')

console.log(
  `batchMatch:  ${ms(cold)} cold (${ms(coldCpu)} CPU), ${ms(median)} median of ${RUNS} warm runs ` +
    `(best ${ms(times[0] as number)}); load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`,
)
console.log(
  `             total score ${batch.totalScore}, ${batch.assignments.length} of ${requests.length} requests matched`,
)
console.log(
  `greedyMatch: ${ms(tGreedy)}, total score ${greedy.totalScore}, ${greedy.assignments.length} matched`,
)
console.log(
  `ratio batch/greedy: ${(batch.totalScore / greedy.totalScore).toFixed(4)} ` +
    `(+${batch.totalScore - greedy.totalScore} points, ` +
    `${batch.assignments.length - greedy.assignments.length >= 0 ? '+' : ''}${batch.assignments.length - greedy.assignments.length} matched)`,
)

if (CERTIFY) {
  t = performance.now()
  const cert = certify(batch, requests, buddies)
  console.log(
    `optimality certificate: ${cert.ok ? 'no negative cycle, optimal' : 'NEGATIVE CYCLE, not optimal'} ` +
      `(${cert.arcs} residual arcs, ${cert.rounds} Bellman–Ford rounds, ${ms(performance.now() - t)})`,
  )
  if (!cert.ok) problems.push('batchMatch is not optimal')
}

console.log(
  `memory: peak RSS ${mb(rssAfterBatch)} after the batchMatch runs (${mb(rssBefore)} before, ` +
    `process with tsx and the instance), heap growth over the cold batchMatch ` +
    `${mb(heapAfter - heapBefore)}; peak RSS of the whole run ${mb(process.resourceUsage().maxRSS * 1024)} ` +
    `(the certificate is the heavy part)`,
)

if (cold > TARGET_MS) problems.push(`batchMatch took ${ms(cold)} > target ${TARGET_MS} ms`)
for (const p of problems) console.error(`FAIL ${p}`)
console.log(
  problems.length === 0
    ? `OK: under ${TARGET_MS} ms, feasible, optimal`
    : `${problems.length} problem(s)`,
)
process.exit(problems.length === 0 ? 0 : 1)
