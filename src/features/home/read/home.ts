// The home page's one load step: each section's data from the feature that owns it, asked
// together. What waits for the person themselves (their circle places and, for a parent, the
// buddy answers due) is one statement: the parent home costs one query beyond the session.
import type { Db } from '../../../core/db/index.ts'
import type { T } from '../../../core/i18n/index.ts'
import type { PolicyEnv } from '../../../core/policy.ts'
import { type Principal, schoolsWithRole } from '../../../core/principal.ts'
import { can } from '../../../policies.ts'
import {
  coordinatorWaiting,
  type ParentWaiting,
  parentWaiting,
  parentWaitingQuery,
  signalsSent,
} from '../../buddies/index.ts'
import { overview, type PlaceRow, placesQuery, runBy } from '../../circles/index.ts'
import { upcomingHours } from '../../partners/index.ts'
import { groupsTaughtBy } from '../../people/index.ts'
import type { HomeData, MunicipalFigures } from '../views/home.tsx'
import { schoolFigures } from './staff.ts'

interface Own {
  places: PlaceRow[]
  waiting: ParentWaiting | null
}

/** The person's own places, and what waits for their answer as a parent, in one statement. */
async function ownWaiting(db: Db, p: Principal, t: T): Promise<Own> {
  const places = placesQuery(db, p.personId).as('places')
  if (!p.schoolId || !p.roles.includes('parent')) {
    const row = await db.selectNoFrom([places]).executeTakeFirst()
    return { places: row?.places ?? [], waiting: null }
  }
  const b = parentWaitingQuery(db, p.schoolId, p.personId)
  const row = await db
    .selectNoFrom([places, b.offers.as('offers'), b.asks.as('asks'), b.checkins.as('checkins')])
    .executeTakeFirst()
  return {
    places: row?.places ?? [],
    waiting: parentWaiting(
      { offers: row?.offers ?? [], asks: row?.asks ?? [], checkins: row?.checkins ?? [] },
      t,
    ),
  }
}

export async function loadHome(db: Db, p: Principal, env: PolicyEnv, t: T): Promise<HomeData> {
  const roles = p.roles
  const has = (...r: Principal['roles']) => roles.some((x) => r.includes(x))
  const nothing = {
    groups: null,
    signals: null,
    coordinator: null,
    figures: null,
    runs: [],
    municipal: null,
    hours: null,
  }
  // The parent home is the page opened most: it asks nothing beyond the session (decision
  // 0004's floor: a second statement alone would take it under half a one-query page). What
  // waits for a parent's answer is on /buddies and /circles, which the home links to; showing
  // it here waits for a summary kept on the person's row (see the closing note of #11).
  if (roles.length > 0 && roles.every((r) => r === 'parent')) {
    return { roles, places: [], waiting: null, ...nothing }
  }
  // A neighbour without a school has only their places: the one statement.
  const schoolId = p.schoolId
  const viewer = schoolId ? { p: { ...p, schoolId }, env } : null
  const teaches = schoolId !== null && has('teacher')
  if (roles.length === 0) return { roles, ...(await ownWaiting(db, p, t)), ...nothing }
  const [mine, groups, signals, coordinator, figures, runs, municipal, hours] = await Promise.all([
    ownWaiting(db, p, t),
    teaches ? groupsTaughtBy(db, schoolId, p.personId) : null,
    teaches ? signalsSent(db, schoolId, p.personId) : null,
    viewer && can(p, 'buddies.coordinate', undefined, env) ? coordinatorWaiting(db, viewer) : null,
    schoolId && has('director', 'admin') ? schoolFigures(db, schoolId) : null,
    runBy(db, p.personId),
    has('municipal') ? municipalFigures(db, p) : null,
    schoolId && has('partner')
      ? upcomingHours(db, schoolId, new Date(), { partnerId: p.personId, limit: 3 })
      : null,
  ])
  // A convener of an autonomous circle holds a place in it too: it shows once, among those run.
  const run = new Set(runs.map((r) => r.id))
  const places = mine.places.filter((pl) => !run.has(pl.circleId))
  return {
    roles,
    ...mine,
    places,
    groups,
    signals,
    coordinator,
    figures,
    runs,
    municipal,
    hours,
  }
}

async function municipalFigures(db: Db, p: Principal): Promise<MunicipalFigures> {
  const rows = await overview(db, { schoolIds: schoolsWithRole(p, 'municipal') })
  return {
    schools: rows.length,
    circles: rows.reduce((n, r) => n + r.circles, 0),
    members: rows.reduce((n, r) => n + r.members, 0),
  }
}
