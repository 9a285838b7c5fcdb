// Ouderbuddy matching: which experienced parent (buddy) could help a parent who asks for support
// (request), and — when the coordinator matches many at once — which links together help most.
//
// Pure functions: no database, no clock, no I/O. Callers pass plain objects (extra fields are
// fine) and get plain objects back.
//
// The model, in the coordinator's words:
//   1. A buddy can only be proposed for a theme they offer, and only while they have room
//      (capacity − activeLinks > 0). For the theme "taal" (language help) they must also share
//      at least one language with the parent — otherwise they cannot help with the letters.
//      A parent who is a buddy too is never proposed as their own buddy.
//   2. Among the buddies who can, the score adds up a few explained reasons (the points below):
//      the shared theme, shared languages, children in nearby groups, a light current load and
//      how long the buddy has been waiting for a parent. Every reason is returned with its
//      points so the page can say *why* someone is on top.
//   3. One parent at a time: rankCandidates. Many at once: batchMatch finds the assignment with
//      the highest total score (an exact optimum, not a greedy pass). Scores are computed from
//      the state at the start of the batch (a buddy's load bonus does not change while the batch
//      fills them up), which keeps the objective a plain sum and the optimum exact.
//
// Themes and languages are codes ('adhd', 'taal', 'tr', ...) compared exactly; the app
// normalises what people type before it gets here.

// ---------------------------------------------------------------------------------------------
// Types

export interface BuddyRequest {
  readonly id: string
  /** The parent asking. A parent is never proposed as their own buddy (see Buddy.personId). */
  readonly personId?: string
  /** What the parent wants support with, e.g. 'adhd', 'scheiding', 'dyslexie', 'taal'. */
  readonly theme: string
  /** Languages the parent speaks or reads. */
  readonly languages: readonly string[]
  /** Groups (1..8) of the parent's children at this school. */
  readonly childGrades: readonly number[]
}

export interface Buddy {
  readonly id: string
  /** The parent offering. When request and buddy name the same person, the pair is ineligible. */
  readonly personId?: string
  /** Themes the buddy is willing to share their experience about. */
  readonly themes: readonly string[]
  readonly languages: readonly string[]
  /** Groups (1..8) of the buddy's children. */
  readonly childGrades: readonly number[]
  /** How many parents the buddy supports at most at the same time (integer >= 0). */
  readonly capacity: number
  /** How many parents the buddy supports now (integer >= 0). */
  readonly activeLinks: number
  /** Days since the buddy last got a parent, or since they signed up (>= 0). */
  readonly availableSinceDays: number
}

export type ReasonCode = 'theme' | 'language' | 'grade' | 'load' | 'waiting'

/** One line of the explanation of a score. `detail` is a language code or a short fact. */
export interface Reason {
  readonly code: ReasonCode
  readonly points: number
  readonly detail?: string
}

/** Why a pair can never be matched. */
export type Ineligible = 'self' | 'theme' | 'capacity' | 'taal-language'

export type PairScore =
  | { readonly eligible: true; readonly score: number; readonly reasons: readonly Reason[] }
  | { readonly eligible: false; readonly why: Ineligible }

export interface Ranked {
  readonly buddyId: string
  readonly score: number
  readonly reasons: readonly Reason[]
}

export interface Assignment {
  readonly requestId: string
  readonly buddyId: string
  readonly score: number
}

export interface MatchResult {
  /** Ordered by request id. Requests without an assignment are simply absent. */
  readonly assignments: Assignment[]
  readonly totalScore: number
}

// ---------------------------------------------------------------------------------------------
// Points. Every eligible pair scores at least THEME_POINTS, so every score is a positive integer.

/** The theme for which a shared language is a condition, not just a bonus. */
export const LANGUAGE_THEME = 'taal'
/** Lowest and highest group (groep 1..8). */
export const MIN_GRADE = 1
export const MAX_GRADE = 8

/** The buddy offers the theme the parent asks about: the base of every score. */
export const THEME_POINTS = 50
/** Per language the parent and buddy share ... */
export const LANGUAGE_POINTS_PER_SHARED = 10
/** ... up to this many points (two shared languages). */
export const LANGUAGE_POINTS_MAX = 20
/**
 * Children in nearby groups (closest pair of children): same group, one apart, two apart.
 * Further apart earns nothing.
 */
