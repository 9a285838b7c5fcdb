// Ouderbuddy matching. The scoring reads like the coordinator's practice; batchMatch is a true
// optimum: equal to an exhaustive search on small random instances, and to an independent
// min-cost flow (Bellman–Ford) on medium ones; never below the greedy baseline; never beyond a
// buddy's room, never an ineligible pair, never a parent twice.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  type Buddy,
  type BuddyRequest,
  batchMatch,
  gradePoints,
  greedyMatch,
  LANGUAGE_POINTS_MAX,
  LOAD_POINTS_MAX,
  type MatchResult,
  rankCandidates,
  remainingCapacity,
  scorePair,
  THEME_POINTS,
  WAITING_POINTS_MAX,
  waitingPoints,
} from './matching.ts'

const parent = (over: Partial<BuddyRequest> = {}): BuddyRequest => ({
  id: 'r1',
  theme: 'adhd',
  languages: ['nl'],
  childGrades: [3],
  ...over,
})

const buddy = (over: Partial<Buddy> = {}): Buddy => ({
  id: 'b1',
  themes: ['adhd'],
  languages: ['nl'],
  childGrades: [3],
  capacity: 1,
  activeLinks: 0,
  availableSinceDays: 0,
  ...over,
})

const scoreOf = (r: BuddyRequest, b: Buddy): number => {
  const s = scorePair(r, b)
  if (!s.eligible) assert.fail(`${r.id}–${b.id} should be eligible, not '${s.why}'`)
  return s.score
}

const ids = (ranked: { buddyId: string }[]) => ranked.map((c) => c.buddyId)

// ---------------------------------------------------------------------------------------------

