// What a coordinator reads: the work list of the themes they coordinate (requests with ranked
// candidates), the school's figures and the registry of buddies. Every name is asked of the
// policy ('buddies.seeName') for the record it appears on.
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import { NotFound } from '../../../core/errors.ts'
import { holds } from '../../../core/principal.ts'
import { can } from '../../../policies.ts'
import { type Ranked, rankCandidates } from '../matching.ts'
import { COORDINATORS, type CoordinationResource } from '../policy.ts'
import { NAMED_COORDINATOR_THEMES, THEMES } from '../themes.ts'
import { consented, standing } from './links.ts'
import { loadOfOffer, matchingPool, type Pool } from './pool.ts'
import type { Viewer } from './viewer.ts'

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
  request: Omit<Pool['requests'][number], 'name'> & { name: string | null }
  candidates: (Ranked & { name: string | null })[]
}

/**
 * The coordinator's work list: each open request of the themes they coordinate, with its
 * ranked candidates and reasons.
 */
export async function workList(db: Db, v: Viewer, c: Coordination, top = 3): Promise<WorkItem[]> {
  const pool = await matchingPool(db, v.p.schoolId)
  const names = new Map(pool.buddies.map((b) => [b.id, b.name]))
  return pool.requests
    .filter((r) => c.may(r.theme))
    .map((request) => {
      const seen = can(
        v.p,
        'buddies.seeName',
        { on: 'coordination', ...c.resource(request.theme) },
        v.env,
      )
      return {
        request: { ...request, name: seen ? request.name : null },
        // The engine itself never proposes a parent as their own buddy (personId on both sides).
        candidates: rankCandidates(request, pool.buddies)
          .slice(0, top)
          .map((cand) => ({ ...cand, name: seen ? (names.get(cand.buddyId) ?? '') : null })),
      }
    })
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
  items: WorkItem[]
  overview: Overview | null
}

export async function loadCoordinatorView(db: Db, v: Viewer): Promise<CoordinatorView | null> {
  const c = await coordination(db, v)
  if (!c.any) return null
  const everything = holds(v.p, ...COORDINATORS)
  const [items, o] = await Promise.all([
    workList(db, v, c),
    everything ? overview(db, v.p.schoolId) : null,
  ])
  return {
    everything,
    namedThemes: NAMED_COORDINATOR_THEMES.filter(c.may),
    items,
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