export const GRADE_POINTS_BY_DISTANCE: readonly number[] = [15, 10, 5]
/** A buddy without any parent now gets this much ... */
export const LOAD_POINTS_MAX = 10
/** ... minus this per parent they already support (never below zero). */
export const LOAD_POINTS_PER_ACTIVE_LINK = 5
/** Per full week the buddy has been waiting for a parent ... */
export const WAITING_POINTS_PER_WEEK = 2
/** ... up to this many points (ten weeks). */
export const WAITING_POINTS_MAX = 20

/** Points for this many shared languages. */
export function languagePoints(shared: number): number {
  return Math.min(shared * LANGUAGE_POINTS_PER_SHARED, LANGUAGE_POINTS_MAX)
}

/** Points for the distance between the closest pair of children (Infinity: no children given). */
export function gradePoints(distance: number): number {
  return GRADE_POINTS_BY_DISTANCE[distance] ?? 0
}

export function loadPoints(activeLinks: number): number {
  return Math.max(0, LOAD_POINTS_MAX - LOAD_POINTS_PER_ACTIVE_LINK * activeLinks)
}

export function waitingPoints(availableSinceDays: number): number {
  return Math.min(Math.floor(availableSinceDays / 7) * WAITING_POINTS_PER_WEEK, WAITING_POINTS_MAX)
}

/** How many more parents the buddy can take now. */
export function remainingCapacity(buddy: Buddy): number {
  return Math.max(0, buddy.capacity - buddy.activeLinks)
}

/** Smallest |a − b| over the two lists of groups; Infinity when either list is empty. */
export function gradeDistance(a: readonly number[], b: readonly number[]): number {
  let best = Number.POSITIVE_INFINITY
  for (const x of a) for (const y of b) best = Math.min(best, Math.abs(x - y))
  return best
}

// ---------------------------------------------------------------------------------------------
// Scoring one pair, and ranking the candidates for one request

function checkGrades(owner: string, grades: readonly number[]): void {
  for (const g of grades) {
    if (!Number.isInteger(g) || g < MIN_GRADE || g > MAX_GRADE)
      throw new RangeError(`${owner}: group ${g} is not an integer ${MIN_GRADE}..${MAX_GRADE}`)
  }
}

function checkRequest(r: BuddyRequest): void {
  checkGrades(`request ${r.id}`, r.childGrades)
}

function checkBuddy(b: Buddy): void {
  if (!Number.isInteger(b.capacity) || b.capacity < 0)
    throw new RangeError(`buddy ${b.id}: capacity ${b.capacity} is not an integer >= 0`)
  if (!Number.isInteger(b.activeLinks) || b.activeLinks < 0)
    throw new RangeError(`buddy ${b.id}: activeLinks ${b.activeLinks} is not an integer >= 0`)
  if (!Number.isFinite(b.availableSinceDays) || b.availableSinceDays < 0)
    throw new RangeError(`buddy ${b.id}: availableSinceDays ${b.availableSinceDays} is not >= 0`)
  checkGrades(`buddy ${b.id}`, b.childGrades)
}

/** Languages both speak, in the parent's order, each once. */
function sharedLanguages(request: BuddyRequest, buddy: Buddy): string[] {
  const theirs = new Set(buddy.languages)
  return [...new Set(request.languages)].filter((l) => theirs.has(l))
}

function isSelf(request: BuddyRequest, buddy: Buddy): boolean {
  return request.personId !== undefined && request.personId === buddy.personId
}