describe('scoring a pair', () => {
  it("a buddy who speaks the parent's language ranks above one who does not", () => {
    const mother = parent({ languages: ['tr'] })
    const dutchOnly = buddy({ id: 'a-dutch-only', languages: ['nl'] })
    const speaksTurkish = buddy({ id: 'z-speaks-turkish', languages: ['nl', 'tr'] })
    const ranked = rankCandidates(mother, [dutchOnly, speaksTurkish])
    assert.deepEqual(ids(ranked), ['z-speaks-turkish', 'a-dutch-only'])
    assert.deepEqual(
      ranked[0]?.reasons.find((r) => r.code === 'language'),
      { code: 'language', points: 10, detail: 'tr' },
    )
  })

  it('a buddy at full capacity is never proposed, however good the fit', () => {
    const full = buddy({ id: 'full', capacity: 2, activeLinks: 2, availableSinceDays: 300 })
    const none = buddy({ id: 'no-capacity', capacity: 0 })
    const over = buddy({ id: 'over-capacity', capacity: 1, activeLinks: 3 })
    const room = buddy({ id: 'has-room', capacity: 3, activeLinks: 2, languages: [] })
    const father = parent()
    assert.deepEqual(ids(rankCandidates(father, [full, none, over, room])), ['has-room'])
    assert.deepEqual(scorePair(father, full), { eligible: false, why: 'capacity' })
    assert.deepEqual(batchMatch([father], [full, none, over]), { assignments: [], totalScore: 0 })
  })

  it('the taal theme needs a shared language; other themes do not', () => {
    const arabic = parent({ theme: 'taal', languages: ['ar'] })
    const dutch = buddy({ id: 'dutch', themes: ['taal', 'adhd'], languages: ['nl'] })
    const bilingual = buddy({ id: 'bilingual', themes: ['taal'], languages: ['nl', 'ar'] })
    assert.deepEqual(scorePair(arabic, dutch), { eligible: false, why: 'taal-language' })
    assert.deepEqual(ids(rankCandidates(arabic, [dutch, bilingual])), ['bilingual'])
    // The same Dutch-only buddy can help the same mother with ADHD questions.
    assert.ok(scorePair({ ...arabic, theme: 'adhd' }, dutch).eligible, 'adhd needs no language')
    assert.deepEqual(greedyMatch([arabic], [dutch]).assignments, [])
    assert.deepEqual(batchMatch([arabic], [dutch]).assignments, [])
  })

  it('a buddy who does not offer the theme is never proposed', () => {
    const divorce = parent({ theme: 'scheiding' })
    assert.deepEqual(scorePair(divorce, buddy({ themes: ['adhd'] })), {
      eligible: false,
      why: 'theme',
    })
    assert.deepEqual(rankCandidates(divorce, [buddy({ themes: ['adhd', 'dyslexie'] })]), [])
  })

  it('a parent who is a buddy too is never proposed as their own buddy', () => {
    // Mieke offers help with dyslexia and asks about ADHD herself; she offers ADHD too.
    const asks = parent({ id: 'req-mieke', personId: 'mieke' })
    const offers = buddy({ id: 'offer-mieke', personId: 'mieke', themes: ['adhd', 'dyslexie'] })
    const other = buddy({ id: 'offer-jan', personId: 'jan', languages: [] })
    assert.deepEqual(scorePair(asks, offers), { eligible: false, why: 'self' })
    assert.deepEqual(ids(rankCandidates(asks, [offers, other])), ['offer-jan'])
    assert.deepEqual(
      batchMatch([asks], [offers, other]).assignments.map((a) => a.buddyId),
      ['offer-jan'],
    )
    assert.deepEqual(greedyMatch([asks], [offers]).assignments, [])
    // Without person ids nothing is known, and the pair counts as two people.
    assert.ok(scorePair({ ...asks, personId: undefined }, offers).eligible, 'unknown person')
  })

  it('children in the same group count most, two groups apart a little, further apart nothing', () => {
    const groep3 = parent({ childGrades: [3] })
    const at = (grades: number[]) => scoreOf(groep3, buddy({ childGrades: grades }))
    assert.ok(
      at([3]) > at([4]) && at([4]) === at([2]) && at([2]) > at([5]) && at([5]) > at([6]),
      'closer groups score more',
    )
    assert.equal(at([6]), at([8]))
    assert.equal(at([]), at([8]), 'no children listed: no grade bonus, no penalty')
    // The closest pair of children counts: a buddy with children in 8 and 3.
    assert.equal(at([8, 3]), at([3]))
    assert.equal(at([3]) - at([8]), gradePoints(0))
  })

  it('a buddy who supports fewer parents now ranks above a busier one', () => {
    const busy = buddy({ id: 'a-busy', capacity: 3, activeLinks: 2 })
    const free = buddy({ id: 'z-free', capacity: 3, activeLinks: 0 })
    assert.deepEqual(ids(rankCandidates(parent(), [busy, free])), ['z-free', 'a-busy'])
  })

  it('the longer a buddy has waited, the higher they rank — up to ten weeks', () => {
    const father = parent()
    const waited = (days: number) => scoreOf(father, buddy({ availableSinceDays: days }))
    assert.ok(waited(0) < waited(14) && waited(14) < waited(60), 'waiting longer scores more')
    assert.equal(waited(6), waited(0), 'less than a week earns nothing')
    assert.equal(waited(70), waited(0) + WAITING_POINTS_MAX)
    assert.equal(waited(400), waited(70), 'capped')
    assert.equal(waitingPoints(13), 2)
  })

  it('three shared languages earn no more than the cap', () => {
    const r = parent({ languages: ['nl', 'tr', 'en'] })
    const b = buddy({ languages: ['en', 'tr', 'nl'] })
    const s = scorePair(r, b)
    assert.ok(s.eligible, 'eligible')
    const language = s.reasons.filter((x) => x.code === 'language')
    assert.equal(
      language.reduce((t, x) => t + x.points, 0),
      LANGUAGE_POINTS_MAX,
    )
    assert.deepEqual(
      language.map((x) => x.detail),
      ['nl', 'tr'],
    )
  })

  it('the reasons explain the score and add up to it', () => {
    const mother = parent({ theme: 'taal', languages: ['tr', 'nl'], childGrades: [2] })
    const b = buddy({
      themes: ['adhd', 'taal'],
      languages: ['nl', 'tr', 'en'],
      childGrades: [7, 3],
      capacity: 2,
      activeLinks: 1,
      availableSinceDays: 30,
    })
    assert.deepEqual(scorePair(mother, b), {
      eligible: true,
      score: 93,
      reasons: [
        { code: 'theme', points: THEME_POINTS, detail: 'taal' },
        { code: 'language', points: 10, detail: 'tr' },
        { code: 'language', points: 10, detail: 'nl' },
        { code: 'grade', points: 10, detail: '1' },
        { code: 'load', points: LOAD_POINTS_MAX - 5, detail: '1' },
        { code: 'waiting', points: 8, detail: '30' },
      ],
    })
  })

  it('equal scores are ordered by buddy id, whatever the input order', () => {
    const bs = ['b3', 'b1', 'b2'].map((id) => buddy({ id }))
    assert.deepEqual(ids(rankCandidates(parent(), bs)), ['b1', 'b2', 'b3'])
  })

  it('rejects impossible input', () => {
    assert.throws(() => scorePair(parent({ childGrades: [9] }), buddy()), RangeError)
    assert.throws(() => scorePair(parent(), buddy({ capacity: -1 })), RangeError)
    assert.throws(() => scorePair(parent(), buddy({ capacity: 1.5 })), RangeError)
    assert.throws(() => rankCandidates(parent(), [buddy({ activeLinks: Number.NaN })]), RangeError)
    assert.throws(() => batchMatch([parent(), parent()], [buddy()]), /duplicate request id r1/)
    assert.throws(() => greedyMatch([parent()], [buddy(), buddy()]), /duplicate buddy id b1/)
  })
})

