// What a coordinator reads: the work list of the themes they coordinate (requests with ranked
// candidates), the school's figures and the registry of buddies. Every name is asked of the
// policy ('buddies.seeName') for the record it appears on.
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import { NotFound } from '../../../core/errors.ts'
import type { Viewer } from '../../../core/http/viewer.ts'
import { holds } from '../../../core/principal.ts'
import { can } from '../../../policies.ts'
import { type Ranked, rankCandidates } from '../matching.ts'
import { COORDINATORS, type CoordinationResource } from '../policy.ts'
import { DEFAULT_QUEUE, type QUEUE_STATUSES, type QueueFilter } from '../schema.ts'
import { NAMED_COORDINATOR_THEMES, THEMES } from '../themes.ts'
import { consented, standing } from './links.ts'
import { loadOfOffer, matchingPool, type Pool, requestsIn } from './pool.ts'

/** Which themes the asking coordinator may work on (decided by the policy). */
export type ThemeFilter = (theme: string) => boolean

/** The staff members a director named for 'nieuw' or 'taal' (ids only); others are the IB's. */
export async function themeCoordinators(db: Db, schoolId: string) {
  return db
    .selectFrom('buddy_theme_coordinators')
    .select(['theme', 'person_id as personId'])
    .where('school_id', '=', schoolId)
    .orderBy('theme')
    .execute()
}

export interface Coordination {
  may: ThemeFilter
  any: boolean
  resource: (theme: string) => CoordinationResource
}

/**
 * What this person coordinates, asked of the policy theme by theme: the IB and director every
 * theme, a named staff member only the themes named to them.
 */
export async function coordination(db: Db, v: Viewer): Promise<Coordination> {
  const named = new Map(
    (await themeCoordinators(db, v.p.schoolId)).map((n) => [n.theme, n.personId]),
  )
  const resource = (theme: string): CoordinationResource => ({
    schoolId: v.p.schoolId,
    theme,
    namedCoordinatorId: named.get(theme) ?? null,
  })
  const may: ThemeFilter = (theme) => can(v.p, 'buddies.coordinate', resource(theme), v.env)
  return { may, any: THEMES.some(may), resource }
}

/** An open request of this school, for the record-level coordination check. */
export async function loadRequest(db: Db, schoolId: string, requestId: string) {
  const row = await db
    .selectFrom('buddy_requests')
    .select(['id', 'school_id as schoolId', 'person_id as personId', 'theme', 'source', 'status'])
    .where('school_id', '=', schoolId)
    .where('id', '=', requestId)
    .executeTakeFirst()
  if (!row) throw new NotFound()
  return row
}

export interface WorkItem {
  request: Omit<Pool['requests'][number], 'name'> & { name: string | null; status: QueueStatus }
  candidates: (Ranked & { name: string | null })[]
}

type QueueStatus = (typeof QUEUE_STATUSES)[number]

/** One page of the work queue, and how many match the filter in all. */
export interface Queue {
  items: WorkItem[]
  total: number
  page: number
  pages: number
  filter: QueueFilter
  /** Whether the viewer may search by name (they see the names of the requests). */
  searchable: boolean
  /** Open requests from the start-of-year offer (for the batch match's sentence). */
  autoOpen: number
}

export const QUEUE_PAGE_SIZE = 10

/**
 * The coordinator's work queue: the requests of the themes they coordinate, narrowed by
 * theme, status, waiting time and name, sorted by waiting time, one page at a time. Only the
 * page's open requests get ranked candidates: ranking costs per request, paging does not.
 */
export async function workQueue(
  db: Db,
  v: Viewer,
  c: Coordination,
  filter: QueueFilter,
  top = 3,
): Promise<Queue> {
  const pool = await matchingPool(db, v.p.schoolId)
  const names = new Map(pool.buddies.map((b) => [b.id, b.name]))
  const seen = (theme: string) =>
    can(v.p, 'buddies.seeName', { on: 'coordination', ...c.resource(theme) }, v.env)
  const requests =
    filter.status === 'open'
      ? pool.requests
      : (await requestsIn(db, v.p.schoolId, 'proposed')).map((r) => ({
          ...r,
          waitingDays: Number(r.waitingDays),
          // Not ranked: a proposed request has its buddy; these fields are not shown.
          languages: [],
          childGrades: [],
        }))
  const mine = requests.filter((r) => c.may(r.theme))
  const searchable = mine.some((r) => seen(r.theme))
  const needle = filter.q.toLocaleLowerCase()
  const matching = mine
    .filter((r) => !filter.theme || r.theme === filter.theme)
    .filter((r) => r.waitingDays >= filter.wait)
    // A name is searched only where the viewer may see it: no guessing names by filtering.
    .filter((r) => !needle || (seen(r.theme) && r.name.toLocaleLowerCase().includes(needle)))
  // Both lists come oldest first (by the moment asked): the newest first is the reverse.
  if (filter.sort === 'newest') matching.reverse()
  const pages = Math.max(1, Math.ceil(matching.length / QUEUE_PAGE_SIZE))
  const page = Math.min(filter.page, pages)
  const items = matching
    .slice((page - 1) * QUEUE_PAGE_SIZE, page * QUEUE_PAGE_SIZE)
    .map((request) => {
      const named = seen(request.theme)
      return {
        request: { ...request, name: named ? request.name : null, status: filter.status },
        // The engine itself never proposes a parent as their own buddy (personId on both sides).
        candidates:
          filter.status === 'open'
            ? rankCandidates(request as Pool['requests'][number], pool.buddies)
                .slice(0, top)
                .map((cand) => ({ ...cand, name: named ? (names.get(cand.buddyId) ?? '') : null }))
            : [],
      }
    })
  return {
    items,
    total: matching.length,
    page,
    pages,
    filter: { ...filter, page },
    searchable,
    autoOpen: pool.requests.filter((r) => c.may(r.theme) && r.source === 'auto').length,
  }
}