function scoreChecked(request: BuddyRequest, buddy: Buddy): PairScore {
  if (isSelf(request, buddy)) return { eligible: false, why: 'self' }
  if (!buddy.themes.includes(request.theme)) return { eligible: false, why: 'theme' }
  if (remainingCapacity(buddy) <= 0) return { eligible: false, why: 'capacity' }
  const shared = sharedLanguages(request, buddy)
  if (request.theme === LANGUAGE_THEME && shared.length === 0)
    return { eligible: false, why: 'taal-language' }

  const reasons: Reason[] = [{ code: 'theme', points: THEME_POINTS, detail: request.theme }]
  // One line per language that earns points, so the page can show "speaks Turkish".
  let languageLeft = languagePoints(shared.length)
  for (const lang of shared) {
    if (languageLeft <= 0) break
    const points = Math.min(LANGUAGE_POINTS_PER_SHARED, languageLeft)
    reasons.push({ code: 'language', points, detail: lang })
    languageLeft -= points
  }
  const distance = gradeDistance(request.childGrades, buddy.childGrades)
  const grade = gradePoints(distance)
  if (grade > 0) reasons.push({ code: 'grade', points: grade, detail: `${distance}` })
  const load = loadPoints(buddy.activeLinks)
  if (load > 0) reasons.push({ code: 'load', points: load, detail: `${buddy.activeLinks}` })
  const waiting = waitingPoints(buddy.availableSinceDays)
  if (waiting > 0)
    reasons.push({ code: 'waiting', points: waiting, detail: `${buddy.availableSinceDays}` })

  let score = 0
  for (const r of reasons) score += r.points
  return { eligible: true, score, reasons }
}

/**
 * Can this buddy help this parent, and how well? The reasons always add up to the score.
 * `detail` is the theme, the language code, the group distance, the number of active links or
 * the waiting days.
 */
export function scorePair(request: BuddyRequest, buddy: Buddy): PairScore {
  checkRequest(request)
  checkBuddy(buddy)
  return scoreChecked(request, buddy)
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * The buddies who could help this parent, best first (score descending, then buddy id), each
 * with the reasons for its score. Buddies who cannot help (wrong theme, full, no shared language
 * for 'taal', the parent themselves) are left out.
 */
export function rankCandidates(request: BuddyRequest, buddies: readonly Buddy[]): Ranked[] {
  checkRequest(request)
  const ranked: Ranked[] = []
  for (const buddy of buddies) {
    checkBuddy(buddy)
    const s = scoreChecked(request, buddy)
    if (s.eligible) ranked.push({ buddyId: buddy.id, score: s.score, reasons: s.reasons })
  }
  return ranked.sort((a, b) => b.score - a.score || compareIds(a.buddyId, b.buddyId))
}

// ---------------------------------------------------------------------------------------------
// The eligible pairs of a batch, as a compact graph
//
// Requests and buddies are indexed in id order, so results never depend on input order. Only
// eligible pairs become edges: per theme, the buddies who offer it and have room; for 'taal'
// only those sharing a language; never the parent themselves. The score of an edge is computed
// with the same point functions as scorePair, on bitmasks instead of arrays (the test suite
// checks both agree on random pairs).

interface Graph {
  readonly requestIds: string[]
  readonly buddyIds: string[]
  /** Remaining capacity per buddy. */
  readonly room: Int32Array
  /** Edges of request i: start[i] .. start[i+1]-1, by score descending, then buddy order. */
  readonly start: Int32Array
  readonly to: Int32Array
  readonly score: Int32Array
  readonly maxScore: number
}

function sortedById<T extends { readonly id: string }>(items: readonly T[], what: string): T[] {
  const sorted = [...items].sort((a, b) => compareIds(a.id, b.id))
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k]?.id === sorted[k - 1]?.id)
      throw new Error(`duplicate ${what} id ${sorted[k]?.id}`)
  }
  return sorted
}

function gradeMask(grades: readonly number[]): number {
  let mask = 0
  for (const g of grades) mask |= 1 << (g - MIN_GRADE)
  return mask
}

function maskGrades(mask: number): number[] {
  const grades: number[] = []
  for (let g = MIN_GRADE; g <= MAX_GRADE; g++) if (mask & (1 << (g - MIN_GRADE))) grades.push(g)
  return grades
}