describe('matching many parents at once', () => {
  it("greedy's trap: the first parent's favourite is the second parent's only option", () => {
    // Fatma's favourite is Anouk (speaks Turkish, same group, waited ten weeks), but Bart can
    // help her too. Anouk is the only one who knows dyslexia, which is what Sanne asks about.
    const anouk = buddy({
      id: 'anouk',
      themes: ['adhd', 'dyslexie'],
      languages: ['nl', 'tr'],
      childGrades: [4],
      availableSinceDays: 70,
    })
    const bart = buddy({ id: 'bart', themes: ['adhd'], childGrades: [8] })
    const fatma = parent({ id: 'fatma', languages: ['nl', 'tr'], childGrades: [4] })
    const sanne = parent({ id: 'sanne', theme: 'dyslexie', childGrades: [1] })
    assert.deepEqual(
      greedyMatch([fatma, sanne], [anouk, bart]).assignments.map((a) => a.requestId),
      ['fatma'],
    )
    const best = batchMatch([fatma, sanne], [anouk, bart])
    assert.deepEqual(best, {
      assignments: [
        { requestId: 'fatma', buddyId: 'bart', score: scoreOf(fatma, bart) },
        { requestId: 'sanne', buddyId: 'anouk', score: scoreOf(sanne, anouk) },
      ],
      totalScore: scoreOf(fatma, bart) + scoreOf(sanne, anouk),
    })
    assert.ok(
      best.totalScore > greedyMatch([fatma, sanne], [anouk, bart]).totalScore,
      'batch beats greedy',
    )
  })

  it('a buddy with room for two more gets two parents, not more', () => {
    const b = buddy({ capacity: 3, activeLinks: 1 })
    const five = ['r1', 'r2', 'r3', 'r4', 'r5'].map((id) => parent({ id }))
    assert.equal(batchMatch(five, [b]).assignments.length, 2)
    assert.equal(greedyMatch(five, [b]).assignments.length, 2)
  })

  it('a parent nobody can help stays unmatched; the others are still matched', () => {
    const rouw = parent({ id: 'rouw', theme: 'rouw' })
    const adhd = parent({ id: 'adhd' })
    const res = batchMatch([rouw, adhd], [buddy()])
    assert.deepEqual(
      res.assignments.map((a) => a.requestId),
      ['adhd'],
    )
  })

  it('when two plans score the same, the one that helps more parents wins', () => {
    // Plan A: Rachid–Xandra and Sanne–Yara, two close fits (85 + 85). Plan B: all three
    // parents get someone (50 + 50 + 70). Same total, 170; batchMatch takes plan B.
    const xandra = buddy({
      id: 'xandra',
      themes: ['adhd', 'scheiding'],
      languages: ['nl', 'tr'],
      childGrades: [2],
      capacity: 3,
      activeLinks: 2,
    })
    const yara = buddy({
      id: 'yara',
      themes: ['adhd', 'dyslexie'],
      languages: ['ar', 'pl'],
      childGrades: [8],
      capacity: 3,
      activeLinks: 2,
    })
    const zeno = buddy({ id: 'zeno', themes: ['dyslexie'], languages: ['ar'], childGrades: [1] })
    const rachid = parent({
      id: 'rachid',
      theme: 'adhd',
      languages: ['nl', 'tr'],
      childGrades: [2],
    })
    const sanne = parent({
      id: 'sanne',
      theme: 'dyslexie',
      languages: ['ar', 'pl'],
      childGrades: [8],
    })
    const tess = parent({ id: 'tess', theme: 'scheiding', languages: ['uk'], childGrades: [6] })
    const requests = [rachid, sanne, tess]
    const buddies = [xandra, yara, zeno]
    assert.equal(scoreOf(rachid, xandra) + scoreOf(sanne, yara), 170)
    assert.equal(scoreOf(rachid, yara) + scoreOf(sanne, zeno) + scoreOf(tess, xandra), 170)
    assert.equal(greedyMatch(requests, buddies).assignments.length, 2)
    assert.deepEqual(batchMatch(requests, buddies), {
      assignments: [
        { requestId: 'rachid', buddyId: 'yara', score: 50 },
        { requestId: 'sanne', buddyId: 'zeno', score: 70 },
        { requestId: 'tess', buddyId: 'xandra', score: 50 },
      ],
      totalScore: 170,
    })
  })

  it('nothing to match', () => {
    assert.deepEqual(batchMatch([], []), { assignments: [], totalScore: 0 })
    assert.deepEqual(batchMatch([parent()], []), { assignments: [], totalScore: 0 })
    assert.deepEqual(batchMatch([], [buddy()]), { assignments: [], totalScore: 0 })
  })
})