export interface Overview {
  open: number
  proposed: number
  active: number
  waitingDaysMax: number
  idleBuddies: number
  /** Answers to "helpt het?": yes / somewhat / no. */
  helps: number
  helpsSomewhat: number
  helpsNot: number
}

export async function overview(db: Db, schoolId: string): Promise<Overview> {
  const r = await sql<Overview>`
    select
      (select count(*)::int from buddy_requests where school_id = ${schoolId} and status = 'open') as open,
      (select count(*)::int from buddy_requests where school_id = ${schoolId} and status = 'proposed') as proposed,
      (select count(*)::int from buddy_links l where school_id = ${schoolId} and ${consented('l')}
          and ${standing('l')}) as active,
      (select coalesce(max(extract(day from now() - created_at)), 0)::int from buddy_requests
          where school_id = ${schoolId} and status = 'open') as "waitingDaysMax",
      (select count(*)::int from buddy_offers o where school_id = ${schoolId} and status = 'active'
          and ${loadOfOffer()} = 0) as "idleBuddies",
      (select count(*)::int from buddy_checkins where school_id = ${schoolId} and answer = 'yes') as helps,
      (select count(*)::int from buddy_checkins where school_id = ${schoolId} and answer = 'somewhat') as "helpsSomewhat",
      (select count(*)::int from buddy_checkins where school_id = ${schoolId} and answer = 'no') as "helpsNot"`.execute(
    db,
  )
  return (
    r.rows[0] ?? {
      open: 0,
      proposed: 0,
      active: 0,
      waitingDaysMax: 0,
      idleBuddies: 0,
      helps: 0,
      helpsSomewhat: 0,
      helpsNot: 0,
    }
  )
}

/** What the coordinator's section of /buddies shows; null for someone who coordinates nothing. */
export interface CoordinatorView {
  /** The IB and director: every theme, and the school's figures. */
  everything: boolean
  /** The named themes this person coordinates (for a named teacher's heading). */
  namedThemes: string[]
  /** The themes this person may filter the queue on. */
  themes: string[]
  queue: Queue
  overview: Overview | null
}

export async function loadCoordinatorView(
  db: Db,
  v: Viewer,
  filter: QueueFilter = DEFAULT_QUEUE,
  themeCodes: readonly string[] = THEMES,
): Promise<CoordinatorView | null> {
  const c = await coordination(db, v)
  if (!c.any) return null
  const everything = holds(v.p, ...COORDINATORS)
  const [queue, o] = await Promise.all([
    workQueue(db, v, c, filter),
    everything ? overview(db, v.p.schoolId) : null,
  ])
  return {
    everything,
    namedThemes: NAMED_COORDINATOR_THEMES.filter(c.may),
    themes: themeCodes.filter(c.may),
    queue,
    overview: o,
  }
}

export interface RegistryRow {
  name: string | null
  themes: string[]
  languages: string[]
  capacity: number
  load: number
  status: string
  showName: boolean
}

/** The coordinators' overview of buddies (the route writes every view to the audit log). */
export async function registry(db: Db, v: Viewer): Promise<RegistryRow[]> {
  const { schoolId } = v.p
  const rows = await db
    .selectFrom('buddy_offers as o')
    .innerJoin('people as p', 'p.id', 'o.person_id')
    .select([
      'p.name',
      'o.themes',
      'o.languages',
      'o.capacity',
      'o.status',
      'o.show_name as showName',
      loadOfOffer().as('load'),
    ])
    .where('o.school_id', '=', schoolId)
    .where('o.status', '!=', 'withdrawn')
    .orderBy('p.name')
    .execute()
  const seen = can(v.p, 'buddies.seeName', { on: 'school', schoolId }, v.env)
  return rows.map((r) => ({ ...r, name: seen ? r.name : null, load: Number(r.load ?? 0) }))
}