function buildGraph(requestsIn: readonly BuddyRequest[], buddiesIn: readonly Buddy[]): Graph {
  for (const r of requestsIn) checkRequest(r)
  for (const b of buddiesIn) checkBuddy(b)
  const requests = sortedById(requestsIn, 'request')
  const buddies = sortedById(buddiesIn, 'buddy')
  const n = requests.length
  const m = buddies.length

  // Per buddy: room, the points that do not depend on the parent, children's groups, languages.
  const room = new Int32Array(m)
  const fixedPoints = new Int32Array(m)
  const buddyGrades = new Int32Array(m)
  const langIndex = new Map<string, number>()
  for (const b of buddies)
    for (const l of b.languages) if (!langIndex.has(l)) langIndex.set(l, langIndex.size)
  const words = Math.max(1, Math.ceil(langIndex.size / 32))
  const buddyLangs = new Uint32Array(m * words)
  const byTheme = new Map<string, number[]>()
  for (let j = 0; j < m; j++) {
    const b = buddies[j] as Buddy
    room[j] = Math.min(remainingCapacity(b), n) // more than n places can never be used
    fixedPoints[j] = THEME_POINTS + loadPoints(b.activeLinks) + waitingPoints(b.availableSinceDays)
    buddyGrades[j] = gradeMask(b.childGrades)
    for (const l of b.languages) {
      const k = langIndex.get(l) as number
      buddyLangs[j * words + (k >>> 5)] =
        (buddyLangs[j * words + (k >>> 5)] as number) | (1 << (k & 31))
    }
    if (room[j] === 0) continue
    for (const theme of new Set(b.themes)) {
      const list = byTheme.get(theme)
      if (list) list.push(j)
      else byTheme.set(theme, [j])
    }
  }

  // Grade points for a (request mask, buddy mask) pair, memoised from the array version.
  const gradeMemo = new Int16Array(1 << (2 * (MAX_GRADE - MIN_GRADE + 1))).fill(-1)
  const gradeFor = (rm: number, bm: number): number => {
    const key = (rm << (MAX_GRADE - MIN_GRADE + 1)) | bm
    const known = gradeMemo[key] as number
    if (known >= 0) return known
    const p = gradePoints(gradeDistance(maskGrades(rm), maskGrades(bm)))
    gradeMemo[key] = p
    return p
  }

  // Every score is at most this; edges of a request are bucket-sorted by score, best first.
  let cap = 0
  for (let j = 0; j < m; j++) cap = Math.max(cap, fixedPoints[j] as number)
  cap += LANGUAGE_POINTS_MAX + Math.max(0, ...GRADE_POINTS_BY_DISTANCE)
  const count = new Int32Array(cap + 2)
  const rowTo = new Int32Array(m)
  const rowScore = new Int32Array(m)

  let bound = 0
  for (const r of requests) bound += byTheme.get(r.theme)?.length ?? 0
  const to = new Int32Array(bound)
  const score = new Int32Array(bound)
  const start = new Int32Array(n + 1)
  let e = 0
  let maxScore = 0
  for (let i = 0; i < n; i++) {
    const r = requests[i] as BuddyRequest
    start[i] = e
    const list = byTheme.get(r.theme)
    if (!list) continue
    const taal = r.theme === LANGUAGE_THEME
    const self = r.personId
    const rm = gradeMask(r.childGrades)
    const langs: number[] = []
    for (const l of new Set(r.languages)) {
      const k = langIndex.get(l)
      if (k !== undefined) langs.push(k)
    }
    let row = 0
    count.fill(0)
    for (const j of list) {
      let shared = 0
      for (const k of langs)
        shared += ((buddyLangs[j * words + (k >>> 5)] as number) >>> (k & 31)) & 1
      if (taal && shared === 0) continue
      if (self !== undefined && buddies[j]?.personId === self) continue
      const s =
        (fixedPoints[j] as number) + languagePoints(shared) + gradeFor(rm, buddyGrades[j] as number)
      rowTo[row] = j
      rowScore[row++] = s
      count[cap - s + 1] = (count[cap - s + 1] as number) + 1
      if (s > maxScore) maxScore = s
    }
    // Stable counting sort: score descending, then buddy order.
    for (let k = 1; k <= cap + 1; k++) count[k] = (count[k] as number) + (count[k - 1] as number)
    for (let k = 0; k < row; k++) {
      const s = rowScore[k] as number
      const at = e + (count[cap - s] as number)
      count[cap - s] = (count[cap - s] as number) + 1
      to[at] = rowTo[k] as number
      score[at] = s
    }
    e += row
  }
  start[n] = e
  return {
    requestIds: requests.map((r) => r.id),
    buddyIds: buddies.map((b) => b.id),
    room,
    start,
    to: to.subarray(0, e),
    score: score.subarray(0, e),
    maxScore,
  }
}