// ---------------------------------------------------------------------------------------------
// Random instances and two independent reference solvers

const THEMES = ['taal', 'adhd', 'dyslexie'] as const
const LANGS = ['nl', 'tr', 'ar', 'pl'] as const

/** A few people who may both ask and offer, or nobody known. */
const arbPerson = fc.option(fc.constantFrom('p1', 'p2', 'p3'), { nil: undefined })

const arbRequest = fc.record({
  personId: arbPerson,
  theme: fc.constantFrom(...THEMES),
  languages: fc.subarray([...LANGS]),
  childGrades: fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { maxLength: 2 }),
})
const arbBuddy = fc.record({
  personId: arbPerson,
  themes: fc.subarray([...THEMES]),
  languages: fc.subarray([...LANGS]),
  childGrades: fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { maxLength: 2 }),
  capacity: fc.integer({ min: 0, max: 2 }),
  activeLinks: fc.integer({ min: 0, max: 2 }),
  availableSinceDays: fc.integer({ min: 0, max: 100 }),
})

/** Few themes, few languages, little room: many parents compete for the same buddies. */
const arbCrowded = (minRequests: number, maxRequests: number, maxBuddies: number) =>
  fc
    .record({
      requests: fc.array(
        fc.record({
          personId: arbPerson,
          theme: fc.constantFrom('taal', 'adhd'),
          languages: fc.subarray(['nl', 'tr']),
          childGrades: fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { maxLength: 2 }),
        }),
        { minLength: minRequests, maxLength: maxRequests, size: 'max' },
      ),
      buddies: fc.array(
        fc.record({
          personId: arbPerson,
          themes: fc.constantFrom(['taal'], ['adhd'], ['adhd', 'taal']),
          languages: fc.subarray(['nl', 'tr']),
          childGrades: fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { maxLength: 2 }),
          capacity: fc.integer({ min: 0, max: 2 }),
          activeLinks: fc.integer({ min: 0, max: 1 }),
          availableSinceDays: fc.integer({ min: 0, max: 40 }),
        }),
        { minLength: 1, maxLength: maxBuddies, size: 'max' },
      ),
    })
    .map(({ requests, buddies }) => ({
      requests: requests.map((r, k) => ({ ...r, id: `r${(k * 7) % 10}${k}` })),
      buddies: buddies.map((b, k) => ({ ...b, id: `b${(k * 3) % 10}${k}` })),
    }))

interface Instance {
  requests: BuddyRequest[]
  buddies: Buddy[]
}

const arbInstance = (
  maxRequests: number,
  maxBuddies: number,
  minRequests = 0,
  minBuddies = 0,
): fc.Arbitrary<Instance> =>
  fc
    .record({
      requests: fc.array(arbRequest, {
        minLength: minRequests,
        maxLength: maxRequests,
        size: 'max',
      }),
      buddies: fc.array(arbBuddy, { minLength: minBuddies, maxLength: maxBuddies, size: 'max' }),
    })
    .map(({ requests, buddies }) => ({
      // Ids in a scrambled order, so index order and id order differ.
      requests: requests.map((r, k) => ({ ...r, id: `r${(k * 7) % 10}${k}` })),
      buddies: buddies.map((b, k) => ({ ...b, id: `b${(k * 3) % 10}${k}` })),
    }))

/** Every eligible pair's score by (request index, buddy index), through scorePair. */
function scoreTable({ requests, buddies }: Instance): (number | null)[][] {
  return requests.map((r) =>
    buddies.map((b) => {
      const s = scorePair(r, b)
      return s.eligible ? s.score : null
    }),
  )
}

/** Exhaustive search: the best (total score, then number matched) over all assignments. */
function bruteForce(inst: Instance): { total: number; matched: number } {
  const table = scoreTable(inst)
  const room = inst.buddies.map(remainingCapacity)
  let best = { total: 0, matched: 0 }
  const go = (i: number, total: number, matched: number): void => {
    if (i === inst.requests.length) {
      if (total > best.total || (total === best.total && matched > best.matched))
        best = { total, matched }
      return
    }
    go(i + 1, total, matched) // this parent stays unmatched
    const row = table[i] as (number | null)[]
    for (let j = 0; j < row.length; j++) {
      const s = row[j]
      if (s === null || s === undefined || (room[j] as number) === 0) continue
      room[j] = (room[j] as number) - 1
      go(i + 1, total + s, matched + 1)
      room[j] = (room[j] as number) + 1
    }
  }
  go(0, 0, 0)
  return best
}

/**
 * A deliberately plain reference: successive shortest paths with Bellman–Ford (negative costs
 * allowed, no potentials) on source → request → buddy → sink, with lexicographic weights
 * score·(n+1)+1, stopping as soon as the cheapest augmenting path no longer gains anything.
 */