function result(g: Graph, matchEdge: Int32Array): MatchResult {
  const assignments: Assignment[] = []
  let totalScore = 0
  for (let i = 0; i < g.requestIds.length; i++) {
    const e = matchEdge[i] as number
    if (e < 0) continue
    const score = g.score[e] as number
    assignments.push({
      requestId: g.requestIds[i] as string,
      buddyId: g.buddyIds[g.to[e] as number] as string,
      score,
    })
    totalScore += score
  }
  return { assignments, totalScore }
}

// ---------------------------------------------------------------------------------------------
// batchMatch: the optimal assignment
//
// Objective: the highest total score; each request gets at most one buddy, each buddy at most
// their remaining capacity, only eligible pairs. Tie rule: among assignments with the same
// highest total, one that matches the most parents (then: deterministic, by id order). This is
// exact: edge weights are score·(n+1) + 1, so the +1s (at most n of them) can never outweigh a
// single point of score.
//
// Method: min-cost flow by successive shortest paths with Dijkstra on reduced costs
// (Hungarian / Jonker–Volgenant style, one request at a time), on the sparse graph
//     request ──(−weight)──▶ buddy ──(capacity = room)──▶ sink
//     request ──(0, "stays unmatched")─────────────────▶ sink
// Buddy capacities are arc capacities; no slot copies. Every request sends one unit, through a
// buddy or the bypass arc, so each step is an ordinary shortest augmenting path. Node potentials
// keep every residual arc's reduced cost >= 0; each Dijkstra stops as soon as it reaches the
// sink, and only the nodes it settled get their potential moved (by d − D, the standard early
// termination that keeps reduced costs non-negative). Two cuts keep a step small: a buddy with
// room labels the sink at once, and a request's edges (sorted by score) are scanned only while
// they can still beat the sink's label. On 2,000 × 2,000 (bench/matching.ts: ~580k eligible
// pairs) that is ~3.4M edge looks in all, instead of ~34M without the cuts; ~0.1–0.2 s.
// Numbers are integers well below 2^53 (weights ≤ maxScore·(n+1)+1, potentials drift by at
// most one weight per step), so the float arithmetic is exact.