function referenceFlow(inst: Instance): { total: number; matched: number } {
  const table = scoreTable(inst)
  const n = inst.requests.length
  const m = inst.buddies.length
  const S = n + m
  const T = n + m + 1
  const arcs: { from: number; to: number; cap: number; cost: number; score: number }[] = []
  const add = (from: number, to: number, cap: number, cost: number, score = 0) => {
    arcs.push({ from, to, cap, cost, score }, { from: to, to: from, cap: 0, cost: -cost, score })
  }
  for (let i = 0; i < n; i++) {
    add(S, i, 1, 0)
    for (let j = 0; j < m; j++) {
      const s = table[i]?.[j]
      if (s !== null && s !== undefined) add(i, n + j, 1, -(s * (n + 1) + 1), s)
    }
  }
  inst.buddies.forEach((b, j) => {
    add(n + j, T, remainingCapacity(b), 0)
  })
  for (;;) {
    const dist = new Array<number>(n + m + 2).fill(Number.POSITIVE_INFINITY)
    const via = new Array<number>(n + m + 2).fill(-1)
    dist[S] = 0
    for (let round = 0; round < n + m + 2; round++) {
      let changed = false
      arcs.forEach((a, k) => {
        const d = (dist[a.from] as number) + a.cost
        if (a.cap > 0 && d < (dist[a.to] as number)) {
          dist[a.to] = d
          via[a.to] = k
          changed = true
        }
      })
      if (!changed) break
    }
    if (!((dist[T] as number) < 0)) break
    for (let v = T; v !== S; ) {
      const k = via[v] as number
      ;(arcs[k] as { cap: number }).cap -= 1
      ;(arcs[k ^ 1] as { cap: number }).cap += 1
      v = (arcs[k] as { from: number }).from
    }
  }
  let total = 0
  let matched = 0
  for (let k = 0; k < arcs.length; k += 2) {
    const a = arcs[k] as (typeof arcs)[number]
    if (a.from < n && a.to >= n && a.to < S && a.cap === 0) {
      total += a.score
      matched++
    }
  }
  return { total, matched }
}

/** Only eligible pairs with their true score, each parent once, each buddy within its room. */
function assertFeasible(res: MatchResult, { requests, buddies }: Instance): void {
  const reqById = new Map(requests.map((r) => [r.id, r]))
  const budById = new Map(buddies.map((b) => [b.id, b]))
  const seen = new Set<string>()
  const load = new Map<string, number>()
  let total = 0
  for (const a of res.assignments) {
    const r = reqById.get(a.requestId)
    const b = budById.get(a.buddyId)
    if (!r || !b) assert.fail(`unknown ids in ${JSON.stringify(a)}`)
    if (seen.has(a.requestId)) assert.fail(`${a.requestId} assigned twice`)
    seen.add(a.requestId)
    const s = scorePair(r, b)
    if (!s.eligible) assert.fail(`${a.requestId}–${a.buddyId} is not eligible (${s.why})`)
    assert.equal(a.score, s.score, 'assigned score equals scorePair')
    load.set(b.id, (load.get(b.id) ?? 0) + 1)
    if ((load.get(b.id) as number) > remainingCapacity(b))
      assert.fail(`buddy ${b.id} over capacity`)
    total += a.score
  }
  assert.equal(res.totalScore, total)
  const order = res.assignments.map((a) => a.requestId)
  assert.deepEqual(order, [...order].sort(), 'assignments ordered by request id')
}