function solveOptimal(g: Graph): Int32Array {
  const { room, start, to, score } = g
  const n = g.requestIds.length
  const m = g.buddyIds.length
  const K = n + 1 // weight = score * K + 1
  const T = n + m // node ids: requests 0..n-1, buddies n..n+m-1, sink T
  const N = n + m + 1

  const pot = new Float64Array(N)
  const matchEdge = new Int32Array(n).fill(-1)
  // The requests a buddy supports in this batch: slots slotStart[j] .. slotStart[j]+used[j]-1.
  const slotStart = new Int32Array(m + 1)
  for (let j = 0; j < m; j++) slotStart[j + 1] = (slotStart[j] as number) + (room[j] as number)
  const slotReq = new Int32Array(slotStart[m] as number)
  const used = new Int32Array(m)
  const slotOf = new Int32Array(n)

  const dist = new Float64Array(N).fill(Number.POSITIVE_INFINITY)
  const pred = new Int32Array(N)
  const predEdge = new Int32Array(N) // for a buddy: the edge it was reached by
  const settledAt = new Int32Array(N).fill(-1)
  const settled = new Int32Array(N)
  const touched = new Int32Array(N)
  // Binary min-heap of nodes keyed by dist, with positions for decrease-key.
  const heap = new Int32Array(N)
  const heapPos = new Int32Array(N).fill(-1)
  let heapSize = 0

  const siftUp = (v: number, d: number, p: number): void => {
    while (p > 0) {
      const parent = (p - 1) >> 1
      const u = heap[parent] as number
      if ((dist[u] as number) <= d) break
      heap[p] = u
      heapPos[u] = p
      p = parent
    }
    heap[p] = v
    heapPos[v] = p
  }
  const popMin = (): number => {
    const top = heap[0] as number
    heapPos[top] = -1
    const last = heap[--heapSize] as number
    if (heapSize > 0) {
      const d = dist[last] as number
      let p = 0
      for (;;) {
        let c = 2 * p + 1
        if (c >= heapSize) break
        const r = c + 1
        if (
          r < heapSize &&
          (dist[heap[r] as number] as number) < (dist[heap[c] as number] as number)
        )
          c = r
        const u = heap[c] as number
        if ((dist[u] as number) >= d) break
        heap[p] = u
        heapPos[u] = p
        p = c
      }
      heap[p] = last
      heapPos[last] = p
    }
    return top
  }

  // Label v with d (reached from `from`, by `edge` for a buddy) if that improves it.
  let phase = -1
  let nTouched = 0
  const relax = (v: number, d: number, from: number, edge: number): boolean => {
    if (d >= (dist[v] as number) || settledAt[v] === phase) return false
    if (dist[v] === Number.POSITIVE_INFINITY) touched[nTouched++] = v
    dist[v] = d
    pred[v] = from
    predEdge[v] = edge
    const p = heapPos[v] as number
    siftUp(v, d, p >= 0 ? p : heapSize++)
    return true
  }

  const attach = (i: number, j: number): void => {
    const s = (slotStart[j] as number) + (used[j] as number)
    slotReq[s] = i
    slotOf[i] = s
    used[j] = (used[j] as number) + 1
  }
  const detach = (i: number, j: number): void => {
    const last = (slotStart[j] as number) + (used[j] as number) - 1
    const s = slotOf[i] as number
    const moved = slotReq[last] as number
    slotReq[s] = moved
    slotOf[moved] = s
    used[j] = (used[j] as number) - 1
  }

  for (let s0 = 0; s0 < n; s0++) {
    const e0 = start[s0] as number
    const e1 = start[s0 + 1] as number
    if (e0 === e1) continue // nobody can help this parent; nothing else changes

    // Potential of the new request: high enough that all its arcs have reduced cost >= 0.
    let p0 = pot[T] as number
    for (let e = e0; e < e1; e++) {
      const q = (pot[n + (to[e] as number)] as number) + (score[e] as number) * K + 1
      if (q > p0) p0 = q
    }
    pot[s0] = p0

    // Dijkstra from s0 until the sink is reached.
    phase = s0
    nTouched = 0
    let nSettled = 0
    relax(s0, 0, -1, -1)
    let D = 0
    while (heapSize > 0) {
      const v = popMin()
      const dv = dist[v] as number
      if (v === T) {
        D = dv
        break
      }
      settledAt[v] = s0
      settled[nSettled++] = v
      const pv = pot[v] as number
      if (v < n) {
        // A request: may leave its buddy (bypass to the sink) or move to another buddy.
        relax(T, dv + pv - (pot[T] as number), v, -1)
        // Labels at or beyond the sink's cannot matter. Buddy potentials start at 0 and only
        // ever decrease, so an edge costs at least base − weight: with edges sorted by score,
        // the first edge past the bound ends the scan.
        let bound = dist[T] as number
        const mine = matchEdge[v] as number
        const mj = mine >= 0 ? (to[mine] as number) : -1
        const base = dv + pv - 1
        for (let e = start[v] as number, end = start[v + 1] as number; e < end; e++) {
          const w = (score[e] as number) * K
          if (base - w >= bound) break
          const j = to[e] as number
          if (j === mj) continue
          const pj = pot[n + j] as number
          const d = base - w - pj
          if (d >= bound) continue
          // A buddy with room leads straight to the sink: label it now, which tightens the bound.
          if (relax(n + j, d, v, e) && (used[j] as number) < (room[j] as number)) {
            relax(T, d + pj - (pot[T] as number), n + j, -1)
            bound = dist[T] as number
          }
        }
      } else {
        // A buddy: has room (to the sink), or one of its parents moves on.
        const j = v - n
        if ((used[j] as number) < (room[j] as number)) relax(T, dv + pv - (pot[T] as number), v, -1)
        for (let s = slotStart[j] as number, end = s + (used[j] as number); s < end; s++) {
          const i = slotReq[s] as number
          const w = (score[matchEdge[i] as number] as number) * K + 1
          relax(i, dv + w + pv - (pot[i] as number), v, -1)
        }
      }
    }

    // Potentials: settled nodes move by d − D; everything else stays.
    for (let k = 0; k < nSettled; k++) {
      const v = settled[k] as number
      pot[v] = (pot[v] as number) + (dist[v] as number) - D
    }

    // Augment along the path back from the sink.
    let steps = 0
    let j = -1
    const last = pred[T] as number
    if (last < n) {
      // Path ends with a request leaving its buddy (or s0 staying unmatched).
      if (last !== s0) {
        j = to[matchEdge[last] as number] as number
        detach(last, j)
        matchEdge[last] = -1
      }
    } else {
      j = last - n
    }
    while (j >= 0) {
      if (++steps > n) throw new Error('batchMatch: broken augmenting path (internal error)')
      const i = pred[n + j] as number
      const prev = matchEdge[i] as number
      const prevJ = prev >= 0 ? (to[prev] as number) : -1
      if (prevJ >= 0) detach(i, prevJ)
      matchEdge[i] = predEdge[n + j] as number
      attach(i, j)
      j = i === s0 ? -1 : prevJ
    }

    // Reset the labels this step used.
    for (let k = 0; k < nTouched; k++) dist[touched[k] as number] = Number.POSITIVE_INFINITY
    while (heapSize > 0) heapPos[heap[--heapSize] as number] = -1
  }
  return matchEdge
}