describe('properties on random instances', () => {
  it('batchMatch equals the exhaustive optimum (total, then number matched) and is feasible', () => {
    fc.assert(
      fc.property(arbInstance(6, 5), (inst) => {
        const res = batchMatch(inst.requests, inst.buddies)
        assertFeasible(res, inst)
        assert.deepEqual(
          { total: res.totalScore, matched: res.assignments.length },
          bruteForce(inst),
        )
      }),
      { numRuns: 400 },
    )
  })

  it('batchMatch equals an independent min-cost flow on medium instances', () => {
    fc.assert(
      fc.property(arbInstance(30, 20, 15, 8), (inst) => {
        const res = batchMatch(inst.requests, inst.buddies)
        assertFeasible(res, inst)
        assert.deepEqual(
          { total: res.totalScore, matched: res.assignments.length },
          referenceFlow(inst),
        )
      }),
      { numRuns: 60 },
    )
  })

  it('batchMatch equals the exhaustive optimum on crowded instances', () => {
    fc.assert(
      fc.property(arbCrowded(4, 7, 4), (inst) => {
        const res = batchMatch(inst.requests, inst.buddies)
        assertFeasible(res, inst)
        assert.deepEqual(
          { total: res.totalScore, matched: res.assignments.length },
          bruteForce(inst),
        )
      }),
      { numRuns: 300 },
    )
  })

  it('batchMatch equals the independent min-cost flow on crowded medium instances', () => {
    fc.assert(
      fc.property(arbCrowded(10, 40, 14), (inst) => {
        const res = batchMatch(inst.requests, inst.buddies)
        assertFeasible(res, inst)
        assert.deepEqual(
          { total: res.totalScore, matched: res.assignments.length },
          referenceFlow(inst),
        )
      }),
      { numRuns: 150 },
    )
  })

  it('batchMatch is never below greedyMatch, and greedyMatch is feasible too', () => {
    fc.assert(
      fc.property(arbInstance(12, 8), (inst) => {
        const greedy = greedyMatch(inst.requests, inst.buddies)
        assertFeasible(greedy, inst)
        assert.ok(
          batchMatch(inst.requests, inst.buddies).totalScore >= greedy.totalScore,
          'batch >= greedy',
        )
      }),
      { numRuns: 300 },
    )
  })

  it('the batch scoring agrees with scorePair on every pair', () => {
    fc.assert(
      fc.property(arbRequest, arbBuddy, (r, b) => {
        const req = { ...r, id: 'r' }
        const bud = { ...b, id: 'b' }
        const s = scorePair(req, bud)
        const expected = s.eligible ? [{ requestId: 'r', buddyId: 'b', score: s.score }] : []
        assert.deepEqual(batchMatch([req], [bud]).assignments, expected)
        assert.deepEqual(greedyMatch([req], [bud]).assignments, expected)
      }),
      { numRuns: 1000 },
    )
  })

  it('the input order does not change the batch result', () => {
    fc.assert(
      fc.property(
        arbInstance(8, 6),
        fc.array(fc.integer(), { minLength: 14, maxLength: 14 }),
        (inst, keys) => {
          const shuffle = <T>(xs: T[]) =>
            xs
              .map((x, k) => ({ x, key: keys[k % keys.length] as number }))
              .sort((a, b) => a.key - b.key)
              .map((p) => p.x)
          assert.deepEqual(
            batchMatch(shuffle(inst.requests), shuffle(inst.buddies)),
            batchMatch(inst.requests, inst.buddies),
          )
        },
      ),
      { numRuns: 200 },
    )
  })

  it('rankCandidates lists exactly the eligible buddies, best first, reasons adding up', () => {
    fc.assert(
      fc.property(arbRequest, fc.array(arbBuddy, { maxLength: 8 }), (r, bs) => {
        const req = { ...r, id: 'r' }
        const buddies = bs.map((b, k) => ({ ...b, id: `b${(k * 5) % 8}-${k}` }))
        const ranked = rankCandidates(req, buddies)
        const eligible = buddies.filter((b) => scorePair(req, b).eligible)
        assert.deepEqual(ids(ranked).sort(), eligible.map((b) => b.id).sort())
        if (ranked.length > 0)
          assert.equal(ranked[0]?.score, Math.max(...eligible.map((b) => scoreOf(req, b))))
        for (let k = 1; k < ranked.length; k++) {
          const [a, b] = [ranked[k - 1], ranked[k]] as [(typeof ranked)[0], (typeof ranked)[0]]
          assert.ok(
            a.score > b.score || (a.score === b.score && a.buddyId < b.buddyId),
            'score descending, then buddy id',
          )
        }
        for (const c of ranked) {
          assert.ok(Number.isInteger(c.score) && c.score >= THEME_POINTS, 'a positive integer')
          assert.equal(
            c.reasons.reduce((t, x) => t + x.points, 0),
            c.score,
          )
        }
      }),
      { numRuns: 500 },
    )
  })
})