/**
 * The best assignment of many requests at once: maximal total score, each request at most one
 * buddy, each buddy at most their remaining capacity, only eligible pairs. Among equally good
 * assignments, one that matches the most parents. Deterministic: the same ids give the same
 * result regardless of input order.
 */
export function batchMatch(
  requests: readonly BuddyRequest[],
  buddies: readonly Buddy[],
): MatchResult {
  const g = buildGraph(requests, buddies)
  return result(g, solveOptimal(g))
}

// ---------------------------------------------------------------------------------------------
// greedyMatch: the obvious baseline, for tests and the benchmark only

/**
 * Highest-score pairs first (ties: request id, then buddy id), skipping a pair when the request
 * already has a buddy or the buddy is full. Fast, but can leave parents without a buddy whom
 * batchMatch would help. Not for production use.
 */
export function greedyMatch(
  requests: readonly BuddyRequest[],
  buddies: readonly Buddy[],
): MatchResult {
  const g = buildGraph(requests, buddies)
  const n = g.requestIds.length
  const E = g.to.length
  // Counting sort of the edges by score, descending; stable, so ties stay in (request, buddy) order.
  const count = new Int32Array(g.maxScore + 2)
  for (let e = 0; e < E; e++) {
    const k = g.maxScore - (g.score[e] as number) + 1
    count[k] = (count[k] as number) + 1
  }
  for (let k = 1; k < count.length; k++) count[k] = (count[k] as number) + (count[k - 1] as number)
  const order = new Int32Array(E)
  const from = new Int32Array(E)
  for (let i = 0; i < n; i++) {
    for (let e = g.start[i] as number; e < (g.start[i + 1] as number); e++) {
      from[e] = i
      const k = g.maxScore - (g.score[e] as number)
      order[count[k] as number] = e
      count[k] = (count[k] as number) + 1
    }
  }
  const left = Int32Array.from(g.room)
  const matchEdge = new Int32Array(n).fill(-1)
  for (let k = 0; k < E; k++) {
    const e = order[k] as number
    const i = from[e] as number
    const j = g.to[e] as number
    if ((matchEdge[i] as number) >= 0 || (left[j] as number) === 0) continue
    matchEdge[i] = e
    left[j] = (left[j] as number) - 1
  }
  return result(g, matchEdge)
}
